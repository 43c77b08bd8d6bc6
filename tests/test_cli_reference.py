"""docs/cli.md is generated from every command's --help and must match the commands."""

from pathlib import Path

from vaultkit.cli.reference import command_paths, reference

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_the_reference_covers_every_command():
    assert {" ".join(p) for p in command_paths()} >= {
        "", "sync", "tag", "check", "progress", "export", "export anki", "export graph"}
    text = reference()
    assert "vaultkit sync --demo" in text and "--strict" in text


def test_docs_cli_md_is_current():
    assert DOC.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is stale: run `python -m vaultkit.cli.reference > docs/cli.md`")
