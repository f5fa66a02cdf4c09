"""Helpers shared by the CLI commands: exit codes, JSON output, error lines."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

if TYPE_CHECKING:
    from corpus.model import Document

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_FATAL = 2

#: Human output goes to stdout through this console; errors to stderr.
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def print_error(message: str) -> None:
    """One line on stderr, prefixed so scripts can grep it; markup in user text is not interpreted."""
    one_line = " ".join(str(message).split())
    sys.stderr.write(f"evalcorpus: error: {one_line}\n")
    sys.stderr.flush()


def print_warning(message: str) -> None:
    """One ``evalcorpus: warning:`` line on stderr: the input was used, but read leniently."""
    one_line = " ".join(str(message).split())
    sys.stderr.write(f"evalcorpus: warning: {one_line}\n")
    sys.stderr.flush()


def print_jsonl(record: dict[str, Any]) -> None:
    """One JSON object on one line of stdout (UTF-8, not ASCII-escaped)."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def print_document_warnings(doc: Document) -> None:
    """One warning line, naming the file, per lenient-read note of ``doc`` (bytes replaced, …)."""
    for warning in doc.warnings:
        print_warning(f"{doc.path}: {warning}")


def plain(value: object) -> Text:
    """User text (file names, units, labels) for a rich table cell: shown as is, never as markup.

    >>> plain("[b]x.txt").plain
    '[b]x.txt'
    """
    return Text(str(value))


def progress(*, bar: bool = False) -> Progress:
    """A transient progress display on stderr, off when stderr is not a terminal.

    ``bar=True`` for a known total (fold 3 of 5), else a spinner with a count (files done).

    >>> with progress() as p:
    ...     task = p.add_task("tagging: files", total=None)
    ...     p.advance(task)
    """
    columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.description}")]
    columns += [BarColumn(), MofNCompleteColumn()] if bar else [TextColumn("{task.completed}")]
    columns.append(TimeElapsedColumn())
    return Progress(*columns, console=err_console, transient=True, disable=not err_console.is_terminal)
