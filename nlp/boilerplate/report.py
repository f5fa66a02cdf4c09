"""Per-report shares: how much of a report is boilerplate, what it copies, and from whom.

"From whom" counts, for each pair of reports, the copied units they share. A cluster spanning
more than ``partner_cap`` reports (a phrase everybody writes) says nothing about who copied
from whom and is left out of that count (not out of the shares).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

from corpus.model import Report
from nlp.boilerplate.align import align_units
from nlp.boilerplate.records import Cluster, Passage, ReportShare, UnitFlag

#: Clusters wider than this are not used to find the reports a report copies from.
PARTNER_CAP = 100

#: Partners listed per report, and aligned to find the longest copied passage.
TOP_PARTNERS = 5
ALIGNED_PARTNERS = 3


def copy_partners(
    clusters: Sequence[Cluster], report_of: Mapping[str, str], *, partner_cap: int = PARTNER_CAP
) -> dict[str, Counter[str]]:
    """For each report id, the other reports and how many of its copied units they share.

    ``report_of`` maps sentence ids to report ids.

    >>> from nlp.boilerplate.records import Cluster
    >>> c = Cluster(0, "t", 3, 2, 1, (), (), None, None, "within-agency", 0.25, False,
    ...             unit_ids=("a1", "a2", "b1"), report_ids=("a", "b"))
    >>> dict(copy_partners([c], {"a1": "a", "a2": "a", "b1": "b"})["a"])
    {'b': 2}
    """
    partners: dict[str, Counter[str]] = {}
    for cluster in clusters:
        if cluster.n_reports > partner_cap:
            continue
        per_report = Counter(report_of[uid] for uid in cluster.unit_ids)
        for r, n in per_report.items():
            mine = partners.setdefault(r, Counter())
            for s in per_report:
                if s != r:
                    mine[s] += n
    return partners


def report_shares(
    reports: Sequence[Report],
    units: Mapping[str, UnitFlag],
    clusters: Sequence[Cluster],
    *,
    partner_cap: int = PARTNER_CAP,
) -> dict[str, ReportShare]:
    """One :class:`ReportShare` per report, keyed by report id."""
    report_of = {s.id: r.id for r in reports for s in r.sentences}
    partners = copy_partners(clusters, report_of, partner_cap=partner_cap)
    by_id = {r.id: r for r in reports}
    return {r.id: _share(r, units, partners.get(r.id, Counter()), by_id) for r in reports}


def _share(
    report: Report,
    units: Mapping[str, UnitFlag],
    partners: Counter[str],
    by_id: Mapping[str, Report],
) -> ReportShare:
    n_compared = n_bp = chars_compared = chars_bp = 0
    kinds: Counter[str] = Counter()
    for s in report.sentences:
        flag = units[s.id]
        if flag.skipped is not None:
            continue
        n_compared += 1
        chars_compared += len(s.text)
        if flag.boilerplate:
            n_bp += 1
            chars_bp += len(s.text)
            kinds[flag.kind or ""] += 1
    top = partners.most_common(TOP_PARTNERS)
    return ReportShare(
        report_id=report.id,
        file=report.file,
        agency=report.agency,
        year=report.year,
        n_units=len(report.sentences),
        n_compared=n_compared,
        n_boilerplate=n_bp,
        chars_compared=chars_compared,
        chars_boilerplate=chars_bp,
        kinds=tuple(sorted(kinds.items())),
        copies_from=tuple(top),
        longest_passage=_longest(report, [by_id[p] for p, _ in top[:ALIGNED_PARTNERS]], units),
    )


def _longest(report: Report, others: Sequence[Report], units: Mapping[str, UnitFlag]) -> Passage | None:
    best: Passage | None = None
    for other in others:
        for passage in align_units(report, other, units):
            if best is None or (passage.chars, passage.n_units) > (best.chars, best.n_units):
                best = passage
    return best


def shares_by(
    shares: Iterable[ReportShare], key: Callable[[ReportShare], Hashable]
) -> list[tuple[Hashable, int, float, float]]:
    """Pool report shares by ``key`` (agency, year…): ``(key, reports, share_units, share_chars)``,
    most boilerplate first.

    >>> a = ReportShare("a", "f", "甲局", 2023, 4, 4, 1, 100, 10, (), (), None)
    >>> b = ReportShare("b", "f", "甲局", 2023, 4, 4, 3, 100, 50, (), (), None)
    >>> shares_by([a, b], lambda s: s.agency)
    [('甲局', 2, 0.5, 0.3)]
    """
    pools: dict[Hashable, list[int]] = {}
    for s in shares:
        pool = pools.setdefault(key(s), [0, 0, 0, 0, 0])
        for i, v in enumerate((1, s.n_compared, s.n_boilerplate, s.chars_compared, s.chars_boilerplate)):
            pool[i] += v
    rows = [(k, p[0], p[2] / p[1] if p[1] else 0.0, p[4] / p[3] if p[3] else 0.0) for k, p in pools.items()]
    return sorted(rows, key=lambda r: (-r[3], -r[1], str(r[0])))
