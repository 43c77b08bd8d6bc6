"""Posts of the LessWrong 2.0 era (2018-2024): DraftJS, markdown-it and CKEditor 5 bodies with
MathJax 2 CommonHTML math. Markup conventions as in `posts_early.py`."""


POSTS_MIDDLE = [
    dict(
        key="calibration-quiz", title="A Calibration Quiz With Hidden Answers", author="mira",
        posted="2018-04-02 17:45", karma=64, editor="draftJS",
        tags={"calibration": 3, "overconfidence": 1},
        body=r"""<p>Here are five questions. For each, give a range you are 80% sure contains the answer. Then reveal the answers one at a time. If you are calibrated, about four of your five ranges should hit.</p>
<ol><li>The year the first public lending library opened in your country.</li><li>The length of the Danube, in kilometres.</li><li>The number of bones in an adult human hand, including the wrist.</li><li>The boiling point of ethanol at sea level, in degrees Celsius.</li><li>The height of the tallest living tree, in metres.</li></ol>
<p>Answers for the last four (the first depends on where you live):</p>
<p class="spoiler-v2">Danube: about 2,850 km.</p>
<p class="spoiler-v2">Hand and wrist: 27 bones.</p>
<p class="spoiler-v2">Ethanol: about 78 °C.</p>
<p class="spoiler-v2">Tallest tree: about 116 m.</p>
<p>When I run this with groups, the typical score is two or three hits out of five, not four. The ranges are too narrow. That is the pattern called <a href="@@tag:overconfidence@@">overconfidence</a>, and the cure is embarrassingly simple: widen your ranges until the quiz stops surprising you, then keep them that wide on questions that matter.</p>
<p>This quiz is the practical companion to <a href="@@lw:calibration-skill@@">Calibration Is a Skill You Can Practice</a>.</p>""",
    ),
    dict(
        key="base-rate-link", title="Link: A Pocket Base-Rate Calculator", author="ada",
        posted="2018-09-12 06:30", karma=15, editor="draftJS", url="  www.example.org/tools/base-rates ",
        tags={"base-rates": 2},
        body=r"""<p>A small web tool I have found handy: you type a reference class ("restaurants opening in a mid-sized city", "software projects with more than ten people") and it shows a rough base rate with a range, plus the sources it used.</p>
<p>The numbers are coarse and some sources are old, so treat them as a starting point rather than an answer. What I like is that it forces the first step many of us skip: writing down the reference class before looking at the details of the case.</p>
<p>Caveat: the tool picks one reference class for you. Try a second one by hand and see how far the two disagree; the disagreement itself is informative. I wrote more about this in <a href="@@post:base-rates@@">Start From the Base Rate</a>.</p>""",
    ),
    dict(
        key="steelman", title="Steelman, Then Decide", author="tobias",
        posted="2019-06-14 20:20", karma=42, editor="ckEditorMarkup",
        tags={"steelmanning": 3, "rationality": 1, "goodhart": -2},
        body=r"""<p>When a colleague proposes something I dislike, my first instinct is to find the weakest part of the proposal and press on it. This wins arguments and loses information.</p>
<p>The alternative, usually called steelmanning, is to restate their view in the strongest form I can manage before I respond. A useful test is whether they would say "yes, that's it, only better put".</p>
<blockquote><p>If you cannot state the other side's case so that they would sign it, you are not yet entitled to disagree with it.</p></blockquote>
<p>Try it on an example before reading my attempt. The claim: "Our team should stop estimating tasks altogether."</p>
<div class="spoilers"><p>Strongest version I could find: estimates are mostly used to create pressure, not to plan; they are biased in a predictable direction; and the time spent producing them would be better spent shrinking tasks until estimates are unnecessary.</p><p>That is a much harder claim to dismiss than "estimating is boring".</p></div>
<p>Two cautions. Steelmanning is not agreeing, and it can become a way to argue with an imaginary opponent instead of the real one. Check your version with the person who holds the view.</p>
<p>For a case where the strong version changed my mind, see <a href="@@post:premortem@@">Pre-mortems in Practice</a>.</p>""",
    ),
    dict(
        key="calibration-sim", title="Simulating Calibration in Twenty Lines", author="quiet",
        posted="2019-03-03 12:12", karma=23, editor="markdown", footnotes="markdown-it",
        tags={"calibration": 2},
        notes={"1": "<p>Squared error punishes confident misses much harder than timid ones.</p>",
               "seed": "<p>Fixing the seed makes the numbers repeatable; change it and the plot wiggles but the lesson stays.</p>"},
        body=r"""<p>I wanted to see how many predictions it takes before a calibration plot means anything, so I simulated a perfectly calibrated forecaster and watched the noise.</p>
<pre><code class="language-python">import random

random.seed(7)
bins = {p / 10: [0, 0] for p in range(1, 10)}
for _ in range(200):
    p = random.choice(list(bins))
    hit = random.random() &lt; p
    bins[p][0] += hit
    bins[p][1] += 1
for p, (hits, total) in sorted(bins.items()):
    print(f"{p:.1f}  {hits}/{total}")
</code></pre>
<p>With 200 predictions spread over nine bins, each bin holds only about 22 of them, and a perfectly calibrated forecaster still shows bins that look off by ten points or more.[^seed] So if your own plot looks ragged after a few dozen predictions, that is expected.</p>
<p>The Brier score is steadier because it pools all predictions.[^1] For a calibrated forecaster whose forecasts are \(p\), the expected score per forecast is \(p(1-p)\), which you can compare with your own.</p>
<p>Moral: judge calibration on the whole record, and only start worrying about a single bin once it holds fifty or more predictions.</p>""",
    ),
    dict(
        key="intervals", title="Your 90% Intervals Are Too Narrow", author="mira",
        posted="2019-11-20 15:00", karma=88, editor="ckEditorMarkup", math="mathjax2", footnotes="ckeditor",
        tags={"overconfidence": 3, "calibration": 2}, curated="2019-11-25 18:00",
        notes={"sample": "<p>Forty-one people, four rounds each, questions drawn from almanacs. A small sample, so read the numbers as rough.</p>",
               "widen": "<p>Widening by a fixed factor is crude, but it is a better default than trusting the first range that comes to mind.</p>"},
        body=r"""<p>Last year I ran an interval-estimation game at a few meetups.[^sample] Players gave 90% intervals for quantities such as the height of a famous tower or the population of a distant city. Here is how often the true value landed inside their intervals:</p>
<figure class="table"><table><tbody><tr><td><strong>Round</strong></td><td><strong>Intervals given</strong></td><td><strong>Hits</strong></td><td><strong>Hit rate</strong></td></tr><tr><td>1</td><td>410</td><td>205</td><td>50%</td></tr><tr><td>2</td><td>410</td><td>246</td><td>60%</td></tr><tr><td>3</td><td>410</td><td>283</td><td>69%</td></tr><tr><td>4</td><td>410</td><td>324</td><td>79%</td></tr></tbody></table></figure>
<p>Feedback helped a lot, but even after four rounds the intervals were still too narrow. If the hit rate is \(h\) and the claimed rate is \(c = 0.9\), the shortfall \(c - h\) went from 0.4 to about 0.1.</p>
<p>A rough rule that helped players: take the interval that feels right and double its width around the same centre.[^widen] For a normal-shaped belief with standard deviation \(\sigma\), a true 90% interval spans about</p>
<p>\[\mu \pm 1.645\,\sigma\]</p>
<p>while the intervals people give in round 1 behave more like \(\mu \pm 0.67\,\sigma\), a 50% interval in disguise.</p>
<p>The lesson is not that people are foolish. It is that a feeling of confidence comes with no units attached, and the units have to be learned. The <a href="@@seq:probabilities/calibration-quiz@@">quiz earlier in this sequence</a> is a quick way to start.</p>""",
    ),
    dict(
        key="bayes-odds", title="Bayes' Rule in Odds Form", author="mira",
        posted="2020-02-17 09:40", modified="2023-06-01 11:00", karma=112, editor="ckEditorMarkup", math="mathjax2",
        tags={"bayes": 3, "rationality": 1}, curated="2020-02-20 17:00",
        body=r"""<p>Bayes' rule is usually taught as a fraction with a sum in the denominator, which is correct and nearly impossible to do in your head. The odds form is the same rule with the awkward part removed:</p>
<p>\[\frac{P(H \mid E)}{P(\neg H \mid E)} = \frac{P(H)}{P(\neg H)} \times \frac{P(E \mid H)}{P(E \mid \neg H)}\]</p>
<p>In words: posterior odds equal prior odds times the likelihood ratio.</p>
<p>An example. One person in a hundred has a condition, so the prior odds are \(1:99\). A test catches 90% of cases and falsely flags 9% of healthy people, so the likelihood ratio is \(90/9 = 10\). After a positive result the odds are \(10:99\), a bit under 10%. The number surprises many people, and the odds form makes it almost obvious.</p>
<figure class="image image_resized" style="width:62%"><img src="https://res.cloudinary.com/lesswrong-2-0/image/upload/v1581930000/mirroredImages/@@postid:bayes-odds@@/odds-ladder.png" srcset="https://res.cloudinary.com/lesswrong-2-0/image/upload/c_scale,w_320/v1581930000/mirroredImages/@@postid:bayes-odds@@/odds-ladder.png 320w, https://res.cloudinary.com/lesswrong-2-0/image/upload/c_scale,w_640/v1581930000/mirroredImages/@@postid:bayes-odds@@/odds-ladder.png 640w, https://res.cloudinary.com/lesswrong-2-0/image/upload/c_scale,w_1280/v1581930000/mirroredImages/@@postid:bayes-odds@@/odds-ladder.png 1280w" alt="A ladder of odds from 1:16 up to 16:1"><figcaption>Each rung of the ladder doubles the odds; a likelihood ratio of 10 climbs a bit over three rungs.</figcaption></figure>
<p>Two more reasons to prefer odds. Independent pieces of evidence simply multiply, so you can update in steps. And taking logarithms turns the multiplications into additions, which is the idea behind <a href="@@post:log-odds@@">Log Odds Add Up</a>.</p>
<p>The rule itself is explained on the <a href="@@tag:bayes@@">Bayes' Theorem</a> page.</p>""",
    ),
]

POSTS_MIDDLE += [
    dict(
        key="voi", title="How Much Is a Test Worth?", author="priya",
        posted="2020-10-05 11:15", karma=57, editor="ckEditorMarkup", math="mathjax2",
        tags={"voi": 3, "bayes": 1, "decision-theory": 2},
        body=r"""<p>Suppose you are deciding whether to launch a product. You think it succeeds with probability 0.6. Success earns $50,000 and failure loses $30,000, so launching is worth \(0.6 \times 50 - 0.4 \times 30 = 18\) thousand dollars in expectation. A market test that costs $5,000 would tell you for certain which way it goes. Should you buy it?</p>
<p>With perfect information you launch only when it will succeed, so you expect \(0.6 \times 50 = 30\) thousand. The test is worth the difference:</p>
<p>\[\mathrm{VOI} = 30 - 18 = 12\]</p>
<p>thousand dollars, which is more than its price. Buy it.</p>
<p>Now change one thing: failure loses only $5,000. Launching is then worth \(0.6 \times 50 - 0.4 \times 5 = 28\) and perfect information gives 30, so the test is worth $2,000 and no longer pays for itself. Information has value only through the decisions it can change.</p>
<p>A short talk that walks through the same arithmetic with pictures:</p>
<figure class="media"><div data-oembed-url="https://www.youtube.com/watch?v=Qm7fXc2Lp9A"><div style="position:relative;padding-bottom:56.25%;height:0"><iframe src="https://www.youtube.com/embed/Qm7fXc2Lp9A" style="position:absolute;width:100%;height:100%;top:0;left:0" frameborder="0" allow="autoplay; encrypted-media" allowfullscreen=""></iframe></div></div></figure>
<p>Real tests are imperfect, which lowers their value further, but the ceiling computed here is a quick filter: if even perfect information is not worth the cost, no test is.</p>""",
    ),
    dict(
        key="members-exercises", title="Updating Exercises (Members' Draft)", author="mira",
        posted="2021-04-01 08:00", karma=9, editor="ckEditorMarkup", only_logged_in=True,
        tags={"bayes": 1},
        body=r"""<p>A set of practice problems for the updating chapter, visible to logged-in readers while I collect feedback. Each problem gives a prior and one or two pieces of evidence; your task is to write the posterior odds before reading the worked answer.</p>
<p>Problem one: a friend who is late four times in five says she will be on time tonight. Problem two: a coin that may be biased lands heads three times in a row.</p>
<p>Answers and discussion will be added once the first round of comments is in.</p>""",
    ),
    dict(
        key="conservation", title="You Can't Plan to Be Persuaded", author="mira", coauthors=["quiet"],
        posted="2021-03-08 18:30", karma=95, editor="ckEditorMarkup", math="mathjax2",
        tags={"conservation": 3, "bayes": 2, "rationality": 1},
        body=r"""<p>Here is a test of whether you are reasoning consistently. Before you look at a piece of evidence, ask: which way do I expect this to move me? If the honest answer is "towards the conclusion I already favour, surely", something has gone wrong.</p>
<p>The reason is a short piece of algebra. Your current belief must equal the average of the beliefs you might end up with, weighted by how likely you are to end up with each:</p>
<p>\[P(H) = P(H \mid E)\,P(E) + P(H \mid \neg E)\,P(\neg E)\]</p>
<p>So if seeing \(E\) would raise your confidence a little and \(E\) is likely, then not seeing \(E\) must lower it a lot. Expected evidence is conserved. You can expect to become more certain, but not to become more certain of one particular answer.</p>
<details class="detailsBlock"><summary class="detailsBlockTitle"><p>A worked example</p></summary><div class="detailsBlockContent"><p>You think a job candidate is strong with probability 0.5. You expect that a strong candidate passes the coding exercise 90% of the time and a weak one 50% of the time. Then the chance of a pass is 0.7, your belief after a pass is about 0.64 and after a fail 0.17. Check: \(0.7 \times 0.64 + 0.3 \times 0.17 \approx 0.5\).</p></div></details>
<p>The practical use is in spotting motivated search. If you keep looking for evidence "until it comes out right", the stopping rule is doing the work, not the evidence.</p>
<p>This is the second post in the <a href="@@seq:probabilities/bayes-odds@@">updating chapter</a>; the <a href="@@wiki:conservation@@">wiki page</a> has the one-line statement.</p>""",
    ),
    dict(
        key="proxy-gap", title="Four Ways a Proxy Comes Apart", author="priya",
        posted="2021-09-27 16:00", karma=134, af=True, af_karma=61, editor="ckEditorMarkup", math="mathjax2",
        tags={"goodhart": 3, "alignment": 2}, curated="2021-10-01 19:00",
        body=r"""<p>When we train or reward a system on a measurable proxy \(U\) for a goal \(V\), the two agree where the data lives and can disagree elsewhere. I find it useful to separate four mechanisms, roughly following earlier taxonomies:</p>
<ol><li><strong>Regression:</strong> selecting for high \(U\) also selects for high noise, so the chosen options disappoint on \(V\).</li><li><strong>Extremal:</strong> at extreme values of \(U\) the relationship to \(V\) changes shape, because the world is different out there.</li><li><strong>Causal:</strong> intervening on \(U\) does not move \(V\), because \(U\) was a symptom rather than a cause.</li><li><strong>Adversarial:</strong> another agent moves \(U\) on purpose, in ways that serve its goals rather than yours.</li></ol>
<p>Regression is the mildest and the easiest to quantify. If \(U = V + X\) with independent noise of the same variance, then conditioning on a high \(U\) gives</p>
<p>\[E[V \mid U = u] = \frac{u}{2}\]</p>
<p>so half of what you see is noise, on average. The other three can be much worse, because nothing caps how far apart the two come.</p>
<p>For the everyday version of the argument see <a href="@@post:thermostat@@">When the Thermometer Becomes the Thermostat</a>. The extremal case gets its own treatment in <a href="@@missing:extremal-goodhart-in-practice@@">a later post</a> and the adversarial one in <a href="https://www.alignmentforum.org/posts/@@missingid:adversarial-proxies@@/adversarial-proxies">this discussion</a>; neither is part of this snapshot.</p>
<p>Cross-posted from the <a href="@@af:proxy-gap@@">Alignment Forum</a>.</p>""",
    ),
    dict(
        key="cromwell", title="Leave a Little Room", author="quiet",
        posted="2022-01-24 21:05", karma=37, editor="markdown", footnotes="markdown-it",
        tags={"cromwell": 3, "bayes": 1},
        notes={"log": "<p>In log odds, probability 1 sits at infinity. No finite amount of evidence gets you there or back.</p>",
               "practice": "<p>In practice I use 1 in 1,000 as a floor for anything I have not checked myself.</p><p>It is arbitrary, but it is a floor.</p>"},
        body=r"""<p>If you assign a probability of exactly zero to something, no evidence can ever change your mind. Bayes' rule multiplies your prior by a likelihood ratio, and zero times anything is zero.[^log]</p>
<p>This sounds like a technicality. It is not. People do, in effect, assign zero: "that could never happen here", "she would never do that". When it happens anyway, they do not update; they explain it away, because their belief leaves no room for the event.</p>
<p>The fix is cheap. Reserve a little probability for the possibility that you are wrong, even about things you are very sure of.[^practice] It costs almost nothing when you are right and saves you when you are not.</p>
<p>Two exceptions are worth stating. Logical and mathematical truths can reasonably get probability one, though your belief that you did the proof correctly cannot. And the rule is about beliefs, not about actions: you can be 99.9% sure and still act exactly as if you were certain.</p>
<p>See the <a href="@@wiki:cromwell@@">Cromwell's Rule</a> wiki page and the <a href="@@seq:probabilities/conservation@@">previous post in the sequence</a>.</p>""",
    ),
    dict(
        key="premortem", title="Pre-mortems in Practice", author="ada",
        posted="2022-05-30 10:45", karma=48, editor="ckEditorMarkup",
        tags={"planning-fallacy": 2, "steelmanning": 1},
        body=r"""<p>A pre-mortem is a meeting held before a project starts, in which everyone imagines that it has already failed and writes down why. I was sceptical until a colleague <a href="@@post:steelman@@">steelmanned</a> the idea for me: it is not pessimism, it is permission to say the obvious thing nobody wants to say.</p>
<p>Our format, after a dozen tries:</p>
<ul><li>Ten minutes of silent writing. Each person lists reasons for failure.<ul><li>Specific reasons only ("the vendor misses the March deadline"), not moods ("bad communication").</li><li>At least one reason that involves the writer's own work.</li></ul></li><li>One round of reading out, no discussion.</li><li>Vote on the three most likely failures.<ul><li>For each, name one cheap action that makes it less likely.</li></ul></li></ul>
<div class="detailsBlock"><div class="detailsBlockTitle"><p>What went wrong the first time</p></div><div class="detailsBlockContent"><p>We let the project lead speak first. Everyone else then wrote variations on the lead's worries. Now the lead reads last.</p></div></div>
<p>The whole thing takes under an hour. Of the failure reasons we listed across twelve projects, about a third actually happened, which is a sobering base rate for "things we already knew might go wrong".</p>""",
    ),
    dict(
        key="duration-question", title="What Is Your Best Trick for Estimating How Long Things Take?",
        author="jonas", posted="2022-11-02 19:50", karma=31, editor="ckEditorMarkup", question=True,
        tags={"planning-fallacy": 2},
        body=r"""<p>I am a software engineer and my estimates are reliably optimistic, usually by 50% or more. I know about the <a href="@@tag:planning-fallacy@@">planning fallacy</a> and I know I should use a reference class, but in the moment I still find myself imagining the happy path.</p>
<p>What concrete tricks have worked for you? I am especially interested in ones that work for tasks that feel new, where it is not obvious what the reference class is.</p>""",
    ),
    dict(
        key="base-rates", title="Start From the Base Rate", author="ada",
        posted="2023-02-14 13:00", karma=76, editor="ckEditorMarkup",
        tags={"base-rates": 3, "planning-fallacy": 1, "rationality": 1},
        body=r"""<p>Our grant circle evaluates small projects: a community workshop for $2,000, a translation for $500, a pilot study for $10. (That last one was a typo for $10,000, but we were tempted.) For a while we judged each proposal on its merits alone. Then we looked back at three years of grants.</p>
<p>About 40% of funded projects delivered roughly what they promised. That number, the base rate, turned out to be a better predictor than our enthusiasm at the time of funding. Proposals we loved did only a little better than ones we were lukewarm about.</p>
<p>Our process now:</p>
<ol><li>Name the reference class before reading the details.<ol><li>"First-time organisers, event projects, under $5,000."</li><li>If two classes seem plausible, write down both rates.</li></ol></li><li>Start the estimate at the base rate.</li><li>Adjust for specifics, but write each adjustment down with a reason.<ul><li>Adjustments over 20 points need a second person to agree.</li></ul></li></ol>
<p>The third step matters most. Without it, "specifics" quietly swallow the base rate and you are back to enthusiasm.</p>
<p>Credit to <a href="@@user:mira@@">Mira Castellanos</a> for the idea of writing adjustments down, and to the <a href="@@tag:base-rates@@">reference class forecasting</a> page for the vocabulary.</p>""",
    ),
    dict(
        key="donor-scope", title="Scope Sensitivity for Small Donors", author="ada",
        posted="2023-08-21 08:30", karma=44, editor="ckEditorMarkup",
        crosspost=dict(hosted_here=True, foreign_id="kT4rWn8bQpZ2xHc6m"),
        tags={"scope": 3, "world-modeling": 1},
        body=r"""<p>Cross-posted to the EA Forum.</p>
<p>If a $5 gift and a $50 gift feel the same, your feelings are not tracking what the gifts do. That is <a href="@@post:drowning-birds@@">scope insensitivity</a>, and small donors are especially exposed to it because no one audits a $30 decision.</p>
<p>Three habits that helped me:</p>
<ul><li>Translate every amount into units of outcome before deciding. "$50" means nothing; "about twelve bednets" means something.</li><li>Compare at least two options in the same units, even roughly.</li><li>Decide the yearly total first, then split it. It is easier to feel the difference between a 10% and a 50% share than between $30 and $150.</li></ul>
<p>An example from my own giving. Last year I split $600 between a deworming charity and a local food bank, half each, because both felt important. Translated into outcomes, the first half treated roughly a thousand children and the second half paid for about two hundred meals. Those are different goods and I do not claim one obviously beats the other, but seeing them side by side changed how I split this year's budget. The feeling of "both are important" had hidden a factor of five.</p>
<p>None of this requires precision. A factor-of-three estimate, done honestly, beats a warm glow done carefully.</p>""",
    ),
    dict(
        key="planning-late", title="Why Your Project Will Run Late", author="jonas",
        posted="2024-03-11 17:25", karma=53, editor="ckEditorMarkup",
        tags={"planning-fallacy": 3, "base-rates": 1},
        body=r"""<p>After <a href="@@post:duration-question@@">asking for tricks</a>, I collected my own estimates and actuals for a year. Here they are, grouped by task type.</p>
<figure class="table"><table><thead><tr><th rowspan="2">Task type</th><th colspan="2">Median days</th><th rowspan="2">Ratio</th></tr><tr><th>Estimated</th><th>Actual</th></tr></thead><tbody><tr><td>Bug fix</td><td>1</td><td>1.5</td><td>1.5</td></tr><tr><td>Small feature</td><td>3</td><td>5</td><td>1.7</td></tr><tr><td>New service</td><td>15</td><td>34</td><td>2.3</td></tr></tbody></table></figure>
<p>The bigger the task, the worse the ratio. My guess is that big tasks hide more unknown subtasks, and I only imagine the ones I can see.</p>
<p>I now multiply my gut estimate by the ratio for its type. A few lines of code keep me honest:</p>
<pre class="code-block" data-language="python"><code>RATIOS = {"bug": 1.5, "feature": 1.7, "service": 2.3}

def corrected(days: float, kind: str) -&gt; float:
    return round(days * RATIOS[kind], 1)
</code></pre>
<p>The ratios are personal. A colleague ran the same exercise and found she overestimates bug fixes, probably because she remembers the one that took a week. Your log will have its own shape, and the only way to learn it is to keep one.</p>
<p>The corrected estimates are still wrong, but now they are wrong in both directions, which is what calibrated looks like.</p>""",
    ),
    dict(
        key="hostile", title='.Odds, "Quotes" & <Brackets>: A/B Tests * Bets? | #3 [[Draft]] for $5',
        author="jonas", posted="2024-07-04 12:00", frontpage=False, karma=3, editor="ckEditorMarkup",
        tags={"rationality": 1},
        body=r"""<p>A deliberately awkward title, kept as a reminder of what note names must survive. The post itself is a short note on small bets.</p>
<p>A friend and I settle disagreements with $5 bets. The money is trivial; the effect is not. Once a bet is proposed, vague claims become precise ("by the end of June, the library will have reopened"), and each of us has to say how confident we really are. Often one of us declines the bet, which is informative too.</p>
<p>It also changes how we argue. Before the bets, a disagreement would drift from topic to topic until one of us got tired. Now the question is always the same: what exactly do you expect to see, and by when? Half the time the answer shows that we did not disagree about the facts at all, only about which facts mattered.</p>
<p>Rules we use: the claim must be checkable by a neutral third person, the deadline must be a date, and the loser writes one sentence on what they missed. After two years, that collection of sentences is the most useful document either of us owns.</p>""",
    ),
    dict(
        key="steelman-dialogue", title="Dialogue: Is Steelmanning Overrated?", author="tobias", coauthors=["ada"],
        posted="2023-10-12 14:30", karma=39, editor="ckEditorMarkup",
        tags={"steelmanning": 3},
        body=r"""<section class="dialogue-message" user-id="@@userid:tobias@@" display-name="Tobias Renner" submitted-date="2023-10-10T09:12:00.000Z"><section class="dialogue-message-header"><b>Tobias Renner</b></section><p>I wrote <a href="@@post:steelman@@">a post</a> in favour of steelmanning four years ago. I still mostly believe it, but I have started to see it misused. Want to argue about it?</p></section>
<section class="dialogue-message" user-id="@@userid:ada@@" display-name="Ada Okonkwo" submitted-date="2023-10-10T09:30:00.000Z"><section class="dialogue-message-header"><b>Ada Okonkwo</b></section><p>Happy to. My worry is simple: when I steelman a grant applicant's plan, I end up evaluating the plan I wrote in my head, not the one they will carry out. The steel version is mine.</p></section>
<section class="dialogue-message" user-id="@@userid:tobias@@" display-name="Tobias Renner" submitted-date="2023-10-10T10:02:00.000Z"><section class="dialogue-message-header"><b>Tobias Renner</b></section><p>That is a real failure, but it seems to be a failure to check. The version I argue against should be one the other person would sign. If they would not sign it, I have built a new position, not found theirs.</p></section>
<section class="dialogue-message" user-id="@@userid:ada@@" display-name="Ada Okonkwo" submitted-date="2023-10-10T10:40:00.000Z"><section class="dialogue-message-header"><b>Ada Okonkwo</b></section><p>Agreed in principle. In practice people sign flattering versions of their views very readily. Maybe the test should be whether they would sign it <em>and</em> whether it predicts what they actually do.</p></section>
<section class="dialogue-message" user-id="@@userid:tobias@@" display-name="Tobias Renner" submitted-date="2023-10-10T11:15:00.000Z"><section class="dialogue-message-header"><b>Tobias Renner</b></section><p>I like that. It also connects to something <span data-mention-kind="user" data-mention-user-id="@@userid:mira@@"><a href="@@user:mira@@">@Mira Castellanos</a></span> said once: a belief is only as good as the predictions it makes. A steelman that predicts nothing is decoration.</p></section>
<section class="dialogue-message" user-id="@@userid:ada@@" display-name="Ada Okonkwo" submitted-date="2023-10-10T11:48:00.000Z"><section class="dialogue-message-header"><b>Ada Okonkwo</b></section><p>So our joint position: steelman, check the version with its owner, and check it against their behaviour. Overrated only when it skips the second and third steps.</p></section>""",
    ),
]
