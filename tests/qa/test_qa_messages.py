"""Messages a user reads: short, one line, pointing at the line to fix."""

from __future__ import annotations

import pytest

from vaultkit.vault.notes import parse_properties


@pytest.mark.parametrize("yaml_text, line", [
    ('lw_id: "abc"\ntitle: "unclosed\n', 3),       # the note's line 3 (line 1 is `---`)
    ("lw_id: abc\ntags: [a, b\n", 3),
    ("lw_id: abc\n  title: x\ntype: post\n", 3),
])
def test_invalid_yaml_names_the_line_in_the_note(yaml_text, line):
    with pytest.raises(ValueError) as error:
        parse_properties(yaml_text)
    message = str(error.value)
    assert message.startswith(f"invalid YAML in the properties at line {line}, column ")
    assert "<unicode string>" not in message and "\n" not in message and "  " not in message
