"""The held-out figures of the tagger on the real corpus (``../shared``), in one run.

    python -m nlp.tagging.heldout [--shared ../shared] [--spacy] [--weak] [--json OUT]
    python -m nlp.tagging.heldout --dev-only [--cache /tmp/tag_corpus.pkl] [--errors OUT.tsv]
    python -m nlp.tagging.heldout --dev-only --second benchmarks/data/dev_second_annotation.jsonl
    python -m nlp.tagging.heldout --dev-only --curve          # learning curve over dev files

``--dev-only`` runs only the dev 5-fold scheme (for experiments); ``--cache`` keeps the loaded
corpus units in a pickle (experiments only: a stale cache is the user's responsibility).

Schemes: leave-one-file-out on the seeds; 5 grouped folds on dev (groups = province from
INDEX.tsv; seeds in every training fold); seeds → dev. Baselines: keyword rules, spaCy
``textcat_multilabel`` (``--spacy``). Ablation (``--weak``): weak labels from structure on the
held-out fold's own text (labels never seen) added to the training fold.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from collections.abc import Callable
from functools import partial
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


class DevSubset:
    """TagClassifier trained on all extra (seed) files and a random ``frac`` of the other files."""

    def __init__(self, frac: float, seed: int, keep_files: set[str]) -> None:
        self.frac, self.seed, self.keep_files = frac, seed, keep_files

    def fit(self, X: Any, Y: Any, groups: Any = None) -> DevSubset:
        g = np.asarray(groups)
        others = sorted(set(g.tolist()) - self.keep_files)
        rng = random.Random(self.seed)
        keep = set(rng.sample(others, int(len(others) * self.frac))) | self.keep_files
        idx = [i for i, f in enumerate(g.tolist()) if f in keep]
        self.model = TagClassifier().fit([X[i] for i in idx], np.asarray(Y)[idx], groups=g[idx])
        return self

    def predict(self, X: Any) -> np.ndarray:
        return self.model.predict(X)


def learning_curve(
    dev: Dataset, seeds: Dataset, prov: np.ndarray, log: Callable[[str], None]
) -> dict[str, Any]:
    """Dev-fold F1 when each training fold keeps only a share of its dev files (seeds always kept)."""
    out: dict[str, Any] = {}
    seed_files = set(seeds.files.tolist())
    for frac in (0.0, 0.25, 0.5, 1.0):
        runs = [
            cross_validate(partial(DevSubset, frac, s, seed_files), dev, prov, k=5, extra=seeds).metrics()
            for s in ((0,) if frac in (0.0, 1.0) else (0, 1))
        ]
        mean = {t: {"f1": float(np.mean([m[t]["f1"] for m in runs]))} for t in (*TAGS, "macro")}
        out[str(frac)] = mean
        log(_line(f"curve: {frac:.0%} of training-fold dev files", mean))
    return out


def _weak_of(data: Dataset) -> Dataset:
    from nlp.tagging.data import label_matrix
    from nlp.tagging.weak import weak_labels

    labs: list[tuple[str, ...]] = []
    for f in dict.fromkeys(data.files.tolist()):
        idx = np.flatnonzero(data.files == f)
        labs.extend(weak_labels([data.units[i].text for i in idx], [data.units[i].context for i in idx]))
    return Dataset(data.gold, data.units, label_matrix(labs), data.files)


def _corpus(shared: Path, cache: Path | None) -> dict[str, Any]:
    """The corpus units of seeds and dev, read from / written to the ``cache`` pickle when given."""
    if cache is not None and cache.is_file():
        with cache.open("rb") as fh:
            return pickle.load(fh)  # experiment cache written below
    corpus = load_corpus_units([shared / "corpus" / "seeds", shared / "corpus" / "dev"])
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(corpus, fh)
    return corpus


def dump_errors(r: CVResult, path: Path) -> None:
    """One TSV line per wrong tag decision: kind, tag, unit id, contexts, neighbours' text, text."""
    rows = ["kind\ttag\tuid\tsection\tcsec\trowkey\tregion\tshape\theading\tprev\ttext"]
    texts = [u.text for u in r.data.units]
    for i, u in enumerate(r.data.units):
        for j, tag in enumerate(TAGS):
            if r.pred[i, j] == r.data.Y[i, j]:
                continue
            c = u.context
            prev = texts[i - 1] if i and r.data.files[i - 1] == r.data.files[i] else ""
            cells = [
                "FP" if r.pred[i, j] else "FN",
                tag,
                r.data.gold[i].uid,
                c.section,
                c.corpus_section,
                c.row_key,
                c.region,
                c.shape,
                "/".join(c.headings)[-40:],
                prev[:40],
                u.text[:160],
            ]
            rows.append("\t".join(x.replace("\t", " ").replace("\n", " ") for x in cells))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _agreement(r: CVResult, second: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """Second annotator vs gold vs the dev-fold predictions, on the second annotation's sample."""
    from nlp.tagging.agreement import agreement_table, load_second

    rows = load_second(second)
    gold = {g.uid: g.labels for g in r.data.gold}
    model = {
        g.uid: tuple(t for t, v in zip(TAGS, r.pred[i], strict=True) if v) for i, g in enumerate(r.data.gold)
    }
    out: dict[str, Any] = {}
    for sure_only in (False, True):
        table = agreement_table(rows, gold, model, sure_only=sure_only)
        n = sum(1 for x in rows if x.sure or not sure_only)
        for name, m in table.items():
            label = f"{name} ({'sure only, ' if sure_only else ''}{n} units)"
            out[label] = m
            log(_line(label, m))
    return out


def figures(
    shared: Path,
    *,
    spacy: bool = False,
    weak: bool = False,
    spacy_only: bool = False,
    dev_only: bool = False,
    cache: Path | None = None,
    errors: Path | None = None,
    second: Path | None = None,
    curve: bool = False,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """All held-out figures; ``log`` receives one line per result."""
    corpus = _corpus(shared, cache)
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
    if dev_only:
        r = cross_validate(TagClassifier, dev, prov, k=5, extra=seeds)
        record("dev 5 province folds +seeds (model)", r, group_of)
        if errors is not None:
            dump_errors(r, errors)
        if second is not None:
            out["agreement"] = _agreement(r, second, log)
        if curve:
            out["curve"] = learning_curve(dev, seeds, prov, log)
        out["seconds"] = round(time.perf_counter() - t0, 1)
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
    ap.add_argument("--dev-only", action="store_true", help="only the dev 5-fold scheme (fast)")
    ap.add_argument("--cache", type=Path, help="pickle of the loaded corpus units (experiments only)")
    ap.add_argument("--errors", type=Path, help="TSV of the dev-fold errors (with --dev-only)")
    ap.add_argument("--second", type=Path, help="second-annotation JSONL: agreement table (with --dev-only)")
    ap.add_argument("--curve", action="store_true", help="learning curve over dev files (with --dev-only)")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    if not (a.shared / "gold" / "sentences.jsonl").is_file():
        print(f"no gold data under {a.shared}", file=sys.stderr)
        return 2
    res = figures(
        a.shared,
        spacy=a.spacy,
        weak=a.weak,
        spacy_only=a.spacy_only,
        dev_only=a.dev_only,
        cache=a.cache,
        errors=a.errors,
        second=a.second,
        curve=a.curve,
        log=lambda s: print(s, flush=True),
    )
    if a.json:
        a.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
