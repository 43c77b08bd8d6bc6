"""Build the compact word-sense table the scope axis reads, from a WordNet 3.0 database (build time only).

    apt-get download wordnet-base && dpkg -x wordnet-base_*.deb wn
    python -m vaultkit.analyse.tagger.build.wordnet_table --dict wn/usr/share/wordnet

writes `vaultkit/analyse/data/wordnet-senses.json.gz`: for each single-word noun and verb lemma, how
often WordNet's sense-tagged corpus used it in that part of speech, the lexicographer category (supersense: noun.body, noun.artifact, noun.quantity, …) of its most frequent
senses, and the general kinds its first sense descends from (a body part, a person, a device, a
number, a relation …), plus WordNet's irregular forms so that the tagger can lemmatise. Nothing is read from
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

from vaultkit.analyse.tagger.senses import SENSES_PATH

POS_FILES = {"n": "noun", "v": "verb"}
SENSES_KEPT = 3          # categories of the most frequent senses (WordNet lists senses by frequency)
WORD = re.compile(r"[a-z][a-z'-]*$")

# WordNet's lexicographer files, numbered as in its `lexnames` file (wndb(5WN)).
LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
            "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group "
            "noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession "
            "noun.process noun.quantity noun.relation noun.shape noun.state noun.substance noun.time "
            "verb.body verb.change verb.cognition verb.communication verb.competition verb.consumption "
            "verb.contact verb.creation verb.emotion verb.motion verb.perception verb.possession "
            "verb.social verb.stative verb.weather adj.ppl").split()

# A noun's first sense gets as "kinds" its hypernym ancestors that at least this many single-word
# nouns descend from (about a thousand: body part, connective tissue, device, person, game, number,
# mathematical relation, …): general enough to carry over to words no training row used, and
# chosen by WordNet's own hierarchy rather than by a list of ours.
GENERAL_KIND_MIN_NOUNS = 30


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


def read_data(path: Path) -> dict[int, tuple[int, list[int], str]]:
    """synset offset → (lexicographer file number, hypernym offsets, first word: the name a kind is
    shown by, "connective_tissue") (wndb(5WN): data.pos)."""
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
        synsets[offset] = (lexfile, hypernyms, fields[4])
    return synsets


def ancestors(offset: int, synsets: dict[int, tuple[int, list[int], str]]) -> set[int]:
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


def general_kinds(index: dict[str, list[int]], synsets: dict, min_nouns: int) -> dict[str, set[int]]:
    """lemma → the ancestors of its first sense that at least `min_nouns` lemmas' first senses share."""
    first = {lemma: ancestors(offsets[0], synsets) - {offsets[0]}
             for lemma, offsets in index.items() if WORD.match(lemma) and offsets}
    shared: dict[int, int] = {}
    for found in first.values():
        for offset in found:
            shared[offset] = shared.get(offset, 0) + 1
    return {lemma: {o for o in found if shared[o] >= min_nouns} for lemma, found in first.items()}


def build(wordnet_dir: Path, min_nouns: int = GENERAL_KIND_MIN_NOUNS) -> dict:
    """The table, from a WordNet dict directory (index.noun, data.noun, noun.exc, the verb files and
    cntlist.rev); `min_nouns` is how general an ancestor must be to be kept as a kind."""
    table: dict = {"source": "WordNet 3.0 (Princeton University), lexicographer categories and hypernyms",
                   "lexnames": LEXNAMES}
    counts = read_counts(wordnet_dir / "cntlist.rev")
    for pos, file in POS_FILES.items():
        index = read_index(wordnet_dir / f"index.{file}")
        synsets = read_data(wordnet_dir / f"data.{file}")
        kinds: dict[str, set[int]] = {}
        if pos == "n":
            kinds = general_kinds(index, synsets, min_nouns)
            kept = sorted(set().union(*kinds.values()))
            table["ancestors"] = [synsets[o][2] for o in kept]
            position = {o: i for i, o in enumerate(kept)}
        entries = {}
        for lemma, offsets in sorted(index.items()):
            if not WORD.match(lemma):
                continue
            categories = []
            for offset in offsets[:SENSES_KEPT]:
                if synsets[offset][0] not in categories:
                    categories.append(synsets[offset][0])
            count = counts.get((lemma, pos), 0)
            found = sorted(position[o] for o in kinds.get(lemma, ()))
            entries[lemma] = [count, categories, found] if found else [count, categories]
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
