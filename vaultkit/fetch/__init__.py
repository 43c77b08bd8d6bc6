"""Reading a ForumMagnum forum (LessWrong, the Alignment Forum, the EA Forum) over GraphQL.

    from vaultkit.fetch import open_client, Selection, select_posts

    with open_client(site="lesswrong", cache_db=Database.in_folder(vault / ".vaultkit")) as client:
        rows = select_posts(client, Selection(sequences=["oneQyj4pw77ynzwAF"]))
        posts = client.posts_by_ids(row["_id"] for row in rows)

`vaultkit.fetch.standin` is the loopback stand-in server used by tests and `sync --demo`.
"""

from vaultkit.fetch.forum import ForumClient, PostListing, open_client
from vaultkit.fetch.selections import Selection, collection_posts, select_posts, sequence_posts
from vaultkit.model.sites import SITES, Site

__all__ = ["ForumClient", "PostListing", "SITES", "Selection", "Site", "collection_posts",
           "open_client", "select_posts", "sequence_posts"]
