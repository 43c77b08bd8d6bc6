"""`vaultkit tag --explain NOTE`: per axis, the label, its confidence and the cues behind it."""

from __future__ import annotations

from pathlib import Path

from vaultkit.analyse.tagger.extract import extract_principle, note_name
from vaultkit.analyse.tagger.model import TaggerModel, classify
from vaultkit.analyse.tagger.select import choose_model
from vaultkit.analyse.tagger.state import TaggerState
from vaultkit.analyse.tagger.detect import override_value
from vaultkit.analyse.tagger.tagging import NO_STATEMENT, detect_note, find_record, merge_values
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
                 model: TaggerModel | None = None, encoder: str | None = None) -> dict:
    """What the tagger decides for one note and why; writes nothing. The model is chosen as
    `tag_vault` chooses it (`encoder`: vaultkit.toml's `[tag] encoder`)."""
    model = model or choose_model(encoder)
    note = find_note(vault, ref)
    if note.frontmatter_error:
        raise VaultError(f"The properties of {note.rel} are not valid YAML: {note.frontmatter_error}",
                         hint="Fix the properties block in Obsidian, then run again.")
    not_principle = _not_a_principle(note)
    if not_principle is not None:
        return not_principle
    principle = extract_principle(note)
    detection = detect_note(note)
    reason = detection.reason() if detection else "a principle note (`type: \"principle\"`)"
    if not principle.statement:  # as `vaultkit tag` does: skipped, not three empty `uncertain`s
        return {"note": note.rel, "name": principle.name, "is_principle": True, "reason": reason,
                "statement": "", "statement_source": principle.source, "skipped": NO_STATEMENT,
                "model_id": model.model_id, "axes": {}}
    result = classify(principle.name, principle.statement, model=model, threshold=threshold, explain=True)
    record = find_record(vault, note, TaggerState.load(vault))  # as `vaultkit tag` would, after a rename
    _updates, user_kept, _owned = merge_values(note.properties, result.labels(), record)
    axes = {}
    for axis in AXES:
        answer = result.axes[axis].to_json()
        if axis in user_kept:
            answer.update(label=note.properties.get(axis), source="user", model_label=result.axes[axis].label)
        axes[axis] = answer
    return {"note": note.rel, "name": principle.name, "is_principle": True,
            "reason": reason,
            "statement": principle.statement, "statement_source": principle.source,
            "model_id": model.model_id, "axes": axes}


def _not_a_principle(note: Note) -> dict | None:
    """The explanation for a note the tagger leaves alone, or None when it is tagged."""
    kind = note.properties.get("type")
    name = note_name(note)
    reason = None
    if kind == "principle" and override_value(note.properties) is False:
        reason = "its `principle` property is false"
    elif kind not in ("principle", "concept"):
        what = f"a {kind} note" if isinstance(kind, str) and kind else "a note without a `type`"
        reason = (f"{what}: only principle notes (`type: \"principle\"`) and concept notes that state "
                  "a principle are tagged; set `principle: true` on a concept to include it")
    else:
        detection = detect_note(note)
        if detection is not None and not detection.is_principle:
            reason = detection.reason()
            return {"note": note.rel, "name": name, "is_principle": False, "reason": reason,
                    "detection": detection.to_json(), "axes": {}}
    if reason is None:
        return None
    return {"note": note.rel, "name": name, "is_principle": False, "reason": reason, "axes": {}}


def format_explanation(explanation: dict) -> str:
    """The explanation as readable text."""
    if not explanation.get("is_principle", True):
        lines = [f"{explanation['note']}: {explanation['name']}",
                 f"not a principle, so no labels: {explanation['reason']}"]
        for cue in explanation.get("detection", {}).get("cues", [])[:6]:
            lines.append(f"  {cue['weight']:+.2f} {'→ principle' if cue['weight'] > 0 else '→ topic':<12} "
                         f"{cue['id']}: {cue['text']!r}")
        return "\n".join(lines)
    lines = [f"{explanation['note']}: {explanation['name']}",
             f"why a principle: {explanation['reason']}"]
    if explanation.get("skipped"):
        return "\n".join([*lines, f"no labels: {explanation['skipped']}"])
    lines += [f"statement ({explanation['statement_source']}): {explanation['statement']}",
              f"model: {explanation['model_id']}"]
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
