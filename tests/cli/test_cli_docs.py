"""Every CLI command is documented in the README (sqlite-utils' habit)."""

from __future__ import annotations

from pathlib import Path

import typer.main

from evalcorpus.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"


def _command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_is_documented_in_readme() -> None:
    text = README.read_text(encoding="utf-8")
    names = _command_names()
    assert names, "the CLI registers no command"
    missing = [n for n in names if f"evalcorpus {n}" not in text]
    assert not missing, f"commands missing from README.md: {missing}"
