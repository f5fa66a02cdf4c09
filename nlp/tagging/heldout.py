"""The held-out figures of the tagger on the real corpus (``../shared``), in one run.

    python -m nlp.tagging.heldout [--shared ../shared] [--spacy] [--weak] [--json OUT]

Schemes: leave-one-file-out on the seeds; 5 grouped folds on dev (groups = province from
INDEX.tsv; seeds in every training fold); seeds → dev. Baselines: keyword rules, spaCy
``textcat_multilabel`` (``--spacy``). Ablation (``--weak``): weak labels from structure on the
held-out fold's own text (labels never seen) added to the training fold.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from nlp.tagging.data import load_gold
from nlp.tagging.evaluate import CVResult, Dataset, cross_validate, file_groups, train_test
from nlp.tagging.model import TagClassifier
from nlp.tagging.resources import TAGS
from nlp.tagging.rules import RuleTagger
from nlp.tagging.train import WEAK_WEIGHT, gold_dataset, load_corpus_units


def _line(name: str, m: dict[str, dict[str, float]]) -> str:
    tags = " ".join(f"{t}={m[t]['f1']:.3f}" for t in TAGS)
    return f"{name:<40} {tags} macro={m['macro']['f1']:.3f}"


class WeakAugmented:
    """TagClassifier whose training fold gets weak labels of the units it will be asked to tag."""

    def __init__(self, weak: Dataset) -> None:
        self.weak = weak

    def fit(self, X: Any, Y: Any, groups: Any = None) -> WeakAugmented:
        self.X, self.Y, self.groups = list(X), np.asarray(Y), np.asarray(groups)
        return self

    def predict(self, X: Any) -> np.ndarray:
        ids = {id(u) for u in X}
        keep = [i for i, u in enumerate(self.weak.units) if id(u) in ids]
        w = np.concatenate([np.ones(len(self.X)), np.full(len(keep), WEAK_WEIGHT)])
        clf = TagClassifier().fit(
            self.X + [self.weak.units[i] for i in keep],
            np.vstack([self.Y, self.weak.Y[keep]]),
            groups=np.concatenate([self.groups, self.weak.files[keep]]),
            sample_weight=w,
        )
        return clf.predict(X)


def _weak_of(data: Dataset) -> Dataset:
    from nlp.tagging.data import label_matrix
    from nlp.tagging.weak import weak_labels

    labs: list[tuple[str, ...]] = []
    for f in dict.fromkeys(data.files.tolist()):
        idx = np.flatnonzero(data.files == f)
        labs.extend(weak_labels([data.units[i].text for i in idx], [data.units[i].context for i in idx]))
    return Dataset(data.gold, data.units, label_matrix(labs), data.files)


def figures(
    shared: Path,
    *,
    spacy: bool = False,
    weak: bool = False,
    spacy_only: bool = False,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """All held-out figures; ``log`` receives one line per result."""
    corpus = load_corpus_units([shared / "corpus" / "seeds", shared / "corpus" / "dev"])
    seeds = gold_dataset(load_gold([shared / "gold" / "sentences.jsonl"]), corpus)
    dev = gold_dataset(load_gold([shared / "gold" / "dev" / "sentences.jsonl"]), corpus)
    prov = file_groups(dev.files, [shared / "corpus" / "dev" / "INDEX.tsv"])
    out: dict[str, Any] = {}

    def record(name: str, r: CVResult, group_of: dict[str, str] | None = None) -> None:
        m = r.metrics()
        out[name] = {"metrics": m}
        if group_of is not None:
            out[name]["per_group"] = {
                g: {t: v["f1"] for t, v in gm.items()} for g, gm in r.per_group(group_of.__getitem__).items()
            }
        log(_line(name, m))

    t0 = time.perf_counter()
    group_of = dict(zip(dev.files.tolist(), prov.tolist(), strict=True))
    if spacy_only:
        from nlp.tagging.spacy_component import SpacyTextcat

        r = cross_validate(SpacyTextcat, dev, prov, k=5, extra=seeds)
        record("dev 5 province folds +seeds (spaCy textcat)", r)
        return out
    record("seeds LOFO (model)", cross_validate(TagClassifier, seeds, seeds.files))
    record("seeds LOFO (rules)", cross_validate(RuleTagger, seeds, seeds.files))
    group_of = dict(zip(dev.files.tolist(), prov.tolist(), strict=True))
    record(
        "dev 5 province folds +seeds (model)",
        cross_validate(TagClassifier, dev, prov, k=5, extra=seeds),
        group_of,
    )
    record("dev rules", cross_validate(RuleTagger, dev, prov, k=5))
    record("seeds -> dev (model)", train_test(TagClassifier, seeds, dev))
    if weak:
        wd = _weak_of(dev)
        record(
            "dev 5 folds +seeds +weak(held-out text)",
            cross_validate(lambda: WeakAugmented(wd), dev, prov, k=5, extra=seeds),
        )
    if spacy:
        from nlp.tagging.spacy_component import SpacyTextcat

        record(
            "dev 5 province folds +seeds (spaCy textcat)",
            cross_validate(SpacyTextcat, dev, prov, k=5, extra=seeds),
        )
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3] / "shared")
    ap.add_argument("--spacy", action="store_true")
    ap.add_argument("--weak", action="store_true")
    ap.add_argument("--spacy-only", action="store_true", help="only the spaCy textcat baseline")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    if not (a.shared / "gold" / "sentences.jsonl").is_file():
        print(f"no gold data under {a.shared}", file=sys.stderr)
        return 2
    res = figures(
        a.shared, spacy=a.spacy, weak=a.weak, spacy_only=a.spacy_only, log=lambda s: print(s, flush=True)
    )
    if a.json:
        a.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
