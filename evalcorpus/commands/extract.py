"""``evalcorpus extract``: amounts, cited documents and indicators of report files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress
from rich.table import Table

from corpus.errors import EvalCorpusError, InputError
from evalcorpus.commands._common import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    console,
    err_console,
    print_error,
    print_jsonl,
)


def _collect(paths: list[Path], on_rows: Any) -> tuple[list[Any], list[Any], int]:
    """Run extraction over every report of ``paths``; ``on_rows(rows)`` gets each report's rows."""
    from corpus.load import open_inputs
    from nlp.extract import extract_report
    from nlp.extract.export import fact_rows

    failures: list[InputError] = []
    all_facts: list[Any] = []
    reports: list[Any] = []
    with Progress(console=err_console, transient=True, disable=not err_console.is_terminal) as progress:
        task = progress.add_task("extracting", total=None)
        for doc in open_inputs([str(p) for p in paths], on_error=failures.append):
            for report in doc.reports:
                facts = extract_report(report)
                on_rows(fact_rows(facts, file=doc.path))
                all_facts.append(facts)
                reports.append(report)
            progress.advance(task)
    for exc in failures:
        print_error(str(exc))
    return all_facts, reports, len(failures)


def _summary(counts: Counter[str], written: list[Path], n_reports: int) -> Table:
    table = Table("table", "rows", title=f"{n_reports} reports")
    for name in ("amounts", "citations", "documents", "indicators"):
        table.add_row(name, str(counts[name]))
    if written:
        table.caption = f"{len(written)} files in {written[0].parent}"
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
        facts, reports, failed = _collect(paths, on_rows)
        documents = document_rows(document_table(facts, reports))
        written = write_fact_tables(out, kept, documents) if out is not None else []
    except EvalCorpusError as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_FATAL) from None
    if not jsonl:
        counts = Counter({f"{kind}s": len(rows) for kind, rows in kept.items()})
        counts["documents"] = len(documents)
        console.print(_summary(counts, written, len(reports)))
    if failed:
        raise typer.Exit(EXIT_PARTIAL if reports else EXIT_FATAL)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the app."""
    app.command("extract")(extract_command)
