"""Engine-neutral records that go into an index, and the typed results that come out of it.

A build turns each report into one :class:`ReportDoc` and one :class:`SentenceDoc` per unit, plus
one :class:`FileDoc` per input file (its content hash, for incremental updates). Searches return
:class:`SentenceHit` / :class:`ReportHit` inside :class:`SearchResults`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The four sentence tags (see gold/ANNOTATION.md).
TAGS: tuple[str, ...] = ("target", "indicator", "amount", "problem")


@dataclass(frozen=True)
class CiteRef:
    """A policy document cited by a sentence: its normalised 文号 (may be empty) and title."""

    normalized: str
    doc_number: str | None
    title: str | None
    sentence_id: str


@dataclass(frozen=True)
class UnitFlags:
    """Boilerplate verdict on one unit, as given by ``nlp.boilerplate`` (None = not computed)."""

    boilerplate: bool | None = None
    score: float | None = None
    cluster: int | None = None
    kind: str | None = None


@dataclass(frozen=True)
class SentenceDoc:
    """One sentence unit with everything the index stores about it."""

    id: str
    report_id: str
    file: str
    n: int
    text: str
    start: int
    end: int
    line: int
    section_type: str = "other"
    heading_path: tuple[str, ...] = ()
    is_heading: bool = False
    is_table: bool = False
    position: float = 0.0
    tags: tuple[str, ...] = ()
    tag_scores: dict[str, float] = field(default_factory=dict)
    flags: UnitFlags = UnitFlags()
    citations: tuple[CiteRef, ...] = ()
    amounts: tuple[float, ...] = ()  # yuan
    title: str | None = None
    agency: str | None = None
    region: str | None = None
    year: int | None = None
    report_kind: str = "other"


@dataclass(frozen=True)
class ReportDoc:
    """One report: metadata, corpus-level shares and the documents it cites."""

    id: str
    file: str
    index: int
    title: str | None
    project: str | None
    agency: str | None
    region: str | None
    year: int | None
    kind: str
    start: int
    end: int
    n_sentences: int
    boilerplate_share: float | None
    problem: bool
    citations: tuple[CiteRef, ...] = ()


@dataclass(frozen=True)
class FileDoc:
    """One input file as indexed: its name (the key), path as given and content hash."""

    name: str
    path: str
    content_hash: str
    report_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    """A highlighted match inside a hit's text (character offsets into ``text``)."""

    start: int
    end: int


@dataclass(frozen=True)
class SentenceHit:
    """A sentence returned by a search, with its score and the matched spans."""

    rank: int
    score: float
    doc: SentenceDoc
    spans: tuple[Span, ...] = ()

    @property
    def text(self) -> str:
        return self.doc.text


@dataclass(frozen=True)
class ReportHit:
    """A report returned by a ``reports=True`` search: its best sentence and the number of hits in it."""

    rank: int
    score: float
    report: ReportDoc
    n_hits: int
    best: SentenceHit | None = None


@dataclass(frozen=True)
class FacetCounts:
    """Counts of the hits by tag, agency, year, boilerplate/substantive and section type."""

    tag: dict[str, int] = field(default_factory=dict)
    agency: dict[str, int] = field(default_factory=dict)
    year: dict[int, int] = field(default_factory=dict)
    boilerplate: dict[str, int] = field(default_factory=dict)
    section: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchResults:
    """One page of results: ``total`` is the number of matches over all pages."""

    query: str
    total: int
    page: int
    limit: int
    hits: tuple[SentenceHit, ...] = ()
    reports: tuple[ReportHit, ...] = ()
    facets: FacetCounts | None = None


@dataclass(frozen=True)
class CitedDocumentCount:
    """A policy document and how widely it is cited in the index (recomputed at query time)."""

    normalized: str
    title: str | None
    n_reports: int
    n_sentences: int
    n_agencies: int
    years: tuple[int, ...]
