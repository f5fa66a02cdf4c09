"""Tagging throughput, and its ratio to jieba's plain tokenisation of the same text, in one run.

    python benchmarks/bench_tag.py [--reports 300] [--source sample|seeds] [--model PATH] [--repeat 3]
    python benchmarks/bench_tag.py --input ../shared/corpus/seeds ../shared/corpus/dev   # real reports

Generates a corpus with ``benchmarks/generate_corpus.py`` into a temporary folder, loads it,
then times, in this one run, (1) jieba's plain ``lcut`` of every unit, (2) ``nlp.tokenize`` of
every unit and (3) the whole tag run (context, tokenisation, features, vectorising, one batched
model call). (2) and (3) start with empty tokeniser caches, so repeats *within* the corpus are
what the caches save; (2) is also timed with the caches off (every unit and run segmented
afresh). The four timings are taken in turn ``--repeat`` times, each after a garbage collection;
a ratio is that of the fastest rounds' CPU times (``time.process_time``: on a shared machine other
processes stretch wall-clock time much more than this), with the median of the per-round CPU and
wall-clock ratios printed beside.
Prints sentences/s, chars/s, the ratios to (1) and the cache hit rates; the aim for (3)/(1) is
<= 1.5x.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from generate_corpus import generate  # noqa: E402

from corpus.load import load_documents  # noqa: E402
from nlp import tokenize as tokmod  # noqa: E402
from nlp.tagging import load_model  # noqa: E402
from nlp.tagging.tagger import tag_sentence_groups  # noqa: E402
from nlp.tokenize import cache_info, clear_cache, jieba_tokenizer, tokenize  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=300)
    ap.add_argument("--source", choices=("sample", "seeds"), default="sample")
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--input", type=Path, nargs="*", help="time these files/folders instead of a generated corpus"
    )
    a = ap.parse_args(argv)
    if a.input:
        docs = list(load_documents(a.input))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            generate(a.reports, tmp, source=a.source)
            docs = list(load_documents([tmp]))
    groups = [r.sentences for d in docs for r in d.reports]
    texts = [s.text for g in groups for s in g]
    chars = sum(len(t) for t in texts)
    clf = load_model(a.model)
    tk = jieba_tokenizer()
    tag_sentence_groups(groups[:2], clf)  # load the dictionary and the model, warm the interpreter

    def run_tokenize() -> None:
        clear_cache()
        for t in texts:
            tokenize(t)

    def run_tag() -> None:
        clear_cache()
        tag_sentence_groups(groups, clf)

    stages: dict[str, Callable[[], object]] = {
        "jieba": lambda: [tk.lcut(t) for t in texts],
        "tokenize": run_tokenize,
        "uncached": lambda: _tokenize_uncached(texts),
        "tag": run_tag,
    }
    rounds = [{name: _timed(fn) for name, fn in stages.items()} for _ in range(max(a.repeat, 1))]
    hits = _hit_rates(texts)
    n = len(texts)
    best = {name: min(r[name][1] for r in rounds) for name in stages}
    print(f"reports={len(groups)} sentences={n} chars={chars} rounds={len(rounds)}")
    for name, label in (("jieba", "jieba lcut"), ("tag", "tag run"), ("tokenize", "nlp.tokenize")):
        print(
            f"{label + ':':14}{best[name]:7.2f}s cpu  {n / best[name]:9.0f} sentences/s  "
            f"{chars / best[name]:10.0f} chars/s  (fastest round)"
        )
    print(f"cache hits in one tokenise pass: {hits}")
    for name, label in (
        ("tokenize", "nlp.tokenize / jieba"),
        ("uncached", "nlp.tokenize, caches off / jieba"),
        ("tag", "ratio tag/jieba"),
    ):
        median = statistics.median(r[name][1] / r["jieba"][1] for r in rounds)
        wall = statistics.median(r[name][0] / r["jieba"][0] for r in rounds)
        aim = " (aim <= 1.5x)" if name == "tag" else ""
        print(
            f"{label} = {best[name] / best['jieba']:.2f}x{aim}  "
            f"[fastest rounds, cpu; per-round median {median:.2f}x cpu, {wall:.2f}x wall]"
        )
    return 0


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, cpu) seconds of one call, started after a full garbage collection."""
    gc.collect()
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def _tokenize_uncached(texts: list[str]) -> None:
    """Tokenise ``texts`` with both caches bypassed (the same code path otherwise)."""
    saved = tokmod._segment_cached, tokmod._tokenize_cached
    tokmod._segment_cached = lambda run, search, generation: tokmod._segment(run, search)  # type: ignore[assignment]
    tokmod._tokenize_cached = lambda text, search, generation: tokmod._tokenize(text, search, generation)  # type: ignore[assignment]
    try:
        for t in texts:
            tokenize(t)
    finally:
        tokmod._segment_cached, tokmod._tokenize_cached = saved


def _hit_rates(texts: list[str]) -> str:
    clear_cache()
    for t in texts:
        tokenize(t)
    info = cache_info()
    return ", ".join(f"{name} {c.hits / max(c.hits + c.misses, 1):.0%}" for name, c in info.items())


if __name__ == "__main__":
    sys.exit(main())
