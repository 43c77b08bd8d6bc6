"""Posts of 2025-2026: Lexical tables and display math, markdown footnotes in the 2025 form, and
MathJax 3 with and without `aria-label`. Markup conventions as in `posts_early.py`."""

POSTS_RECENT = [
    dict(
        key="metrics-live", title="Metrics You Can Live With", author="priya",
        posted="2025-06-16 09:00", karma=61, editor="lexical", math="lexical",
        tags={"goodhart": 3},
        body=r"""<p>After years of watching proxies fail, I still use metrics every day. The question is not whether to measure but how to measure without inviting the failure modes described in <a href="@@seq:targets/proxy-gap@@">Four Ways a Proxy Comes Apart</a>. Here is the checklist our team settled on.</p>
<table class="table"><tbody><tr><th class="table-cell-header"><p>Question</p></th><th class="table-cell-header"><p>Good sign</p></th><th class="table-cell-header"><p>Warning sign</p></th></tr><tr><td class="table-cell"><p>Who can move the number?</p></td><td class="table-cell"><p>Only the work itself</p></td><td class="table-cell"><p>The people rewarded by it</p></td></tr><tr><td class="table-cell"><p>Is there a second measure?</p></td><td class="table-cell"><p>Yes, hard to game together</p></td><td class="table-cell"><p>No</p></td></tr><tr><td class="table-cell"><p>How hard is it pushed?</p></td><td class="table-cell"><p>Watched, not rewarded</p></td><td class="table-cell"><p>Tied to pay</p></td></tr></tbody></table>
<p>The last row matters most. If the metric \(m\) tracks the goal \(g\) with correlation \(\rho\) under light pressure, heavy optimisation selects exactly the cases where the two disagree. A toy model makes the point: with the proxy built as</p>
<div class="math-tex" style="display:block">\[m = \rho\, g + \sqrt{1-\rho^2}\, \varepsilon\]</div>
<p>the best-scoring option out of \(n\) candidates owes more and more of its score to \(\varepsilon\) as \(n\) grows, unless \(\rho\) is very close to 1.</p>
<p>So: measure freely, reward sparingly, and rotate what you reward before it stops meaning anything.</p>""",
    ),
    dict(
        key="anchoring-draft", title="Unfinished: Notes on Anchoring", author="ada",
        posted="2025-08-01 22:00", karma=0, votes=0, editor="ckEditorMarkup", draft=True,
        tags={"base-rates": 1},
        body=r"""<p>Draft. Three anecdotes about anchors in grant budgets, to be cut to one. Do not publish until the numbers are checked.</p>""",
    ),
    dict(
        key="confusion-revisited", title="Noticing Confusion, Ten Years Later", author="quiet",
        posted="2025-12-02 18:18", karma=49, editor="markdown", footnotes="markdown-2025",
        tags={"confusion": 3, "calibration": 1},
        notes={"1": "<p>I counted entries that start with the word \"odd\" or \"weird\". Crude, but stable.</p>",
               "2": "<p>Roughly one in four. The rest were noise or things I already knew.</p>"},
        body=r"""<p>More than a decade ago I wrote <a href="@@lw:noticing-confusion@@">a short post</a> about the faint feeling that a story does not fit. Since then I have kept a log of those moments, and I can now say a little about how often they paid off.</p>
<p>Over the last three years the log has 212 entries.[^1] In about a quarter of them, following up revealed a belief of mine that was wrong.[^2] That is a remarkable hit rate for a feeling that takes a second to notice and is easy to ignore.</p>
<p>Some patterns from the log:</p>
<ul>
<li>Numbers that are too round were the single best trigger.</li>
<li>"It fixed itself" was never true.</li>
<li>Confusion about people was less reliable than confusion about systems, mostly because people really are inconsistent.</li>
</ul>
<p>The practice is described on the <a href="@@tag:confusion@@">Noticing Confusion</a> page. It pairs well with <a href="@@wiki:calibration@@">calibration training</a>: one tells you when to look, the other tells you how sure to be once you have looked.</p>""",
    ),
    dict(
        key="ev-one-line", title="Expected Value in One Line", author="mira",
        posted="2026-02-10 15:30", karma=22, editor="ckEditorMarkup", math="mathjax3-noaria",
        tags={"voi": 1, "rationality": 1, "decision-theory": 2},
        markdown=r"""A reminder for the sequence, since people keep asking for the formula in one line.

The expected value of a choice is the sum of each outcome's value times its probability:

$$E[X] = \sum_i p_i x_i$$

If a ticket costs \$2 and pays \$100 with probability $p = 0.01$, then $E = 0.01 \times 100 - 2 = -1$, so each ticket loses a dollar on average.

The same line prices a decision with more outcomes. A project that earns 10 with probability 0.3, 2 with probability 0.5 and loses 8 with probability 0.2 has $E = 3 + 1 - 1.6 = 2.4$, which is positive, even though the most likely single outcome is modest and one outcome in five is a loss.

Two common mistakes are to forget an outcome, usually the bad one, and to let the probabilities sum to more than one because each felt plausible on its own. Writing the line out in full catches both.

Expected value is not the whole story: it ignores risk, and it ignores what the money is for. But it is the first line of almost every decision calculation, including [value of information](@@wiki:voi@@).
""",
        body=r"""<p>A reminder for the sequence, since people keep asking for the formula in one line.</p>
<p>The expected value of a choice is the sum of each outcome's value times its probability:</p>
\[E[X] = \sum_i p_i x_i\]
<p>If a ticket costs $2 and pays $100 with probability \(p = 0.01\), then \(E = 0.01 \times 100 - 2 = -1\), so each ticket loses a dollar on average.</p>
<p>The same line prices a decision with more outcomes. A project that earns 10 with probability 0.3, 2 with probability 0.5 and loses 8 with probability 0.2 has \(E = 3 + 1 - 1.6 = 2.4\), which is positive, even though the most likely single outcome is modest and one outcome in five is a loss.</p>
<p>Two common mistakes are to forget an outcome, usually the bad one, and to let the probabilities sum to more than one because each felt plausible on its own. Writing the line out in full catches both.</p>
<p>Expected value is not the whole story: it ignores risk, and it ignores what the money is for. But it is the first line of almost every decision calculation, including <a href="@@wiki:voi@@">value of information</a>.</p>""",
    ),
    dict(
        key="napkin-odds", title="Odds Ratios on a Napkin", author="tobias",
        posted="2026-02-15 20:40", karma=18, editor="ckEditorMarkup", math="raw",
        tags={"bayes": 2},
        body=r"""<p>A trick for comparing two risks quickly. If a group has a 20% rate and another a 10% rate, the risk ratio is \(2\), but the odds ratio is</p>
<p>\[\frac{0.2/0.8}{0.1/0.9} = 2.25\]</p>
<p>For rare events the two agree closely; for common ones they diverge, and the odds ratio always looks more dramatic. When a headline reports an odds ratio for a common outcome, divide your alarm by a bit.</p>
<p>Why the difference? Odds stretch as probabilities approach one. A rate of 90% has odds of 9, while 80% has odds of 4, so a change that looks small on the probability scale more than doubles the odds. Near zero, odds and probabilities are almost the same number, which is why the two ratios agree for rare events.</p>
<p>The practical rule: for outcomes below about 10%, treat an odds ratio as a risk ratio. Above that, convert before you compare, or ask for the absolute numbers, which are what you needed all along.</p>
<p>This post was saved during the week the formulas rendered as raw TeX, which is why they may look unusual. The odds form itself is explained in <a href="@@post:bayes-odds@@">Bayes' Rule in Odds Form</a> and on the <a href="/tag/bayes-rule">Bayes' rule</a> page (an old address that still works).</p>""",
    ),
    dict(
        key="log-odds", title="Log Odds Add Up", author="priya", coauthors=["mira"],
        posted="2026-03-05 10:00", modified="2026-07-30 03:12", karma=73, editor="ckEditorMarkup", math="mathjax3",
        tags={"bayes": 3, "calibration": 1},
        body=r"""<p>In <a href="@@lw:bayes-odds@@">the odds form of Bayes' rule</a>, evidence multiplies. Take logarithms and it adds. Define the log odds of a hypothesis as</p>
\[\ell(H) = \log_2 \frac{P(H)}{P(\neg H)}\]
<p>Then each independent piece of evidence with likelihood ratio \(r\) adds \(\log_2 r\) bits. A test with ratio 8 adds 3 bits; a test with ratio \(1/4\) subtracts 2.</p>
<p>This makes some facts obvious. Probability 1 is infinitely many bits away, so no finite evidence reaches it, which is the content of <a href="@@wiki:cromwell@@">Cromwell's rule</a>. And two weak clues of 1 bit each are worth exactly as much as one clue of 2 bits, provided they are really independent.</p>
<p>It also gives a feel for how strong evidence has to be. Going from even odds to 99% takes a little under 7 bits, about two tests with ratio 10. Going from 99% to 99.99% takes another 7. Each extra nine of confidence costs the same amount of evidence as the first.</p>
<p>The catch is the word independent. Correlated clues added as if independent are the most common way I see careful people become overconfident.</p>""",
    ),
    dict(
        key="decision-tables", title="Tables for Decisions", author="jonas",
        posted="2026-05-18 07:45", karma=27, editor="lexical", math="lexical",
        tags={"voi": 2, "planning-fallacy": 1, "decision-theory": 3},
        body=r"""<p>When a decision has more than two options, I write a table. It is the cheapest way I know to stop going in circles.</p>
<div class="table-scrollable-wrapper"><table class="table"><colgroup><col><col><col><col></colgroup><tbody><tr><th class="table-cell-header"><p>Option</p></th><th class="table-cell-header"><p>Cost</p></th><th class="table-cell-header"><p>Chance it works</p></th><th class="table-cell-header"><p>Notes</p></th></tr><tr><td class="table-cell"><p>Rewrite the service</p></td><td class="table-cell"><p>6 weeks</p></td><td class="table-cell"><p>70%</p></td><td class="table-cell"><p>Team wants this</p></td></tr><tr><td class="table-cell"><p>Patch the worst module</p></td><td class="table-cell"><p>1 week</p></td><td class="table-cell"><p>50%</p></td><td class="table-cell"><p>Buys time</p></td></tr><tr><td class="table-cell"><p>Do nothing</p></td><td class="table-cell"><p>0</p></td><td class="table-cell"><p>10%</p></td><td class="table-cell"><p>Honest baseline</p></td></tr></tbody></table></div>
<p>The "do nothing" row is the one people leave out, and it is often the most useful: it shows how much each option improves on the baseline, \(\Delta p\), per week of cost.</p>
<details class="detailsBlock" open=""><summary class="detailsBlockTitle">How I fill in the chances</summary><div class="detailsBlockContent"><p>I start from the <a href="@@post:planning-late@@">ratios from my estimate log</a> and then ask a colleague for an independent guess before showing mine.</p></div></details>
<p>Columns I have added over time: who has to agree, what we learn even if it fails, and how reversible the choice is. The last one often settles things, because a reversible option can be tried cheaply and abandoned.</p>
<p>A table will not make the decision for you. It will make it obvious when you are about to choose the option you liked before you started.</p>""",
    ),
]
