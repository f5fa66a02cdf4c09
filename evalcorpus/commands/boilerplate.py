"""``evalcorpus boilerplate``: units copied across reports, outline instructions, goals pasted as results."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table
from rich.text import Text

from corpus.errors import EvalCorpusError, InputError
from corpus.model import Document, Report
from evalcorpus.commands._common import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    console,
    err_console,
    print_error,
    print_jsonl,
    print_warning,
)

#: Keys of one ``--jsonl`` object, in order.
JSONL_KEYS = ("file", "report", "sentence", "text", "boilerplate", "score", "cluster", "kind")


def _load(paths: list[Path]) -> tuple[list[Document], int]:
    from corpus.load import open_inputs

    failures: list[InputError] = []
    docs: list[Document] = []
    by_name: dict[str, Document] = {}
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    ) as progress:
        task = progress.add_task("reading…", total=None)
        for doc in open_inputs([str(p) for p in paths], on_error=failures.append):
            first = by_name.setdefault(doc.name, doc)
            if first is not doc:  # the same file given twice is read once; two files of one name clash
                if first.text != doc.text:
                    failures.append(_name_clash(doc, first))
                continue
            docs.append(doc)
            for warning in doc.warnings:
                print_warning(f"{doc.path}: {warning}")
            progress.update(task, description=f"reading… {len(docs)} files")
    for exc in failures:
        print_error(str(exc))
    return docs, len(failures)


def _name_clash(doc: Document, first: Document) -> InputError:
    return InputError(
        f"skipped: its reports would get the ids of {first.path} (both are named {doc.name}); "
        "give their common parent folder instead, so the names differ",
        path=doc.path,
    )


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _add_row(table: Table, *cells: str) -> None:
    """A row of plain text: ``[b]`` in a file name or a unit is not rich markup."""
    table.add_row(*(Text(cell) for cell in cells))


def _summary(result: Any, top: int) -> None:
    from nlp.boilerplate.report import shares_by

    st = result.stats
    console.print(
        f"{st['reports']} reports, {st['units']} units: {st['compared']} compared, skipped "
        f"{st['skipped_heading']} headings, {st['skipped_title']} title lines, {st['skipped_short']} "
        f"units under {st['min_chars']} characters; {st['clusters']} clusters, "
        f"{st['boilerplate_units']} boilerplate units (threshold {st['threshold']})."
    )
    clusters = Table("id", "kind", "reports", "agencies", "years", "text", title="Widest clusters")
    for c in result.clusters[:top]:
        years = f"{c.first_year}–{c.last_year}" if c.first_year else ""
        kind = c.kind + (" (template)" if c.template else "")
        _add_row(
            clusters, str(c.id), kind, str(c.n_reports), str(c.n_agencies), years, _short(c.representative)
        )
    console.print(clusters)
    shares = sorted(result.reports.values(), key=lambda s: (-s.share_chars, -s.n_boilerplate, s.report_id))
    copied = Table(
        "report", "units", "share", "copies most from", "longest passage", title="Most copied reports"
    )
    for s in shares[:top]:
        p = s.longest_passage
        longest = f"{p.chars} chars / {p.n_units} units" if p else ""
        source = f"{s.copies_from[0][0]} ({s.copies_from[0][1]})" if s.copies_from else ""
        _add_row(copied, s.report_id, str(s.n_compared), f"{s.share_chars:.0%}", source, longest)
    console.print(copied)
    for title, key in (
        ("agency", lambda s: s.agency or "(unknown)"),
        ("year", lambda s: s.year or "(unknown)"),
    ):
        table = Table(
            title, "reports", "share (units)", "share (chars)", title=f"Boilerplate share by {title}"
        )
        for k, n, su, sc in shares_by(result.reports.values(), key)[:top]:
            _add_row(table, str(k), str(n), f"{su:.0%}", f"{sc:.0%}")
        console.print(table)


def _jsonl(result: Any, docs: list[Document]) -> None:
    for doc in docs:
        for report in doc.reports:
            for s in report.sentences:
                flag = result.units[s.id]
                values = (
                    doc.path,
                    report.id,
                    s.id,
                    s.text,
                    flag.boilerplate,
                    round(flag.score, 4),
                    flag.cluster,
                    flag.kind,
                )
                print_jsonl(dict(zip(JSONL_KEYS, values, strict=True)))


def boilerplate_command(
    paths: Annotated[list[Path], typer.Argument(help="Report files, folders or stored corpora: one corpus.")],
    threshold: Annotated[float, typer.Option(min=0.05, max=1.0, help="Similarity two copies need.")] = 0.8,
    min_chars: Annotated[int, typer.Option(min=1, help="Shortest unit compared (content characters).")] = 6,
    out: Annotated[
        Path | None, typer.Option(help="Folder for the clusters, units and reports tables.")
    ] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per unit on stdout.")] = False,
    top: Annotated[int, typer.Option(min=1, help="Rows in each summary table.")] = 10,
) -> None:
    """Find boilerplate: units copied across reports, template instructions, goals copied as results."""
    from corpus.store import check_writable
    from nlp.boilerplate import detect
    from nlp.boilerplate.export import write_tables

    docs, failed = _load(paths)
    reports: list[Report] = [r for doc in docs for r in doc.reports]
    if not docs:
        print_error("no readable input")
        raise typer.Exit(EXIT_FATAL)
    try:
        if out is not None:  # an unwritable --out fails now, not after the comparison
            check_writable(out)
        busy = err_console.status("comparing units…") if err_console.is_terminal else contextlib.nullcontext()
        with busy:
            result = detect(reports, threshold=threshold, min_chars=min_chars)
        if out is not None:
            file_of = {doc.name: doc.path for doc in docs}
            written = write_tables(result, reports, out, file_of=file_of)
    except EvalCorpusError as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_FATAL) from None
    if jsonl:
        _jsonl(result, docs)
    else:
        _summary(result, top)
        if out is not None:
            console.print(f"wrote {len(written)} files to {out}", markup=False)
    raise typer.Exit(EXIT_PARTIAL if failed else EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add ``boilerplate`` to the app."""
    app.command("boilerplate")(boilerplate_command)
