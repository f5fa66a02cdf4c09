"""Index build rate, size and query latency of the Whoosh index, against a plain scan and tantivy.

    python benchmarks/bench_index.py --reports 10000            # ≈100k sentences
    python benchmarks/bench_index.py --reports 10000,100000 --procs 1,2 --queries 200
    python benchmarks/bench_index.py --reports 10000,100000 --units-per-report 11   # ≈1.1M at the top

For each size: generate reports with ``benchmarks/generate_corpus.py`` (fictional agencies and
figures over the bundled sample), cut them into sentence units with a cheap splitter and give
them cheap fake tags/flags/years (so ingest and tagging stay out of the index timing), then

* build the Whoosh index through ``index.build.index_batches`` (``--procs``: Whoosh's
  multiprocess writer) → sentences/s, size on disk;
* run ≥200 fixed queries of several kinds (words, phrases, AND/OR/NOT, filtered, 文号) through
  ``index.search`` — cold (first run on a freshly opened index) and warm (second run);
* run the same queries as (a) a plain Python ``in`` scan over all sentence texts and (b) a
  tantivy index of the same sentences tokenised the same way (our words + our bigrams,
  whitespace-joined; tantivy is a benchmark-only dependency, imported only here).

Prints one table per size with medians, p95 and the ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus.model import Report, Sentence  # noqa: E402
from index.analysis import gram_spans, word_spans  # noqa: E402
from index.build import FileBatch, index_batches  # noqa: E402
from index.convert import ReportNotes  # noqa: E402
from index.records import TAGS, FileDoc, UnitFlags  # noqa: E402
from index.search import search  # noqa: E402
from index.whoosh_engine import WhooshEngine  # noqa: E402
from nlp.tokenize import normalize_width  # noqa: E402

UNIT_END = re.compile(r"(?<=[。！？])|\n")
YEAR = re.compile(r"(20[12]\d)年")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
AGENCIES = (
    "青州市教育局",
    "临川县卫生健康局",
    "安平区民政局",
    "宁远县农业农村局",
    "丰城市水利局",
    "永和县文化局",
)


@dataclass
class Unit:
    text: str
    norm: str
    tags: tuple[str, ...]
    boilerplate: bool
    year: int
    agency: str


def _h(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=4).digest(), "big")


def load_corpus(
    n_reports: int, work: Path, units_per_report: int | None = None
) -> tuple[list[FileBatch], list[Unit]]:
    """Generated reports cut into units, with cheap deterministic tags, flags, years and agencies.

    ``units_per_report`` keeps only the first N units of each report (the issue's 100k reports
    ≈ 1M sentences means ~10–12 units a report; the generator writes ~32).
    """
    from generate_corpus import generate

    paths = generate(n_reports, work / "gen", per_file=10, seed=0)
    seen: dict[str, int] = {}
    batches: list[FileBatch] = []
    units: list[Unit] = []
    for path in paths:
        reports = []
        notes: dict[str, ReportNotes] = {}
        for k, block in enumerate(b for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()):
            report, tags = _report(path.name, k, block, units_per_report)
            reports.append(report)
            notes[report.id] = ReportNotes(tags=tags)
            for s in report.sentences:
                seen[s.text] = seen.get(s.text, 0) + 1
        batches.append(FileBatch(FileDoc(path.name, str(path), str(_h(path.name))), tuple(reports), notes))
    for b in batches:
        for r in b.reports:
            for s in r.sentences:
                units.append(
                    Unit(
                        s.text,
                        normalize_width(s.text).lower(),
                        b.notes[r.id].tags.get(s.id, ()),
                        seen[s.text] > 1,
                        r.year or 0,
                        r.agency or "",
                    )
                )
    return batches, units


def _report(
    file: str, k: int, block: str, max_units: int | None = None
) -> tuple[Report, dict[str, tuple[str, ...]]]:
    rid = f"{file}#{k}"
    sentences: list[Sentence] = []
    tags: dict[str, tuple[str, ...]] = {}
    pos = 0
    for piece in UNIT_END.split(block):
        text = piece.strip()
        if max_units is not None and len(sentences) >= max_units:
            break
        if text:
            n = len(sentences)
            sentences.append(
                Sentence(f"{rid}#{n}", rid, n, text, pos, pos + len(text), pos, pos + len(text), n + 1)
            )
            h = _h(text)
            tags[sentences[-1].id] = tuple(t for i, t in enumerate(TAGS) if (h >> (3 * i)) % 5 == 0)
        pos += len(piece)
    m = YEAR.search(block)
    year = int(m.group(1)) if m else 2020 + _h(rid) % 5
    report = Report(
        rid,
        file,
        k,
        block.split("\n", 1)[0][:60],
        None,
        AGENCIES[_h(rid) % len(AGENCIES)],
        year,
        "project",
        0,
        len(block),
        block,
        sentences=tuple(sentences),
    )
    return report, tags


def repeat_flags(reports: Sequence[Report]) -> tuple[dict[str, UnitFlags], dict[str, float]]:
    """Cheap stand-in for boilerplate detection: a unit whose text occurs twice or more is boilerplate."""
    count: dict[str, int] = {}
    for r in reports:
        for s in r.sentences:
            count[s.text] = count.get(s.text, 0) + 1
    flags = {s.id: UnitFlags(count[s.text] > 1, 0.5, None, None) for r in reports for s in r.sentences}
    return flags, {}


# -- queries -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BenchQuery:
    kind: str
    text: str
    literals: tuple[tuple[str, ...], ...]  # OR of ANDs, for the scan: any group whose literals all occur
    negative: str | None = None
    tag: str | None = None
    years: tuple[int, int] | None = None
    substantive: bool = False


def make_queries(units: Sequence[Unit], n: int, seed: int = 1) -> list[BenchQuery]:
    """``n`` fixed queries drawn from the corpus: words, phrases, AND, OR, NOT, filtered, rare."""
    rng = random.Random(seed)
    words = sorted(
        {
            w
            for u in rng.sample(list(units), min(3000, len(units)))
            for w, *_ in word_spans(u.text, query=True)
            if len(w) >= 2 and w.isalpha()
        }
    )
    runs = [
        m.group() for u in rng.sample(list(units), min(3000, len(units))) for m in CJK_RUN.finditer(u.text)
    ]
    out: list[BenchQuery] = []
    kinds = ("word", "phrase", "and", "or", "not", "tag", "years", "substantive", "rare", "phrase")
    while len(out) < n:
        kind = kinds[len(out) % len(kinds)]
        a, b = rng.choice(words), rng.choice(words)
        if kind == "phrase":
            run = rng.choice(runs)
            i = rng.randrange(0, len(run) - 3)
            p = run[i : i + rng.choice((4, 5, 6))]
            out.append(BenchQuery(kind, f'"{p}"', ((p,),)))
        elif kind == "and":
            out.append(BenchQuery(kind, f"{a} AND {b}", ((a, b),)))
        elif kind == "or":
            out.append(BenchQuery(kind, f"{a} OR {b}", ((a,), (b,))))
        elif kind == "not":
            out.append(BenchQuery(kind, f"{a} NOT {b}", ((a,),), negative=b))
        elif kind == "tag":
            out.append(BenchQuery(kind, a, ((a,),), tag=rng.choice(TAGS)))
        elif kind == "years":
            out.append(BenchQuery(kind, a, ((a,),), years=(2021, 2023)))
        elif kind == "substantive":
            out.append(BenchQuery(kind, a, ((a,),), substantive=True))
        elif kind == "rare":
            out.append(BenchQuery(kind, a + b, ((a + b,),)))
        else:
            out.append(BenchQuery(kind, a, ((a,),)))
    return out


def run_whoosh(engine: WhooshEngine, q: BenchQuery) -> int:
    res = search(
        engine,
        q.text,
        limit=20,
        tags=[q.tag] if q.tag else [],
        year=q.years,
        boilerplate=False if q.substantive else None,
    )
    return res.total


def run_scan(units: Sequence[Unit], q: BenchQuery) -> int:
    groups = [tuple(normalize_width(x).lower() for x in g) for g in q.literals]
    neg = q.negative.lower() if q.negative else None
    hits = 0
    for u in units:
        if q.tag and q.tag not in u.tags:
            continue
        if q.years and not q.years[0] <= u.year <= q.years[1]:
            continue
        if q.substantive and u.boilerplate:
            continue
        if any(all(x in u.norm for x in g) for g in groups) and not (neg and neg in u.norm):
            hits += 1
    return hits


# -- tantivy -----------------------------------------------------------------------------------------
class TantivyBench:
    """The same units in tantivy: our words and our bigrams, whitespace-joined (pre-tokenised)."""

    def __init__(self, path: Path) -> None:
        import tantivy

        self.t = tantivy
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("words", tokenizer_name="whitespace", index_option="freq")
        sb.add_text_field("grams", tokenizer_name="whitespace", index_option="position")
        sb.add_text_field("tags", tokenizer_name="raw", index_option="basic")
        sb.add_integer_field("year", indexed=True, fast=True)
        sb.add_integer_field("boilerplate", indexed=True)
        self.schema = sb.build()
        path.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(path))

    def build(self, units: Sequence[Unit], words: Sequence[str], grams: Sequence[str]) -> None:
        w = self.index.writer(heap_size=200_000_000, num_threads=1)
        for u, ws, gs in zip(units, words, grams, strict=True):
            doc = self.t.Document(words=ws, grams=gs, year=u.year, boilerplate=int(u.boilerplate))
            for tag in u.tags:
                doc.add_text("tags", tag)
            w.add_document(doc)
        w.commit()
        w.wait_merging_threads()
        self.index.reload()

    def _literal(self, text: str) -> Any:
        Q, Occur = self.t.Query, self.t.Occur
        ws = [w for w, *_ in word_spans(text, query=True)]
        gs = [g for g, *_ in gram_spans(text)]
        parts = []
        if len(ws) == 1:
            parts.append((Occur.Should, Q.term_query(self.schema, "words", ws[0])))
        if len(gs) == 1:
            parts.append((Occur.Should, Q.term_query(self.schema, "grams", gs[0])))
        elif gs:
            parts.append((Occur.Should, Q.phrase_query(self.schema, "grams", list[Any](gs))))
        return Q.boolean_query(parts)

    def query(self, q: BenchQuery) -> int:
        Q, Occur, FT = self.t.Query, self.t.Occur, self.t.FieldType
        groups = [Q.boolean_query([(Occur.Must, self._literal(x)) for x in g]) for g in q.literals]
        must = [(Occur.Must, Q.boolean_query([(Occur.Should, g) for g in groups]))]
        if q.negative:
            must.append((Occur.MustNot, self._literal(q.negative)))
        if q.tag:
            must.append((Occur.Must, Q.term_query(self.schema, "tags", q.tag)))
        if q.years:
            must.append((Occur.Must, Q.range_query(self.schema, "year", FT.Integer, q.years[0], q.years[1])))
        if q.substantive:
            must.append((Occur.Must, Q.term_query(self.schema, "boilerplate", 0)))
        res = self.index.searcher().search(Q.boolean_query(must), limit=20, count=True)
        return int(res.count)  # type: ignore[attr-defined]


# -- measuring ---------------------------------------------------------------------------------------
def timed(fn: Callable[[BenchQuery], int], queries: Sequence[BenchQuery]) -> tuple[list[float], list[int]]:
    times, counts = [], []
    for q in queries:
        t0 = time.perf_counter()
        counts.append(fn(q))
        times.append((time.perf_counter() - t0) * 1000)
    return times, counts


def p95(xs: Sequence[float]) -> float:
    return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def bench_size(
    n_reports: int,
    procs_list: Sequence[int],
    n_queries: int,
    scan_queries: int,
    keep: Path | None = None,
    units_per_report: int | None = None,
) -> None:
    name = f"{n_reports}" + (f"u{units_per_report}" if units_per_report else "")
    work = keep / name if keep else Path(tempfile.mkdtemp(prefix=f"bench_index_{name}_"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        batches, units = load_corpus(n_reports, work, units_per_report)
        cut = f"first {units_per_report} units of each" if units_per_report else "all units"
        print(
            f"\n== {n_reports} reports ({cut}), {len(units):,} sentences, "
            f"{sum(len(u.text) for u in units):,} chars (generated + split in "
            f"{time.perf_counter() - t0:.0f} s) ==",
            flush=True,
        )
        rows: list[tuple[str, str]] = []
        engine = None
        for procs in procs_list:
            path = work / f"whoosh_p{procs}"
            if keep and path.exists():  # --keep: reuse the index built by an earlier run
                rows.append((f"whoosh build procs={procs}", f"reused, {dir_size(path) / 1e6:.0f} MB on disk"))
                continue
            engine = WhooshEngine.open(path, create=True)
            t0 = time.perf_counter()
            index_batches(engine, batches, detect=repeat_flags, procs=procs)
            secs = time.perf_counter() - t0
            rows.append(
                (
                    f"whoosh build procs={procs}",
                    f"{secs:.0f} s, {len(units) / secs:,.0f} sentences/s, "
                    f"{dir_size(path) / 1e6:.0f} MB on disk",
                )
            )
            print(f"{rows[-1][0]}: {rows[-1][1]}", file=sys.stderr, flush=True)  # early, builds are long
            engine.close()
        queries = make_queries(units, n_queries)
        engine = WhooshEngine.open(work / f"whoosh_p{procs_list[0]}")
        cold, counts_w = timed(lambda q: run_whoosh(engine, q), queries)
        warm, _ = timed(lambda q: run_whoosh(engine, q), queries)
        scan_qs = queries[:scan_queries]
        scan, counts_s = timed(lambda q: run_scan(units, q), scan_qs)
        t0 = time.perf_counter()
        words = [" ".join(w for w, *_ in word_spans(u.text)) for u in units]
        grams = [" ".join(g for g, *_ in gram_spans(u.text)) for u in units]
        tok_secs = time.perf_counter() - t0
        shutil.rmtree(work / "tantivy", ignore_errors=True)  # never add to an index kept by --keep
        tv = TantivyBench(work / "tantivy")
        t0 = time.perf_counter()
        tv.build(units, words, grams)
        tv_secs = time.perf_counter() - t0
        tv_cold, counts_t = timed(tv.query, queries)
        tv_warm, _ = timed(tv.query, queries)
        agree_scan = sum(a == b for a, b in zip(counts_w, counts_s, strict=False)) / max(1, len(counts_s))
        agree_tv = sum(a == b for a, b in zip(counts_w, counts_t, strict=True)) / max(1, len(counts_t))
        med_w = statistics.median(warm)
        rows += [
            (
                "tokenise for tantivy (words+grams)",
                f"{tok_secs:.0f} s ({len(units) / tok_secs:,.0f} sentences/s)",
            ),
            (
                "tantivy build (pre-tokenised)",
                f"{tv_secs:.1f} s, {len(units) / tv_secs:,.0f} sentences/s, "
                f"{dir_size(work / 'tantivy') / 1e6:.0f} MB",
            ),
            (
                f"whoosh query cold ({len(queries)} q)",
                f"median {statistics.median(cold):.1f} ms, p95 {p95(cold):.1f} ms",
            ),
            (f"whoosh query warm ({len(queries)} q)", f"median {med_w:.1f} ms, p95 {p95(warm):.1f} ms"),
            (
                f"python `in` scan ({len(scan_qs)} q)",
                f"median {statistics.median(scan):.1f} ms, p95 {p95(scan):.1f} ms",
            ),
            ("tantivy query cold", f"median {statistics.median(tv_cold):.2f} ms, p95 {p95(tv_cold):.2f} ms"),
            ("tantivy query warm", f"median {statistics.median(tv_warm):.2f} ms, p95 {p95(tv_warm):.2f} ms"),
            ("scan / whoosh warm (median)", f"{statistics.median(scan) / med_w:.0f}×"),
            ("whoosh warm / tantivy warm (median)", f"{med_w / statistics.median(tv_warm):.0f}×"),
            ("same hit count: whoosh=scan, whoosh=tantivy", f"{agree_scan:.0%}, {agree_tv:.0%}"),
        ]
        differ = [(q, a, b) for q, a, b in zip(scan_qs, counts_w, counts_s, strict=False) if a != b]
        for q, a, b in differ[:5]:  # the bigram backoff ignores punctuation, `in` does not
            rows.append((f"  hit count differs: {q.kind} {q.text}", f"whoosh {a}, scan {b}"))
        kinds = sorted({q.kind for q in queries})
        for kind in kinds:
            for label, times in (("cold", cold), ("warm", warm)):
                ks = [t for t, q in zip(times, queries, strict=True) if q.kind == kind]
                rows.append(
                    (
                        f"  whoosh {label}, {kind} ({len(ks)} q)",
                        f"median {statistics.median(ks):.1f} ms, p95 {p95(ks):.1f} ms",
                    )
                )
        width = max(len(k) for k, _ in rows)
        for k, v in rows:
            print(f"{k:<{width}}  {v}")
        engine.close()
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", default="10000", help="comma-separated corpus sizes (reports)")
    ap.add_argument("--procs", default="1", help="comma-separated writer process counts")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument(
        "--scan-queries", type=int, default=200, help="queries run as a scan (fewer on big corpora)"
    )
    ap.add_argument("--keep", type=Path, help="keep corpora and indexes here; reuse indexes found there")
    ap.add_argument(
        "--units-per-report",
        type=int,
        help="keep the first N units of each generated report (~11 gives the issue's 1M at 100k reports)",
    )
    args = ap.parse_args(argv)
    for n in (int(x) for x in args.reports.split(",")):
        bench_size(
            n,
            [int(p) for p in args.procs.split(",")],
            args.queries,
            args.scan_queries,
            args.keep,
            args.units_per_report,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
