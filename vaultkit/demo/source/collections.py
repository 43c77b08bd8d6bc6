"""Demo sequences and the collection that binds them into books."""

SEQUENCES = [
    dict(
        key="probabilities", title="Thinking in Probabilities", author="mira", created="2021-05-01 12:00",
        curated_order=1,
        description="<p>A short course in treating beliefs as probabilities: how to tell whether your confidence "
                    "means anything, how to update on evidence, and how to estimate what you cannot look up.</p>",
        chapters=[
            dict(title="Beliefs as Bets", subtitle="Measuring your own confidence",
                 description="<p>Confidence is a skill with units you can learn.</p>",
                 posts=["calibration-skill", "calibration-quiz", "intervals"]),
            dict(title="Updating", subtitle="What evidence is worth",
                 description="<p>The odds form of Bayes' rule and two consequences of it.</p>",
                 posts=["bayes-odds", "conservation", "members-exercises", "cromwell"]),
            dict(title="Estimating",
                 description="<p>Rough numbers for questions without answers in the back of the book.</p>",
                 posts=["fermi-dinner", "base-rates", "planning-late"]),
        ],
    ),
    dict(
        key="targets", title="Measures and Targets", author="tobias", created="2022-02-02 09:00",
        description="<p>Three essays on <a href=\"@@tag:goodhart@@\">Goodhart's law</a>, from the call centre "
                    "to trained models.</p>",
        chapters=[
            dict(posts=["thermostat", "proxy-gap", "metrics-live"]),
        ],
    ),
]

COLLECTIONS = [
    dict(
        key="field-guide", slug="field-guide", title="A Field Guide to Reasoning", author="mira",
        created="2023-01-10 10:00", first_page="@@seq:probabilities/calibration-skill@@",
        description="<p>Two small books for readers who want to reason under uncertainty and to measure "
                    "things without being fooled by their own measures. Written by several authors over "
                    "seventeen years; the essays are short and can be read in any order.</p>",
        books=[
            dict(title="Uncertainty", subtitle="Book I",
                 description="<p>Calibration, updating and estimation.</p>",
                 sequences=["probabilities"]),
            dict(title="Incentives", subtitle="Book II",
                 description="<p>What happens to a number once someone is rewarded for it. Ends with a "
                             "practical note on scope.</p>",
                 sequences=["targets"], posts=["donor-scope"]),
        ],
    ),
]
