import datetime as dt
import json

import yaml
from hypothesis import given, settings, strategies as st

from vaultkit.vault.notes import (format_properties, format_value, parse_properties, read_note,
                                  set_properties, split_frontmatter)

USER_NOTE = """---
# the user's comment stays
mine: yes
title: "Old title"
aliases:
- kept
rating: 3   # stars
'quoted key': No
karma: 1
---

My own text, with --- a dash line
---
"""


def test_split_frontmatter_finds_yaml_and_body():
    yaml_text, body = split_frontmatter(USER_NOTE)
    assert yaml_text.startswith("# the user's comment stays\nmine: yes\n")
    assert body == "\nMy own text, with --- a dash line\n---\n"


def test_no_frontmatter_when_the_file_does_not_start_with_a_fence():
    assert split_frontmatter("text\n---\na: 1\n---\n") == (None, "text\n---\na: 1\n---\n")
    assert split_frontmatter("---\nnever closed\n") == (None, "---\nnever closed\n")


def test_properties_read_as_yaml_1_2():
    props = parse_properties(split_frontmatter(USER_NOTE)[0])
    assert props == {"mine": "yes", "title": "Old title", "aliases": ["kept"], "rating": 3,
                     "quoted key": "No", "karma": 1}


def test_fast_path_and_yaml_agree_on_vaultkit_notes():
    props = {"lw_id": "abc", "title": 'He said "no": \\ $5', "posted": dt.date(2019, 5, 9),
             "karma": -3, "ratio": 0.5, "af": False, "tags": ["a/b", "c"], "empty": None,
             "none_list": [], "weird": "\x85 \u2028 tab\t nl\n"}
    block = format_properties(props)
    yaml_text = split_frontmatter(block)[0]
    assert parse_properties(yaml_text) == props
    assert yaml.safe_load(yaml_text) == props


def test_a_text_value_is_one_line_of_json_whatever_characters_it_holds():
    """Quoting skips the escaping loop for text with nothing to escape: every character still
    comes out on one line, as JSON and YAML read it back."""
    for code in [*range(0x3000), 0xD800, 0xDFFF, 0xFEFF, 0xFFFE, 0xFFFF, 0x1F600, 0x10FFFF]:
        for text in (chr(code), f"plain {chr(code)} text"):
            quoted = format_value(text)
            assert "\n" not in quoted and json.loads(quoted) == text
            if not 0xD800 <= code <= 0xDFFF:   # YAML reads UTF-8, which has no lone surrogates
                line = f"key: {quoted}\n"
                assert parse_properties(line) == yaml.safe_load(line) == {"key": text}, hex(code)


def test_the_frontmatter_ends_at_the_first_fence_line_with_either_line_ending():
    assert split_frontmatter("---\na: 1\n---\nbody\n---\n") == ("a: 1\n", "body\n---\n")
    assert split_frontmatter("---\na: 1\n---\r\nb: 2\n---\nbody") == ("a: 1\n", "b: 2\n---\nbody")
    assert split_frontmatter("---\n---\nbody") == ("", "body")


def test_repeated_property_lines_give_each_note_its_own_values():
    first = parse_properties('tags:\n  - "a"\nnone: []\n')
    first["tags"].append("changed")
    first["none"].append("changed")
    assert parse_properties('tags:\n  - "a"\nnone: []\n') == {"tags": ["a"], "none": []}


def test_set_properties_changes_only_the_named_keys():
    out = set_properties(USER_NOTE, {"title": "New: title", "karma": 7, "tags": ["lesswrong/post"]},
                         remove=["rating"])
    assert out == """---
# the user's comment stays
mine: yes
title: "New: title"
aliases:
- kept
'quoted key': No
karma: 7
tags:
  - "lesswrong/post"
---

My own text, with --- a dash line
---
"""


def test_set_properties_on_a_note_without_frontmatter_adds_one():
    assert set_properties("Body\n", {"type": "principle"}) == '---\ntype: "principle"\n---\nBody\n'
    assert set_properties("Body\n", {}) == "Body\n"


def test_invalid_yaml_is_reported_on_the_note_not_raised(tmp_path):
    path = tmp_path / "Broken.md"
    path.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    note = read_note(path, tmp_path)
    assert note.properties == {}
    assert "invalid YAML" in note.frontmatter_error
    assert note.rel == "Broken.md"


_user_values = st.one_of(st.text(max_size=20), st.integers(), st.booleans(),
                         st.lists(st.text(max_size=8), max_size=3))


@settings(max_examples=150, deadline=None)
@given(user=st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True), _user_values,
                            max_size=6),
       ours=st.dictionaries(st.sampled_from(["lw_id", "title", "karma", "tags"]), _user_values,
                            max_size=4))
def test_set_properties_round_trips_and_keeps_user_keys(user, ours):
    user = {k: v for k, v in user.items() if k not in ours}
    text = format_properties(user) + "body\n"
    out = set_properties(text, ours)
    props = parse_properties(split_frontmatter(out)[0])
    assert props == {**user, **ours}
    assert yaml.safe_load(split_frontmatter(out)[0] or "{}") == {**user, **ours}
    assert out.endswith("---\nbody\n")
    for key in user:  # the user's lines are untouched, byte for byte
        assert format_properties({key: user[key]}).split("\n", 1)[1].rsplit("---", 1)[0] in out
