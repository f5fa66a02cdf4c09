"""Shared test fixtures: the ``../shared`` folder, and reports built directly from the data model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from corpus.model import Report, Sentence

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``../shared`` data folder beside the project; skips when it is absent (a user's fresh clone)."""
    if not (SHARED / "gold" / "sentences.jsonl").exists():
        pytest.skip(f"real corpus not available: {SHARED} is absent (only CI and developers have ../shared)")
    return SHARED


#: (text, section_type, is_heading) — a unit as the fixtures describe it.
UnitSpec = tuple[str, str, bool]

ReportFactory = Callable[..., Report]


def build_report(
    file: str,
    units: Sequence[str | UnitSpec],
    *,
    index: int = 0,
    agency: str | None = "某县文化馆",
    project: str | None = None,
    title: str | None = None,
    year: int | None = 2023,
) -> Report:
    """A report whose units stand one per line in a text of their own (offsets are exact)."""
    rid = f"{file}#{index}"
    sentences = []
    pos = 0
    text_parts = []
    for n, spec in enumerate(units):
        text, section, heading = (spec, "other", False) if isinstance(spec, str) else spec
        sentences.append(
            Sentence(
                f"{rid}#{n}",
                rid,
                n,
                text,
                pos,
                pos + len(text),
                pos,
                pos + len(text),
                n + 1,
                section_type=section,
                is_heading=heading,
            )
        )
        text_parts.append(text)
        pos += len(text) + 1
    body = "\n".join(text_parts)
    return Report(
        rid,
        file,
        index,
        title,
        project,
        agency,
        year,
        "project",
        0,
        len(body),
        body,
        sentences=tuple(sentences),
    )


@pytest.fixture(scope="session")
def make_report() -> ReportFactory:
    """``make_report(file, units, agency=…, project=…, title=…, year=…, index=…)``."""
    return build_report
