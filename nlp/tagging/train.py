"""Training the tagger from gold files (+ weak labels from a corpus) and writing the model.

>>> # train_model(["gold/sentences.jsonl"], corpus_dirs=["corpus/seeds"], out="m.npz")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from corpus.errors import InputError
from corpus.model import Document, Sentence
from nlp.tagging.context import derive_contexts
from nlp.tagging.data import GoldUnit, align_units, by_file, gold_hash, load_gold
from nlp.tagging.evaluate import Dataset, make_dataset
from nlp.tagging.model import TagClassifier, Unit
from nlp.tagging.weak import weak_labels

#: Weight of a weakly labelled unit relative to a gold unit.
WEAK_WEIGHT = 0.3


def document_units(doc: Document) -> list[Sentence]:
    """All units of a document (reports' sentences and residue) in text order."""
    units = [s for r in doc.reports for s in r.sentences] + list(doc.residue)
    return sorted(units, key=lambda s: s.start)


def default_corpus_dirs(gold_paths: Iterable[str | Path]) -> list[Path]:
    """Where the report files of gold files usually are: ``gold/sentences.jsonl`` → ``corpus/seeds``,
    ``gold/dev/sentences.jsonl`` → ``corpus/dev`` (only folders that exist)."""
    out: list[Path] = []
    for p in gold_paths:
        gold = Path(p).resolve()
        root = gold.parent.parent if gold.parent.name == "dev" else gold.parent
        cand = root.parent / "corpus" / ("dev" if gold.parent.name == "dev" else "seeds")
        if cand.is_dir() and cand not in out:
            out.append(cand)
    return out


def load_corpus_units(
    dirs: Iterable[str | Path], on_error: Callable[[InputError], None] | None = None
) -> dict[str, list[Sentence]]:
    """Units of every report file under ``dirs``, keyed by file name (``Document.name``)."""
    from corpus.load import load_documents

    out: dict[str, list[Sentence]] = {}
    for doc in load_documents([str(d) for d in dirs], on_error=on_error or (lambda exc: None)):
        out.setdefault(doc.name, document_units(doc))
    return out


def gold_dataset(gold: Sequence[GoldUnit], corpus: dict[str, list[Sentence]] | None = None) -> Dataset:
    """Model inputs for gold units; units found in ``corpus`` get the corpus pipeline's context."""

    def contexts(group: list[GoldUnit]) -> list[Any]:
        sents = (corpus or {}).get(group[0].file)
        aligned = align_units(group, sents) if sents else None
        return derive_contexts([u.text for u in group], aligned)

    return make_dataset(gold, contexts)


def weak_dataset(corpus: dict[str, list[Sentence]], exclude: set[str] = frozenset()) -> Dataset:  # type: ignore[assignment]
    """Weakly labelled units of every corpus file not in ``exclude`` (files with gold)."""
    gold: list[GoldUnit] = []
    units: list[Unit] = []
    for name, sents in corpus.items():
        if name in exclude or not sents:
            continue
        texts = [s.text for s in sents]
        ctxs = derive_contexts(texts, sents)
        for i, (t, c, labs) in enumerate(zip(texts, ctxs, weak_labels(texts, ctxs), strict=False)):
            gold.append(GoldUnit(name, i, t, labs, "weak"))
            units.append(Unit(t, c, name))
    from nlp.tagging.data import label_matrix

    return Dataset(gold, units, label_matrix([u.labels for u in gold]), np.array([u.file for u in gold]))


def fit_model(
    data: Dataset, weak: Dataset | None = None, *, params: dict[str, Any] | None = None
) -> TagClassifier:
    """A TagClassifier fitted on gold ``data`` plus (lighter) ``weak`` units."""
    clf = TagClassifier(**(params or {}))
    if weak is None or not weak.units:
        return clf.fit(data.units, data.Y, groups=data.files)
    w = np.concatenate([np.ones(len(data.units)), np.full(len(weak.units), WEAK_WEIGHT)])
    return clf.fit(
        data.units + weak.units,
        np.vstack([data.Y, weak.Y]),
        groups=np.concatenate([data.files, weak.files]),
        sample_weight=w,
    )


def train_model(
    gold_paths: Sequence[str | Path],
    *,
    corpus_dirs: Sequence[str | Path] | None = None,
    weak: bool = False,
    out: str | Path,
    params: dict[str, Any] | None = None,
    metrics: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Train on all gold units of ``gold_paths`` (+ weak labels on corpus files without gold), write ``out``.

    Returns the metadata written beside the model.
    """
    from nlp.tagging.store import save_classifier

    gold = load_gold(gold_paths)
    if not gold:
        raise InputError("no gold units to train on", path=str(gold_paths[0]) if gold_paths else None)
    dirs = list(corpus_dirs) if corpus_dirs is not None else default_corpus_dirs(gold_paths)
    corpus = load_corpus_units(dirs) if dirs else {}
    data = gold_dataset(gold, corpus)
    weak_data = weak_dataset(corpus, {u.file for u in gold}) if weak else None
    clf = fit_model(data, weak_data, params=params)
    meta = {
        "training_data": {
            "gold_files": ["/".join(Path(p).parts[-2:]) for p in gold_paths],
            "gold_units": len(gold),
            "gold_sha256": gold_hash(gold),
            "weak_units": len(weak_data.units) if weak_data else 0,
            "corpus_context": sum(1 for f in by_file(gold) if f in corpus),
        },
        "heldout_metrics": metrics or {},
    }
    return save_classifier(clf, out, meta)
