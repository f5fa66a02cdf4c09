"""Extraction throughput against jieba's plain tokenisation, and linear time on adversarial lines.

    python benchmarks/bench_extract.py [--reports 500] [--source sample|seeds] [--line 40000]

1. Throughput: reports generated with ``benchmarks/generate_corpus.py`` (or the seeds repeated
   when the generator is missing) are loaded once with ``corpus.load_documents``; then, in one
   run, every report goes through ``nlp.extract.extract_report`` (amounts incl. table columns,
   citations, indicators + pairing) and its text through ``jieba.lcut`` (jieba initialised
   beforehand). Prints chars/s of both and the ratio extract/jieba.
2. Linear growth: the string-level extractors (``amounts``, ``citations``, ``table_indicators``,
   ``prose_indicators``) on adversarial lines without punctuation of n/8, n/4, n/2 and n chars (best of 5)
   (default n = 40,000): digits and separators, CJK runs, unclosed brackets, repeated 《, money
   units without numbers. Prints seconds, the growth t(n)/t(n/2) (≈2 for linear time, ≈4 for
   quadratic) and the log-log slope fitted over the four lengths (≈1 linear, ≈2 quadratic; less
   sensitive to a busy machine than one ratio).
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from corpus.load import load_documents  # noqa: E402
from nlp.extract import amounts, citations, extract_report, prose_indicators, table_indicators  # noqa: E402

SHARED = REPO.parent / "shared"

#: Adversarial building blocks (no sentence punctuation), each repeated to the wanted length.
ADVERSARIAL: dict[str, str] = {
    "digits+separators": "1,2.3,4.5,6*7",
    "digits+万": "123456789万",
    "cjk run": "财政发函字办通文复令关于印发",
    "unclosed brackets": "甲财发〔2021甲财发[2021(2021",
    "repeated titles": "《《〈<关于",
    "closing titles": "》（甲发〔2021〕1号》",
    "units no numbers": "万元亿元元/人标准",
    "table cells": "(万元)\n1.5\n2\n",
    "indicator heads": "数量指标：覆盖率1000000000",
}


def _generator() -> Any:
    path = HERE / "generate_corpus.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("generate_corpus", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module
    spec.loader.exec_module(module)
    return module


def corpus_files(reports: int, source: str, workdir: Path) -> list[Path]:
    """Generated report files, or the seeds repeated when the generator is not there."""
    gen = _generator()
    if gen is not None:
        return list(gen.generate(reports, workdir, source=source, per_file=10))
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    if not seeds:
        raise SystemExit("no generator and no ../shared seeds: nothing to benchmark")
    return seeds * max(1, reports // 34)


def throughput(paths: list[Path]) -> dict[str, float]:
    """Seconds of extraction and of jieba over the same report texts, and the characters."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    reports = [r for doc in load_documents(paths) for r in doc.reports]
    clock = time.perf_counter
    t = {"extract": 0.0, "jieba": 0.0, "chars": 0.0, "reports": float(len(reports))}
    for r in reports:
        t0 = clock()
        extract_report(r)
        t1 = clock()
        jieba.lcut(r.text)
        t2 = clock()
        t["extract"] += t1 - t0
        t["jieba"] += t2 - t1
        t["chars"] += len(r.text)
    return t


def _all_extractors(text: str) -> None:
    amounts(text)
    citations(text)
    table_indicators(text)
    prose_indicators(text)


def growth(n: int, run: Callable[[str], None] = _all_extractors) -> list[tuple[str, list[float]]]:
    """Seconds per adversarial block at n/8, n/4, n/2, n characters (best of 3)."""
    rows = []
    for name, block in ADVERSARIAL.items():
        secs = []
        for size in (n // 8, n // 4, n // 2, n):
            line = (block * (size // len(block) + 1))[:size]
            best = min(_timed(run, line) for _ in range(5))
            secs.append(best)
        rows.append((name, secs))
    return rows


def _timed(run: Callable[[str], None], line: str) -> float:
    t0 = time.perf_counter()
    run(line)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=500)
    ap.add_argument("--source", choices=("sample", "seeds"), default="sample")
    ap.add_argument("--line", type=int, default=40_000, help="length of the longest adversarial line")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus_files(args.reports, args.source, Path(tmp))
        t = throughput(paths)
    ext, jb = t["chars"] / t["extract"], t["chars"] / t["jieba"]
    print(f"corpus: {int(t['reports'])} reports, {t['chars'] / 1e6:.2f} M chars ({args.source})")
    print(f"  extract_report  {ext / 1e3:10.1f} k chars/s")
    print(f"  jieba.lcut      {jb / 1e3:10.1f} k chars/s")
    print(f"  ratio extract/jieba time: {t['extract'] / t['jieba']:.2f}  (throughput ratio {ext / jb:.2f})")
    print(f"\nadversarial lines without punctuation, n = {args.line} (seconds, best of 5):")
    print(f"  {'block':20s} {'n/8':>8s} {'n/4':>8s} {'n/2':>8s} {'n':>8s}  t(n)/t(n/2)  slope")
    worst = 0.0
    for name, secs in growth(args.line):
        ratio = secs[3] / secs[2] if secs[2] > 0 else float("nan")
        slope = _loglog_slope(secs)
        worst = max(worst, slope)
        print(f"  {name:20s} " + " ".join(f"{s:8.4f}" for s in secs) + f"  {ratio:11.2f}  {slope:5.2f}")
    print(f"  steepest log-log slope of time over length: {worst:.2f} (linear ≈ 1, quadratic ≈ 2)")
    return 0


def _loglog_slope(secs: list[float]) -> float:
    """Least-squares slope of log(time) over log(length) for lengths n/8, n/4, n/2, n (noise-robust)."""
    xs = [math.log(2.0**k) for k in range(len(secs))]
    ys = [math.log(max(s, 1e-9)) for s in secs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


if __name__ == "__main__":
    raise SystemExit(main())
