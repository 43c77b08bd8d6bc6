"""Posts of the LW1 era (2009-2017): imported HTML, codecogs formulas, legacy `/lw/xx/slug` links.

Body markup: `\\(tex\\)` and `\\[tex\\]` are formulas rendered in the post's `math` dialect,
`[^label]` are footnote references, `@@form:key@@` are links resolved by `build.py`.
"""

POSTS_EARLY = [
    dict(
        key="calibration-skill", title="Calibration Is a Skill You Can Practice", author="mira",
        posted="2009-03-14 19:02", karma=46, votes=51, legacy_id="1b", editor="html", math="codecogs",
        tags={"calibration": 3, "rationality": 1}, curated="2009-03-20 12:00",
        body=r"""<p>Most of us treat confidence as a mood. You feel sure or you do not, and there is little to be done about it. I want to argue that confidence is closer to a skill, like judging distances or weighing flour by hand, and that it improves the same way: by making many small guesses and checking them.</p>
<p>The exercise is simple. Each morning, write down five claims you are unsure about and a probability for each. In the evening, mark which came true. After a few weeks, sort the claims into bins (50-60%, 60-70% and so on) and compare the share that came true in each bin with the bin's label. If your 80% claims come true only 60% of the time, you now know something useful about your own voice.</p>
<p>A single number summarises the whole record. With forecasts \(f_i\) and outcomes \(o_i\) (1 if true, 0 if not), the Brier score is</p>
<p>\[B = \frac{1}{N}\sum_i (f_i - o_i)^2\]</p>
<p>Lower is better. Always answering 50% earns 0.25, which is the score to beat.</p>
<p>Two warnings. First, do not choose only questions you find easy; the record will flatter you. Second, a good score on trivia does not transfer automatically to questions you care about, where wishful thinking pulls harder. Practise on both.</p>
<p>I will post my own log after a month, embarrassments included.</p>""",
    ),
    dict(
        key="map-territory", title="The Map Is Not the Territory", author="hal",
        posted="2009-05-02 22:40", karma=19, legacy_id="2f", editor="html",
        tags={"rationality": 2},
        body=r"""<p>A road map that showed every pothole would be as large as the road and just as hard to read. Every useful map leaves things out. That is what makes it useful, and it is also why it can mislead you.</p>
<blockquote><p>The question is never whether your map is wrong. It is wrong. The question is where, and whether you will notice before you drive into the lake.</p></blockquote>
<p>Beliefs work the same way. When I say "my colleague is reliable", I have compressed hundreds of interactions into one word. The compression is efficient until the day it is not, and on that day the word sits in my head, perfectly confident, while the territory has changed.</p>
<p>Three habits help:</p>
<ul>
<li>Keep the date on your beliefs. A belief formed five years ago describes the territory of five years ago.</li>
<li>Ask what would look different if the belief were false, and go and look.</li>
<li>Notice when you defend a belief by appeal to the belief itself.</li>
</ul>
<p>None of this is new. It is just easy to forget, because from the inside a map never looks like a map. It looks like the world.</p>""",
    ),
    dict(
        key="fermi-dinner", title="Fermi Estimates at the Dinner Table", author="tobias",
        posted="2012-01-15 08:00", karma=33, legacy_id="9az", editor="html", math="codecogs",
        tags={"fermi": 3, "rationality": 1, "world-modeling": 1},
        body=r"""<p>Last week a friend asked how many piano tuners work in our city. Nobody at the table knew, and the conversation was about to move on when I suggested we estimate it. Twenty minutes later we had a number, an argument, and, once someone looked it up, a pleasant surprise: we were within a factor of two.</p>
<p>The method is to split the unknown into pieces you can guess. Our city has about 600,000 people, perhaps 250,000 households. Maybe one household in twenty has a piano, so 12,500 pianos. Each is tuned about once a year. A tuner can do four a day for 250 days, so a thousand a year. That gives</p>
<p>\[\frac{12500 \times 1}{1000} \approx 12\]</p>
<p>tuners, give or take.</p>
<p>Why does this work at all, when every factor is a guess? Because errors in independent factors tend to partly cancel. If each guess is off by a random factor of two, the product of five guesses is off by much less than \(2^5\).</p>
<p>The social value surprised me more than the accuracy. A dinner argument about "a lot" versus "not many" goes nowhere. An argument about whether one household in twenty or one in fifty owns a piano can be settled, or at least sharpened.</p>
<p>For a tidier treatment of the arithmetic see <a href="@@lw1:calibration-skill@@">the calibration post</a>, which shows how to check whether your guesses are as good as you think.</p>""",
    ),
    dict(
        key="noticing-confusion", title="Noticing the Feeling of Confusion", author="quiet",
        posted="2012-01-15 08:00", karma=58, legacy_id="9b0", editor="html",
        tags={"confusion": 3, "rationality": 1},
        body=r"""<p>A colleague once told me that our build server had "fixed itself" overnight. I nodded and went back to work. Two days later we found that someone had quietly rolled back a security patch to get the build green. The explanation I had accepted was not an explanation at all, and some part of me had known: I remember a faint itch when I heard it.</p>
<p>That itch is what I want to talk about. Confusion rarely arrives as a loud alarm. It is a small sense that a story does not quite fit, and it is easy to smooth over with a shrug or a vague cause ("it fixed itself", "the market was nervous", "that's just how she is").</p>
<p>I now try to treat the itch as data. When an account feels slightly strained, I ask: if the world were as I believe, would I have expected this? If not, then either the account is false or one of my beliefs is. Both are worth knowing.</p>
<p>The hard part is not the reasoning. It is catching the feeling while it is still faint, before the mind has found a comfortable story. Practise on small things: the friend who is unusually quiet, the number that is rounder than it should be, the bug that goes away on its own.</p>
<p>Bugs do not go away on their own.</p>""",
    ),
    dict(
        key="drowning-birds", title="Drowning Birds and Round Numbers", author="tobias",
        posted="2012-01-15 08:00", karma=27, legacy_id="9b1", editor="html",
        tags={"scope": 3},
        body=r"""<p>Imagine three surveys. The first asks how much you would pay to protect 2,000 seabirds from an oil spill. The second says 20,000 birds, the third 200,000. Most people expect the answers to differ by a factor of a hundred. In experiments of this kind they barely differ at all: one group might offer $80, another $78, another $88.</p>
<p>The usual explanation is that people do not picture two hundred thousand birds. They picture one bird, oily and exhausted, and price their feeling about that image. The number is only decoration.</p>
<p>I find this unsettling because I do it too. When a charity writes "a $5 donation feeds a family for a day" I feel roughly the same warm glow as when it writes "$10". The glow is about the act of giving, not about its size.</p>
<p>There are two ways to respond. One is to distrust every feeling about magnitude and do the arithmetic instead. The other is to deliberately imagine scale: not "200,000 birds" but "a hundred beaches, each with two thousand birds on it". Neither works perfectly. Doing the arithmetic at least leaves a record you can check later.</p>
<p>See also <a href="@@post:fermi-dinner@@">Fermi Estimates at the Dinner Table</a> for a lighter way to keep numbers honest.</p>""",
    ),
    dict(
        key="prediction-journal", title="On Keeping a Prediction Journal", author=None,
        posted="2013-04-09 16:25", karma=12, legacy_id="h3k", editor="html",
        tags={"calibration": 2},
        body=r"""<p>For two years I have kept a notebook of predictions. Nothing sophisticated: a date, a claim, a probability, and a blank line to fill in later. Here is what I learned.</p>
<ol>
<li>Most of my predictions were about other people's behaviour, and those were my worst.</li>
<li>I was better calibrated on work questions than on personal ones, by a wide margin.</li>
<li>Writing the prediction down changed my behaviour. Twice I caught myself acting to make a prediction come true.</li>
</ol>
<p>The third point deserves care. If you predict that you will finish a project by Friday and then work late to make it so, you have learned about your willpower, not about your forecasting. I started marking such cases with an asterisk and leaving them out of the score.</p>
<p>The notebook also made me humbler in conversation. It is hard to say "obviously" after reading a page of your own confident mistakes.</p>
<p>If you start one, resolve it honestly and often. A journal you only open when you were right is worse than none: it trains the very overconfidence you hoped to cure. There is a good starting exercise in <a href="@@lw1:calibration-skill@@">Calibration Is a Skill You Can Practice</a>.</p>""",
    ),
    dict(
        key="thermostat", title="When the Thermometer Becomes the Thermostat", author="tobias",
        posted="2014-10-02 13:10", modified="2019-04-05 08:00", karma=71, legacy_id="l2c", editor="html",
        tags={"goodhart": 3, "rationality": 1},
        body=r"""<p>A thermometer tells you how warm the room is. A thermostat decides how warm the room will be. The difference sounds trivial, yet most organisations blur it every quarter.</p>
<p>Take a call centre that measures average call length because short calls once meant efficient staff. The number was a good thermometer. Then someone made it a target, with bonuses attached, and it became a thermostat. Staff learned to transfer difficult callers, to hang up on long questions, to promise callbacks that never came. Average call length fell beautifully. Customer satisfaction, which the number had been standing in for, fell too.</p>
<p>This is the pattern usually called Goodhart's law. A measure works because, under normal conditions, it moves together with the thing you care about. Rewarding the measure creates abnormal conditions: people, or algorithms, go looking for ways to move the number without moving the goal. The harder the push, the more such ways are found.</p>
<p>Some practical consequences:</p>
<ul>
<li>Use several measures that are hard to game at once.</li>
<li>Keep some measures secret, or at least unrewarded, as thermometers.</li>
<li>Look at the distribution, not just the average; gaming often shows up as a strange spike.</li>
</ul>
<p>None of these defeats the law. They only slow it down, which is often enough.</p>""",
    ),
    dict(
        key="map-territory-again", title="The map is not the territory", author="quiet",
        posted="2016-08-20 10:05", karma=8, legacy_id="nq3", editor="html",
        tags={"rationality": 1},
        body=r"""<p>A short follow-up to <a href="@@lw1:map-territory@@">an old post with nearly the same title</a>, whose author has since left. I want to add one point it did not make.</p>
<p>Maps are not only incomplete; they are made for a purpose. A subway map distorts distances on purpose, because riders care about stops and connections, not kilometres. Nobody calls it wrong. It is wrong only when you use it to plan a walk.</p>
<p>So when a belief misleads you, ask not only "is this belief false?" but also "what was this belief for?". My belief that a certain friend is always late was built to help me plan meetings. It is a poor guide to whether she is careless in general, a question it was never built to answer.</p>
<p>Keeping track of why you hold a belief makes it easier to notice when you have started to use it for something else. For a practical version of this, see <a href="@@lw1abs:prediction-journal@@">the prediction journal post</a>.</p>""",
    ),
    dict(
        key="bus-base-rates", title="Base Rates on the Bus", author="mira",
        posted="2010-09-03 07:55", karma=24, legacy_id="2tq", editor="html",
        tags={"base-rates": 2, "calibration": 1, "world-modeling": 1},
        body=r"""<p>Every morning I wait for the same bus, and every morning I make a small forecast: will it be late? For a year I wrote the answer down. The bus was more than five minutes late on 31% of weekdays.</p>
<p><img src="http://img.example-photos.net/u/4411/bus-delays-2010.png" alt="Bar chart of bus delays by weekday" width="420"></p>
<p>What interests me is how bad my morning forecasts were before I had the number. On rainy days I was sure the bus would be late, and it was late more often, but only 40% of the time, not the 80% I felt. On sunny days I expected it on time and was surprised by lateness about as often as I was on rainy days by punctuality.</p>
<p>The base rate did two things for me. It gave me a starting point that was right on average, and it showed me how much of my confidence came from the weather of my mood rather than the weather outside. Rain moves the probability from 31% to 40%. It does not move it to certainty.</p>
<p>If you want to try this, pick something that happens every day and costs nothing to record: the bus, the queue at the bakery, the first email of the morning. A month of tallies is enough to learn your base rate, and you may find, as I did, that your feelings had it roughly right in direction and badly wrong in size.</p>
<p>The journal idea came from <a href="@@lw1:calibration-skill@@">an earlier post on calibration</a>.</p>""",
    ),
]
