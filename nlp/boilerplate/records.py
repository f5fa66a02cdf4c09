"""Typed results of boilerplate detection: per unit, per cluster, per report, per aligned passage.

Kinds of boilerplate a unit can carry (:data:`KINDS`):

* ``"cross-agency"``: the unit's cluster spans reports of two or more agencies;
* ``"within-agency"``: all copies stand in reports of one agency;
* ``"template"``: an instruction of the official outline left in the report;
* ``"goal-as-result"``: a completion unit repeating a goal unit of the same report, nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS: tuple[str, ...] = ("cross-agency", "within-agency", "template", "goal-as-result")


@dataclass(frozen=True)
class UnitFlag:
    """The verdict on one sentence unit.

    ``score`` measures how widely the unit's cluster spreads, from 0.0 (found in no other
    report) towards 1.0: ``0.5·(1 − 1/reports) + 0.5·(1 − 1/agencies)``. ``cluster`` is the
    cluster id (:attr:`Cluster.id`) or None; ``kind`` one of :data:`KINDS` or None.
    ``skipped`` says why a unit was not compared: ``"heading"``, ``"title"`` (a line of the
    report's title), ``"short"`` or None.
    """

    boilerplate: bool
    score: float
    cluster: int | None
    kind: str | None
    skipped: str | None = None


@dataclass(frozen=True)
class Cluster:
    """Units of different reports whose normalised texts are near-duplicates (connected)."""

    id: int
    representative: str  # the raw text of the most frequent member
    size: int  # member units
    n_reports: int
    n_agencies: int
    agencies: tuple[str, ...]  # agency names as written, most frequent first
    years: tuple[int, ...]
    first_year: int | None
    last_year: int | None
    kind: str  # "cross-agency" or "within-agency"
    score: float
    template: bool  # members are template instructions
    unit_ids: tuple[str, ...] = field(repr=False)
    report_ids: tuple[str, ...] = field(repr=False)


@dataclass(frozen=True)
class Passage:
    """A run of consecutive units of report ``a`` copied, in the same order, in report ``b``.

    Offsets are into each report's :attr:`corpus.model.Document.text`; units of ``a`` and ``b``
    are paired in ``pairs`` (sentence ids). Headings and short units between copied units
    belong to the passage.
    """

    a_report: str
    b_report: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    pairs: tuple[tuple[str, str], ...]

    @property
    def n_units(self) -> int:
        """Copied units in the passage."""
        return len(self.pairs)

    @property
    def chars(self) -> int:
        """Length of the passage on the ``a`` side, in characters."""
        return self.a_end - self.a_start


@dataclass(frozen=True)
class ReportShare:
    """How much of one report is boilerplate, and where it is copied from.

    Shares are over the compared units (not headings, not short units): ``share_units`` counts
    units, ``share_chars`` characters. ``copies_from`` lists the other reports sharing most
    copied units with this one, ``(report_id, shared_units)``, most first.
    """

    report_id: str
    file: str
    agency: str | None
    year: int | None
    n_units: int
    n_compared: int
    n_boilerplate: int
    chars_compared: int
    chars_boilerplate: int
    kinds: tuple[tuple[str, int], ...]
    copies_from: tuple[tuple[str, int], ...]
    longest_passage: Passage | None

    @property
    def share_units(self) -> float:
        """Boilerplate units / compared units (0.0 for a report with nothing to compare)."""
        return self.n_boilerplate / self.n_compared if self.n_compared else 0.0

    @property
    def share_chars(self) -> float:
        """Boilerplate characters / compared characters."""
        return self.chars_boilerplate / self.chars_compared if self.chars_compared else 0.0


@dataclass(frozen=True)
class BoilerplateResult:
    """Everything :func:`nlp.boilerplate.detect` found.

    ``units`` maps every sentence id of the input reports to its :class:`UnitFlag`;
    ``clusters`` is ordered by id (widest first); ``reports`` maps report ids to shares;
    ``stats`` holds counts (units compared and skipped, candidate and verified pairs…) and the
    parameters used.
    """

    units: dict[str, UnitFlag]
    clusters: tuple[Cluster, ...]
    reports: dict[str, ReportShare]
    stats: dict[str, Any]

    def cluster(self, cluster_id: int) -> Cluster:
        """The cluster with this id."""
        return self.clusters[cluster_id]
