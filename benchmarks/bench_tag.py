"""Tagging throughput, and its ratio to jieba's plain tokenisation of the same text, in one run.

    python benchmarks/bench_tag.py [--reports 300] [--source sample|seeds] [--model PATH]

Generates a corpus with ``benchmarks/generate_corpus.py`` into a temporary folder, loads it,
then times (1) jieba's plain ``lcut`` of every unit and (2) the whole tag run (context,
tokenisation, features, vectorising, one batched model call). Prints sentences/s, chars/s
and the ratio (2)/(1); the aim is <= 1.5x.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from generate_corpus import generate  # noqa: E402

from corpus.load import load_documents  # noqa: E402
from nlp.tagging import load_model  # noqa: E402
from nlp.tagging.tagger import tag_sentence_groups  # noqa: E402
from nlp.tokenize import jieba_tokenizer, tokenize  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=300)
    ap.add_argument("--source", choices=("sample", "seeds"), default="sample")
    ap.add_argument("--model", type=Path, default=None)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        generate(a.reports, tmp, source=a.source)
        docs = list(load_documents([tmp]))
    groups = [r.sentences for d in docs for r in d.reports]
    texts = [s.text for g in groups for s in g]
    chars = sum(len(t) for t in texts)
    clf = load_model(a.model)
    tk = jieba_tokenizer()
    tag_sentence_groups(groups[:2], clf)  # warm up caches

    t0 = time.perf_counter()
    for t in texts:
        tk.lcut(t)
    t_jieba = time.perf_counter() - t0

    t0 = time.perf_counter()
    for t in texts:
        tokenize(t)
    t_tok = time.perf_counter() - t0

    t0 = time.perf_counter()
    tagged = tag_sentence_groups(groups, clf)
    t_tag = time.perf_counter() - t0

    n = sum(len(g) for g in tagged)
    print(f"reports={len(groups)} sentences={n} chars={chars}")
    print(
        f"jieba lcut:  {t_jieba:7.2f}s  {len(texts) / t_jieba:9.0f} sentences/s  "
        f"{chars / t_jieba:10.0f} chars/s"
    )
    print(f"tag run:     {t_tag:7.2f}s  {n / t_tag:9.0f} sentences/s  {chars / t_tag:10.0f} chars/s")
    print(f"nlp.tokenize: {t_tok:7.2f}s  (ratio to jieba {t_tok / t_jieba:.2f}x)")
    print(f"ratio tag/jieba = {t_tag / t_jieba:.2f}x (aim <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
