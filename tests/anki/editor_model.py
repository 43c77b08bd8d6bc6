"""The tests' model of what Anki's editor does to a field's HTML when it shows the note.

Anki's editor is a Chromium web view: it parses the stored HTML into the page and, when it stores
the field back, serialises it with the HTML standard's fragment serialisation. This model does the
same for the well-formed HTML vaultkit writes (it builds no tree, so it does not repair broken
nesting or insert implied tags such as `<tbody>`, which vaultkit never relies on):

- character references are decoded, `\\r\\n` becomes `\\n`;
- tag and attribute names are lower-cased, attribute values double-quoted;
- text escapes `&`, `<`, `>` and the no-break space; attribute values escape `&`, `"`, the no-break
  space, `<` and `>` (Chromium since version 138; older versions leave `<` and `>` raw);
- void elements (`br`, `img`, `hr`, …) lose their end slash; `<script>`/`<style>` text stays raw;
- comments are kept.

`test_anki_editor.py` checks this model against real headless Chromium.
"""

from __future__ import annotations

from html.parser import HTMLParser

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
RAW_TEXT = frozenset("script style xmp iframe noembed noframes plaintext".split())


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("\u00a0", "&nbsp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return (value.replace("&", "&amp;").replace("\u00a0", "&nbsp;").replace('"', "&quot;")
            .replace("<", "&lt;").replace(">", "&gt;"))


class _Serialiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.raw = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rendered = "".join(f' {name}="{_attr(value or "")}"' for name, value in attrs)
        self.out.append(f"<{tag}{rendered}>")
        if tag in RAW_TEXT:
            self.raw += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag in RAW_TEXT:
            self.raw -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data if self.raw else _text(data))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")


def editor_normalise(field_html: str) -> str:
    """`field_html` as Anki's editor stores it back after showing it."""
    serialiser = _Serialiser()
    serialiser.feed(field_html.replace("\r\n", "\n").replace("\r", "\n"))
    serialiser.close()
    return "".join(serialiser.out)
