"""Anki export: concept, principle and flashcard cards as an `.apkg` that updates in place.

    export_anki(vault, output, AnkiExportOptions(deck="LessWrong")) -> AnkiExportReport

Modules, in the order data flows: `flashcards` (the user's card syntax), `html` (Markdown -> card
HTML and media), `cards` (notes -> card specs with stable GUIDs, decks and tags), `manifest` (what
was exported last time), `package` (genanki note types and the `.apkg` bytes), `export` (the run).
"""

from vaultkit.export.anki.export import AnkiExportOptions, AnkiExportReport, DEFAULT_DECK, export_anki

__all__ = ["AnkiExportOptions", "AnkiExportReport", "DEFAULT_DECK", "export_anki"]
