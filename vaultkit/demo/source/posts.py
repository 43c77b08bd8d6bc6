"""All demo posts, oldest era first, and the posts that bodies link to but the snapshot leaves out."""

from vaultkit.demo.source.posts_early import POSTS_EARLY
from vaultkit.demo.source.posts_middle import POSTS_MIDDLE
from vaultkit.demo.source.posts_recent import POSTS_RECENT

POSTS = POSTS_EARLY + POSTS_MIDDLE + POSTS_RECENT

# Slugs of forum posts that demo bodies link to on purpose although the snapshot does not hold
# them: the vault must keep those links external.
EXTERNAL_POSTS = ("extremal-goodhart-in-practice", "adversarial-proxies")
