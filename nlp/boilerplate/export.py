"""Writing a :class:`BoilerplateResult` as tables: clusters, per-unit flags, per-report shares.

Each table is written as CSV and, when pyarrow is installed, as Parquet (else as JSON Lines),
every file atomically (temporary file, then rename), beside a ``stats.json``.

>>> import tempfile, pathlib
>>> from nlp.boilerplate import detect
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> sorted(p.suffix for p in write_tables(detect([]), [], out))[:3]
['.csv', '.csv', '.csv']
"""

from __future__ import annotations

import csv
import importlib.util
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from corpus.atomic import atomic_write
from corpus.model import Report
from nlp.boilerplate.records import BoilerplateResult

UNIT_COLUMNS = (
    "file",
    "report",
    "sentence",
    "n",
    "start",
    "end",
    "section_type",
    "text",
    "boilerplate",
    "score",
    "cluster",
    "kind",
    "skipped",
)
CLUSTER_COLUMNS = (
    "cluster",
    "kind",
    "size",
    "n_reports",
    "n_agencies",
    "agencies",
    "first_year",
    "last_year",
    "years",
    "score",
    "template",
    "representative",
)
REPORT_COLUMNS = (
    "report",
    "file",
    "agency",
    "year",
    "n_units",
    "n_compared",
    "n_boilerplate",
    "share_units",
    "chars_compared",
    "chars_boilerplate",
    "share_chars",
    "kinds",
    "copies_from",
    "longest_with",
    "longest_units",
    "longest_chars",
    "longest_start",
    "longest_end",
)


def unit_rows(
    result: BoilerplateResult, reports: Sequence[Report], file_of: Mapping[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    """One row per unit, in report order; ``file_of`` maps ``Report.file`` to the path to show."""
    for report in reports:
        shown = (file_of or {}).get(report.file, report.file)
        for s in report.sentences:
            flag = result.units[s.id]
            yield {
                "file": shown,
                "report": report.id,
                "sentence": s.id,
                "n": s.n,
                "start": s.start,
                "end": s.end,
                "section_type": s.section_type,
                "text": s.text,
                "boilerplate": flag.boilerplate,
                "score": round(flag.score, 4),
                "cluster": flag.cluster,
                "kind": flag.kind,
                "skipped": flag.skipped,
            }


def cluster_rows(result: BoilerplateResult) -> Iterator[dict[str, Any]]:
    """One row per cluster, widest first."""
    for c in result.clusters:
        yield {
            "cluster": c.id,
            "kind": c.kind,
            "size": c.size,
            "n_reports": c.n_reports,
            "n_agencies": c.n_agencies,
            "agencies": "; ".join(c.agencies),
            "first_year": c.first_year,
            "last_year": c.last_year,
            "years": " ".join(map(str, c.years)),
            "score": round(c.score, 4),
            "template": c.template,
            "representative": c.representative,
        }


def report_rows(result: BoilerplateResult, reports: Sequence[Report]) -> Iterator[dict[str, Any]]:
    """One row per report, in input order."""
    for report in reports:
        r = result.reports[report.id]
        p = r.longest_passage
        yield {
            "report": r.report_id,
            "file": r.file,
            "agency": r.agency,
            "year": r.year,
            "n_units": r.n_units,
            "n_compared": r.n_compared,
            "n_boilerplate": r.n_boilerplate,
            "share_units": round(r.share_units, 4),
            "chars_compared": r.chars_compared,
            "chars_boilerplate": r.chars_boilerplate,
            "share_chars": round(r.share_chars, 4),
            "kinds": "; ".join(f"{k}:{n}" for k, n in r.kinds),
            "copies_from": "; ".join(f"{rid}:{n}" for rid, n in r.copies_from),
            "longest_with": p.b_report if p else None,
            "longest_units": p.n_units if p else 0,
            "longest_chars": p.chars if p else 0,
            "longest_start": p.a_start if p else None,
            "longest_end": p.a_end if p else None,
        }


def parquet_available() -> bool:
    """Whether pyarrow is installed (tables then go to Parquet, else to JSON Lines)."""
    return importlib.util.find_spec("pyarrow") is not None


def write_tables(
    result: BoilerplateResult,
    reports: Sequence[Report],
    out_dir: str | Path,
    *,
    file_of: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write ``units``, ``clusters`` and ``reports`` tables and ``stats.json`` under ``out_dir``.

    Raises :class:`corpus.errors.OutputError` when the folder cannot be written.
    """
    out = Path(out_dir)
    tables = {
        "units": (UNIT_COLUMNS, list(unit_rows(result, reports, file_of))),
        "clusters": (CLUSTER_COLUMNS, list(cluster_rows(result))),
        "reports": (REPORT_COLUMNS, list(report_rows(result, reports))),
    }
    written = []
    for name, (columns, rows) in tables.items():
        written.append(_write_csv(out / f"{name}.csv", columns, rows))
        written.append(_write_columnar(out / name, columns, rows))
    with atomic_write(out / "stats.json") as f:
        json.dump(result.stats, f, ensure_ascii=False, indent=2)
    written.append(out / "stats.json")
    return sorted(written)


def _write_csv(path: Path, columns: Sequence[str], rows: list[dict[str, Any]]) -> Path:
    with atomic_write(path, encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _write_columnar(stem: Path, columns: Sequence[str], rows: list[dict[str, Any]]) -> Path:
    if not parquet_available():
        path = stem.with_suffix(".jsonl")
        with atomic_write(path) as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        return path
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = stem.with_suffix(".parquet")
    table = pa.table({c: [row[c] for row in rows] for c in columns})
    with atomic_write(path, mode="wb") as f:
        pq.write_table(table, f)
    return path
