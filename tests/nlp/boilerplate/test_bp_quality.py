"""Precision and recall of the boilerplate flag on a hand-labelled set of seed units.

``labels.json`` holds ``{"file", "n", "label"}`` per unit (``n`` as in ``gold/sentences.jsonl``),
labelled by reading the seeds against ANNOTATION.md's definition: ``boilerplate`` (the text,
or the text with names, numbers and dates changed, stands in another report; or an outline
instruction), ``goal-as-result`` (a result unit repeating its report's goal), ``substantive``.
The corpus compared is the seeds plus the dev excerpts.
"""

from __future__ import annotations

import json
from pathlib import Path

import corpus
from nlp.boilerplate import detect
from nlp.boilerplate.evaluate import gold_unit_ids, score_flags

LABELS = Path(__file__).with_name("labels.json")

#: What the detector reaches (P 1.000, R 0.988 when written); the test guards against regressions.
MIN_PRECISION = 0.99
MIN_RECALL = 0.975


def test_labels_hold_ids_and_labels_only() -> None:
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    assert all(set(u) == {"file", "n", "label"} for u in data["units"])
    labels = [u["label"] for u in data["units"]]
    assert set(labels) == set(data["labels"]) and len(labels) >= 150
    assert len({u["file"] for u in data["units"]}) >= 4


def test_precision_and_recall_on_the_labelled_seed_units(shared_dir: Path) -> None:
    docs = list(corpus.open_inputs([shared_dir / "corpus" / "seeds", shared_dir / "corpus" / "dev"]))
    result = detect([r for d in docs for r in d.reports])
    ids = gold_unit_ids(shared_dir / "gold" / "sentences.jsonl", docs)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["units"]
    missing = [(u["file"], u["n"]) for u in labels if (u["file"], u["n"]) not in ids]
    assert not missing, f"labelled units not found in the loaded corpus: {missing[:5]}"
    score = score_flags(result.units, labels, ids)
    assert score["precision"] >= MIN_PRECISION, f"precision {score['precision']:.3f}: {score['misses']}"
    assert score["recall"] >= MIN_RECALL, f"recall {score['recall']:.3f}: {score['misses']}"
