"""``evalcorpus ingest``: read report files, split and structure them, optionally store the corpus."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from corpus.errors import EvalCorpusError, InputError
from corpus.model import Document
from evalcorpus.commands._common import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    console,
    err_console,
    plain,
    print_document_warnings,
    print_error,
    print_jsonl,
)


class _Tally:
    """Counts for the summary, filled one document at a time."""

    def __init__(self) -> None:
        self.files = 0
        self.failures: list[dict[str, str]] = []
        self.reports = 0
        self.sentences = 0
        self.residue = 0
        self.by_kind: Counter[str] = Counter()
        self.by_year: Counter[str] = Counter()
        self.written = False  # the corpus was written to --out

    def add(self, doc: Document) -> None:
        self.files += 1
        self.reports += len(doc.reports)
        self.residue += len(doc.residue)
        for r in doc.reports:
            self.sentences += len(r.sentences)
            self.by_kind[r.kind] += 1
            self.by_year[str(r.year) if r.year else "unknown"] += 1

    def summary(self, out: Path | None) -> dict[str, Any]:
        return {
            "files": self.files + len(self.failures),
            "read": self.files,
            "failed": len(self.failures),
            "reports": self.reports,
            "sentences": self.sentences,
            "residue": self.residue,
            "by_kind": dict(sorted(self.by_kind.items())),
            "by_year": dict(sorted(self.by_year.items())),
            "failures": self.failures,
            "out": str(out) if out else None,
            "written": self.written,
        }


def _progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )


def _run(paths: list[str], out: Path | None, tally: _Tally, docs: dict[str, Document] | None) -> None:
    """Read every file; the corpus is written only once a document was read (an existing one stays)."""
    from corpus.load import list_files, read_document
    from corpus.store import CorpusWriter, check_writable

    def failed(exc: InputError) -> None:
        tally.failures.append({"file": exc.path or "", "error": exc.message})
        print_error(str(exc))

    if out is not None:
        check_writable(out)
    files = list_files(paths, on_error=failed)
    with contextlib.ExitStack() as stack, _progress() as progress:
        writer: CorpusWriter | None = None
        task = progress.add_task("ingest", total=len(files))
        for path, name in files:
            try:
                doc = read_document(path, name)
            except InputError as exc:
                failed(exc)
            else:
                print_document_warnings(doc)
                tally.add(doc)
                if out is not None and writer is None:
                    writer = stack.enter_context(CorpusWriter(out, inputs=paths))
                if writer is not None:
                    writer.add(doc)
                if docs is not None:
                    docs[name] = doc
            progress.advance(task)
        if writer is not None:
            for f in tally.failures:
                writer.fail(f["file"], f["error"])
    tally.written = writer is not None  # the writer closed without error: both files are in place


def _gold_scores(gold: Path, docs: dict[str, Document]) -> dict[str, Any]:
    from corpus.score import (
        META_FIELDS,
        meta_agreement,
        our_units,
        read_gold_units,
        report_agreement,
        unit_agreement,
    )

    result: dict[str, Any] = {}
    sentences = gold / "sentences.jsonl"
    if not sentences.is_file():
        raise InputError("no sentences.jsonl in the gold folder", path=str(gold))
    gold_units = {k: v for k, v in read_gold_units(sentences).items() if k in docs}
    units = unit_agreement(gold_units, our_units(docs.values()))
    result["units"] = {
        "gold": units.gold_total,
        "recall": round(units.recall, 4),
        "precision": round(units.precision, 4),
        "differing": list(units.differing),
    }
    reports_file = gold / "reports.json"
    if reports_file.is_file():
        gold_reports = {
            k: v for k, v in json.loads(reports_file.read_text(encoding="utf-8")).items() if k in docs
        }
        rep = report_agreement(gold_reports, docs)
        meta = meta_agreement(gold_reports, docs)
        result["reports"] = {
            "gold": rep.gold_reports,
            "ours": rep.our_reports,
            "files_count_ok": rep.files_count_ok,
            "files": rep.files,
            "first_text_ok": rep.first_text_ok,
            "mismatches": list(rep.mismatches),
        }
        result["metadata"] = {
            "paired": meta.paired,
            **{f: round(meta.share(f), 4) for f in META_FIELDS},
            "mismatches": list(meta.mismatches),
        }
    return result


def _print_summary(summary: dict[str, Any]) -> None:
    table = Table("", "count", title="Ingest summary")
    for key in ("files", "read", "failed", "reports", "sentences", "residue"):
        table.add_row(key, str(summary[key]))
    for kind, n in summary["by_kind"].items():
        table.add_row(plain(f"kind: {kind}"), str(n))
    for year, n in summary["by_year"].items():
        table.add_row(plain(f"year: {year}"), str(n))
    console.print(table)
    if summary["written"]:
        console.print(f"corpus written to {summary['out']}", markup=False)
    elif summary["out"]:
        console.print(f"nothing read: {summary['out']} left as it was", markup=False)
    gold = summary.get("gold")
    if gold:
        g = Table("measure", "value", title="Against gold")
        u = gold["units"]
        g.add_row("gold units produced exactly", f"{u['recall']:.4f} of {u['gold']}")
        g.add_row("our units found in gold", f"{u['precision']:.4f}")
        if "reports" in gold:
            r = gold["reports"]
            g.add_row("files with the gold report count", f"{r['files_count_ok']} / {r['files']}")
            g.add_row("reports (gold / ours)", f"{r['gold']} / {r['ours']}")
            g.add_row("first_text matching", f"{r['first_text_ok']} / {r['gold']}")
            m = gold["metadata"]
            for f in ("title", "agency", "year", "kind"):
                g.add_row(f"{f} agreement", f"{m[f]:.3f} of {m['paired']}")
        console.print(g)


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders (read recursively).")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the corpus (manifest.json + documents.jsonl) here.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Gold folder (sentences.jsonl, reports.json) to score.")
    ] = None,
) -> None:
    """Read, split and structure report files; print a summary, optionally store the corpus."""
    tally = _Tally()
    docs: dict[str, Document] | None = {} if gold is not None else None
    given = [str(p) for p in paths]
    try:
        _run(given, out, tally, docs)
        summary = tally.summary(out)
        if gold is not None and docs is not None:
            summary["gold"] = _gold_scores(gold, docs)
    except EvalCorpusError as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_FATAL) from None
    if json_out:
        print_jsonl(summary)
    else:
        _print_summary(summary)
    if tally.files == 0:
        raise typer.Exit(EXIT_FATAL)
    raise typer.Exit(EXIT_PARTIAL if tally.failures else EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add ``ingest`` to the ``evalcorpus`` app."""
    app.command("ingest")(ingest_command)
