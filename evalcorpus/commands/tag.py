"""``evalcorpus tag``, ``train`` and ``evaluate``: sentence tagging from the command line."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from corpus.errors import EvalCorpusError, InputError
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
    progress,
)


def _tag_rows(paths: list[Path], model: Path | None) -> tuple[list[dict[str, Any]], int]:
    from corpus.load import open_inputs
    from nlp.tagging import load_model
    from nlp.tagging.tagger import tag_sentence_groups

    clf = load_model(model)
    failures: list[InputError] = []
    rows: list[dict[str, Any]] = []
    with progress() as bar:
        task = bar.add_task("tagging: files done", total=None)
        for doc in open_inputs([str(p) for p in paths], on_error=failures.append):
            print_document_warnings(doc)
            groups = [r.sentences for r in doc.reports] + ([doc.residue] if doc.residue else [])
            names = [r.id for r in doc.reports] + ([""] if doc.residue else [])
            for report_id, tagged in zip(names, tag_sentence_groups(groups, clf), strict=True):
                for t in tagged:
                    s = t.sentence
                    rows.append(
                        {
                            "file": doc.path,
                            "report": report_id,
                            "sentence": s.id,
                            "short_id": _short_id(s.id, doc.name),
                            "section": s.section_type,
                            "text": s.text,
                            "labels": list(t.labels),
                            "scores": t.scores,
                        }
                    )
            bar.advance(task)
    for exc in failures:
        print_error(str(exc))
    return rows, len(failures)


def _short_id(sentence_id: str, name: str) -> str:
    """The unit id without its file name: ``a.txt#1#7`` → ``#1#7`` (report 1, unit 7).

    >>> _short_id("a.txt#1#7", "a.txt"), _short_id("a.txt#residue#0", "a.txt")
    ('#1#7', '#residue#0')
    """
    return sentence_id[len(name) :] if sentence_id.startswith(name + "#") else sentence_id


def _tag_table(rows: list[dict[str, Any]], only_tagged: bool) -> Table:
    """One group of rows per report, headed by the report id; unit ids without the file name.

    Every cell is plain text (a file called ``[b]x.txt`` is shown as such); labels wrap between
    labels, never inside one.
    """
    table = Table(title="Sentence tags", caption="unit: #report#n in the file above")
    table.add_column("unit", no_wrap=True)
    table.add_column("section", max_width=14, overflow="fold")
    table.add_column("labels", min_width=len("indicator"))
    table.add_column("text", ratio=1, overflow="fold")
    current: tuple[str, str] | None = None
    for row in rows:
        if only_tagged and not row["labels"]:
            continue
        if (row["file"], row["report"]) != current:
            if current is not None:
                table.add_section()
            current = (row["file"], row["report"])
            head = row["report"] or f"{row['file']} (outside any report)"
            table.add_row("", "", "", Text(head, style="bold"))
        text = row["text"] if len(row["text"]) <= 60 else row["text"][:59] + "…"
        labels = plain(" ".join(row["labels"]))
        table.add_row(plain(row["short_id"]), plain(row["section"]), labels, plain(text))
    return table


def tag_command(
    paths: Annotated[list[Path], typer.Argument(help="Report files, folders, or stored corpora.")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per unit on stdout.")] = False,
    model: Annotated[
        Path | None, typer.Option("--model", help="Model file (default: shipped model).")
    ] = None,
    only_tagged: Annotated[bool, typer.Option("--only-tagged", help="Table: only units with a tag.")] = False,
) -> None:
    """Tag every sentence unit as target / indicator / amount / problem."""
    try:
        rows, failed = _tag_rows(paths, model)
    except EvalCorpusError as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_FATAL) from None
    if jsonl:
        for row in rows:
            print_jsonl({k: v for k, v in row.items() if k != "short_id"})
    else:
        console.print(_tag_table(rows, only_tagged))
    if failed:
        raise typer.Exit(EXIT_PARTIAL if rows else EXIT_FATAL)
    raise typer.Exit(EXIT_OK)


def _busy(message: str) -> contextlib.AbstractContextManager[Any]:
    """A spinner on stderr while a long step runs; nothing when stderr is not a terminal."""
    return err_console.status(message) if err_console.is_terminal else contextlib.nullcontext()


def _read_json(path: Path) -> dict[str, Any]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read metrics JSON: {exc}", path=str(path)) from None
    if not isinstance(data, dict):
        raise InputError("metrics JSON must be an object", path=str(path))
    return data


def train_command(
    gold: Annotated[list[Path], typer.Option("--gold", help="Gold sentences.jsonl (repeatable).")],
    out: Annotated[Path, typer.Option("--out", help="Model file to write (.npz, plus .npz.json).")],
    corpus: Annotated[
        list[Path] | None, typer.Option("--corpus", help="Folder of report files (context, weak labels).")
    ] = None,
    weak: Annotated[
        bool,
        typer.Option("--weak/--no-weak", help="Weak labels from corpus files without gold (off: they hurt)."),
    ] = False,
    metrics: Annotated[
        Path | None, typer.Option("--metrics", help="JSON of held-out figures to store beside the model.")
    ] = None,
) -> None:
    """Train a tagger on gold units (+ weak labels) and write it."""
    from corpus.atomic import check_output_file
    from nlp.tagging.train import train_model

    try:
        check_output_file(out)  # an unwritable --out fails now, not after the training
        heldout = _read_json(metrics) if metrics else None
        with _busy("training…"):
            meta = train_model(gold, corpus_dirs=corpus or None, weak=weak, out=out, metrics=heldout)
    except EvalCorpusError as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_FATAL) from None
    td = meta["training_data"]
    console.print(
        f"wrote {out}: {td['gold_units']} gold units, {td['weak_units']} weak units, "
        f"gold sha256 {td['gold_sha256'][:12]}"
    )


def _metrics_table(title: str, metrics: dict[str, dict[str, float]]) -> Table:
    from nlp.tagging.resources import TAGS

    table = Table("tag", "precision", "recall", "F1", "support", title=title)
    for tag in TAGS:
        m = metrics[tag]
        table.add_row(tag, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"]))
    table.add_row("macro", "", "", f"{metrics['macro']['f1']:.3f}", "")
    return table


def evaluate_command(
    gold: Annotated[list[Path], typer.Option("--gold", help="Gold sentences.jsonl (repeatable).")],
    model: Annotated[
        Path | None, typer.Option("--model", help="Model to apply, or whose parameters to CV.")
    ] = None,
    cv: Annotated[
        str | None, typer.Option("--cv", help="loo (leave one file out) or group-k (5 folds).")
    ] = None,
    corpus: Annotated[
        list[Path] | None, typer.Option("--corpus", help="Folder of the gold files' reports.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")] = False,
) -> None:
    """Per-tag precision/recall/F1, macro-F1 and the worst error patterns."""
    from nlp.tagging.evaluate import run_evaluation

    if cv not in (None, "loo", "group-k"):
        print_error(f"--cv must be loo or group-k, not {cv!r}")
        raise typer.Exit(EXIT_FATAL)
    try:
        with _busy(f"evaluating ({cv} cross-validation)…" if cv else "evaluating…"):
            result = run_evaluation(gold, model=model, cv=cv, corpus_dirs=corpus or None)
    except EvalCorpusError as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_FATAL) from None
    if json_out:
        print_jsonl(result)
        return
    console.print(_metrics_table(result["title"], result["metrics"]))
    errors = Table("error", "tag", "section", "shape", "count", "examples", title="Most frequent errors")
    for e in result["errors"]:
        errors.add_row(
            e["error"], e["tag"], e["section"], e["shape"], str(e["count"]), " ".join(e["examples"])
        )
    console.print(errors)


def register(app: typer.Typer) -> None:
    """Add ``tag``, ``train`` and ``evaluate`` to the app."""
    app.command("tag")(tag_command)
    app.command("train")(train_command)
    app.command("evaluate")(evaluate_command)
