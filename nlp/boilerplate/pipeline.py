"""``detect``: the boilerplate pipeline over a list of reports.

normalise units → bucket exact duplicates → MinHash/LSH candidates → exact verification →
clusters (connected components across reports) → template instructions and goal-as-result →
per-unit flags → per-report shares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from corpus.errors import InputError
from corpus.model import Report
from nlp.boilerplate import resources as R
from nlp.boilerplate.clusters import (
    UnitTable,
    agency_groups,
    build_clusters,
    collect_units,
    link_texts,
    mark_templates,
)
from nlp.boilerplate.goal_result import repeated_goals
from nlp.boilerplate.lsh import NUM_PERM
from nlp.boilerplate.normalize import content_length
from nlp.boilerplate.records import BoilerplateResult, Cluster, UnitFlag
from nlp.boilerplate.report import PARTNER_CAP, report_shares
from nlp.boilerplate.shingles import SHINGLE_SIZE
from nlp.boilerplate.templates import is_template_instruction

#: Defaults of :func:`detect`.
THRESHOLD = 0.8
MIN_CHARS = 6
MAX_CANDIDATES = 50


def detect(
    reports: Iterable[Report],
    *,
    threshold: float = THRESHOLD,
    min_chars: int = MIN_CHARS,
    shingle_size: int = SHINGLE_SIZE,
    num_perm: int = NUM_PERM,
    max_candidates: int = MAX_CANDIDATES,
    partner_cap: int = PARTNER_CAP,
    same_file_same_agency: bool = True,
) -> BoilerplateResult:
    """Find boilerplate units across ``reports``.

    ``threshold`` is the similarity two normalised units of different reports need to count
    as copies (shingle Jaccard; edit ratio for short texts; containment for a copy cut short);
    headings, title lines and units under ``min_chars`` content characters (``无。``) are not
    compared; ``max_candidates`` caps the pairs verified per distinct text; clusters wider than
    ``partner_cap`` reports do not name copy partners. Raises ValueError on a bad parameter and
    :class:`corpus.errors.InputError` when a report (a sentence id) is given twice.

    >>> from corpus.model import Report, Sentence
    >>> def rep(i, agency, texts):
    ...     ss = tuple(Sentence(f"f{i}#0#{n}", f"f{i}#0", n, t, 0, len(t), 0, len(t), 1)
    ...                for n, t in enumerate(texts))
    ...     return Report(f"f{i}#0", f"f{i}", 0, None, None, agency, 2023, "project", 0, 0, "", sentences=ss)
    >>> common = "项目资金实行专款专用，按照单独核算、专账管理的要求执行。"
    >>> rs = [rep(0, "甲局", [common, "今年为三个乡镇新建了十二座饮水工程。"]),
    ...       rep(1, "乙局", [common, "全年举办技能培训班四期，学员逾百人。"])]
    >>> result = detect(rs)
    >>> result.units["f0#0#0"].boilerplate, result.units["f0#0#0"].kind, result.units["f0#0#1"].boilerplate
    (True, 'cross-agency', False)
    """
    reports = list(reports)
    _check(threshold, min_chars, shingle_size, max_candidates)
    _check_reports(reports)
    table = collect_units(reports, min_chars=min_chars)
    linkage = link_texts(
        table,
        threshold=threshold,
        shingle_size=shingle_size,
        num_perm=num_perm,
        max_candidates=max_candidates,
    )
    agency_of = agency_groups(reports, same_file_same_agency=same_file_same_agency)
    clusters, members = build_clusters(linkage, table, reports, agency_of)
    cluster_of = {u: c.id for c, units in zip(clusters, members, strict=True) for u in units}
    templates = _templates(table, clusters, cluster_of)
    clusters = mark_templates(clusters, members, templates)
    goal_copies = _goal_as_result(reports, table, shingle_size)
    units = _flags(table, clusters, cluster_of, templates, goal_copies)
    shares = report_shares(reports, units, clusters, partner_cap=partner_cap)
    params = {
        "threshold": threshold,
        "min_chars": min_chars,
        "shingle_size": shingle_size,
        "num_perm": num_perm,
    }
    stats = _stats(table, len(reports), linkage.stats, clusters, units, params)
    return BoilerplateResult(units=units, clusters=tuple(clusters), reports=shares, stats=stats)


def _check(threshold: float, min_chars: int, shingle_size: int, max_candidates: int) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if min_chars < 1 or shingle_size < 1 or max_candidates < 1:
        raise ValueError("min_chars, shingle_size and max_candidates must be at least 1")


def _check_reports(reports: Sequence[Report]) -> None:
    seen: set[str] = set()
    for report in reports:
        if not isinstance(report, Report):
            raise TypeError(f"detect expects corpus.model.Report objects, got {type(report).__name__}")
        ids = {s.id for s in report.sentences}
        if len(ids) < len(report.sentences) or not seen.isdisjoint(ids):
            raise InputError(f"report {report.id} is given twice (repeated sentence ids)", path=report.file)
        seen |= ids


def _templates(table: UnitTable, clusters: Sequence[Cluster], cluster_of: dict[int, int]) -> set[int]:
    """Compared units with a strong instruction cue, or a weak one and a cross-agency cluster."""
    found = set()
    for u, norm in enumerate(table.norms):
        cid = cluster_of.get(u)
        cross = cid is not None and clusters[cid].kind == "cross-agency"
        if norm is not None and is_template_instruction(table.sentences[u].text, cross_agency=cross):
            found.add(u)
    return found


def _goal_as_result(reports: Sequence[Report], table: UnitTable, size: int) -> set[int]:
    """Units of result sections repeating a goal unit of the same report."""
    by_report: dict[int, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {}
    index: dict[str, int] = {}
    for u, (s, norm) in enumerate(zip(table.sentences, table.norms, strict=True)):
        if norm is None:
            continue
        goals, results = by_report.setdefault(table.report_of[u], ([], []))
        if s.section_type in R.GOAL_SECTIONS:
            goals.append((s.id, norm))
        elif s.section_type in R.RESULT_SECTIONS and content_length(norm) >= R.GOAL_RESULT_MIN_CHARS:
            results.append((s.id, norm))
            index[s.id] = u
    found: set[int] = set()
    for goals, results in by_report.values():
        if goals and results:
            found.update(index[sid] for sid in repeated_goals(goals, results, size=size))
    return found


def _flags(
    table: UnitTable,
    clusters: Sequence[Cluster],
    cluster_of: dict[int, int],
    templates: set[int],
    goal_copies: set[int],
) -> dict[str, UnitFlag]:
    flags: dict[str, UnitFlag] = {}
    for u, s in enumerate(table.sentences):
        cid = cluster_of.get(u)
        score = clusters[cid].score if cid is not None else 0.0
        if u in templates:
            kind: str | None = "template"
        elif cid is not None:
            kind = clusters[cid].kind
        elif u in goal_copies:
            kind = "goal-as-result"
        else:
            kind = None
        flags[s.id] = UnitFlag(kind is not None, score, cid, kind, table.skipped[u])
    return flags


def _stats(
    table: UnitTable,
    n_reports: int,
    link_stats: dict[str, int],
    clusters: Sequence[Cluster],
    units: dict[str, UnitFlag],
    params: dict[str, Any],
) -> dict[str, Any]:
    skipped = Counter(r for r in table.skipped if r is not None)
    kinds = Counter(f.kind for f in units.values() if f.kind is not None)
    return {
        "reports": n_reports,
        "units": len(table.sentences),
        "compared": len(table.sentences) - sum(skipped.values()),
        "skipped_heading": skipped.get("heading", 0),
        "skipped_title": skipped.get("title", 0),
        "skipped_short": skipped.get("short", 0),
        "clusters": len(clusters),
        "boilerplate_units": sum(kinds.values()),
        "kinds": dict(sorted(kinds.items())),
        **link_stats,
        **params,
    }
