"""Fixtures for the boilerplate tests: reports built directly from the data model.

All fixture text is written for these tests (fictional agencies and projects).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from corpus.model import Report, Sentence

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
