"""Field HTML in the form Anki's editor keeps, so that showing a card never rewrites it.

Anki's editor (a Chromium web view) loads a field into the page and stores it back as the
browser serialises it. Any other spelling of the same HTML is rewritten the first time the note is
shown, which bumps the note's modification time and makes Anki's "update if newer" skip the next
vault edit. The browser's serialisation of a fragment is fixed by the HTML standard:

- text escapes only `&`, `<`, `>` (and a no-break space as `&nbsp;`): never `&quot;` or `&#x27;`;
- attribute values are double-quoted and escape `&`, `"` and a no-break space; recent Chromium
  also escapes `<` and `>` there, older versions do not, so vaultkit keeps those two out of the
  attributes it writes (alt text, titles);
- void elements have no slash: `<br>`, `<img …>`, `<hr>`.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", NBSP: "&nbsp;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", '"': "&quot;", NBSP: "&nbsp;", "<": None, ">": None})
_TAG_OR_TEXT_RE = re.compile(r"(<[^>]*>)|([^<]+)")


def escape_text(text: str) -> str:
    """`text` as a browser serialises a text node."""
    return text.translate(_TEXT_ESCAPES)


def escape_attr(value: str) -> str:
    """`value` for a double-quoted attribute, in the form every Chromium keeps (no `<`, `>`)."""
    return value.translate(_ATTR_ESCAPES)


def stable_markup(rendered: str) -> str:
    """markdown-it's output in the browser's form: `&quot;` in text becomes `"`, and no-break
    spaces become `&nbsp;`. Tags are left as they are (markdown-it already double-quotes and
    escapes attribute values)."""
    if "&quot;" not in rendered and NBSP not in rendered:
        return rendered

    def fix(match: re.Match[str]) -> str:
        tag, text = match.groups()
        if tag is not None:
            return tag.replace(NBSP, "&nbsp;")
        return text.replace("&quot;", '"').replace(NBSP, "&nbsp;")

    return _TAG_OR_TEXT_RE.sub(fix, rendered)
