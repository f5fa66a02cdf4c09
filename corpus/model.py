"""Typed records of the corpus: files → reports → sections → sentence units.

Every record carries its id and character offsets, so any fact can be traced back:

* ``start``/``end`` are offsets into :attr:`Document.text`, the *cleaned* text of the file;
* ``src_start``/``src_end`` are offsets into :attr:`Document.raw`, the text as decoded from
  the file before cleaning (conversion residue such as ``[bookmark: …]`` still in place).

Ids are stable strings: a report is ``"{file}#{k}"`` and a sentence ``"{file}#{k}#{n}"``
where ``file`` is :attr:`Document.name`, ``k`` the report's index in the file and ``n`` the
unit's index in the report (both from 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Canonical section types a heading is mapped to (see ``corpus.structure``).
SECTION_TYPES: tuple[str, ...] = (
    "overview",
    "goal",
    "funds",
    "financial-management",
    "implementation",
    "completion",
    "benefit",
    "problem",
    "suggestion",
    "conclusion",
    "score-table",
    "glossary",
    "other",
)

#: Report kinds.
REPORT_KINDS: tuple[str, ...] = ("project", "department", "other")

#: Version of the on-disk corpus format written by ``evalcorpus ingest``.
CORPUS_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Sentence:
    """One sentence unit as defined by the annotation guide (ends at 。！？ or a line break)."""

    id: str
    report_id: str
    n: int
    text: str
    start: int
    end: int
    src_start: int
    src_end: int
    line: int  # 1-based line number in the source file
    section_id: str | None = None
    section_type: str = "other"
    heading_path: tuple[str, ...] = ()
    is_heading: bool = False
    is_table: bool = False  # a table row (cells joined by tabs or pipes) or a table cell on its own line
    position: float = 0.0  # relative position in the report, 0.0 at the first unit, 1.0 at the last


@dataclass(frozen=True)
class Section:
    """A heading and the text under it, up to the next heading of the same or a higher level."""

    id: str
    report_id: str
    heading: str
    level: int  # 1 = 第一部分 / 一、, deeper numbers for （一）, 1．, （1）…
    number: str | None  # the numbering as written, e.g. "一、" or "（2）"
    section_type: str
    start: int
    end: int
    parent_id: str | None = None
    heading_path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """One report: a project or department self-evaluation, or another document (e.g. 决算说明)."""

    id: str
    file: str  # Document.name of the file it came from
    index: int  # index in the file, from 0
    title: str | None
    project: str | None
    agency: str | None
    year: int | None
    kind: str  # one of REPORT_KINDS
    start: int
    end: int
    text: str  # the cleaned text of the report, Document.text[start:end]
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    region: str | None = None

    @property
    def first_text(self) -> str:
        """The report's first unit, as in ``gold/reports.json``'s ``first_text``."""
        return self.sentences[0].text if self.sentences else ""


@dataclass(frozen=True)
class Document:
    """A file read and cleaned, with the reports found in it.

    ``residue`` holds units that belong to no report (page breadcrumbs, 附件 lines before the
    first title, …): they are kept, so that every unit of the file can be found.
    """

    path: str  # the path as given by the user
    name: str  # the path relative to the folder that was loaded (or the file name)
    format: str  # "txt", "docx", "pdf", "html"
    encoding: str | None
    raw: str
    text: str
    reports: tuple[Report, ...] = ()
    residue: tuple[Sentence, ...] = ()
    warnings: tuple[str, ...] = field(default=())
