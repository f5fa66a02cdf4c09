"""Held-out figures on the real corpus (skipped without ../shared): seeds → dev, at a lower bar.

Trains on the five seed files and tests on the 131 dev files, which share no file or agency
with them. Achieved (see the README, "Held-out figures"): macro-F1 ≈ 0.43, amount F1 ≈ 0.92.
"""

from __future__ import annotations

from pathlib import Path

from nlp.tagging.data import gold_hash, load_gold
from nlp.tagging.evaluate import train_test
from nlp.tagging.model import TagClassifier
from nlp.tagging.store import read_meta
from nlp.tagging.tagger import DEFAULT_MODEL
from nlp.tagging.train import gold_dataset, load_corpus_units


def test_seeds_to_dev(shared_dir: Path) -> None:
    corpus = load_corpus_units([shared_dir / "corpus" / "seeds", shared_dir / "corpus" / "dev"])
    seeds = gold_dataset(load_gold([shared_dir / "gold" / "sentences.jsonl"]), corpus)
    dev = gold_dataset(load_gold([shared_dir / "gold" / "dev" / "sentences.jsonl"]), corpus)
    m = train_test(lambda: TagClassifier(inner_folds=3), seeds, dev).metrics()
    assert m["amount"]["f1"] >= 0.85
    assert m["macro"]["f1"] >= 0.38


def test_shipped_model_matches_gold(shared_dir: Path) -> None:
    meta = read_meta(DEFAULT_MODEL)
    gold_dir = shared_dir / "gold"
    gold = load_gold([gold_dir / "sentences.jsonl", gold_dir / "dev" / "sentences.jsonl"])
    assert meta["training_data"]["gold_sha256"] == gold_hash(gold)
    assert meta["heldout_metrics"], "the shipped model must carry its held-out figures"
