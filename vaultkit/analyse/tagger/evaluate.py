"""Score the tagger on labelled principles (the shipped held-out split by default).

    python -m vaultkit.analyse.tagger.evaluate                 # held-out split, table
    python -m vaultkit.analyse.tagger.evaluate --gold F.jsonl  # your own gold file (every row scored)
    python -m vaultkit.analyse.tagger.evaluate --json          # the figures as JSON, for CI checks
    python -m vaultkit.analyse.tagger.evaluate --model minilm  # the sentence encoder's weights
                                                               # (needs vaultkit[embeddings])

Per axis: forced-choice accuracy and macro-F1 with the confusion matrix, then with abstention:
coverage (share not `uncertain`), selective accuracy (on the labelled rows) and strict accuracy
(`uncertain` counts as wrong). Ambiguous rows are dropped and counted. 95% intervals come from a
seeded bootstrap over rows.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vaultkit.analyse.tagger.metrics import evaluate_split, format_report
from vaultkit.analyse.tagger.select import MODEL_NAMES, named_model
from vaultkit.errors import VaultkitError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, help="JSON Lines gold file; every row is scored")
    parser.add_argument("--split", default="heldout", help="split of the shipped set to score (default heldout)")
    parser.add_argument("--threshold", type=float, help="one abstention threshold for every axis")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--model", choices=MODEL_NAMES, default="default",
                        help="which weight set: default, or minilm (the sentence encoder's; needs vaultkit[embeddings])")
    args = parser.parse_args(argv)
    try:
        model = named_model(args.model)
    except VaultkitError as error:
        print(f"Error: {error.message}" + (f"\n{error.hint}" if error.hint else ""), file=sys.stderr)
        return error.exit_code
    report = evaluate_split(args.split, gold=args.gold, threshold=args.threshold, model=model)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
