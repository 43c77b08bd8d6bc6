"""Sample notes and small helpers for the Anki export tests. Test modules import these names from
here (not from conftest, a name every test folder has)."""

from __future__ import annotations

import base64
from pathlib import Path

from vault_builders import write_files

# A 1x1 PNG; a second one with another colour, for "image changed under the same name".
PNG_RED = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
PNG_BLUE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC")

T0 = 1_700_000_000   # file mtimes the tests set explicitly; Anki compares them in whole seconds

CONCEPT = """\
---
lw_id: "conceptAAA1"
type: "concept"
title: "Inferential Distance"
definition: "The gap between what you know and what your listener knows, measured in $n$ steps."
aliases:
  - "Inferential Distance"
  - "Inferential gap"
tags:
  - "lesswrong/concept"
  - "lw/communication"
---
%% vaultkit:begin %%
The full description, written by sync. It mentions [[Expecting Short Inferential Distances]].
Tricky::not a card, this is the owned region
%% vaultkit:end %%

My note: Inferential distance::the number of steps between two people's knowledge
"""

PRINCIPLE = """\
---
type: "principle"
title: "Make beliefs pay rent"
normativity: "normative"
scope: "universal"
certainty: "uncertain"
tags:
  - "principle/normative"
---
Every belief should **constrain anticipation**; ask what it predicts.

More thoughts, with an image ![[diagram.png|300]].
"""

POST = """\
---
lw_id: "postBBB2"
type: "post"
title: "The Map Is Not the Territory"
sequence: "[[Map and Territory|Map and Territory (sequence)]]"
collection: "[[Rationality A-Z]]"
tags:
  - "lesswrong/post"
---
%% vaultkit:begin %%
Forum text with ==a highlight== that must not become a cloze.
%% vaultkit:end %%

What is the map?::Your beliefs about the world
Map:::Territory
"""

STUDY = """\
---
tags:
  - "flashcards/rationality"
---
# Study cards

Bayes' rule says $P(A|B) = \\frac{P(B|A)P(A)}{P(B)}$ and the ==posterior== is what you update. ^bayes

Which bias?
?
Anchoring: leaning on the
first number you hear.

A {{c1::cloze with math \\(\\sqrt{\\frac{a}{b}}\\)}} keeps working.

%% Hidden::this card is commented out %%
```
Code::not a card
```
"""


def write_vault(root: Path, files: dict[str, str | bytes], mtime: int = T0) -> Path:
    """Write `files` (vault-relative path -> content) under root, each with the given mtime."""
    return write_files(root, files, mtime=mtime)


def sample_files() -> dict[str, str | bytes]:
    return {
        "LessWrong/Concepts/Inferential Distance.md": CONCEPT,
        "Principles/Make beliefs pay rent.md": PRINCIPLE,
        "LessWrong/Posts/The Map Is Not the Territory.md": POST,
        "Study/Bayes.md": STUDY,
        "LessWrong/Attachments/diagram.png": PNG_RED,
        "Inbox/Plain note.md": "Just text, ==highlighted== but not a flashcard note.\n",
    }


def import_package(col, apkg: Path):
    """Import like Anki desktop with its default options (update notes if newer); returns the log."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    response = col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(apkg), options=ImportAnkiPackageOptions()))
    return response.log
