"""The shared Markdown text helpers (vaultkit/model/text.py): one answer for every caller."""

from vaultkit.model.text import WIKILINK, first_paragraph, first_paragraph_lines, plain_text

BODY = """%% vaultkit:begin %%
# Heading

> [!definition] Calibration
> Being **right** as often as you say, see [[Scores#Brier|scores]].

```
code: not prose
```

- Second paragraph.
"""


def test_plain_text_keeps_the_words_a_reader_sees():
    assert plain_text("A **bold** [[Note#Part|alias]], [[Other#Part]], ![alt](x.png) and "
                      "[a link](https://x) ==marked== ~~gone~~ `code`") == \
        "A bold alias, Other, alt and a link marked gone code"


def test_first_paragraph_modes_differ_only_in_quotes():
    assert first_paragraph(BODY) == "Being right as often as you say, see scores."
    assert first_paragraph_lines(BODY) == [  # kept as written, for the Anki card's HTML
        "> [!definition] Calibration",
        "> Being **right** as often as you say, see [[Scores#Brier|scores]]."]
    assert first_paragraph_lines(BODY, quotes="skip") == ["- Second paragraph."]


def test_tables_and_images_are_not_a_definition_when_asked():
    text = "| a | b |\n|---|---|\n\n![chart](c.png)\n\nThe definition.\n"
    assert first_paragraph_lines(text, skip_tables_and_images=True) == ["The definition."]
    assert first_paragraph_lines(text)[0] == "| a | b |"


def test_the_wikilink_pattern_finds_embeds_and_stops_at_brackets_and_newlines():
    found = [(m.group(1), m.group(2)) for m in WIKILINK.finditer("![[a.png|300]] [[b]] [[c\nd]]")]
    assert found == [("!", "a.png|300"), ("", "b")]
