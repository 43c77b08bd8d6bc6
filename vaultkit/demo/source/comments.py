"""Demo comments. `parent` names the comment replied to; answers on the question post carry
`answer=True`, and their replies get `parentAnswerId` from `build.py`. Markup as in posts."""

COMMENTS = [
    # Calibration Is a Skill You Can Practice (2009)
    dict(key="c-cal-1", post="calibration-skill", author="tobias", posted="2009-03-14 21:10", karma=12,
         body="<p>Tried this for a week. My 90% claims came true 70% of the time, which was humbling. "
              "Is there a minimum number of claims before the bins mean anything?</p>"),
    dict(key="c-cal-2", post="calibration-skill", parent="c-cal-1", author="mira", posted="2009-03-15 08:02", karma=9,
         body="<p>A few dozen per bin before I would trust a single bin. The overall score settles much sooner.</p>"),
    dict(key="c-cal-3", post="calibration-skill", parent="c-cal-2", author=None, posted="2009-03-15 12:40", karma=3,
         body="<p>Worth adding: the bins at 50% tell you almost nothing, since a coin does as well.</p>"),
    dict(key="c-cal-4", post="calibration-skill", author="quiet", posted="2012-05-01 23:55", karma=5,
         body="<p>Three years later: still doing this, still overconfident on anything involving my own "
              "schedule. See <a href=\"@@post:prediction-journal@@\">the journal post</a> for a longer log.</p>"),
    # The Map Is Not the Territory (2009, deleted author)
    dict(key="c-map-1", post="map-territory", author="tobias", posted="2009-05-03 07:15", karma=6,
         body="<p>The habit of dating beliefs is underrated. I have started writing the year next to opinions "
              "in my notes.</p>"),
    dict(key="c-map-2", post="map-territory", parent="c-map-1", author="hal", posted="2009-05-03 09:30",
         karma=0, deleted=True, deleted_reason="", body=None),
    dict(key="c-map-3", post="map-territory", parent="c-map-2", author="quiet", posted="2012-06-10 14:00", karma=2,
         body="<p>Whatever the parent said, the thread is a good example of the point: the context is gone and "
              "only the map of the conversation is left.</p>"),
    dict(key="c-map-4", post="map-territory", author="hal", posted="2009-05-04 18:22", karma=4,
         body="<p>Author here: a subway map is the example I should have used. Maybe next time.</p>"),
    # Fermi Estimates at the Dinner Table (2012)
    dict(key="c-fermi-1", post="fermi-dinner", author="mira", posted="2012-01-15 11:30", karma=8,
         body="<p>Nice. A useful check is to estimate the same quantity along two different paths and see "
              "whether they land within a factor of three of each other.</p>"),
    dict(key="c-fermi-2", post="fermi-dinner", parent="c-fermi-1", author="tobias", posted="2012-01-16 09:45", karma=4,
         body="<p>We did that for the pianos via piano shops instead of households, and got 20. Close enough "
              "to stop arguing.</p>"),
    # Noticing the Feeling of Confusion (2012)
    dict(key="c-conf-1", post="noticing-confusion", author="ada", posted="2018-02-11 20:00", karma=11,
         body="<p>Reading this years later: \"bugs do not go away on their own\" is now on a sticky note on my "
              "monitor.</p>"),
    dict(key="c-conf-2", post="noticing-confusion", parent="c-conf-1", author="quiet", posted="2018-02-12 06:10", karma=6,
         body="<p>Glad it travelled. The sticky note will stop working in a month; move it somewhere new.</p>"),
    # When the Thermometer Becomes the Thermostat (2014)
    dict(key="c-thermo-1", post="thermostat", author="priya", posted="2019-04-03 10:20", karma=21,
         body="<p>The same thing happens with reward functions in machine learning, only faster and without "
              "anyone intending it.</p>"),
    dict(key="c-thermo-2", post="thermostat", parent="c-thermo-1", author="tobias", posted="2019-04-03 12:05", karma=8,
         body="<p>Yes, and there the \"secret thermometer\" advice becomes a held-out evaluation set.</p>"),
    dict(key="c-thermo-3", post="thermostat", parent="c-thermo-2", author="jonas", posted="2021-10-02 08:40", karma=5,
         body="<p>Which then leaks into the training set by the third paper. Thermometers decay too.</p>"),
    dict(key="c-thermo-4", post="thermostat", author="ada", posted="2020-01-20 16:16", karma=3,
         body="<p>Grant reports have the same problem: we measured \"people reached\" and got very large "
              "mailing lists.</p>"),
    # A Calibration Quiz With Hidden Answers (2018)
    dict(key="c-quiz-1", post="calibration-quiz", author="ada", posted="2018-04-02 19:00", karma=7,
         body="<p>Two out of four. The tree got me; I had no idea they grow that tall.</p>"),
    dict(key="c-quiz-2", post="calibration-quiz", author="jonas", posted="2021-09-01 12:30", karma=4,
         body="<p>Three of four, but my Danube range was 500 to 5,000 km, which feels like cheating.</p>"),
    dict(key="c-quiz-3", post="calibration-quiz", parent="c-quiz-2", author="mira", posted="2021-09-01 15:10", karma=9,
         body="<p>Not cheating at all. If that is what 80% honestly feels like for you, the range should be wide.</p>"),
    # Simulating Calibration in Twenty Lines (2019)
    dict(key="c-sim-1", post="calibration-sim", author="mira", posted="2019-03-04 08:30", karma=6,
         body="<p>I will point people here whenever they worry about one odd bin. For a longer series of these "
              "simulations see the rest of <a href=\"/users/quiet-bayesian\">quietbayesian's posts</a>.</p>"),
    # Your 90% Intervals Are Too Narrow (2019)
    dict(key="c-int-1", post="intervals", author="quiet", posted="2019-11-21 09:00", karma=14, math="mathjax2",
         body=r"<p>For a normal belief the 50% interval is \(\mu \pm 0.674\,\sigma\), so the round-one intervals "
              r"match that almost exactly. Striking.</p>"),
    dict(key="c-int-2", post="intervals", parent="c-int-1", author="mira", posted="2019-11-21 10:30", karma=7,
         body="<p>That was my reading too, though with this sample I would not lean on the second decimal.</p>"),
    # Bayes' Rule in Odds Form (2020)
    dict(key="c-bayes-1", post="bayes-odds", author="jonas", posted="2021-08-31 21:00", karma=10,
         body="<p>The ladder picture is what finally made this click for me. Three rungs for a factor of ten is "
              "easy to remember.</p>"),
    dict(key="c-bayes-2", post="bayes-odds", parent="c-bayes-1", author="mira", posted="2021-09-01 07:45", karma=5,
         body="<p>And ten rungs is about a thousand, which is handy for rare diseases.</p>"),
    dict(key="c-bayes-3", post="bayes-odds", author="priya", posted="2020-02-18 13:13", karma=1, retracted=True,
         body="<p>I think the false positive rate in the example should be 10%, not 9%.</p><p>Edit: no, 9% is "
              "right; I misread. Retracting.</p>"),
    # You Can't Plan to Be Persuaded (2021)
    dict(key="c-cons-1", post="conservation", author="tobias", posted="2021-03-09 08:00", karma=13,
         body="<p>The point about stopping rules deserves its own post. Most motivated reasoning I see is in "
              "when people stop looking, not in how they weigh what they found.</p>"),
    dict(key="c-cons-2", post="conservation", parent="c-cons-1", author="quiet", posted="2021-03-09 11:25", karma=8,
         body="<p>Agreed. Coauthor here; it was in an earlier draft and we cut it for length.</p>"),
    # Four Ways a Proxy Comes Apart (2021, Alignment Forum)
    dict(key="c-proxy-1", post="proxy-gap", author="tobias", posted="2021-09-27 19:00", karma=16, af=True,
         body="<p>Is the causal case really distinct from the extremal one? Pushing a symptom hard seems to "
              "land you in extremal territory anyway.</p>"),
    dict(key="c-proxy-2", post="proxy-gap", parent="c-proxy-1", author="priya", posted="2021-09-28 09:15", karma=12, af=True,
         body="<p>They often co-occur, but you can have the causal failure with a tiny push: paint the "
              "thermometer and the room stays cold.</p>"),
    dict(key="c-proxy-3", post="proxy-gap", author="jonas", posted="2021-10-04 22:30", karma=-3,
         body="<p>Isn't this all just overfitting with extra steps?</p>"),
    dict(key="c-proxy-4", post="proxy-gap", parent="c-proxy-3", author="priya", posted="2021-10-05 07:50", karma=9,
         body="<p>Regression is close to overfitting; the adversarial case is not, because the pressure comes "
              "from an agent who wants the gap.</p>"),
    # What Is Your Best Trick for Estimating How Long Things Take? (question, 2022)
    dict(key="a-dur-1", post="duration-question", author="ada", posted="2022-11-02 21:00", karma=25, answer=True,
         body="<p>Keep a log of your own estimates and actuals, per kind of task. After a month you have a "
              "reference class that is about you, which beats any general advice.</p>"),
    dict(key="a-dur-1-r1", post="duration-question", parent="a-dur-1", author="jonas", posted="2022-11-03 07:30", karma=6,
         body="<p>What counts as a kind of task? I worry I will slice it so finely that each kind has one entry.</p>"),
    dict(key="a-dur-1-r2", post="duration-question", parent="a-dur-1-r1", author="ada", posted="2022-11-03 09:10", karma=7,
         body="<p>Three or four kinds is plenty. Coarse classes with data beat fine classes without.</p>"),
    dict(key="a-dur-2", post="duration-question", author="tobias", posted="2022-11-03 12:00", karma=18, answer=True,
         body="<p>Break the task into pieces you can each estimate, add them up, and then add a line item "
              "called \"things I have not thought of\" equal to a third of the total.</p>"),
    dict(key="a-dur-2-r1", post="duration-question", parent="a-dur-2", author="mira", posted="2022-11-03 18:45", karma=5,
         body="<p>The line item is the important part. Decomposition alone often makes estimates <em>more</em> "
              "optimistic, because each piece gets the happy path.</p>"),
    dict(key="a-dur-3", post="duration-question", author="mira", posted="2022-11-04 08:20", karma=12, answer=True,
         body="<p>Ask someone who does not care about the project to estimate it from a two-line description. "
              "Their ignorance is a feature: they can only use the outside view.</p>"),
    dict(key="c-dur-1", post="duration-question", author="quiet", posted="2022-11-02 22:15", karma=2,
         body="<p>Not an answer, but the <a href=\"@@tag:planning-fallacy@@\">tag page</a> has a reading list.</p>"),
    dict(key="c-dur-2", post="duration-question", parent="c-dur-1", author="jonas", posted="2022-11-03 07:35", karma=1,
         body="<p>Thanks. I read it; I was hoping for <a href=\"@@comment:duration-question/a-dur-1@@\">practical "
              "answers like this one</a>.</p>"),
    # Start From the Base Rate (2023)
    dict(key="c-base-1", post="base-rates", author="mira", posted="2023-02-14 16:30", karma=10,
         body="<p>The two-person rule for big adjustments is a good idea I had not seen before.</p>"),
    dict(key="c-base-2", post="base-rates", parent="c-base-1", author="ada", posted="2023-02-15 08:00", karma=4,
         body="<p>It mostly works by making people too lazy to argue for large adjustments, which is fine.</p>"),
    # Scope Sensitivity for Small Donors (2023, crosspost)
    dict(key="c-donor-1", post="donor-scope", author="tobias", posted="2023-08-21 12:00", karma=6,
         body="<p>Deciding the yearly total first is the most practical advice here.</p>"),
    dict(key="c-donor-2", post="donor-scope", parent="c-donor-1", author="ada", posted="2023-08-22 10:10", karma=3,
         body="<p>It also ends the guilt spiral of giving $20 to every appeal.</p>"),
    # The hostile title (2024)
    dict(key="c-hostile-1", post="hostile", author="quiet", posted="2024-07-04 15:00", karma=7,
         body="<p>Your title broke my note-taking app. Well played.</p>"),
    # Metrics You Can Live With (2025)
    dict(key="c-metrics-1", post="metrics-live", author="tobias", posted="2025-06-16 13:40", karma=11,
         body="<p>\"Watched, not rewarded\" is the thermometer idea from 2014, and I am pleased it survived.</p>"),
    dict(key="c-metrics-2", post="metrics-live", parent="c-metrics-1", author="priya", posted="2025-06-16 15:00", karma=6,
         body="<p>It is the one piece of advice that survived every team I have worked with.</p>"),
    # Noticing Confusion, Ten Years Later (2025)
    dict(key="c-revisit-1", post="confusion-revisited", author="ada", posted="2025-12-03 09:00", karma=8,
         body="<p>A one-in-four hit rate for a one-second check is better than most of my planning rituals.</p>"),
    # Log Odds Add Up (2026)
    dict(key="c-logodds-1", post="log-odds", author="quiet", posted="2026-03-05 12:30", karma=9, math="mathjax3",
         body=r"<p>Small addition: in natural log units a factor of \(e\) is one nat, and \(1\) bit is about "
              r"\(0.69\) nats.</p>"),
    dict(key="c-logodds-2", post="log-odds", parent="c-logodds-1", author="priya", posted="2026-03-05 14:00", karma=4,
         body="<p>True, though bits are easier to count on fingers.</p>"),
    # Tables for Decisions (2026)
    dict(key="c-tables-1", post="decision-tables", author="ada", posted="2026-05-18 10:00", karma=5,
         body="<p>The honest-baseline row is the best part. Stealing it.</p>"),
    dict(key="c-tables-2", post="decision-tables", parent="c-tables-1", author="jonas", posted="2026-05-18 11:20", karma=3,
         body="<p>Please do. It came out of a <a href=\"@@post:premortem@@\">pre-mortem</a> that went badly.</p>"),
    # Base Rates on the Bus (2010)
    dict(key="c-bus-1", post="bus-base-rates", author="tobias", posted="2010-09-04 18:00", karma=5,
         body="<p>31% is a lot higher than I would have guessed for a city bus. Did the rate change with the "
              "seasons?</p>"),
    dict(key="c-bus-2", post="bus-base-rates", parent="c-bus-1", author="mira", posted="2010-09-05 08:10", karma=4,
         body="<p>Winter was worse, about 38%, but less than I expected. The big swings were from roadworks, "
              "which no forecast of mine ever included.</p>"),
    # Dialogue: Is Steelmanning Overrated? (2023)
    dict(key="c-dialogue-1", post="steelman-dialogue", author="mira", posted="2023-10-12 18:00", karma=8,
         body="<p>Flattered by the mention. The behaviour test is a good addition; it is the outside view applied "
              "to an argument.</p>"),
]
