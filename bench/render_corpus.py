"""Synthetic, deterministic corpus of forum-like post bodies for the render benchmark.

The posts are made of our own words, shaped like the `htmlBody` dialects in
`lesswrong-api.md` §16: CKEditor paragraphs with links, MathJax 2 and MathJax 3 formulas (with
the embedded stylesheet and the glyph spans that make real bodies heavy), both footnote forms,
`figure.table` tables, images, code blocks, spoilers and collapsible sections. Median length is
about 1,500 words.
"""

from __future__ import annotations

import random

WORDS = (
    "the a of to and in that is for it as with be on not this by are or an was at from have but "
    "which can one we more if their will about what so all there when would they has them than "
    "model belief evidence update prior posterior agent value reason argument claim expect world "
    "goal plan action outcome utility cost benefit estimate guess measure signal noise bias error "
    "question answer problem solution method idea theory test result data sample trial chance "
    "probability odds ratio weight factor cause effect change rate level scale order time year "
    "people person group team market price trade forecast bet confidence interval range bound "
    "simple careful strong weak clear vague useful likely unlikely rough precise small large "
    "think notice decide choose learn teach write read check compare predict explain improve"
).split()

LANGS = ("python", "haskell", "javascript", "", "rust")


class PostGenerator:
    """Builds one realistic post body from a seeded random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.footnotes: list[tuple[str, str]] = []
        self.math_v3 = rng.random() < 0.25
        self.markdown_footnotes = rng.random() < 0.3
        self.style_emitted = False
        self.word_count = 0  # prose words emitted so far

    def words(self, lo: int, hi: int) -> str:
        n = self.rng.randint(lo, hi)
        self.word_count += n
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def sentence(self) -> str:
        s = self.words(6, 18)
        return s[0].upper() + s[1:] + self.rng.choice(".....?!")

    def link(self) -> str:
        r = self.rng.random()
        text = self.words(1, 4)
        if r < 0.45:
            pid = "".join(
                self.rng.choice("23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz")
                for _ in range(17)
            )
            href = f"https://www.lesswrong.com/posts/{pid}/{text.replace(' ', '-')}"
        elif r < 0.55:
            href = f"/tag/{text.replace(' ', '-')}"
        elif r < 0.6:
            href = f"https://www.lesswrong.com/lw/{self.rng.randint(10, 999):x}/{text.replace(' ', '_')}/"
        else:
            href = f"https://example.org/{text.replace(' ', '/')}?q={self.rng.randint(1, 99)}"
        return f'<a href="{href}">{text}</a>'

    def tex(self) -> str:
        return self.rng.choice(
            [
                r"x^2",
                r"P(A \mid B) = \frac{P(B \mid A) P(A)}{P(B)}",
                r"\sum_{i=1}^{n} p_i = 1",
                r"\mathbb{E}[X]",
                r"\alpha + \beta",
                r"\log_2 \frac{1}{p}",
                r"f(x) = ax + b",
            ]
        )

    def glyphs(self, tex: str) -> str:
        spans = "".join(
            f'<span class="mjx-mi"><span class="mjx-char MJXc-TeX-math-I" style="padding-top: 0.225em; '
            f'padding-bottom: 0.298em;">{ch}</span></span>'
            for ch in tex[:12]
            if ch.isalnum()
        )
        return f'<span class="mjx-mrow" aria-hidden="true">{spans}</span>'

    def math(self, display: bool = False) -> str:
        tex = self.tex()
        label = tex.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
        if self.math_v3:
            style = (
                ""
                if self.style_emitted
                else "<style>" + "mjx-c { display: inline-block }" * 300 + "</style>"
            )
            self.style_emitted = True
            disp = ' display="true"' if display else ""
            return (
                f'{style}<span class="math-tex"><mjx-container class="MathJax" jax="CHTML"{disp} '
                f'aria-label="{label}" role="math"><mjx-math class=" MJX-TEX">'
                + '<mjx-mi><mjx-c class="mjx-c1D465 TEX-I"></mjx-c></mjx-mi>' * 6
                + "</mjx-math></mjx-container></span>"
            )
        style = (
            ""
            if self.style_emitted
            else "<style>" + ".mjx-chtml { display: inline-block }" * 500 + "</style>"
        )
        self.style_emitted = True
        page = "mjpage mjpage__block" if display else "mjpage"
        chtml = 'mjx-chtml MJXc-display" style="text-align: center;' if display else "mjx-chtml"
        return (
            f'<span class="math-tex"><span class="{page}"><span class="{chtml}">{style}'
            f'<span class="mjx-math" aria-label="{label}">{self.glyphs(tex)}</span></span></span></span>'
        )

    def footnote_ref(self) -> str:
        n = len(self.footnotes) + 1
        fid = f"f{self.rng.randint(10**6, 10**7)}"
        self.footnotes.append((fid, self.words(8, 30)))
        if self.markdown_footnotes:
            return f'<sup class="footnote-ref"><a href="#fn{n}" id="fnref{n}">[{n}]</a></sup>'
        return (
            f'<span class="footnote-reference" data-footnote-reference="" data-footnote-index="{n}" '
            f'data-footnote-id="{fid}" role="doc-noteref" id="fnref{fid}"><sup><a href="#fn{fid}">[{n}]</a></sup></span>'
        )

    def inline_run(self) -> str:
        parts = []
        for _ in range(self.rng.randint(3, 7)):
            s = self.sentence()
            r = self.rng.random()
            if r < 0.15:
                s = s.replace(" ", f" {self.link()} ", 1)
            elif r < 0.25:
                s += " " + self.math()
            elif r < 0.32:
                w = s.split(" ")
                s = " ".join(w[:2]) + f" <em>{' '.join(w[2:4])}</em> " + " ".join(w[4:])
            elif r < 0.37:
                s = f"<strong>{s}</strong>"
            elif r < 0.41:
                s += self.footnote_ref()
            elif r < 0.44:
                s += f" <code>{self.rng.choice(WORDS)}_{self.rng.choice(WORDS)}()</code>"
            elif r < 0.46:
                s += f" It costs ${self.rng.randint(2, 500)}."
            parts.append(s)
        return " ".join(parts)

    def paragraph(self) -> str:
        return f"<p>{self.inline_run()}</p>"

    def block(self) -> str:
        r = self.rng.random()
        if r < 0.62:
            return self.paragraph()
        if r < 0.68:
            return f"<h{self.rng.randint(1, 3)}>{self.words(2, 6).capitalize()}</h{self.rng.randint(1, 3)}>"
        if r < 0.75:
            tag = self.rng.choice(("ul", "ol"))
            items = []
            for _ in range(self.rng.randint(2, 5)):
                inner = ""
                if self.rng.random() < 0.3:
                    inner = (
                        "<ul>" + "".join(f"<li>{self.sentence()}</li>" for _ in range(2)) + "</ul>"
                    )
                items.append(
                    f"<li>{self.inline_run() if self.rng.random() < 0.3 else self.sentence()}{inner}</li>"
                )
            return f"<{tag}>{''.join(items)}</{tag}>"
        if r < 0.79:
            return f"<blockquote><p>{self.inline_run()}</p></blockquote>"
        if r < 0.83:
            return f"<p>{self.math(display=True)}</p>"
        if r < 0.86:
            rows = "".join(
                "<tr>" + "".join(f"<td>{self.words(1, 3)}</td>" for _ in range(3)) + "</tr>"
                for _ in range(self.rng.randint(2, 6))
            )
            return f'<figure class="table"><table><tbody>{rows}</tbody></table></figure>'
        if r < 0.88:
            n = self.rng.randint(1000, 9999)
            return (
                f'<figure class="image"><img src="https://res.cloudinary.com/lesswrong-2-0/image/upload/v1/mirroredImages/x/{n}.png" '
                f'srcset="https://res.cloudinary.com/lesswrong-2-0/image/upload/w_200/v1/mirroredImages/x/{n}.png 200w" alt="{self.words(1, 4)}">'
                f"<figcaption>{self.words(3, 8)}</figcaption></figure>"
            )
        if r < 0.90:
            lang = self.rng.choice(LANGS)
            code = "\n".join(
                f"    {self.rng.choice(WORDS)} = {self.rng.choice(WORDS)}({self.rng.randint(0, 9)})"
                for _ in range(5)
            )
            return f'<pre class="code-block" data-language="{lang}"><code>def f():\n{code}\n</code></pre>'
        if r < 0.92:
            return f'<div class="spoilers"><p>{self.sentence()}</p></div>'
        if r < 0.94:
            return (
                f'<details class="detailsBlock"><summary class="detailsBlockTitle"><p>{self.words(2, 4)}</p></summary>'
                f'<div class="detailsBlockContent">{self.paragraph()}</div></details>'
            )
        if r < 0.96:
            return "<hr>"
        return self.paragraph()

    def footnote_section(self) -> str:
        if not self.footnotes:
            return ""
        if self.markdown_footnotes:
            items = "".join(
                f'<li id="fn{n}" class="footnote-item"><p>{text} <a href="#fnref{n}" class="footnote-backref">↩︎</a></p></li>'
                for n, (_, text) in enumerate(self.footnotes, 1)
            )
            return f'<hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list">{items}</ol></section>'
        items = "".join(
            f'<li class="footnote-item" data-footnote-id="{fid}" id="fn{fid}"><span class="footnote-back-link">'
            f'<sup><strong><a href="#fnref{fid}">^</a></strong></sup></span><div class="footnote-content"><p>{text}</p></div></li>'
            for fid, text in self.footnotes
        )
        return f'<ol class="footnote-section footnotes" data-footnote-section="" role="doc-endnotes">{items}</ol>'

    def post(self, target_words: int) -> str:
        blocks = []
        while self.word_count < target_words:
            blocks.append(self.block())
        return "".join(blocks) + self.footnote_section()


def generate_corpus(n: int, seed: int = 20261201) -> list[str]:
    """`n` post bodies; word counts are log-normal around a median of about 1,500."""
    rng = random.Random(seed)
    posts = []
    for _ in range(n):
        target = int(min(12000, max(150, rng.lognormvariate(7.2, 0.6))))
        posts.append(PostGenerator(rng).post(target))
    return posts


if __name__ == "__main__":
    import statistics

    corpus = generate_corpus(200)
    print("posts", len(corpus), "median bytes", statistics.median(len(p) for p in corpus))
