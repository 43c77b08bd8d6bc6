"""Notes on disk: reading properties fast, and changing some keys without touching any other byte.

Properties are read as YAML 1.2 would read them (`No` and `on` stay strings). vaultkit's own
notes use a small, regular subset (quoted strings, numbers, dates, booleans, block lists of quoted
items), which a line parser reads about 30 times faster than a YAML library; anything else falls
back to the full YAML parser.

Writing never re-serialises the user's YAML: `set_properties` replaces only the lines that belong
to the keys it is given and leaves every other byte of the file alone.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from vaultkit.errors import VaultError

FENCE = "---"


@dataclass
class Note:
    """One Markdown file of the vault."""

    path: Path
    rel: str
    text: str
    properties: dict
    body: str
    frontmatter_error: str | None = None


# -- reading ---------------------------------------------------------------------------------

def split_frontmatter(text: str) -> tuple[str | None, str]:
    """Split a note into its YAML frontmatter (without the fences) and its body.

    Obsidian only treats a block as properties when the file starts with a ``---`` line.
    """
    bounds = _frontmatter_bounds(text)
    if bounds is None:
        return None, text
    yaml_start, yaml_end, body_start = bounds
    return text[yaml_start:yaml_end], text[body_start:]


def _frontmatter_bounds(text: str) -> tuple[int, int, int] | None:
    """(start of YAML, end of YAML, start of body), or None when the note has no frontmatter."""
    if not text.startswith(FENCE):
        return None
    if text.startswith("---\n"):
        # the common case, found with one search: no `\r` before the first `---` line below
        end = text.find("\n---\n", 3)
        if end != -1 and "\r" not in text[:end]:
            return 4, end + 1, end + 5
    first_newline = text.find("\n")
    if first_newline == -1 or text[:first_newline].rstrip("\r") != FENCE:
        return None
    yaml_start = first_newline + 1
    pos = yaml_start
    while pos <= len(text):
        end = text.find("\n", pos)
        line_end = len(text) if end == -1 else end
        if text[pos:line_end].rstrip("\r") == FENCE:
            body_start = len(text) if end == -1 else end + 1
            return yaml_start, pos, body_start
        if end == -1:
            return None
        pos = end + 1
    return None


class _Yaml12Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 booleans: only true/false, never yes/no/on/off."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_KEY_LINE = re.compile(r'([A-Za-z_][A-Za-z0-9_-]*|"[A-Za-z]+"):(?: (.*))?$')
_ITEM_LINE = re.compile(r" {0,4}- (.*)$")
_JSON_COMPATIBLE_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"')
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_SIMPLE = object()


def _simple_scalar(raw: str) -> Any:
    if raw.startswith('"'):
        inner = raw[1:-1]
        if raw.endswith('"') and len(raw) > 1 and "\\" not in inner and '"' not in inner:
            return inner  # the common case: nothing escaped
        if _JSON_COMPATIBLE_STRING.fullmatch(raw):
            return json.loads(raw)
        return _NOT_SIMPLE
    if raw in ("true", "false"):
        return raw == "true"
    if _INT.fullmatch(raw):
        return int(raw)
    if _FLOAT.fullmatch(raw):
        return float(raw)
    if _DATE.fullmatch(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return _NOT_SIMPLE
    if raw == "[]":
        return []
    return _NOT_SIMPLE


_OPEN = object()         # a key with nothing after its colon: null, or a block list below
_EMPTY_LIST = object()   # `key: []` (a fresh list per note: lists are the caller's to change)
_LINES: dict[str, tuple[Any, Any]] = {}  # line -> (key or None for a list item, value)
_LINES_KEPT = 1 << 16    # type, status, tags, authors: most property lines recur across notes


def forget_parsed_lines() -> None:
    """Empty the cache of parsed property lines (up to `_LINES_KEPT` of them, about 10 MB)."""
    _LINES.clear()


def _simple_line(line: str) -> tuple[Any, Any]:
    """(key, value) of a `key: value` line, (None, value) of a `  - item` line, else a value of
    `_NOT_SIMPLE`."""
    item = _ITEM_LINE.match(line)
    if item:
        value = _simple_scalar(item.group(1))
        return None, (_NOT_SIMPLE if isinstance(value, list) else value)
    match = _KEY_LINE.match(line)
    if not match:
        return None, _NOT_SIMPLE
    key, raw = match.group(1).strip('"'), match.group(2)
    if not raw:
        return key, _OPEN
    value = _simple_scalar(raw)
    return key, (_EMPTY_LIST if isinstance(value, list) else value)


def _parse_simple(yaml_text: str) -> dict | None:
    """Parse the regular subset vaultkit writes, or return None to ask for the YAML parser."""
    result: dict[str, Any] = {}
    open_key: str | None = None  # the key whose block list items may follow
    for line in yaml_text.split("\n"):
        if not line:
            continue
        parsed = _LINES.get(line)
        if parsed is None:
            parsed = _simple_line(line)
            if len(_LINES) < _LINES_KEPT:
                _LINES[line] = parsed
        key, value = parsed
        if value is _NOT_SIMPLE:
            return None
        if key is None:
            if open_key is None:
                return None
            if result[open_key] is None:
                result[open_key] = []
            result[open_key].append(value)
            continue
        if key in result:
            return None
        open_key = key if value is _OPEN else None
        result[key] = None if value is _OPEN else [] if value is _EMPTY_LIST else value
    return result


def _describe_yaml_error(error: yaml.YAMLError) -> str:
    """A one-line reason with the line number as Obsidian's editor shows it (the `---` is line 1)."""
    # an unclosed quote or bracket: where it began; anything else: where the parser gave up
    unclosed = any(word in (getattr(error, "context", None) or "") for word in ("quoted", "flow"))
    mark = getattr(error, "context_mark" if unclosed else "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).replace("\n", " ")
    if mark is None:
        return f"invalid YAML in the properties: {problem}"
    return f"invalid YAML in the properties at line {mark.line + 2}, column {mark.column + 1}: {problem}"


def parse_properties(yaml_text: str) -> dict:
    """Parse frontmatter YAML into a dict. Raises `ValueError` when it is not a YAML mapping."""
    simple = _parse_simple(yaml_text)
    if simple is not None:
        return simple
    try:
        data = yaml.load(yaml_text, Loader=_Yaml12Loader)
    except yaml.YAMLError as error:
        raise ValueError(_describe_yaml_error(error)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError("the properties block is not a list of `key: value` lines")
    return {str(key): value for key, value in data.items()}


def read_note(path: Path, root: Path) -> Note:
    """Read one note. Invalid YAML does not raise: the note gets empty properties and an error."""
    path = Path(path)
    text = read_note_text(path)
    properties, body, error_message = parse_note_text(text)
    return Note(path=path, rel=_relative(path, root), text=text, properties=properties, body=body,
                frontmatter_error=error_message)


def read_note_text(path: str | os.PathLike) -> str:
    """A note's text (bytes that are not UTF-8 replaced); VaultError when it cannot be read."""
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError as error:
        raise VaultError(f"Cannot read note {path}: {error.strerror or error}",
                         hint="Check that the file exists and is readable.") from error
    return raw.decode("utf-8", errors="replace")


def parse_note_text(text: str) -> tuple[dict, str, str | None]:
    """(properties, body, why the properties did not parse or None) of a note's text."""
    yaml_text, body = split_frontmatter(text)
    if yaml_text is None:
        return {}, body, None
    try:
        return parse_properties(yaml_text), body, None
    except ValueError as error:
        return {}, body, str(error)


def _relative(path: Path, root: Path) -> str:
    """`path` relative to `root`, as a POSIX string (string work: pathlib's is slow per note)."""
    full, base = str(path), str(root).rstrip(os.sep)
    if full.startswith(base + os.sep):
        return full[len(base) + 1:].replace(os.sep, "/")
    return path.as_posix()

# -- writing ---------------------------------------------------------------------------------

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Keys that some YAML readers (YAML 1.1) would take for booleans or null are quoted.
_AMBIGUOUS_KEYS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


# The characters `_quote` escapes; most values have none, and are quoted as they are.
_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff\ufffe\uffff]')


def _quote(text: str) -> str:
    """A YAML double-quoted scalar that is also a JSON string (one line, always safe)."""
    if _ESCAPED.search(text) is None:
        return f'"{text}"'
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else "\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def format_value(value: Any) -> str:
    """The inline YAML for a scalar value, in the style every vaultkit note uses."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write the number {value!r} as a property")
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _quote(value)
    raise TypeError(f"unsupported property value {value!r} ({type(value).__name__})")


def format_property(key: str, value: Any) -> str:
    """One property as YAML lines, ending with a newline."""
    plain = _PLAIN_KEY.fullmatch(key) and key.lower() not in _AMBIGUOUS_KEYS
    name = key if plain else _quote(key)
    if isinstance(value, (list, tuple)):
        if not value:
            return f"{name}: []\n"
        return f"{name}:\n" + "".join(f"  - {format_value(item)}\n" for item in value)
    rendered = format_value(value)
    return f"{name}: {rendered}\n" if rendered else f"{name}:\n"


def format_properties(props: Mapping[str, Any]) -> str:
    """A whole frontmatter block (with its fences) for a new note."""
    return FENCE + "\n" + "".join(format_property(k, v) for k, v in props.items()) + FENCE + "\n"


def _key_of_line(line: str) -> str | None:
    """The top-level key a frontmatter line starts, or None for continuation and comment lines."""
    if not line or line[0] in " \t-#\r":
        return None
    if line[0] in "\"'":
        quote = line[0]
        end = line.find(quote, 1)
        while quote == '"' and end != -1 and line[end - 1] == "\\":
            end = line.find(quote, end + 1)
        if end == -1 or not line[end + 1:].startswith(":"):
            return None
        inner = line[1:end]
        return json.loads(line[: end + 1]) if quote == '"' else inner.replace("''", "'")
    colon = re.search(r":(?:\s|$)", line)
    if colon is None:
        return None
    return line[: colon.start()].rstrip()


def _key_spans(lines: list[str]) -> list[tuple[str, int, int]]:
    """(key, first line, line after the last) for each top-level key of the frontmatter."""
    spans: list[tuple[str, int, int]] = []
    current: tuple[str, int] | None = None
    last_content = 0
    for index, line in enumerate(lines):
        key = _key_of_line(line)
        if key is not None:
            if current is not None:
                spans.append((current[0], current[1], last_content + 1))
            current = (key, index)
            last_content = index
        elif current is not None and line.strip() and not line.startswith("#"):
            last_content = index
        elif line.startswith("#") and current is not None:
            spans.append((current[0], current[1], last_content + 1))
            current = None
    if current is not None:
        spans.append((current[0], current[1], last_content + 1))
    return spans


def set_properties(text: str, updates: Mapping[str, Any], remove: Iterable[str] = ()) -> str:
    """Set and remove properties of a note, leaving every other byte of it unchanged.

    Existing keys keep their place; new keys are appended at the end of the frontmatter, which is
    created when the note has none. Callers must not call this on a note whose frontmatter failed
    to parse (see `Note.frontmatter_error`): the user has to repair that first.
    """
    remove = set(remove)
    bounds = _frontmatter_bounds(text)
    if bounds is None:
        if not updates:
            return text
        return format_properties(updates) + text
    yaml_start, yaml_end, _body_start = bounds
    lines = text[yaml_start:yaml_end].split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    replacements: dict[int, tuple[int, str]] = {}
    seen: set[str] = set()
    for key, start, end in _key_spans(lines):
        if key in updates and key not in seen:
            replacements[start] = (end, format_property(key, updates[key]))
            seen.add(key)
        elif key in remove or key in updates:
            replacements[start] = (end, "")
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index in replacements:
            end, new_text = replacements[index]
            out.append(new_text)
            index = end
        else:
            out.append(lines[index] + "\n")
            index += 1
    out.extend(format_property(k, v) for k, v in updates.items() if k not in seen)
    return text[:yaml_start] + "".join(out) + text[yaml_end:]
