"""`vaultkit tag`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from vaultkit.cli import output


def tag_command(
    vault: Annotated[Path, typer.Argument(help="The Obsidian vault folder.")] = Path("."),
    concepts: Annotated[bool, typer.Option("--concepts/--no-concepts",
                                           help="Also tag the concept notes whose name and definition state a principle "
                                                "(concepts that name a topic are never tagged).")] = True,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    explain: Annotated[Optional[str], typer.Option("--explain", metavar="NOTE",
                                                   help="Explain the labels of one note (path, file name or title); writes nothing.")] = None,
    threshold: Annotated[Optional[float], typer.Option("--threshold", min=0.5, max=1.0,
                                                       help="Confidence below which an axis is `uncertain` (default: per axis, from training).")] = None,
    evaluate: Annotated[bool, typer.Option("--evaluate", help="Score the tagger on its held-out labelled split instead of tagging.")] = False,
    gold: Annotated[Optional[Path], typer.Option("--gold", help="With --evaluate: score on this JSON Lines gold file instead.")] = None,
    model: Annotated[str, typer.Option("--model", metavar="NAME",
                                       help="With --evaluate: the weights to score, default or minilm "
                                            "(the sentence encoder's; needs vaultkit\\[embeddings]).")] = "default",
) -> None:
    """Label principle notes as normative/descriptive, universal/situational, deterministic/stochastic.

    Writes the properties `normativity`, `scope` and `certainty` and `principle/<label>` tags to
    notes with `type: principle` and to concept notes detected as principles (a law, rule,
    heuristic, fallacy, bias or effect, not a topic such as a field or a community). Set
    `principle: true` or `principle: false` in a note to decide yourself. Values you set by hand
    are never changed; re-running on unchanged notes writes nothing.

    Example:

      vaultkit tag ./my-vault

      vaultkit tag ./my-vault --no-concepts --dry-run

      vaultkit tag ./my-vault --explain "Principles/Occam's razor.md"

      vaultkit tag --evaluate --gold my-labels.jsonl

    With the optional extra (pip install "vaultkit\\[embeddings]"), the scope and normativity axes
    also weigh a sentence encoder's reading of the statement; `encoder = "off"` under \\[tag] in vaultkit.toml (or
    VAULTKIT_TAG_ENCODER=off) keeps the default model.
    """
    from vaultkit.analyse import tagger

    if evaluate:
        report = tagger.evaluate_split("heldout", gold=gold, threshold=threshold, model=tagger.named_model(model))
        if as_json:
            output.print_json(report)
        else:
            output.echo(tagger.format_report(report))
        return
    encoder = _encoder_setting(vault)
    if explain is not None:
        explanation = tagger.explain_note(vault, explain, threshold=threshold, encoder=encoder)
        if as_json:
            output.print_json(explanation)
        else:
            output.echo(tagger.format_explanation(explanation))
        return
    output.warn_unreadable_settings(vault)
    report = tagger.tag_vault(vault, concepts=concepts, dry_run=dry_run, threshold=threshold,
                              progress=output.progress_for_terminal(), encoder=encoder)
    if as_json:
        output.print_json(report.to_json())
        return
    for warning in report.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    for note in report.notes:
        if note.status == "tagged":
            values = ", ".join(f"{k}={v}" for k, v in note.values.items())
            output.echo(f"{'would tag' if dry_run else 'tagged'} {note.rel}: {values}")
        elif note.status == "untagged":
            output.echo(f"{'would untag' if dry_run else 'untagged'} {note.rel}: "
                        f"{note.detection.reason() if note.detection else 'a topic'}")
    s = report.summary()
    output.echo(f"{'Dry run: ' if dry_run else ''}{s['tagged']} tagged, {s['unchanged']} unchanged, "
                f"{s['user_set_kept']} user-set values kept, {s['uncertain']} with an uncertain axis"
                + (f", {s['skipped']} skipped" if s["skipped"] else "") + ".")
    if s["topics"]:
        output.echo(f"{s['topics']} concepts name a topic, not a principle: no labels "
                    "(`--explain NOTE` says why; `principle: true` in a note overrides).")
    if not report.notes:
        output.echo("No principle notes found. Write notes with `type: \"principle\"` (see Templates/Principle.md), "
                    "or sync concepts with `vaultkit sync VAULT --concepts`.")


def _encoder_setting(vault: Path) -> Optional[str]:
    """`[tag] encoder` from the vault's vaultkit.toml; None when unset or the file cannot be read
    (the warning about an unreadable file is printed once, elsewhere)."""
    from vaultkit.config import load_settings
    from vaultkit.errors import ConfigError

    try:
        return load_settings(vault).tag_encoder
    except ConfigError as error:
        if "[tag]" in error.message:
            raise
        return None
