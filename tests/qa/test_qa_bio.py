"""An author bio the forum gives only as plain text (`bio`, no HTML) is kept, shown as text."""

from __future__ import annotations

import json
import shutil

from vaultkit.analyse.check import check_vault
from vaultkit.sync.demo import DEMO_DIR, sync_demo

PLAIN_BIO = "Costs $5 and *more*; <b>not bold</b> [[not a link]] #nottag\n\nSecond paragraph."


def test_a_plain_text_bio_is_kept_as_text(tmp_path):
    data = tmp_path / "demo-data"
    shutil.copytree(DEMO_DIR, data)
    users = json.loads((data / "users.json").read_text(encoding="utf-8"))
    users[0].update(bio=PLAIN_BIO, htmlBio="", biography=None)
    (data / "users.json").write_text(json.dumps(users), encoding="utf-8")
    vault = tmp_path / "v"
    sync_demo(vault, data_dir=data)

    body = (vault / "LessWrong" / "Authors" / f"{users[0]['displayName']}.md").read_text(encoding="utf-8")
    assert "Costs \\$5 and \\*more\\*" in body                   # `$` not math, `*` not emphasis
    assert "Second paragraph." in body
    assert "[[not a link]]" not in body and "<b>" not in body and "\n#nottag" not in body
    assert check_vault(vault).ok
