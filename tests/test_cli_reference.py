"""docs/cli.md is generated from every command's --help and must match the commands."""

import re
from pathlib import Path

from vaultkit.cli.reference import command_paths, command_words, reference, renderer_versions

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_the_reference_covers_every_command():
    assert {" ".join(p) for p in command_paths()} >= {
        "", "sync", "tag", "check", "progress", "export", "export anki", "export graph"}
    text = reference()
    assert "vaultkit sync --demo" in text and "--strict" in text


def test_docs_cli_md_names_every_command_and_option():
    doc = DOC.read_text(encoding="utf-8")
    flat = re.sub(r"[\s│╭╮╰╯─]+", " ", doc)
    for path in command_paths():
        assert f"## `{' '.join(['vaultkit', *path])}`" in doc, path
        for word in command_words(path):
            assert re.sub(r"\s+", " ", word) in flat, (path, word)


def test_docs_cli_md_is_current():
    """Byte for byte where the same Typer and Rich draw it; other versions wrap and box differently,
    and the test above still holds every command, option and summary to the doc."""
    doc = DOC.read_text(encoding="utf-8")
    if f"Drawn by {renderer_versions()}." in doc:
        assert doc == reference(), (
            "docs/cli.md is stale: run `python -m vaultkit.cli.reference > docs/cli.md`")
    else:
        assert "Drawn by typer " in doc


def test_no_bracketed_word_of_the_help_is_swallowed_as_markup():
    """Rich reads `[word]` in help text as a style tag and drops it ("pip install vaultkit[extra]"
    printed as "pip install vaultkit"); such brackets must be written `\\[word]`."""
    import typer

    from vaultkit.cli.app import app
    from vaultkit.cli.reference import help_text

    markup = re.compile(r"\\?\[([a-z#/@][^\[\]]*)\]")
    for path in command_paths():
        command = typer.main.get_command(app)
        for name in path:
            command = command.commands[name]
        texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        rendered = re.sub(r"[\s│╭╮╰╯─]+", "", help_text(path))
        for text in texts:
            for word in markup.findall(text):
                assert re.sub(r"\s+", "", f"[{word}]") in rendered, (path, word)
