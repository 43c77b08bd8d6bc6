"""Anki export: concept, principle and flashcard cards as an `.apkg` that updates in place.

    export_anki(vault, output, AnkiExportOptions(deck="LessWrong")) -> AnkiExportReport
    export_anki(vault)   # the last export's deck (else the vault's forum), to <deck>.apkg here

Modules, in the order data flows: `flashcards` (the user's card syntax), `html` (Markdown -> card
HTML and media), `cards` (notes -> card specs with stable GUIDs, decks and tags), `manifest` (what
was exported last time), `package` (genanki note types and the `.apkg` bytes), `export` (the run).
"""

__all__ = ["AnkiExportOptions", "AnkiExportReport", "export_anki"]


def __getattr__(name: str):
    # The export is imported when first used: the Markdown renderer and genanki take half a
    # second to import, which every other command (and `--help`) would otherwise pay.
    if name in ("AnkiExportOptions", "AnkiExportReport", "export_anki"):
        from vaultkit.export.anki import export

        return getattr(export, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
