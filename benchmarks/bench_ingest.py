"""Time each ingest stage on a generated corpus, against jieba's plain tokenisation of the same text.

    python benchmarks/bench_ingest.py [--reports 2000] [--per-file 10] [--source sample|seeds]

Generates the reports with ``benchmarks/generate_corpus.py`` into a temporary folder, then times,
file by file and in one run: read (decode), clean, segment (units), split (reports), structure
(metadata, headings, section types, records) and write (``documents.jsonl`` + manifest), and
``jieba.lcut`` over the same cleaned text (jieba initialised beforehand). Prints chars/s per stage
and the ratios ingest/jieba with and without the write stage (aim: ≤ 0.2).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType

from corpus.clean import clean_text
from corpus.load import structure_document
from corpus.readers import read_file
from corpus.segment import segment
from corpus.split import find_reports
from corpus.store import CorpusWriter

HERE = Path(__file__).resolve().parent
STAGES = ("read", "clean", "segment", "split", "structure", "write")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_corpus", HERE / "generate_corpus.py")
    if spec is None or spec.loader is None:
        raise SystemExit("benchmarks/generate_corpus.py is missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module
    spec.loader.exec_module(module)
    return module


def run(reports: int, per_file: int, source: str, workdir: Path) -> dict[str, float]:
    """Seconds per stage (and ``jieba``), plus ``chars`` and ``reports`` found."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    paths = _generator().generate(reports, workdir / "in", source=source, per_file=per_file)
    clock = time.perf_counter
    t: dict[str, float] = defaultdict(float)
    with CorpusWriter(workdir / "out", inputs=[str(workdir / "in")]) as writer:
        for path in paths:
            t0 = clock()
            raw = read_file(path)
            t1 = clock()
            clean = clean_text(raw.text)
            t2 = clock()
            units = segment(clean.text)
            t3 = clock()
            split = find_reports(units)
            t4 = clock()
            doc = structure_document(raw, path.name, clean, units, split)
            t5 = clock()
            writer.add(doc)
            t6 = clock()
            jieba.lcut(clean.text)
            t7 = clock()
            marks = (t0, t1, t2, t3, t4, t5, t6)
            for k, stage in enumerate(STAGES):
                t[stage] += marks[k + 1] - marks[k]
            t["jieba"] += t7 - t6
            t["chars"] += len(clean.text)
            t["reports"] += len(doc.reports)
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--per-file", type=int, default=10)
    ap.add_argument("--source", choices=("sample", "seeds"), default="sample")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        t = run(args.reports, args.per_file, args.source, Path(tmp))
    chars = t["chars"]
    print(f"{int(t['reports'])} reports found of {args.reports} generated, {chars / 1e6:.2f} M chars")
    print(f"{'stage':<10} {'seconds':>8} {'chars/s':>12}")
    for stage in (*STAGES, "jieba"):
        print(f"{stage:<10} {t[stage]:8.3f} {chars / t[stage] if t[stage] else float('inf'):12,.0f}")
    ingest = sum(t[s] for s in STAGES if s != "write")
    jieba_s = t["jieba"]
    print(f"ingest (read..structure) {ingest:.3f} s; ratio ingest/jieba = {ingest / jieba_s:.3f}")
    print(
        f"ingest + write           {ingest + t['write']:.3f} s; ratio = {(ingest + t['write']) / jieba_s:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
