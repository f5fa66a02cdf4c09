"""The ``evalcorpus`` command: a thin layer over the library.

Each capability keeps its commands in its own module under ``evalcorpus.commands``; this
module only assembles them and turns the library's exceptions into one line and an exit code.

Exit codes: 0 success, 1 partial failure (some inputs failed, the rest was processed),
2 usage or fatal error (nothing useful was done), 130 interrupted.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from corpus.errors import EvalCorpusError

app = typer.Typer(
    name="evalcorpus",
    help="Load, tag, extract, de-boilerplate and search 绩效自评报告 corpora.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Modules under evalcorpus.commands; each defines ``register(app)``.
COMMAND_MODULES = ("ingest", "extract", "tag", "boilerplate", "search")

for _name in COMMAND_MODULES:
    try:
        _mod = importlib.import_module(f"evalcorpus.commands.{_name}")
    except ModuleNotFoundError as exc:  # a capability not built yet in this checkout
        if exc.name != f"evalcorpus.commands.{_name}":
            raise
        continue
    _mod.register(app)


def main() -> None:
    """Entry point: run the app, print library errors as one line, never a traceback."""
    try:
        app()
    except SystemExit as exc:
        if exc.code == 130:  # typer turns Ctrl-C into a silent Exit(130)
            typer.echo("evalcorpus: interrupted", err=True)
        raise
    except EvalCorpusError as exc:
        typer.echo(f"evalcorpus: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("evalcorpus: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: still one line for the user, the traceback on request
        if os.environ.get("EVALCORPUS_DEBUG"):
            raise
        detail = " ".join(str(exc).split())
        typer.echo(
            f"evalcorpus: internal error: {type(exc).__name__}: {detail} "
            "(set EVALCORPUS_DEBUG=1 to see the traceback, and please report it)",
            err=True,
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
