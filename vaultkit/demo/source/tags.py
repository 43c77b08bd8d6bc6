"""Demo concepts: tags and wiki pages. The first paragraph of each description is its definition;
the principles among them state one rule or regularity in their own words."""

TAGS = [
    dict(
        key="rationality", name="Rationality", core=True, karma=120,
        created="2020-06-01 00:00", updated="2023-04-12 16:20",
        description="<p><strong>Rationality</strong> is the craft of forming beliefs that track how things are "
                    "and of choosing actions that serve what you care about.</p>"
                    "<p>It splits into epistemic rationality (getting the map right) and instrumental rationality "
                    '(getting where you want to go). See also <a href="@@tag:calibration@@">Calibration</a> and '
                    '<a href="@@wiki:conservation@@">Conservation of Expected Evidence</a>.</p>',
    ),
    dict(
        key="calibration", name="Calibration", karma=64,
        created="2020-06-03 10:00", updated="2024-01-08 09:15",
        description="<p><strong>Calibration</strong> is the match between how sure a forecaster says they are and how "
                    "often they turn out right; this tag collects posts on measuring and training it.</p>"
                    "<p>Calibration can be measured with a handful of resolved predictions and improves with "
                    'feedback. A classic exercise is the <a href="@@post:calibration-quiz@@">ten-question quiz</a>.</p>',
    ),
    dict(
        key="overconfidence", name="Overconfidence", parent="calibration", karma=31,
        created="2020-07-19 12:00", updated="2022-02-02 08:00",
        description="<p><strong>Overconfidence:</strong> the 90% confidence intervals most people give for unfamiliar "
                    "quantities contain the true value far less often than nine times in ten.</p>"
                    "<p>The gap usually narrows with practice and with explicit feedback on resolved questions.</p>",
    ),
    dict(
        key="bayes", name="Bayes' Theorem", short_name="Bayes", old_slugs=["bayes-rule"], karma=88,
        created="2020-06-02 09:00", updated="2025-03-30 18:45",
        description="<p><strong>Bayes' theorem:</strong> the posterior odds of a hypothesis equal its prior odds "
                    "multiplied by the likelihood ratio of the evidence.</p>"
                    "<p>In probability form, P(H|E) = P(E|H) P(H) / P(E). The odds form is easier to use in your head; "
                    'see <a href="@@post:bayes-odds@@">Bayes\' Rule in Odds Form</a>.</p>',
    ),
    dict(
        key="conservation", name="Conservation of Expected Evidence", parent="bayes", wiki_only=True, karma=40,
        created="2020-08-14 13:30", updated="2021-11-21 10:05",
        description="<p><strong>Conservation of expected evidence:</strong> the probability-weighted average of the "
                    "beliefs you could hold after seeing the evidence equals the belief you hold now.</p>"
                    "<p>So if you expect a test to raise your confidence, you must also expect it might lower "
                    "it by enough to balance. You cannot plan to be persuaded in a known direction.</p>",
    ),
    dict(
        key="cromwell", name="Cromwell's Rule", wiki_only=True, karma=22,
        created="2021-02-10 15:00", updated="2021-02-11 09:00",
        description="<p><strong>Cromwell's rule:</strong> never assign a probability of exactly 0 or 1 to a claim "
                    "about the world, because no evidence could ever move such a belief.</p>"
                    "<p>The name recalls a letter asking readers to consider that they might be mistaken.</p>",
    ),
    dict(
        key="goodhart", name="Goodhart's Law", old_slugs=["goodhart-s-law"], karma=97,
        created="2020-06-05 08:00", updated="2025-09-01 12:00",
        description="<p><strong>Goodhart's law:</strong> when a measure becomes a target, it tends to stop being a "
                    "good measure.</p>"
                    "<p>Optimisation pressure finds the places where the proxy and the goal come apart. "
                    'The sequence <a href="@@seq:targets/thermostat@@">Measures and Targets</a> collects the main '
                    "variants.</p>",
    ),
    dict(
        key="planning-fallacy", name="Planning Fallacy", karma=45,
        created="2020-06-20 17:00", updated="2024-05-05 05:05",
        description="<p>The <strong>planning fallacy</strong> is the tendency of people to underestimate how long "
                    "their own projects will take, even when they know that similar projects ran late.</p>"
                    "<p>The usual remedy is the outside view: compare with a reference class.</p>",
    ),
    dict(
        key="base-rates", name="Reference Class Forecasting", short_name="Base rates", karma=52,
        created="2020-09-09 09:09", updated="2023-10-10 10:10",
        description="<p><strong>Reference class forecasting:</strong> start every prediction from the base rate of "
                    "similar past cases, and only then adjust for what makes this case different.</p>"
                    "<p>Choosing the reference class is the hard part; try two or three and compare.</p>",
    ),
    dict(
        key="scope", name="Scope Insensitivity", karma=38,
        created="2020-06-21 11:00", updated="2022-12-24 19:30",
        description="<p><strong>Scope insensitivity:</strong> the amount people will pay to solve a problem usually "
                    "grows far more slowly than the size of the problem.</p>"
                    "<p>Saving two thousand birds and saving two hundred thousand birds often get similar "
                    "bids in surveys.</p>",
    ),
    dict(
        key="steelmanning", name="Steelmanning", karma=29,
        created="2020-11-30 20:00", updated="2023-03-03 13:00",
        description="<p><strong>Steelmanning:</strong> before you reject a position, restate it in the strongest form "
                    "you can find and argue against that version.</p>"
                    "<p>The opposite of a straw man.</p>",
    ),
    dict(
        key="fermi", name="Fermi Estimation", karma=33,
        created="2020-06-25 06:30", updated="2022-08-16 16:16",
        description="<p>A <strong>Fermi estimate</strong> is a rough numerical answer built by multiplying a few "
                    "quantities, each of which you can guess within a factor of two or three.</p>"
                    "<p>Errors in the factors partly cancel, so the product is often better than any of its "
                    "parts deserves.</p>",
    ),
    dict(
        key="voi", name="Value of Information", wiki_only=True, karma=26,
        created="2021-05-05 12:00", updated="2024-06-30 22:10",
        description="<p><strong>Value of information:</strong> gather more evidence only when the expected improvement "
                    "in your decision is worth more than the evidence costs.</p>"
                    "<p>Information that could not change what you do is worth nothing to the decision, however "
                    "interesting it is.</p>",
    ),
    dict(
        key="confusion", name="Noticing Confusion", karma=41,
        created="2020-07-01 07:00", updated="2025-12-20 14:40",
        description="<p><strong>Noticing confusion:</strong> when an explanation feels strained, treat the feeling as "
                    "a sign that one of your beliefs is probably wrong.</p>"
                    "<p>The skill is mostly in noticing the faint version of the feeling before you explain it away.</p>",
    ),
    dict(
        key="alignment", name="AI Alignment", core=True, karma=150,
        created="2020-06-01 00:00", updated="2025-07-07 07:07",
        description="<p><strong>AI alignment</strong> is the problem of making sure that capable AI systems pursue the "
                    "goals their designers intended.</p>",
    ),
    dict(
        key="world-modeling", name="World Modeling", core=True, karma=110,
        created="2020-06-01 00:00", updated="2025-02-14 11:00",
        description="<p><strong>World Modeling</strong> collects posts about understanding how the world works: "
                    "the sciences, history, economics and the mechanics of everyday things.</p>"
                    "<p>Its sister core tags cover the craft of thinking itself and AI alignment.</p>",
    ),
    dict(
        key="decision-theory", name="Decision Theory", parent="rationality", karma=58,
        created="2020-07-04 14:00", updated="2024-11-02 09:30",
        description="<p><strong>Decision theory</strong> is the field that studies how an agent should choose among "
                    "actions, given what it believes and what it wants.</p>"
                    "<p>Posts here range from expected-value arithmetic to puzzles where the standard "
                    "theories disagree.</p>",
    ),
]
