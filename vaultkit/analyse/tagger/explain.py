"""`vaultkit tag --explain NOTE`: per axis, the label, its confidence and the cues behind it."""

from __future__ import annotations

from pathlib import Path

from vaultkit.analyse.tagger.extract import extract_principle, note_name
from vaultkit.analyse.tagger.model import TaggerModel, classify, load_model
from vaultkit.analyse.tagger.state import TaggerState
from vaultkit.analyse.tagger.tagging import merge_values, note_key
from vaultkit.errors import VaultError
from vaultkit.model.properties import AXES
from vaultkit.vault.index import load_notes
from vaultkit.vault.notes import Note, read_note


def find_note(vault: Path, ref: str) -> Note:
    """A note by path (relative to the vault, or absolute), file name or title."""
    vault = Path(vault)
    for candidate in (vault / ref, vault / f"{ref}.md", Path(ref)):
        if candidate.is_file():
            return read_note(candidate.resolve(), vault.resolve())
    wanted = ref.removesuffix(".md").casefold()
    matches = [n for n in load_notes(vault, write=False).notes.values()
               if Path(n.rel).stem.casefold() == wanted or note_name(n).casefold() == wanted]
    if len(matches) == 1:
        return read_note(vault / matches[0].rel, vault)
    if not matches:
        raise VaultError(f"No note called {ref!r} in {vault}.",
                         hint="Give the note's path inside the vault, its file name or its title.")
    raise VaultError(f"{len(matches)} notes match {ref!r}: " + ", ".join(n.rel for n in matches[:5]),
                     hint="Give the note's path inside the vault to pick one.")


def explain_note(vault: Path, ref: str, *, threshold: float | None = None,
                 model: TaggerModel | None = None) -> dict:
    """What the tagger decides for one note and why; writes nothing."""
    model = model or load_model()
    note = find_note(vault, ref)
    if note.frontmatter_error:
        raise VaultError(f"The properties of {note.rel} are not valid YAML: {note.frontmatter_error}",
                         hint="Fix the properties block in Obsidian, then run again.")
    principle = extract_principle(note)
    result = classify(principle.name, principle.statement, model=model, threshold=threshold, explain=True)
    record = TaggerState.load(vault).notes.get(note_key(note))
    _updates, user_kept, _owned = merge_values(note.properties, result.labels(), record)
    axes = {}
    for axis in AXES:
        answer = result.axes[axis].to_json()
        if axis in user_kept:
            answer.update(label=note.properties.get(axis), source="user", model_label=result.axes[axis].label)
        axes[axis] = answer
    return {"note": note.rel, "name": principle.name, "statement": principle.statement,
            "statement_source": principle.source, "model_id": model.model_id, "axes": axes}


def format_explanation(explanation: dict) -> str:
    """The explanation as readable text."""
    lines = [f"{explanation['note']}: {explanation['name']}",
             f"statement ({explanation['statement_source']}): {explanation['statement'] or '(none)'}"]
    for axis, answer in explanation["axes"].items():
        head = f"{axis}: {answer['label']}"
        if answer["source"] == "user":
            head += f" (set by you; the model says {answer['model_label']})"
        else:
            head += f" (confidence {answer['confidence']:.2f}, threshold {answer['threshold']:.2f})"
        lines.append(head)
        for cue in answer["cues"][:8]:
            where = f" @{cue['span'][0]}-{cue['span'][1]}" if cue["span"] else ""
            lines.append(f"  {cue['contribution']:+.2f} → {cue['direction']:<13} {cue['id']}: {cue['text']!r}{where}")
    return "\n".join(lines)
