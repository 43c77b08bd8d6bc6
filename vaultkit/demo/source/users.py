"""Demo authors. `slug` defaults to the slugified display name."""

USERS = [
    dict(
        key="mira", display="Mira Castellanos", username="mcastellanos", full_name="Mira Castellanos",
        joined="2009-02-27 18:04", karma=8421, af_karma=35, website="example.org/mira",
        bio="<p>Statistician by training, forecaster by habit. I write about calibration and about "
            "turning vague hunches into numbers you can check. I compiled the sequence "
            '<a href="@@seq:probabilities/calibration-skill@@">Thinking in Probabilities</a>.</p>',
    ),
    dict(
        key="tobias", display="Tobias Renner", username="trenner",
        joined="2010-06-11 09:30", karma=3120,
        bio="<p>Operations researcher. Interested in incentives, metrics and the many ways a number "
            "can stop meaning what it used to mean.</p><p>Mostly lurking since 2016.</p>",
    ),
    dict(
        key="ada", display="Ada Okonkwo", username="ada_ok",
        joined="2017-11-03 21:12", karma=2210,
        bio="<p>I run a small grant-making circle and try to keep our decisions honest with base rates. "
            "Opinions are mine, errors too.</p>",
    ),
    dict(
        key="quiet", display="quietbayesian", username="quietbayesian", old_slugs=["quiet-bayesian"],
        joined="2012-04-19 03:41", karma=940,
        bio="<p>Pseudonymous. Likes small simulations, dislikes big claims.</p>",
    ),
    dict(
        key="priya", display="Priya Ramanathan", username="priyar", full_name="Priya Ramanathan",
        joined="2019-01-22 14:55", karma=5310, af_karma=1240, website="https://priya.example.net",
        bio="<p>Research scientist working on reward specification and evaluation. Writes about "
            '<a href="@@tag:goodhart@@">proxies and targets</a> and the value of information.</p>',
    ),
    dict(
        key="jonas", display="Jonas Feld", username="jfeld",
        joined="2021-08-30 07:20", karma=410,
        bio="<p>Software engineer. I estimate things for a living and am usually late.</p>",
    ),
    dict(
        key="hal", display="Hal Ostrander", username="hal_o", deleted=True,
        joined="2009-03-02 11:00", karma=150,
        bio="<p>Account closed.</p>",
    ),
]
