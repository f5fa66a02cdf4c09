"""Fact rows (one dict per amount, citation, indicator) and tables written to disk.

Rows are what ``evalcorpus extract --jsonl`` prints; :func:`write_tables` writes the four
tables (amounts, citations, documents, indicators) as CSV plus Parquet when pyarrow is
installed (JSONL instead of Parquet otherwise), each file written atomically.

>>> from nlp.extract.records import Amount
>>> from decimal import Decimal
>>> amount_row(Amount("5万元", Decimal(50000), "budget", 3, 6, "f#0#1"), file="f.txt", report="f#0")["yuan"]
'50000'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from corpus.atomic import atomic_write, check_output_folder
from corpus.errors import OutputError
from nlp.extract.records import Amount, Citation, CitedDocument, Indicator, ReportFacts

AMOUNT_COLUMNS = (
    "kind",
    "file",
    "report",
    "sentence",
    "text",
    "yuan",
    "role",
    "start",
    "end",
    "unparsed",
    "source",
    "unit_assumed",
)
CITATION_COLUMNS = (
    "kind",
    "file",
    "report",
    "sentence",
    "title",
    "doc_number",
    "normalized",
    "issuer",
    "year",
    "serial",
    "start",
    "end",
)
INDICATOR_COLUMNS = (
    "kind",
    "file",
    "report",
    "sentence",
    "category",
    "name",
    "operator",
    "planned",
    "achieved",
    "unit",
    "weight",
    "score",
    "start",
    "end",
    "source",
    "section",
    "repeated_plan",
)
DOCUMENT_COLUMNS = (
    "key",
    "normalized",
    "titles",
    "doc_numbers",
    "citations",
    "reports",
    "agencies",
    "first_year",
    "last_year",
)


def _dec(value: Any) -> str | None:
    return None if value is None else format(value, "f")


def amount_row(a: Amount, *, file: str, report: str) -> dict[str, Any]:
    """The JSON object of one amount (``yuan`` is the exact decimal as a string, null if unparsed)."""
    row: dict[str, Any] = {
        "kind": "amount",
        "file": file,
        "report": report,
        "sentence": a.sentence_id,
        "text": a.text,
        "yuan": a.yuan_str,
        "role": a.role,
        "start": a.start,
        "end": a.end,
    }
    if a.unparsed:
        row["unparsed"] = True
    row["source"] = a.source
    if a.unit_assumed:
        row["unit_assumed"] = True
    return row


def citation_row(c: Citation, *, file: str, report: str) -> dict[str, Any]:
    """The JSON object of one citation."""
    return {
        "kind": "citation",
        "file": file,
        "report": report,
        "sentence": c.sentence_id,
        "title": c.title,
        "doc_number": c.doc_number,
        "normalized": c.normalized,
        "issuer": c.issuer,
        "year": c.year,
        "serial": c.serial,
        "start": c.start,
        "end": c.end,
    }


def indicator_row(i: Indicator, *, file: str, report: str, repeated: bool = False) -> dict[str, Any]:
    """The JSON object of one indicator (``weight``/``score`` as decimal strings)."""
    return {
        "kind": "indicator",
        "file": file,
        "report": report,
        "sentence": i.sentence_id,
        "category": i.category,
        "name": i.name,
        "operator": i.operator,
        "planned": i.planned,
        "achieved": i.achieved,
        "unit": i.unit,
        "weight": _dec(i.weight),
        "score": _dec(i.score),
        "start": i.start,
        "end": i.end,
        "source": i.source,
        "section": i.section_type,
        "repeated_plan": repeated,
    }


def fact_rows(facts: ReportFacts, *, file: str) -> list[dict[str, Any]]:
    """All rows of one report's facts, in document order (by start offset)."""
    from nlp.extract.documents import repeated_plan_ids

    repeated = repeated_plan_ids(facts)
    rows = [amount_row(a, file=file, report=facts.report_id) for a in facts.amounts]
    rows += [citation_row(c, file=file, report=facts.report_id) for c in facts.citations]
    rows += [
        indicator_row(i, file=file, report=facts.report_id, repeated=(i.start, i.end) in repeated)
        for i in facts.indicators
    ]
    order = {"amount": 0, "citation": 1, "indicator": 2}
    return sorted(rows, key=lambda r: (r["start"], order[r["kind"]]))


def document_rows(docs: Iterable[CitedDocument]) -> list[dict[str, Any]]:
    """Rows of the documents table (titles and numbers joined by `` | ``)."""
    return [
        {
            "key": d.key,
            "normalized": d.normalized,
            "titles": " | ".join(d.titles),
            "doc_numbers": " | ".join(d.doc_numbers),
            "citations": d.citations,
            "reports": d.reports,
            "agencies": d.agencies,
            "first_year": d.first_year,
            "last_year": d.last_year,
        }
        for d in docs
    ]


def has_parquet() -> bool:
    """Whether pyarrow is importable (Parquet output)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _write_csv(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    with atomic_write(path) as fh:
        fh.write(buf.getvalue())


def _write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    with atomic_write(path) as fh:
        fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def _write_parquet(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = {c: [r.get(c) for r in rows] for c in columns}
    table = pa.table({c: pa.array(_as(v), type=_arrow_type(v)) for c, v in data.items()})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    with atomic_write(path, mode="wb") as fh:
        fh.write(sink.getvalue().to_pybytes())


def _as(values: list[Any]) -> list[Any]:
    """Mixed columns become strings (Parquet columns have one type)."""
    kinds = {type(v) for v in values if v is not None}
    if len(kinds) <= 1:
        return values
    return [None if v is None else str(v) for v in values]


def _arrow_type(values: list[Any]) -> Any:
    import pyarrow as pa

    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return pa.bool_()
    if kinds == {int}:
        return pa.int64()
    return pa.string()


def write_tables(out: Path, tables: dict[str, tuple[Sequence[dict[str, Any]], Sequence[str]]]) -> list[Path]:
    """Write each table as ``NAME.csv`` and ``NAME.parquet`` (or ``NAME.jsonl``) under ``out``.

    Raises :class:`OutputError` when ``out`` cannot be created or written.
    """
    check_output_folder(out)  # names the part of ``out`` that is a file, if one is
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder: {exc.strerror}", path=str(out)) from exc
    parquet = has_parquet()
    written: list[Path] = []
    for name, (rows, columns) in tables.items():
        clean = [
            {
                c: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                for c, v in r.items()
            }
            for r in rows
        ]
        try:
            _write_csv(out / f"{name}.csv", clean, columns)
            written.append(out / f"{name}.csv")
            if parquet:
                _write_parquet(out / f"{name}.parquet", clean, columns)
                written.append(out / f"{name}.parquet")
            else:
                _write_jsonl(out / f"{name}.jsonl", rows)
                written.append(out / f"{name}.jsonl")
        except OSError as exc:
            raise OutputError(f"cannot write table {name}: {exc.strerror}", path=str(out)) from exc
    return written


def write_fact_tables(
    out: Path, rows: Mapping[str, Sequence[dict[str, Any]]], documents: Sequence[dict[str, Any]]
) -> list[Path]:
    """Write the four tables from fact rows grouped by kind (``amount``, ``citation``, ``indicator``)."""
    return write_tables(
        out,
        {
            "amounts": (rows.get("amount", []), AMOUNT_COLUMNS),
            "citations": (rows.get("citation", []), CITATION_COLUMNS),
            "documents": (documents, DOCUMENT_COLUMNS),
            "indicators": (rows.get("indicator", []), INDICATOR_COLUMNS),
        },
    )
