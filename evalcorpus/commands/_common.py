"""Helpers shared by the CLI commands: exit codes, JSON output, error lines."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

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
