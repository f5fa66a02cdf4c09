"""Reading + cleaning speed against jieba tokenisation of the same text, measured in one run.

    python benchmarks/bench_reading.py                 # seeds + dev if ../shared exists, else the sample
    python benchmarks/bench_reading.py --source sample
    python benchmarks/bench_reading.py --big 50        # also read+clean one 50 MB generated .txt

Prints chars/s for read_file, clean_text, to_source over every unit boundary, and jieba.lcut (plain
jieba with the project's user dictionary), plus the ratio (read+clean) / jieba. With ``--big N`` it
writes an N MB file of generated reports (with residue inserted) to a temp folder and reports time
and peak memory of read_file + clean_text on it.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from corpus.clean import clean_text  # noqa: E402
from corpus.readers import iter_files, read_file  # noqa: E402

SHARED = REPO.parent / "shared"


def _files(source: str) -> list[Path]:
    if source == "seeds" or (source == "auto" and (SHARED / "corpus" / "seeds").is_dir()):
        return list(iter_files([SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev"]))
    return list(iter_files([REPO / "corpus" / "sample"]))


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def compare(files: list[Path]) -> None:
    from nlp.tokenize import jieba_tokenizer

    raws = [read_file(f).text for f in files]
    chars = sum(len(r) for r in raws)
    cleaned = [clean_text(r) for r in raws]
    bounds = [[m.start() for m in re.finditer(r"[\n。]", c.text)] for c in cleaned]
    t_read = _best(lambda: [read_file(f) for f in files])
    t_clean = _best(lambda: [clean_text(r) for r in raws])
    t_map = _best(lambda: [c.to_source(b) for c, bs in zip(cleaned, bounds, strict=True) for b in bs])
    tk = jieba_tokenizer()
    tk.lcut("预热")
    t_jieba = _best(lambda: [tk.lcut(c.text) for c in cleaned], repeat=1)
    n_bounds = sum(len(b) for b in bounds)
    print(f"{len(files)} files, {chars:,} chars, {n_bounds:,} unit boundaries")
    for name, t in (("read_file", t_read), ("clean_text", t_clean), ("jieba.lcut", t_jieba)):
        print(f"  {name:<12} {t * 1000:8.1f} ms  {chars / t / 1e6:7.2f} M chars/s")
    print(f"  to_source    {t_map * 1000:8.1f} ms  {n_bounds / t_map / 1e6:7.2f} M lookups/s")
    print(f"  clean / jieba          = {t_clean / t_jieba:.4f}")
    print(f"  (read + clean) / jieba = {(t_read + t_clean) / t_jieba:.4f}")
    try:
        from corpus.load import load_documents
    except ImportError:  # the ingest pipeline is not there yet
        return
    t_ingest = _best(lambda: list(load_documents(files)), repeat=1)
    print(f"  load_documents {t_ingest * 1000:6.1f} ms  {chars / t_ingest / 1e6:7.2f} M chars/s")
    print(f"  whole ingest / jieba   = {t_ingest / t_jieba:.4f}")


def big_file(megabytes: int) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate_corpus import generate

    folder = Path(tempfile.mkdtemp(prefix="evalcorpus-big-"))
    parts = generate(3000, folder / "parts", per_file=3000, seed=7)
    block = parts[0].read_text(encoding="utf-8")
    block = block.replace("。\n", "。[bookmark: _Toc1]\r\n").replace("一、", "\t一、")
    big = folder / "big.txt"
    with big.open("w", encoding="utf-8") as fh:
        written = 0
        while written < megabytes * 1_000_000:
            fh.write(block)
            written += len(block.encode("utf-8"))
    size = big.stat().st_size
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    raw = read_file(big)
    t1 = time.perf_counter()
    cleaned = clean_text(raw.text)
    t2 = time.perf_counter()
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    print(f"big file {size / 1e6:.1f} MB, {len(raw.text):,} chars:", end=" ")
    print(f"read {t1 - t0:.2f} s, clean {t2 - t1:.2f} s, {cleaned.removed:,} chars removed;", end=" ")
    print(f"peak RSS grew by {grown / 1e6:.0f} MB ({grown / size:.1f}x file)")
    big.unlink()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", choices=("auto", "seeds", "sample"), default="auto")
    ap.add_argument("--big", type=int, default=0, help="also time one generated file of this many MB")
    args = ap.parse_args()
    compare(_files(args.source))
    if args.big:
        big_file(args.big)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
