"""Searching an index: typed results, filters, facets and the spans to highlight.

>>> import tempfile
>>> ix = open_index(tempfile.mkdtemp() + "/ix", create=True)
>>> search(ix, "社会保险 OR 养老", tags=["problem"], year="2021..2023").total
0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from corpus.errors import QueryError
from corpus.model import SECTION_TYPES
from index.engine import Engine, Filters, SearchSpec
from index.pipeline import citation_keys
from index.querylang import Node, parse, positive_literals
from index.records import TAGS, FacetCounts, ReportHit, SearchResults, SentenceDoc, SentenceHit, Span
from index.resources import GRAM_RUN, YEAR_RANGE
from index.whoosh_engine import WhooshEngine
from nlp.tokenize import normalize_width

SORTS = ("relevance", "year")
#: Characters allowed between two runs of a literal when highlighting (brackets, spaces, 〔〕…).
_GAP = r"[^0-9a-z\u3400-\u9fff\uf900-\ufaff]{0,4}"


def open_index(index_dir: str | Path, *, create: bool = False) -> Engine:
    """Open the index at ``index_dir`` (SearchIndexError when there is none, unless ``create``)."""
    return WhooshEngine.open(index_dir, create=create)


def parse_years(value: int | str | tuple[int | None, int | None] | None) -> tuple[int | None, int | None]:
    """A year filter as ``(min, max)``: ``2021``, ``"2021..2023"``, ``"2021.."``, ``"..2023"``.

    >>> parse_years("2021..2023"), parse_years(2022), parse_years("..2020")
    ((2021, 2023), (2022, 2022), (None, 2020))
    """
    if value is None:
        return None, None
    if isinstance(value, int):
        return value, value
    if isinstance(value, tuple):
        return value
    m = YEAR_RANGE.fullmatch(value)
    if not m or not (m.group(1) or m.group(3)):
        raise QueryError(f"year must be YYYY or YYYY..YYYY, not {value!r}", query=value)
    lo = int(m.group(1)) if m.group(1) else None
    hi = int(m.group(3)) if m.group(3) else (None if m.group(2) else lo)
    if lo is not None and hi is not None and lo > hi:
        raise QueryError(f"year range {value!r} is empty", query=value)
    return lo, hi


def make_filters(
    *,
    tags: Iterable[str] = (),
    boilerplate: bool | None = None,
    agency: str | None = None,
    region: str | None = None,
    year: int | str | tuple[int | None, int | None] | None = None,
    section: str | None = None,
    amount_min: float | None = None,
    amount_max: float | None = None,
) -> Filters:
    """Checked filters (QueryError naming the bad value)."""
    tags = tuple(tags)
    for tag in tags:
        if tag not in TAGS:
            raise QueryError(f"unknown tag {tag!r} (one of {', '.join(TAGS)})")
    if section is not None and section not in SECTION_TYPES:
        raise QueryError(f"unknown section type {section!r} (one of {', '.join(SECTION_TYPES)})")
    lo, hi = parse_years(year)
    return Filters(tags, boilerplate, agency or None, region or None, lo, hi, section, amount_min, amount_max)


def _keys(node: Node, query: str) -> dict[str, tuple[str, ...]]:
    """Normalised 文号 of each literal, and under ``""`` those of the whole query (spaces and all)."""
    found: dict[str, tuple[str, ...]] = {}
    whole = citation_keys(query) if any(ch.isdigit() for ch in query) else ()
    if whole:
        found[""] = whole
    for text in positive_literals(node):
        if any(ch.isdigit() for ch in text):
            keys = citation_keys(text)
            if keys:
                found[text] = keys
    return found


def highlight_spans(text: str, literals: Sequence[str]) -> tuple[Span, ...]:
    """Where the query's words and phrases occur in ``text``, merged, in order.

    Width, case and the punctuation between letters are ignored, so ``[2017]`` marks ``〔2017〕``.

    >>> highlight_spans("依据川人社办发〔2017〕984号文件", ["川人社办发[2017]984号"])
    (Span(start=2, end=17),)
    """
    norm = normalize_width(text).lower()
    found: list[tuple[int, int]] = []
    for lit in literals:
        runs = GRAM_RUN.findall(normalize_width(lit).lower())
        if not runs:
            continue
        pattern = re.compile(_GAP.join(re.escape(r) for r in runs))
        found.extend((m.start(), m.end()) for m in pattern.finditer(norm) if m.end() > m.start())
    merged: list[list[int]] = []
    for s, e in sorted(found):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple(Span(s, e) for s, e in merged)


def _facets(raw: dict[str, dict[str | int, int]]) -> FacetCounts:
    def sort(d: dict[str | int, int]) -> dict[str | int, int]:
        return dict(sorted(d.items(), key=lambda kv: (-kv[1], str(kv[0]))))

    return FacetCounts(
        tag={str(k): v for k, v in sort(raw.get("tag", {})).items() if k},
        agency={str(k): v for k, v in sort(raw.get("agency", {})).items() if k},
        year={int(k): v for k, v in sorted(raw.get("year", {}).items(), key=lambda kv: str(kv[0])) if k},
        boilerplate={str(k): v for k, v in sort(raw.get("boilerplate", {})).items() if k},
        section={str(k): v for k, v in sort(raw.get("section", {})).items() if k},
    )


def _hit(rank: int, score: float, doc: SentenceDoc, literals: Sequence[str]) -> SentenceHit:
    return SentenceHit(rank, score, doc, highlight_spans(doc.text, literals))


def search(
    ix: Engine,
    query: str,
    *,
    reports: bool = False,
    sort: str = "relevance",
    page: int = 1,
    limit: int = 20,
    facets: bool = False,
    tags: Iterable[str] = (),
    boilerplate: bool | None = None,
    agency: str | None = None,
    region: str | None = None,
    year: int | str | tuple[int | None, int | None] | None = None,
    section: str | None = None,
    amount_min: float | None = None,
    amount_max: float | None = None,
) -> SearchResults:
    """Search sentences (or, with ``reports=True``, reports) matching ``query`` and the filters.

    Filters: ``tags``, ``boilerplate`` (True/False), ``agency``, ``region``, ``year``
    (``2021`` or ``"2021..2023"``), ``section``, ``amount_min``, ``amount_max`` (yuan).
    Raises QueryError for a query that cannot be parsed (with its position) or a bad filter.
    """
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    if page < 1 or limit < 1:
        raise QueryError("page and limit must be at least 1")
    node = parse(query)
    spec = SearchSpec(
        query=node,
        filters=make_filters(
            tags=tags,
            boilerplate=boilerplate,
            agency=agency,
            region=region,
            year=year,
            section=section,
            amount_min=amount_min,
            amount_max=amount_max,
        ),
        citation_keys=_keys(node, query),
        sort=sort,
        offset=(page - 1) * limit,
        limit=limit,
        facets=facets,
    )
    literals = positive_literals(node) + [k for k in spec.citation_keys.get("", ())]
    if reports:
        return _search_reports(ix, query, spec, literals, page, limit)
    found = ix.search(spec)
    hits = tuple(_hit(spec.offset + i + 1, score, doc, literals) for i, (score, doc) in enumerate(found.hits))
    counts = _facets(found.facets) if facets else None
    return SearchResults(query, found.total, page, limit, hits=hits, facets=counts)


def _search_reports(
    ix: Engine, query: str, spec: SearchSpec, literals: Sequence[str], page: int, limit: int
) -> SearchResults:
    grouped = ix.search_reports(spec)
    out: list[ReportHit] = []
    for i, (score, report_id, n_hits) in enumerate(grouped.groups):
        report = ix.report(report_id)
        if report is None:
            continue
        best = ix.best_sentence(spec, report_id)
        best_hit = _hit(1, best[0], best[1], literals) if best else None
        out.append(ReportHit(spec.offset + i + 1, score, report, n_hits, best_hit))
    facets = _facets(grouped.facets) if spec.facets else None
    return SearchResults(query, grouped.total, page, limit, reports=tuple(out), facets=facets)
