"""`--library`: Rationality: A–Z, The Codex, HPMOR and the curated sequences in one command, with
book notes between collections and sequences, `collection`/`book` properties on posts, and the
concepts of their posts."""

from __future__ import annotations

from vaultkit.analyse.progress import reading_progress
from vaultkit.model.sites import collection_alias

from sync_e2e_support import fixtures_from, notes_by_id, unresolved_links
from sync_helpers import forum_id

AZ, CODEX, HPMOR = (collection_alias(n) for n in ("rationality-a-z", "codex", "hpmor"))


def _post(n: int, tag: str) -> dict:
    return {"_id": forum_id("lib", n), "slug": f"lib-{n}", "title": f"Library post {n}",
            "postedAt": f"2019-01-{n:02d}T10:00:00.000Z", "modifiedAt": f"2019-02-{n:02d}T10:00:00.000Z",
            "baseScore": n, "userId": forum_id("author", 1), "tagRelevance": {tag: 1},
            "contents": {"html": f"<p>Post {n}.</p>"}}


def _sequence(n: int, title: str, post_numbers: list[int], **extra) -> dict:
    return {"_id": forum_id("libseq", n), "title": title, "userId": forum_id("author", 1),
            "chapters": [{"_id": forum_id("libchap", n), "number": 1,
                          "postIds": [forum_id("lib", p) for p in post_numbers]}], **extra}


def _book(n: int, title: str, number: int, sequences: list[int] = (), posts: list[int] = ()) -> dict:
    return {"_id": forum_id("libbook", n), "title": title, "number": number,
            "sequenceIds": [forum_id("libseq", s) for s in sequences],
            "postIds": [forum_id("lib", p) for p in posts]}


def library_forum() -> dict[str, list[dict]]:
    """Three collections under their real ids: A–Z with two books (listed out of order), the Codex
    with a book of posts, HPMOR with one book; one curated sequence outside them, one inside, and
    one curated without a grid image (the forum does not list those)."""
    tags = [{"_id": forum_id("libtag", 1), "slug": "rationality", "name": "Rationality",
             "description": {"html": "<p>Thinking well.</p>"}},
            {"_id": forum_id("libtag", 2), "slug": "fiction", "name": "Fiction",
             "description": {"html": "<p>Stories.</p>"}}]
    t1, t2 = tags[0]["_id"], tags[1]["_id"]
    posts = [_post(n, t2 if n in (7, 8) else t1) for n in range(1, 12)]
    sequences = [
        _sequence(1, "Predictably Wrong", [1, 2]),
        _sequence(2, "Fake Beliefs", [3]),
        _sequence(3, "Mysterious Answers", [4], curatedOrder=5, gridImageId="grid3"),
        _sequence(4, "HPMOR Part One", [7, 8]),
        _sequence(5, "A Curated Sequence", [9, 10], curatedOrder=9, gridImageId="grid5"),
        _sequence(6, "Curated Without Image", [11], curatedOrder=20),
    ]
    collections = [
        {"_id": AZ, "slug": "rationality", "title": "Rationality: A-Z",
         "books": [_book(2, "How to Actually Change Your Mind", 2, sequences=[3]),
                   _book(1, "Map and Territory", 1, sequences=[1, 2])]},
        {"_id": CODEX, "slug": "codex", "title": "The Codex",
         "books": [_book(3, "Argument and Analysis", 1, posts=[6, 5])]},
        {"_id": HPMOR, "slug": "hpmor", "title": "Harry Potter and the Methods of Rationality",
         "books": [_book(4, "Book One", 1, sequences=[4])]},
    ]
    users = [{"_id": forum_id("author", 1), "slug": "an-author", "username": "an-author",
              "displayName": "An Author"}]
    return {"users": users, "tags": tags, "posts": posts, "sequences": sequences,
            "collections": collections}


def _operations(vault, args):
    from typer.testing import CliRunner

    from vaultkit.cli import app
    from vaultkit.fetch.standin import StandinServer

    with StandinServer(fixtures_from(library_forum())) as server:
        result = CliRunner().invoke(app, ["sync", str(vault), "--endpoint", server.url,
                                          "--delay", "0", *args])
        return result, [name for name, _variables in server.operations]


def test_library_gives_books_in_order_with_properties_and_concepts(tmp_path):
    vault = tmp_path / "v"
    result, operations = _operations(vault, ["--library"])
    assert result.exit_code == 0, result.output
    notes = notes_by_id(vault)
    kinds = {}
    for lw_id, note in notes.items():
        kinds.setdefault(note.properties["type"], set()).add(lw_id)
    assert kinds["collection"] == {AZ, CODEX, HPMOR}
    assert kinds["book"] == {forum_id("libbook", n) for n in (1, 2, 3, 4)}
    assert kinds["sequence"] == {forum_id("libseq", n) for n in (1, 2, 3, 4, 5)}   # not 6
    assert kinds["post"] == {forum_id("lib", n) for n in range(1, 11)}
    assert kinds["concept"] == {forum_id("libtag", 1), forum_id("libtag", 2)}

    # collection -> books, in reading order, and back
    az = notes[AZ].body
    assert az.index("## Map and Territory") < az.index("## How to Actually Change Your Mind")
    assert notes[AZ].properties["book_count"] == 2
    book1 = notes[forum_id("libbook", 1)]
    assert book1.properties["collection"] == "[[Rationality A-Z|Rationality: A-Z]]"
    assert "[[Map and Territory]]" in az and "[[Predictably Wrong]]" in az
    assert book1.properties["number"] == 1
    assert book1.body.index("[[Predictably Wrong]]") < book1.body.index("[[Fake Beliefs]]")
    # book -> sequences -> posts, and back up
    seq = notes[forum_id("libseq", 1)]
    assert seq.properties["book"] == "[[Map and Territory]]"
    post = notes[forum_id("lib", 2)]
    assert post.properties["book"] == "[[Map and Territory]]"
    assert post.properties["collection"] == book1.properties["collection"]
    assert post.properties["sequence"] == "[[Predictably Wrong]]"
    # a book holding posts directly lists them in its order
    codex_book = notes[forum_id("libbook", 3)]
    assert codex_book.body.index("Library post 6") < codex_book.body.index("Library post 5")
    assert notes[forum_id("lib", 5)].properties["book"] == "[[Argument and Analysis]]"
    # a curated sequence outside the collections has no book
    assert "book" not in notes[forum_id("lib", 9)].properties
    assert unresolved_links(vault) == []
    assert "library = true" in (vault / "vaultkit.toml").read_text()

    # the collection answers carry their sequences: none is asked for again
    assert operations.count("Collection") == 3 and operations.count("CuratedSequences") == 1
    assert "Sequence" not in operations


def test_progress_counts_by_book(tmp_path):
    vault = tmp_path / "v"
    result, _ = _operations(vault, ["--library"])
    assert result.exit_code == 0, result.output
    rows = {(row.level, row.name): row for row in reading_progress(vault)}
    assert rows[("book", "Map and Territory")].total == 3
    assert rows[("book", "Argument and Analysis")].total == 2
    assert rows[("collection", "The Codex")].total == 2
