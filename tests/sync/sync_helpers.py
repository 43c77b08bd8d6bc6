"""Hand-made items and notes for the sync tests."""

from __future__ import annotations

import datetime as dt

from vaultkit.model.items import Author, Post, TagRef
from vaultkit.render.notes import RenderedNote

TODAY = dt.date(2024, 3, 1)


def make_post(pid: str = "postAAAAAAAAAAAAA", title: str = "Fermi Estimation", body: str = "Hello.",
              **kw) -> Post:
    values = dict(id=pid, title=title, url=f"https://www.lesswrong.com/posts/{pid}/x", version="v1",
                  slug="x", posted="2020-01-02T03:04:05.000Z", modified="2020-01-03T00:00:00.000Z",
                  karma=10, author_id="userAAAAAAAAAAAAA", author_name="Jane Doe",
                  tags=[TagRef("tagAAAAAAAAAAAAAA", "rationality", "Rationality")], body=body)
    values.update(kw)
    return Post(**values)


def make_note(lw_id: str = "postAAAAAAAAAAAAA", title: str = "Fermi Estimation",
              region: str = "Body text.", **props) -> RenderedNote:
    properties = {"lw_id": lw_id, "type": "post", "title": title,
                  "url": f"https://www.lesswrong.com/posts/{lw_id}", "karma": 10, **props}
    return RenderedNote(lw_id=lw_id, kind="post", title=title, properties=properties, region=region,
                        list_items={"aliases": [title], "tags": ["lesswrong/post", "lw/rationality"]})
