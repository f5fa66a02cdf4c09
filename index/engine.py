"""The small interface an index engine implements, so that another engine can be added later.

An engine stores :class:`~index.records.SentenceDoc`, :class:`~index.records.ReportDoc` and
:class:`~index.records.FileDoc` records and answers :class:`SearchSpec` queries given as the
engine-neutral AST of :mod:`index.querylang`. Nothing in ``corpus`` or ``nlp`` knows about it;
:mod:`index.build` and :mod:`index.search` only talk to this interface.
Whoosh is the one engine today (:mod:`index.whoosh_engine`).
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from index.querylang import Everything, Node
from index.records import FileDoc, ReportDoc, SentenceDoc

EVERYTHING: Node = Everything()


@dataclass(frozen=True)
class Filters:
    """Restrictions on the sentences searched; ``None`` means no restriction."""

    tags: tuple[str, ...] = ()  # every one of these tags
    boilerplate: bool | None = None  # True: boilerplate only; False: substantive only
    agency: str | None = None  # part of the agency name
    region: str | None = None
    year_min: int | None = None
    year_max: int | None = None
    section: str | None = None
    amount_min: float | None = None
    amount_max: float | None = None
    report_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchSpec:
    """An engine-neutral search request. ``limit=None`` returns every match."""

    query: Node = EVERYTHING
    filters: Filters = Filters()
    citation_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)  # literal → normalised 文号
    sort: str = "relevance"  # or "year"
    offset: int = 0
    limit: int | None = 20
    facets: bool = False


@dataclass(frozen=True)
class EngineHits:
    """What an engine returns: the total match count, a slice of scored sentences and facet counts."""

    total: int
    hits: tuple[tuple[float, SentenceDoc], ...]
    facets: dict[str, dict[str | int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportGroups:
    """Matches grouped by report, best report first: (score, report id, number of matching sentences)."""

    total: int
    groups: tuple[tuple[float, str, int], ...]
    facets: dict[str, dict[str | int, int]] = field(default_factory=dict)


class EngineWriter(abc.ABC):
    """Adds and deletes records; the owning context manager commits or rolls back."""

    @abc.abstractmethod
    def add_sentence(self, doc: SentenceDoc) -> None: ...

    @abc.abstractmethod
    def add_report(self, doc: ReportDoc) -> None: ...

    @abc.abstractmethod
    def add_file(self, doc: FileDoc) -> None: ...

    @abc.abstractmethod
    def replace_sentence(self, doc: SentenceDoc) -> None: ...

    @abc.abstractmethod
    def replace_report(self, doc: ReportDoc) -> None: ...

    @abc.abstractmethod
    def delete_file(self, name: str) -> None:
        """Delete the file record and every report and sentence that came from it."""


class Engine(abc.ABC):
    """An open index."""

    path: str

    @abc.abstractmethod
    def writer(self, *, procs: int = 1) -> AbstractContextManager[EngineWriter]:
        """Exclusive writer: commits atomically on exit, leaves the index unchanged on an exception.

        Raises SearchIndexError naming the holder when another writer has the index.
        """

    @abc.abstractmethod
    def files(self) -> dict[str, FileDoc]: ...

    @abc.abstractmethod
    def sentences(self, *, file: str | None = None) -> Iterator[SentenceDoc]: ...

    @abc.abstractmethod
    def reports(self) -> Iterator[ReportDoc]: ...

    @abc.abstractmethod
    def report(self, report_id: str) -> ReportDoc | None: ...

    @abc.abstractmethod
    def search(self, spec: SearchSpec) -> EngineHits: ...

    @abc.abstractmethod
    def search_reports(self, spec: SearchSpec) -> ReportGroups: ...

    @abc.abstractmethod
    def best_sentence(self, spec: SearchSpec, report_id: str) -> tuple[float, SentenceDoc] | None: ...

    @abc.abstractmethod
    def citing(self, keys: tuple[str, ...], text: str) -> list[SentenceDoc]:
        """Sentences citing a document numbered one of ``keys`` or whose title/number contains ``text``."""

    @abc.abstractmethod
    def counts(self) -> dict[str, int]:
        """Number of records by kind: ``{"sentence": …, "report": …, "file": …}``."""

    @abc.abstractmethod
    def close(self) -> None: ...
