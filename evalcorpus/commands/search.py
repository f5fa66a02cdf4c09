"""``evalcorpus index``, ``build``, ``search``, ``cites`` and ``documents``: the full-text index.

A thin layer over :mod:`index`: parse options, call the library, print tables / KWIC / JSONL,
turn library errors into one line and an exit code.
"""

# typer declares options as argument defaults (its documented idiom), hence B008 off in this file.
# ruff: noqa: B008

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from corpus.errors import EvalCorpusError, QueryError
from evalcorpus.commands._common import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    console,
    err_console,
    print_jsonl,
)

INDEX_OPTION = typer.Option(..., "--index", "-i", help="Index directory.")
STAGES = ("ingest", "tag", "extract", "boilerplate", "index")


class Format(str, Enum):
    table = "table"
    kwic = "kwic"
    jsonl = "jsonl"


class Sort(str, Enum):
    relevance = "relevance"
    year = "year"


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int | None], None]]:
    """One progress display for all build stages (on stderr; silent when it is not a terminal)."""
    bar = Progress(
        TextColumn("{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=not err_console.is_terminal,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int | None) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    with bar:
        yield update


def _error_line(message: str) -> None:
    """Like ``print_error`` but never wrapped at the terminal width: one message, one line."""
    err_console.print(f"evalcorpus: error: {message}", markup=False, highlight=False, soft_wrap=True)


def _fail(exc: EvalCorpusError) -> typer.Exit:
    _error_line(f"query error: {exc}" if isinstance(exc, QueryError) else str(exc))
    return typer.Exit(EXIT_FATAL)


def _summary_record(summary: Any) -> dict[str, Any]:
    return {
        "index": summary.index_dir,
        "files_added": list(summary.files_added),
        "files_replaced": list(summary.files_replaced),
        "files_unchanged": summary.files_unchanged,
        "files_failed": [{"file": e.path, "error": e.message} for e in summary.errors],
        "sentences_indexed": summary.sentences_indexed,
        "reports_indexed": summary.reports_indexed,
        "boilerplate_updated": summary.boilerplate_updated,
        "recomputed": list(summary.recomputed),
        "counts": summary.counts,
    }


def _print_summary(summary: Any) -> None:
    if not summary.changed:
        console.print(
            f"index {summary.index_dir}: unchanged ({summary.files_unchanged} files already indexed)",
            markup=False,
            soft_wrap=True,
        )
    else:
        console.print(
            f"index {summary.index_dir}: {len(summary.files_added)} files added, "
            f"{len(summary.files_replaced)} replaced, {summary.files_unchanged} unchanged; "
            f"{summary.sentences_indexed} sentences of {summary.reports_indexed} reports indexed",
            markup=False,
            soft_wrap=True,
        )
        console.print(
            "recomputed over the whole index: " + "; ".join(summary.recomputed), markup=False, soft_wrap=True
        )
        if summary.boilerplate_updated:
            console.print(
                f"boilerplate verdict changed for {summary.boilerplate_updated} sentences indexed before",
                markup=False,
                soft_wrap=True,
            )
    n = summary.counts
    console.print(
        f"now: {n.get('sentence', 0)} sentences, {n.get('report', 0)} reports, {n.get('file', 0)} files",
        markup=False,
        soft_wrap=True,
    )


def _run_build(paths: list[Path], index_dir: Path, procs: int, as_json: bool) -> None:
    from index.build import build

    errors: list[EvalCorpusError] = []

    def on_error(exc: EvalCorpusError) -> None:
        errors.append(exc)
        _error_line(str(exc))

    try:
        with _progress() as progress:
            summary = build(
                [str(p) for p in paths], index_dir, procs=procs, progress=progress, on_error=on_error
            )
    except EvalCorpusError as exc:
        raise _fail(exc) from None
    failed = errors + list(summary.errors)
    if as_json:
        record = _summary_record(summary)
        record["files_failed"] = [{"file": e.path, "error": e.message} for e in failed]
        print_jsonl(record)
    else:
        _print_summary(summary)
    read_any = summary.files_added or summary.files_replaced or summary.files_unchanged
    raise typer.Exit((EXIT_PARTIAL if read_any else EXIT_FATAL) if failed else EXIT_OK)


def index_command(
    corpus: Path = typer.Argument(
        ..., help="An ingested corpus (evalcorpus ingest --out DIR) or report files."
    ),
    index_dir: Path = INDEX_OPTION,
    procs: int = typer.Option(1, "--procs", min=1, help="Writer processes (Whoosh multiprocess writer)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as one JSON object."),
) -> None:
    """Index a corpus: tag, extract, flag boilerplate; add new and changed files, skip unchanged ones."""
    _run_build([corpus], index_dir, procs, as_json)


def build_command(
    paths: list[Path] = typer.Argument(
        ..., help="Report files or folders (txt/docx/pdf/html), or stored corpora."
    ),
    index_dir: Path = INDEX_OPTION,
    procs: int = typer.Option(1, "--procs", min=1, help="Writer processes (Whoosh multiprocess writer)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as one JSON object."),
) -> None:
    """Ingest → tag → extract → boilerplate → index, in one go (incremental: reruns change nothing)."""
    _run_build(paths, index_dir, procs, as_json)


def _boilerplate_choice(substantive: bool, boilerplate: bool) -> bool | None:
    if substantive and boilerplate:
        raise _fail(QueryError("--substantive and --boilerplate exclude each other"))
    return True if boilerplate else (False if substantive else None)


def search_command(
    query: str = typer.Argument("", help='Words, "phrases", AND / OR / NOT, (groups); empty: everything.'),
    index_dir: Path = INDEX_OPTION,
    tag: list[str] = typer.Option([], "--tag", help="Only sentences with this tag (repeatable)."),
    substantive: bool = typer.Option(False, "--substantive", help="Only sentences that are not boilerplate."),
    boilerplate: bool = typer.Option(False, "--boilerplate", help="Only boilerplate sentences."),
    agency: str | None = typer.Option(None, "--agency", help="Agency name contains this."),
    region: str | None = typer.Option(None, "--region", help="Region (exact)."),
    year: str | None = typer.Option(None, "--year", help="2022 or 2021..2023."),
    section: str | None = typer.Option(None, "--section", help="Section type (goal, funds, problem, …)."),
    amount_min: float | None = typer.Option(None, "--amount-min", help="A stated amount ≥ this many yuan."),
    amount_max: float | None = typer.Option(None, "--amount-max", help="A stated amount ≤ this many yuan."),
    reports: bool = typer.Option(False, "--reports", help="Return reports instead of sentences."),
    sort: Sort = typer.Option(Sort.relevance, "--sort", help="relevance or year (newest first)."),
    page: int = typer.Option(1, "--page", min=1),
    limit: int = typer.Option(20, "--limit", min=1),
    fmt: Format = typer.Option(Format.table, "--format", help="table, kwic or jsonl."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Same as --format jsonl."),
    facets: bool = typer.Option(False, "--facets", help="Counts by tag, agency, year, boilerplate, section."),
    width: int = typer.Option(
        24, "--width", min=4, help="KWIC: context width on each side (terminal cells)."
    ),
) -> None:
    """Search sentences (or reports) with filters; table, KWIC or JSONL output."""
    from index.search import open_index, search

    try:
        ix = open_index(index_dir)
        results = search(
            ix,
            query,
            reports=reports,
            sort=sort.value,
            page=page,
            limit=limit,
            facets=facets,
            tags=tag,
            boilerplate=_boilerplate_choice(substantive, boilerplate),
            agency=agency,
            region=region,
            year=year,
            section=section,
            amount_min=amount_min,
            amount_max=amount_max,
        )
    except EvalCorpusError as exc:
        raise _fail(exc) from None
    _print_results(results, Format.jsonl if jsonl else fmt, width, reports)


def _print_results(results: Any, fmt: Format, width: int, reports: bool) -> None:
    from index.kwic import kwic_lines
    from index.render import (
        facets_table,
        kwic_text,
        report_record,
        reports_table,
        sentence_record,
        sentences_table,
    )

    if fmt is Format.jsonl:
        for rh in results.reports:
            print_jsonl(report_record(rh))
        for hit in results.hits:
            print_jsonl(sentence_record(hit))
        if results.facets is not None:
            print_jsonl(
                {"facets": {k: {str(v): c for v, c in d.items()} for k, d in vars(results.facets).items()}}
            )
        return
    if fmt is Format.kwic:
        hits = results.hits or tuple(r.best for r in results.reports if r.best)
        for line in kwic_text(kwic_lines(hits, width=width), width=width):
            console.print(line)
    elif reports:
        console.print(reports_table(results))
    else:
        console.print(sentences_table(results))
    shown = len(results.hits or results.reports)
    first = (results.page - 1) * results.limit
    where = f"{first + 1}–{first + shown}" if shown else f"page {results.page}: none"
    err_console.print(f"{where} of {results.total}", markup=False, soft_wrap=True)
    if results.facets is not None:
        console.print(facets_table(results.facets))


def cites_command(
    document: str = typer.Argument(..., help="A 文号 in any bracket/spacing style, or part of a title."),
    index_dir: Path = INDEX_OPTION,
    fmt: Format = typer.Option(Format.table, "--format", help="table or jsonl."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Same as --format jsonl."),
) -> None:
    """List the reports and sentences citing a policy document."""
    from index.citations import cites
    from index.render import citing_record, citing_table
    from index.search import open_index

    try:
        hits = cites(open_index(index_dir), document)
    except EvalCorpusError as exc:
        raise _fail(exc) from None
    if jsonl or fmt is Format.jsonl:
        for hit in hits:
            print_jsonl(citing_record(hit))
        return
    console.print(citing_table(hits, document))
    err_console.print(
        f"{len({h.doc.report_id for h in hits})} reports, {len(hits)} sentences", markup=False, soft_wrap=True
    )


def documents_command(
    index_dir: Path = INDEX_OPTION,
    limit: int = typer.Option(30, "--limit", min=1, help="How many documents to list."),
    fmt: Format = typer.Option(Format.table, "--format", help="table or jsonl."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Same as --format jsonl."),
) -> None:
    """List the most-cited policy documents (reports, sentences, agencies, years), counted over the index."""
    from index.citations import documents
    from index.render import document_record, documents_table
    from index.search import open_index

    try:
        docs = documents(open_index(index_dir), limit=limit)
    except EvalCorpusError as exc:
        raise _fail(exc) from None
    if jsonl or fmt is Format.jsonl:
        for doc in docs:
            print_jsonl(document_record(doc))
        return
    console.print(documents_table(docs))


def register(app: typer.Typer) -> None:
    """Add the index commands to the ``evalcorpus`` app."""
    app.command("index")(index_command)
    app.command("build")(build_command)
    app.command("search")(search_command)
    app.command("cites")(cites_command)
    app.command("documents")(documents_command)
