"""Precision and recall of the boilerplate flag on the hand-labelled seed units.

    python benchmarks/eval_boilerplate.py [--corpus DIR ...] [--threshold 0.8]

Loads the corpus folders (default: the seeds and the dev excerpts beside the repo), runs
``nlp.boilerplate.detect`` over all their reports, and scores the flag against
``tests/nlp/boilerplate/labels.json``: overall, per file and per label, and lists the misses
by ``file`` and unit number ``n`` (as in ``gold/sentences.jsonl``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import corpus  # noqa: E402
from nlp.boilerplate import detect  # noqa: E402
from nlp.boilerplate.evaluate import gold_unit_ids, score_flags  # noqa: E402

SHARED = REPO.parent / "shared"
LABELS = REPO / "tests" / "nlp" / "boilerplate" / "labels.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpus", nargs="+", default=[str(SHARED / "corpus" / "seeds"), str(SHARED / "corpus" / "dev")]
    )
    ap.add_argument("--threshold", type=float, default=0.8)
    args = ap.parse_args()
    docs = list(corpus.open_inputs(args.corpus))
    result = detect([r for d in docs for r in d.reports], threshold=args.threshold)
    ids = gold_unit_ids(SHARED / "gold" / "sentences.jsonl", docs)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["units"]
    score = score_flags(result.units, labels, ids)
    print(f"{len(labels)} labelled units {dict(Counter(u['label'] for u in labels))}")
    print(f"precision {score['precision']:.3f}  recall {score['recall']:.3f}  "
          f"(tp {score['tp']}, fp {score['fp']}, fn {score['fn']}, tn {score['tn']})")  # fmt: skip
    for file in sorted({u["file"] for u in labels}):
        s = score_flags(result.units, [u for u in labels if u["file"] == file], ids)
        n = s["tp"] + s["fp"] + s["fn"] + s["tn"]
        print(f"  {file}: precision {s['precision']:.3f} recall {s['recall']:.3f} (n={n})")
    kinds = Counter(
        (u["label"], getattr(result.units.get(ids.get((u["file"], u["n"]), "")), "kind", None))
        for u in labels
    )
    print("label × predicted kind:", dict(sorted(kinds.items(), key=str)))
    for file, n, label in score["misses"]:
        print(f"  miss: {file} n={n} labelled {label}")


if __name__ == "__main__":
    main()
