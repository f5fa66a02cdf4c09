"""From units to clusters: bucket exact duplicates, link near-duplicates, take connected components.

1. Units with the same normalised text fall in one bucket (one *distinct text*), so thousands
   of identical units cost one comparison.
2. Distinct texts are linked when LSH proposes them and an exact check (:func:`similarity`:
   shingle Jaccard, edit ratio for short texts, containment for a copy cut short) reaches the
   threshold, unless both occur in one and the same report only (copies must cross reports).
3. Connected components whose units span two or more reports are the clusters.

A text at least :data:`REDUNDANT` similar to a text it was linked to is not added to the LSH
index (it reaches nothing its twin does not), nor is a text whose component already has
:data:`MAX_INDEXED_PER_COMPONENT` texts in the index: where thousands of variants of one frame
exist, later variants still find the frame, and candidate lists stay short.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from corpus.model import Report, Sentence
from nlp.boilerplate import resources as R
from nlp.boilerplate.lsh import CandidateIndex
from nlp.boilerplate.normalize import content_length, normalize
from nlp.boilerplate.records import Cluster
from nlp.boilerplate.shingles import edit_ratio, jaccard, shingles

#: Similarity above which a second text adds nothing to the LSH index.
REDUNDANT = 0.9

#: Texts of one component kept in the LSH index at most: a frame copied with a thousand
#: different additions must not give every later copy a thousand candidates.
MAX_INDEXED_PER_COMPONENT = 8

#: How far below the verification threshold LSH looks: MinHash noise must lose no pair, and
#: a short copy with a changed word has a low Jaccard but a high edit ratio.
LSH_MARGIN = 0.35

#: A shorter text whose shingles stand at this share in a longer one, at least half its
#: length, is a copy cut short or extended ("…，做到严格把关。" inside "某年我局…，做到严格把关。").
CONTAINMENT = 0.9
CONTAINMENT_MIN_RATIO = 0.5

#: Longest normalised texts compared by edit ratio too (difflib is quadratic in the worst case).
EDIT_MAX_CHARS = 400


@dataclass
class UnitTable:
    """All units of the input reports in order, with their report and normalised text."""

    sentences: list[Sentence] = field(default_factory=list)
    report_of: list[int] = field(default_factory=list)  # index into the reports
    norms: list[str | None] = field(default_factory=list)  # None: skipped
    skipped: list[str | None] = field(default_factory=list)


def report_names(report: Report) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names masked in a report's units: its agency; its project, and the name in brackets
    closing its title (``…自评报告（劳务费）``).

    >>> from corpus.model import Report
    >>> r = Report("r", "f", 0, "某项目绩效自评报告（物业费）", None, "某局", None, "project", 0, 0, "")
    >>> report_names(r)
    (('某局',), ('物业费',))
    """
    projects = [report.project] if report.project else []
    if report.title and (m := R.TITLE_TAIL_NAME_RE.search(report.title)):
        projects.append(m.group(1))
    return tuple(filter(None, (report.agency,))), tuple(projects)


def collect_units(reports: Sequence[Report], *, min_chars: int) -> UnitTable:
    """Normalise every unit; skip headings, lines of the report's title, and units under ``min_chars``."""
    table = UnitTable()
    for r_index, report in enumerate(reports):
        agencies, projects = report_names(report)
        for sentence in report.sentences:
            table.sentences.append(sentence)
            table.report_of.append(r_index)
            reason: str | None = None
            norm: str | None = None
            if sentence.is_heading:
                reason = "heading"
            elif report.title and sentence.text.strip() in report.title:
                reason = "title"
            else:
                norm = normalize(sentence.text, agencies=agencies, projects=projects)
                if content_length(norm) < min_chars:
                    reason, norm = "short", None
            table.norms.append(norm)
            table.skipped.append(reason)
    return table


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class Linkage:
    """Distinct texts, the units holding each, and the components that link them."""

    texts: list[str]
    units_of: list[list[int]]
    components: list[list[int]]  # lists of unit indices, each spanning >= 2 reports
    stats: dict[str, int]


def distinct_texts(table: UnitTable) -> tuple[list[str], list[list[int]]]:
    """Bucket compared units by normalised text, in order of first occurrence."""
    index: dict[str, int] = {}
    units_of: list[list[int]] = []
    for u, norm in enumerate(table.norms):
        if norm is None:
            continue
        t = index.setdefault(norm, len(index))
        if t == len(units_of):
            units_of.append([])
        units_of[t].append(u)
    return list(index), units_of


def link_texts(
    table: UnitTable,
    *,
    threshold: float,
    shingle_size: int,
    num_perm: int,
    max_candidates: int,
) -> Linkage:
    """Link near-duplicate distinct texts across reports; return the clusters' unit lists."""
    texts, units_of = distinct_texts(table)
    linker = _Linker(texts, [_single_report(table, units) for units in units_of], threshold, num_perm)
    for t, text in enumerate(texts):
        linker.add(t, shingles(text, shingle_size), max_candidates)
    stats = linker.stats
    stats.update(distinct_texts=len(texts), indexed_texts=linker.index.size)
    return Linkage(texts, units_of, _components(linker.uf, units_of, table), dict(stats))


class _Linker:
    """Union-find over distinct texts, fed one text at a time through the LSH index."""

    def __init__(self, texts: list[str], only_report: list[int], threshold: float, num_perm: int) -> None:
        self.texts = texts
        self.only_report = only_report  # report index when a text stands in one report only, else -1
        self.threshold = threshold
        self.uf = _UnionFind(len(texts))
        self.index = CandidateIndex(threshold=max(0.3, threshold - LSH_MARGIN), num_perm=num_perm)
        self.sets: list[frozenset[int]] = []
        self.indexed = Counter[int]()  # texts in the LSH index per component root
        self.stats = Counter[str](candidates=0, checked_pairs=0, verified_pairs=0, capped_queries=0)

    def add(self, t: int, sh: frozenset[int], max_candidates: int) -> None:
        """Verify text ``t`` against its candidates (at most ``max_candidates``), then index it."""
        self.sets.append(sh)
        mh, candidates = self.index.query(sh)
        self.stats["candidates"] += len(candidates)
        redundant = False
        checked = 0
        for c in candidates:
            if self.uf.find(c) == self.uf.find(t) or (
                self.only_report[t] >= 0 and self.only_report[t] == self.only_report[c]
            ):
                continue
            if checked == max_candidates:
                self.stats["capped_queries"] += 1
                break
            checked += 1
            sim = similarity(self.texts[t], self.texts[c], sh, self.sets[c], self.threshold)
            if sim >= self.threshold:
                self.uf.union(t, c)
                self.stats["verified_pairs"] += 1
                redundant = redundant or sim >= REDUNDANT
        self.stats["checked_pairs"] += checked
        root = self.uf.find(t)
        if not redundant and self.indexed[root] < MAX_INDEXED_PER_COMPONENT:
            self.indexed[root] += 1
            self.index.insert(t, mh)


def similarity(a: str, b: str, sa: frozenset[int], sb: frozenset[int], threshold: float) -> float:
    """Shingle Jaccard of two normalised texts, or their edit ratio when that is higher (short texts);
    ``threshold`` when one holds nearly all of the other's shingles at half its length or more.

    >>> from nlp.boilerplate.shingles import shingles
    >>> a, b = "该项目为省级财政专项资金,属于民生项目", "该项目为市级财政专项资金,属于民生项目"
    >>> round(similarity(a, b, shingles(a), shingles(b), 0.8), 2)
    0.95
    """
    sim = jaccard(sa, sb)
    if sim < threshold and max(len(a), len(b)) <= EDIT_MAX_CHARS:
        sim = max(sim, edit_ratio(a, b, floor=threshold))
    if sim < threshold and min(len(sa), len(sb)) >= CONTAINMENT_MIN_RATIO * max(len(sa), len(sb)):
        small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
        if len(small & large) >= CONTAINMENT * len(small):
            sim = max(sim, threshold)
    return sim


def _single_report(table: UnitTable, units: list[int]) -> int:
    """The report index when all ``units`` stand in one report, else -1."""
    first = table.report_of[units[0]]
    return first if all(table.report_of[u] == first for u in units) else -1


def _components(uf: _UnionFind, units_of: list[list[int]], table: UnitTable) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for t, units in enumerate(units_of):
        groups.setdefault(uf.find(t), []).extend(units)
    out = []
    for units in groups.values():
        first = table.report_of[units[0]]
        if any(table.report_of[u] != first for u in units):
            out.append(sorted(units))
    return out


def agency_groups(reports: Sequence[Report], *, same_file_same_agency: bool = True) -> list[int]:
    """One group number per report: same normalised agency name, or (optionally) same file.

    A file is published by one agency, which may name itself in full in one report and by
    its short form in the next (``某市某区社会保险事务中心`` / ``某区社保中心``).

    >>> from corpus.model import Report
    >>> rs = [Report(f"f{i}#0", f, 0, None, None, a, 2023, "project", 0, 0, "")
    ...       for i, (f, a) in enumerate([("a", "甲局"), ("a", "甲 局"), ("b", "乙局"), ("c", None)])]
    >>> agency_groups(rs)
    [0, 0, 1, 2]
    """
    uf = _UnionFind(len(reports))
    by_key: dict[tuple[str, str], int] = {}
    for i, report in enumerate(reports):
        keys = [("agency", "".join(report.agency.split()))] if report.agency else []
        if same_file_same_agency:
            keys.append(("file", report.file))
        for key in keys:
            uf.union(i, by_key.setdefault(key, i))
    roots: dict[int, int] = {}
    return [roots.setdefault(uf.find(i), len(roots)) for i in range(len(reports))]


def spread_score(n_reports: int, n_agencies: int) -> float:
    """How widely a cluster spreads: 0.0 for one report, towards 1.0 for many reports and agencies.

    >>> spread_score(2, 1), spread_score(2, 2), round(spread_score(10, 10), 2)
    (0.25, 0.5, 0.9)
    """
    if n_reports < 2:
        return 0.0
    return 0.5 * (1 - 1 / n_reports) + 0.5 * (1 - 1 / max(1, n_agencies))


def build_clusters(
    linkage: Linkage,
    table: UnitTable,
    reports: Sequence[Report],
    agency_of: Sequence[int],
) -> tuple[list[Cluster], list[list[int]]]:
    """Describe each component; ids run from the widest cluster (most reports) down.

    Returns the clusters (``clusters[i].id == i``) and the unit indices of each.
    """
    described = [(_describe(units, table, reports, agency_of), units) for units in linkage.components]
    described.sort(key=lambda cu: (-cu[0].n_reports, -cu[0].size, cu[1][0]))
    clusters = [replace(c, id=i) for i, (c, _) in enumerate(described)]
    return clusters, [units for _, units in described]


def mark_templates(clusters: list[Cluster], members: list[list[int]], templates: set[int]) -> list[Cluster]:
    """Set :attr:`Cluster.template` where most members are template instructions."""
    return [
        replace(c, template=True) if sum(u in templates for u in units) * 2 > len(units) else c
        for c, units in zip(clusters, members, strict=True)
    ]


def _describe(
    units: list[int], table: UnitTable, reports: Sequence[Report], agency_of: Sequence[int]
) -> Cluster:
    r_indices = sorted({table.report_of[u] for u in units})
    groups = {agency_of[r] for r in r_indices}
    names = Counter(a for r in r_indices if (a := reports[r].agency))
    years = sorted({y for r in r_indices if (y := reports[r].year) is not None})
    texts = Counter(table.norms[u] for u in units)
    top = texts.most_common(1)[0][0]
    representative = next(table.sentences[u].text for u in units if table.norms[u] == top)
    return Cluster(
        id=-1,
        representative=representative,
        size=len(units),
        n_reports=len(r_indices),
        n_agencies=len(groups),
        agencies=tuple(n for n, _ in names.most_common()),
        years=tuple(years),
        first_year=years[0] if years else None,
        last_year=years[-1] if years else None,
        kind="within-agency" if len(groups) == 1 else "cross-agency",
        score=spread_score(len(r_indices), len(groups)),
        template=False,
        unit_ids=tuple(table.sentences[u].id for u in units),
        report_ids=tuple(reports[r].id for r in r_indices),
    )
