"""Scoring the boilerplate flag against hand labels keyed by gold unit (``file`` + ``n``).

Labels (``tests/nlp/boilerplate/labels.json``) are ``{"file", "n", "label"}``, ``n`` being the
unit's index in ``gold/sentences.jsonl``; ``boilerplate`` and ``goal-as-result`` count as
positive, ``substantive`` as negative.

>>> from nlp.boilerplate.records import UnitFlag
>>> flags = {"s1": UnitFlag(True, 0.5, 0, "cross-agency"), "s2": UnitFlag(False, 0.0, None, None)}
>>> labels = [{"file": "f", "n": 1, "label": "boilerplate"}, {"file": "f", "n": 2, "label": "substantive"}]
>>> score_flags(flags, labels, {("f", 1): "s1", ("f", 2): "s2"})["precision"]
1.0
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from corpus.model import Document
from nlp.boilerplate.records import UnitFlag

POSITIVE = frozenset(("boilerplate", "goal-as-result"))


def gold_unit_ids(sentences_jsonl: str | Path, docs: Iterable[Document]) -> dict[tuple[str, int], str]:
    """Map ``(file, n)`` of each gold unit to the sentence id of the loaded unit with its text.

    Gold and loaded units are matched by text, in file order (residue units included).
    """
    gold: dict[str, list[dict[str, Any]]] = {}
    with Path(sentences_jsonl).open(encoding="utf-8") as f:
        for line in f:
            unit = json.loads(line)
            gold.setdefault(unit["file"], []).append(unit)
    ids: dict[tuple[str, int], str] = {}
    for doc in docs:
        units = gold.get(doc.name, [])
        loaded = sorted(
            [s for r in doc.reports for s in r.sentences] + list(doc.residue), key=lambda s: s.start
        )
        i = 0
        for s in loaded:
            while i < len(units) and units[i]["text"].strip() != s.text.strip():
                i += 1
            if i < len(units):
                ids[(doc.name, units[i]["n"])] = s.id
                i += 1
    return ids


def score_flags(
    flags: Mapping[str, UnitFlag],
    labels: Sequence[Mapping[str, Any]],
    ids: Mapping[tuple[str, int], str],
) -> dict[str, Any]:
    """Precision, recall and the misses (``(file, n, label)``) of the flag over ``labels``.

    A labelled unit missing from ``ids`` counts as not flagged.
    """
    counts = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    misses: list[tuple[str, int, str]] = []
    for lab in labels:
        sid = ids.get((lab["file"], lab["n"]))
        flag = flags.get(sid) if sid is not None else None
        predicted, actual = bool(flag and flag.boilerplate), lab["label"] in POSITIVE
        counts[(predicted, actual)] += 1
        if predicted != actual:
            misses.append((lab["file"], lab["n"], lab["label"]))
    tp, fp, fn, tn = (
        counts[(True, True)],
        counts[(True, False)],
        counts[(False, True)],
        counts[(False, False)],
    )
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "misses": misses,
    }
