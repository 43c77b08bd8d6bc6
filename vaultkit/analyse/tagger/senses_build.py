"""Build the compact word-sense table the scope axis reads, from a WordNet 3.0 database (build time only).

    apt-get download wordnet-base && dpkg -x wordnet-base_*.deb wn
    python -m vaultkit.analyse.tagger.senses_build --dict wn/usr/share/wordnet

writes `vaultkit/analyse/data/wordnet-senses.json.gz`: for each single-word noun and verb lemma, how
often WordNet's sense-tagged corpus used it in that part of speech, the lexicographer category (supersense: noun.body, noun.artifact, noun.quantity, …) of its most frequent
senses, and the broad kinds its first senses descend from (a body part, a person, a device, a number,
a relation …), plus WordNet's irregular forms so that the tagger can lemmatise. Nothing is read from
WordNet at run time and nothing is downloaded; the table is all that ships (with WordNet's licence
beside it). Only derived categories are kept: no glosses, no synonyms, no examples.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

from vaultkit.analyse.tagger.dataset import DATA_DIR

SENSES_PATH = DATA_DIR / "wordnet-senses.json.gz"
POS_FILES = {"n": "noun", "v": "verb"}
SENSES_KEPT = 3          # categories of the most frequent senses (WordNet lists senses by frequency)
ANCESTOR_SENSES = 2      # senses whose hypernym ancestors are looked up
WORD = re.compile(r"[a-z][a-z'-]*$")

# WordNet's lexicographer files, numbered as in its `lexnames` file (wndb(5WN)).
LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
            "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group "
            "noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession "
            "noun.process noun.quantity noun.relation noun.shape noun.state noun.substance noun.time "
            "verb.body verb.change verb.cognition verb.communication verb.competition verb.consumption "
            "verb.contact verb.creation verb.emotion verb.motion verb.perception verb.possession "
            "verb.social verb.stative verb.weather adj.ppl").split()

# Broad kinds a sense may descend from, named by a WordNet noun and its sense number. Each says
# something about scope: a kind of body part, person, organism, device, food, game, disease or
# substance belongs to a particular domain; a number, function, relation, probability or change in
# general does not. The tagger's weights decide how much each counts.
ANCESTORS: dict[str, tuple[str, int]] = {
    "body_part": ("body_part", 1),
    "person": ("person", 1),
    "organism": ("organism", 1),
    "animal": ("animal", 1),
    "plant": ("plant", 2),
    "food": ("food", 1),
    "device": ("device", 1),
    "instrumentality": ("instrumentality", 3),
    "structure": ("structure", 1),
    "vehicle": ("vehicle", 1),
    "drug": ("drug", 1),
    "disease": ("disease", 1),
    "medical_care": ("medical_care", 1),
    "game": ("game", 1),
    "sport": ("sport", 1),
    "chemical": ("chemical", 1),
    "material": ("material", 1),
    "organization": ("organization", 1),
    "occupation": ("occupation", 1),
    "money": ("money", 1),
    "commerce": ("commerce", 1),
    "computer": ("computer", 1),
    "number": ("number", 2),
    "function": ("function", 1),
    "mathematical_relation": ("mathematical_relation", 1),
    "relation": ("relation", 1),
    "quantity": ("quantity", 1),
    "set": ("set", 2),
    "probability": ("probability", 1),
    "physical_phenomenon": ("physical_phenomenon", 1),
    "change": ("change", 1),
    "cognition": ("cognition", 1),
}


def read_index(path: Path) -> dict[str, list[int]]:
    """lemma → synset offsets, most frequent sense first (wndb(5WN): index.pos)."""
    senses = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        lemma, synset_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
        offsets = fields[6 + pointer_count:]
        senses[lemma] = [int(o) for o in offsets[:synset_count]]
    return senses


def read_data(path: Path) -> dict[int, tuple[int, list[int]]]:
    """synset offset → (lexicographer file number, hypernym offsets) (wndb(5WN): data.pos)."""
    synsets = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split(" | ")[0].split()
        offset, lexfile, word_count = int(fields[0]), int(fields[1]), int(fields[3], 16)
        at = 4 + 2 * word_count
        pointer_count = int(fields[at])
        hypernyms = []
        for i in range(pointer_count):
            symbol, target, pos = fields[at + 1 + 4 * i: at + 4 + 4 * i]
            if symbol in ("@", "@i") and pos == fields[2].replace("s", "a"):
                hypernyms.append(int(target))
        synsets[offset] = (lexfile, hypernyms)
    return synsets


def ancestors(offset: int, synsets: dict[int, tuple[int, list[int]]]) -> set[int]:
    """Every synset `offset` descends from, itself included."""
    seen, todo = set(), [offset]
    while todo:
        current = todo.pop()
        if current not in seen and current in synsets:
            seen.add(current)
            todo.extend(synsets[current][1])
    return seen


def read_counts(path: Path) -> dict[tuple[str, str], int]:
    """(lemma, part of speech) → how often its senses were tagged in WordNet's sense-tagged corpus
    (cntlist.rev: sense key, sense number, count); adjectives and adverbs count as "a"."""
    counts: dict[tuple[str, str], int] = {}
    if not path.exists():
        return counts
    for line in path.read_text(encoding="latin-1").splitlines():
        fields = line.split()
        if len(fields) != 3 or "%" not in fields[0]:
            continue
        lemma, kind = fields[0].split("%")[0], fields[0].split("%")[1][:1]
        pos = {"1": "n", "2": "v"}.get(kind, "a")
        counts[(lemma, pos)] = counts.get((lemma, pos), 0) + int(fields[2])
    return counts


def read_exceptions(path: Path, lemmas: dict[str, list[int]]) -> dict[str, str]:
    """Irregular inflected form → its single-word base form ("teeth" → "tooth"), for known lemmas."""
    forms = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        fields = line.split()
        if len(fields) >= 2 and WORD.match(fields[0]) and fields[1] in lemmas:
            forms[fields[0]] = fields[1]
    return forms


def build(wordnet_dir: Path) -> dict:
    """The table, from a WordNet dict directory (index.noun, data.noun, noun.exc, and the verb files)."""
    table: dict = {"source": "WordNet 3.0 (Princeton University), lexicographer categories and hypernyms",
                   "lexnames": LEXNAMES, "ancestors": sorted(ANCESTORS)}
    counts = read_counts(wordnet_dir / "cntlist.rev")
    for pos, file in POS_FILES.items():
        index = read_index(wordnet_dir / f"index.{file}")
        synsets = read_data(wordnet_dir / f"data.{file}")
        anchors = {}
        if pos == "n":
            for name, (lemma, number) in ANCESTORS.items():
                if len(index.get(lemma, ())) >= number:
                    anchors[index[lemma][number - 1]] = table["ancestors"].index(name)
        entries = {}
        for lemma, offsets in sorted(index.items()):
            if not WORD.match(lemma):
                continue
            categories = []
            for offset in offsets[:SENSES_KEPT]:
                if synsets[offset][0] not in categories:
                    categories.append(synsets[offset][0])
            kinds = sorted({anchors[a] for offset in offsets[:ANCESTOR_SENSES]
                            for a in ancestors(offset, synsets) if a in anchors})
            count = counts.get((lemma, pos), 0)
            entries[lemma] = [count, categories, kinds] if kinds else [count, categories]
        table[pos] = entries
        table[f"{pos}_forms"] = read_exceptions(wordnet_dir / f"{file}.exc", index)
    # Words mostly used as adjectives or adverbs ("small", "ordinary"), so that their rare noun senses
    # ("the small of the back") are not taken for what the writer meant.
    table["a"] = {lemma: n for (lemma, pos), n in sorted(counts.items()) if pos == "a" and WORD.match(lemma)}
    return table


def write_table(table: dict, path: Path) -> None:
    """Gzip the table deterministically (no timestamp), so a rebuild reproduces it byte for byte."""
    from vaultkit.vault.atomic import write_atomic

    text = json.dumps(table, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    write_atomic(path, gzip.compress(text.encode("ascii"), compresslevel=9, mtime=0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dict", type=Path, required=True, help="WordNet's dict directory (index.noun, data.noun, …)")
    parser.add_argument("--out", type=Path, default=SENSES_PATH, help="where to write the table")
    args = parser.parse_args(argv)
    table = build(args.dict)
    write_table(table, args.out)
    print(f"wrote {args.out}: {len(table['n'])} nouns, {len(table['v'])} verbs, {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
