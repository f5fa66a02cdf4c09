"""``evalcorpus extract``: amounts, cited documents and indicators of report files."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from corpus.atomic import check_output_folder
from corpus.errors import EvalCorpusError, InputError
from evalcorpus.commands._common import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    console,
    plain,
    print_document_warnings,
    print_error,
    print_jsonl,
    progress,
)


@dataclass
class _Collected:
    """What a run read: the facts and reports, how many files were read and how many failed."""

    facts: list[Any] = field(default_factory=list)
    reports: list[Any] = field(default_factory=list)
    read: int = 0
    failed: int = 0


def _collect(paths: list[Path], on_rows: Any) -> _Collected:
    """Run extraction over every report of ``paths``; ``on_rows(rows)`` gets each report's rows."""
    from corpus.load import open_inputs
    from nlp.extract import extract_report
    from nlp.extract.export import fact_rows

    failures: list[InputError] = []
    got = _Collected()
    with progress() as bar:
        task = bar.add_task("extracting: files read", total=None)
        for doc in open_inputs([str(p) for p in paths], on_error=failures.append):
            print_document_warnings(doc)
            got.read += 1
            for report in doc.reports:
                facts = extract_report(report)
                on_rows(fact_rows(facts, file=doc.path))
                got.facts.append(facts)
                got.reports.append(report)
            bar.advance(task)
    for exc in failures:
        print_error(str(exc))
    got.failed = len(failures)
    return got


def _summary(counts: Counter[str], written: list[Path], n_reports: int) -> Table:
    table = Table("table", "rows", title=f"{n_reports} reports")
    for name in ("amounts", "citations", "documents", "indicators"):
        table.add_row(name, str(counts[name]))
    if written:
        table.caption = plain(f"{len(written)} files in {written[0].parent}")
    return table


def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Report files, folders, or stored corpora.")],
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="One JSON object per fact on stdout, in document order.")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write amounts/citations/documents/indicators tables here.")
    ] = None,
) -> None:
    """Extract amounts (exact yuan), cited policy documents (《title》, 文号) and indicators."""
    from nlp.extract import document_table
    from nlp.extract.export import document_rows, write_fact_tables

    kept: dict[str, list[dict[str, Any]]] = {"amount": [], "citation": [], "indicator": []}

    def on_rows(rows: list[dict[str, Any]]) -> None:
        for row in rows:
            if jsonl:
                print_jsonl(row)
            if out is not None or not jsonl:
                kept[row["kind"]].append(row)

    try:
        if out is not None:  # an unwritable --out fails now, before any row is printed
            check_output_folder(out)
        got = _collect(paths, on_rows)
        documents = document_rows(document_table(got.facts, got.reports))
        # a run that read nothing leaves an existing output alone
        written = write_fact_tables(out, kept, documents) if out is not None and got.read else []
    except EvalCorpusError as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_FATAL) from None
    if not jsonl:
        counts = Counter({f"{kind}s": len(rows) for kind, rows in kept.items()})
        counts["documents"] = len(documents)
        console.print(_summary(counts, written, len(got.reports)))
    if got.failed:
        raise typer.Exit(EXIT_PARTIAL if got.reports else EXIT_FATAL)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the app."""
    app.command("extract")(extract_command)
