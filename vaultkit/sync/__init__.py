"""The sync engine: forum items in, notes on disk out.

    fetch -> model -> render -> sync -> vault

`engine` runs one sync over a locked vault, stage by stage: `gather` (what the selections want and
what changed upstream), `index` (where each note is, by `lw_id`), `context` (how notes link),
`plan` (create, update, conflict or leave), with `state` remembering it all in the vault's database
(``.vaultkit/vaultkit.sqlite3``; `migrate` brings in the JSON state of older versions once).
`demo` runs the same engine against the stand-in serving the bundled snapshot; `run` picks one.
"""
