"""What a selection means, end to end through `vaultkit sync` against the stand-in: filters narrow
the sources given with them, options belong to their selection, old settings files keep working,
and the demo stays apart from real vaults."""

from __future__ import annotations

from sync_e2e_support import cli_sync, notes_by_id, snapshot
from sync_helpers import forum_id, small_forum

MAIN_TOML = """\
# vaultkit settings for this vault. `vaultkit sync` with no options repeats these selections;
# options given on the command line are added here. Edit freely: comments are kept.
site = "lesswrong"

[select]
authors = ["jane-doe"]
since = "2020-01-03"
min_karma = 30

[folders]
post = "LessWrong/Posts"
sequence = "LessWrong/Sequences"
collection = "LessWrong/Collections"
concept = "LessWrong/Concepts"
author = "LessWrong/Authors"
comments = "LessWrong/Comments"
attachments = "LessWrong/Attachments"
templates = "Templates"
"""


def _posts(vault):
    return sorted(i for i, n in notes_by_id(vault).items() if n.properties.get("type") == "post")


def _of_type(vault, kind):
    return sorted(i for i, n in notes_by_id(vault).items() if n.properties.get("type") == kind)


def test_filters_narrow_the_author_they_are_given_with(tmp_path):
    # jane-doe wrote posts 0, 2, 4, 6 (karma 10 x n, posted 2020-01-(n+1)); the union of "her
    # posts" and "every post since the date with the karma" would also bring 0, 2, 3, 5 and 7
    vault = tmp_path / "v"
    result = cli_sync(vault, small_forum(), ["--author", "jane-doe", "--since", "2020-01-03",
                                             "--min-karma", "30"])
    assert result.exit_code == 0, result.output
    assert _posts(vault) == sorted([forum_id("post", 4), forum_id("post", 6)])
    again = cli_sync(vault, small_forum(), [])
    assert again.exit_code == 0 and _posts(vault) == sorted([forum_id("post", 4), forum_id("post", 6)])


def test_filters_narrow_a_sequence_and_no_source_means_the_whole_site(tmp_path):
    vault = tmp_path / "v"
    # the sequence holds posts 0, 1, 2; only 2 has karma >= 20
    assert cli_sync(vault, small_forum(), ["--sequence", forum_id("seqone", 1),
                                           "--min-karma", "20"]).exit_code == 0
    assert _posts(vault) == [forum_id("post", 2)]
    assert cli_sync(vault, small_forum(), ["--since", "2020-01-07"]).exit_code == 0
    assert _posts(vault) == sorted([forum_id("post", 2), forum_id("post", 6), forum_id("post", 7)])
    text = (vault / "vaultkit.toml").read_text()
    assert text.count("\n[[selection]]\n") == 2 and "delay" not in text   # --delay 0 was for one run


def test_comments_belong_to_the_selection_they_were_given_with(tmp_path):
    vault = tmp_path / "v"
    assert cli_sync(vault, small_forum(), ["--post", forum_id("post", 0)]).exit_code == 0
    assert cli_sync(vault, small_forum(), ["--post", forum_id("post", 1), "--comments"]).exit_code == 0
    assert _of_type(vault, "comments") == []          # post 0 has comments, but was not asked
    assert cli_sync(vault, small_forum(), ["--post", forum_id("post", 0), "--comments"]).exit_code == 0
    assert len(_of_type(vault, "comments")) == 1


def test_options_without_a_selection_are_an_error(tmp_path):
    vault = tmp_path / "v"
    assert cli_sync(vault, small_forum(), ["--post", forum_id("post", 0)]).exit_code == 0
    before = snapshot(vault)
    result = cli_sync(vault, small_forum(), ["--comments"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.startswith("Error: --comments")
    assert snapshot(vault) == before


def test_a_settings_file_from_the_previous_version_works_and_says_once_what_changed(tmp_path):
    vault = tmp_path / "v"
    vault.mkdir()
    (vault / "vaultkit.toml").write_text(MAIN_TOML)
    first = cli_sync(vault, small_forum(), [])
    assert first.exit_code == 0, first.output
    assert _posts(vault) == sorted([forum_id("post", 4), forum_id("post", 6)])
    assert first.output.count("note  vaultkit.toml: the old [select] table") == 1
    assert "now narrow its authors" in first.output
    text = (vault / "vaultkit.toml").read_text()
    assert "[select]" not in text and "[[selection]]" in text and 'authors = ["jane-doe"]' in text
    second = cli_sync(vault, small_forum(), [])
    assert second.exit_code == 0 and "note  " not in second.output


def test_demo_refuses_a_vault_that_is_not_a_demo_vault(tmp_path):
    from typer.testing import CliRunner

    from vaultkit.cli import app

    vault = tmp_path / "v"
    assert cli_sync(vault, small_forum(), ["--post", forum_id("post", 0)]).exit_code == 0
    before = snapshot(vault)
    result = CliRunner().invoke(app, ["sync", "--demo", str(vault)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.startswith(f"Error: {vault} is not a demo vault")
    assert snapshot(vault) == before
    notes = tmp_path / "my-notes"
    notes.mkdir()
    (notes / "Ideas.md").write_text("mine\n")
    assert CliRunner().invoke(app, ["sync", "--demo", str(notes)]).exit_code == 2
    assert [p.name for p in notes.iterdir()] == ["Ideas.md"]


def test_a_demo_vault_says_so_and_syncs_again(tmp_path):
    from typer.testing import CliRunner

    from vaultkit.cli import app

    vault = tmp_path / "demo"
    vault.mkdir()
    assert CliRunner().invoke(app, ["sync", "--demo", str(vault)]).exit_code == 0
    assert "demo = true" in (vault / "vaultkit.toml").read_text()
    assert CliRunner().invoke(app, ["sync", "--demo", str(vault)]).exit_code == 0
    assert CliRunner().invoke(app, ["sync", str(vault)]).exit_code == 0


def test_a_demo_vault_refuses_a_forum_selection(tmp_path):
    from typer.testing import CliRunner

    from vaultkit.cli import app

    vault = tmp_path / "demo"
    assert CliRunner().invoke(app, ["sync", "--demo", str(vault)]).exit_code == 0
    before = snapshot(vault)
    for args in (["--post", forum_id("post", 1)], ["--site", "eaforum"], ["--comments", "--since", "2020-01-01"]):
        result = CliRunner().invoke(app, ["sync", str(vault), *args])
        assert result.exit_code == 2 and "is a demo vault" in result.stderr, args
    assert snapshot(vault) == before


def test_a_site_without_a_selection_is_an_error_on_an_existing_vault(tmp_path):
    vault = tmp_path / "v"
    assert cli_sync(vault, small_forum(), ["--post", forum_id("post", 0)]).exit_code == 0
    before = snapshot(vault)
    result = cli_sync(vault, small_forum(), ["--site", "eaforum"])
    assert result.exit_code == 2 and "names the forum of a selection" in result.stderr
    assert snapshot(vault) == before


def test_a_pasted_url_sets_a_new_vaults_forum(tmp_path):
    url = f"https://forum.effectivealtruism.org/posts/{forum_id('post', 1)}/post-1"
    fresh = tmp_path / "ea"
    assert cli_sync(fresh, small_forum(), ["--post", url]).exit_code == 0
    assert 'site = "eaforum"' in (fresh / "vaultkit.toml").read_text()
