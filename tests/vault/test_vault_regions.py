import pytest

from vaultkit.vault.regions import BEGIN, END, RegionError, content_hash, region_text, replace_region


def test_a_region_is_appended_to_a_note_without_one():
    text = replace_region("---\na: 1\n---\n# Mine\n", "Hello")
    assert text == f"---\na: 1\n---\n# Mine\n\n{BEGIN}\nHello\n{END}\n"
    assert region_text(text) == "Hello\n"


def test_replacing_the_region_keeps_the_users_text_around_it():
    text = f"above\n{BEGIN}\nold\n{END}\nbelow\n"
    assert replace_region(text, "new\n") == f"above\n{BEGIN}\nnew\n{END}\nbelow\n"


@pytest.mark.parametrize("text", [f"{END}\n{BEGIN}\n", f"{BEGIN}\nx\n", f"{BEGIN}\n{BEGIN}\n{END}\n"])
def test_unbalanced_markers_are_an_error_not_a_guess(text):
    with pytest.raises(RegionError) as error:
        region_text(text)
    assert "unbalanced" in error.value.message


def test_hash_changes_with_any_edit():
    assert content_hash("a\n") != content_hash("a \n")
    assert len(content_hash("")) == 64
