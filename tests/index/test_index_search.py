"""Searching the fixture index: words, phrases, boolean operators, filters, facets, reports, paging."""

from __future__ import annotations

import pytest

from corpus.errors import QueryError
from index.engine import Engine
from index.records import Span
from index.search import highlight_spans, parse_years, search


def _ids(engine: Engine, query: str, **kw: object) -> list[str]:
    return [h.doc.id for h in search(engine, query, limit=50, **kw).hits]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("社会保险", {"a.txt#0#1", "c.txt#0#0"}),
        ('"按时足额发放"', {"a.txt#0#2", "c.txt#0#0"}),
        ("按时 AND 拨付", {"b.txt#0#0"}),
        ("按时 NOT 拨付", {"a.txt#0#2", "c.txt#0#0"}),
        ("稽核 OR 兜底", {"b.txt#0#1", "b.txt#0#4"}),
        ("(稽核 OR 兜底) 资金", {"b.txt#0#4"}),
        ("川人社办发(2017)984号", {"a.txt#0#3", "b.txt#0#1"}),
        ("川人社办发 〔 2017 〕 984 号", {"a.txt#0#3", "b.txt#0#1"}),
        ('"专款专用"', {"a.txt#0#5", "b.txt#0#2", "c.txt#0#1"}),
        ("满意度", {"b.txt#0#0"}),
        ("95%", {"b.txt#0#0"}),
        ("不存在的词语组合", set()),
    ],
)
def test_queries_find_the_sentences(built: Engine, query: str, expected: set[str]) -> None:
    assert set(_ids(built, query)) == expected


def test_phrase_is_stricter_than_words(built: Engine) -> None:
    assert "a.txt#0#2" in _ids(built, "足额 按时")
    assert _ids(built, '"足额按时"') == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"tags": ["problem"]}, {"a.txt#0#4", "b.txt#0#3"}),
        ({"tags": ["amount"], "amount_min": 100000}, {"a.txt#0#3"}),
        ({"amount_max": 60000}, {"b.txt#0#4"}),
        ({"boilerplate": True}, {"a.txt#0#5", "b.txt#0#2", "c.txt#0#1"}),
        ({"year": "2021..2023", "section": "problem"}, {"a.txt#0#4"}),
        ({"year": 2020, "tags": ["problem"]}, {"b.txt#0#3"}),
        ({"agency": "医疗保障", "section": "problem"}, {"b.txt#0#3"}),
        ({"section": "goal"}, {"a.txt#0#2"}),
        ({"agency": "不存在的机关"}, set()),
        ({"tags": ["target"], "boilerplate": True}, set()),
    ],
)
def test_filters_without_query(built: Engine, filters: dict[str, object], expected: set[str]) -> None:
    assert set(_ids(built, "", **filters)) == expected


def test_substantive_filter_drops_boilerplate(built: Engine) -> None:
    assert set(_ids(built, "资金", boilerplate=False)) == {"a.txt#0#3", "b.txt#0#0", "b.txt#0#4"}
    assert set(_ids(built, "资金", boilerplate=True)) == {"a.txt#0#5", "b.txt#0#2", "c.txt#0#1"}


def test_ranking_prefers_the_sentence_with_more_matches(built: Engine) -> None:
    res = search(built, "按时 足额 发放")
    assert res.hits[0].doc.id in {"a.txt#0#2", "c.txt#0#0"}
    assert [h.rank for h in res.hits] == list(range(1, len(res.hits) + 1))
    assert all(a.score >= b.score for a, b in zip(res.hits, res.hits[1:], strict=False))


def test_sort_by_year_newest_first(built: Engine) -> None:
    years = [h.doc.year or 0 for h in search(built, "资金 OR 发放", sort="year", limit=50).hits]
    assert years == sorted(years, reverse=True) and len(set(years)) == 3


def test_paging_splits_without_overlap(built: Engine) -> None:
    every = _ids(built, "资金")
    pages = [h.doc.id for p in (1, 2, 3) for h in search(built, "资金", page=p, limit=2).hits]
    assert pages == every and search(built, "资金", page=2, limit=2).total == len(every)


def test_facets_count_the_hits(built: Engine) -> None:
    facets = search(built, "资金", facets=True).facets
    assert facets is not None
    assert facets.boilerplate == {"boilerplate": 3, "substantive": 3}
    assert facets.year == {2020: 3, 2022: 2, 2023: 1}
    assert facets.tag == {"amount": 2, "indicator": 1}
    assert sum(facets.agency.values()) == 6 and facets.section["financial-management"] == 3


def test_reports_mode_groups_by_report(built: Engine) -> None:
    res = search(built, "资金", reports=True)
    assert res.total == 3
    by_id = {r.report.id: r for r in res.reports}
    assert by_id["b.txt#0"].n_hits == 3 and by_id["b.txt#0"].report.problem
    assert not by_id["c.txt#0"].report.problem
    best = by_id["a.txt#0"].best
    assert best is not None and "资金" in best.text[best.spans[0].start : best.spans[0].end]
    assert by_id["a.txt#0"].report.boilerplate_share == pytest.approx(1 / 6)


@pytest.mark.parametrize(
    ("query", "position"),
    [('"按时足额', 0), ("(社保 OR 医保", 0), ("社保 AND", 3), ("社保 )", 3), ("NOT", 0), ('社保 ""', 3)],
)
def test_query_errors_carry_the_position(built: Engine, query: str, position: int) -> None:
    with pytest.raises(QueryError) as err:
        search(built, query)
    assert err.value.position == position
    assert f"position {position + 1}" in str(err.value)


@pytest.mark.parametrize(
    "bad", [{"tags": ["goal"]}, {"section": "nowhere"}, {"year": "20x1"}, {"year": "2023..2021"}]
)
def test_bad_filters_are_query_errors(built: Engine, bad: dict[str, object]) -> None:
    with pytest.raises(QueryError):
        search(built, "资金", **bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021..2023", (2021, 2023)),
        ("2021", (2021, 2021)),
        ("2021..", (2021, None)),
        ("..2023", (None, 2023)),
        ("2021-2023", (2021, 2023)),
        (2020, (2020, 2020)),
    ],
)
def test_parse_years(value: str | int, expected: tuple[int | None, int | None]) -> None:
    assert parse_years(value) == expected


@pytest.mark.parametrize(
    ("text", "literals", "expected"),
    [
        ("依据川人社办发〔2017〕984号文件", ["川人社办发(2017)984号"], [(2, 17)]),
        ("ＡＢＣ资金", ["abc"], [(0, 3)]),
        ("资金资金", ["资金", "金资"], [(0, 4)]),
        ("资金", ["，"], []),
    ],
)
def test_highlight_spans(text: str, literals: list[str], expected: list[tuple[int, int]]) -> None:
    assert highlight_spans(text, literals) == tuple(Span(s, e) for s, e in expected)


def test_a_lone_not_means_everything_else(built: Engine) -> None:
    total = search(built, "").total
    assert search(built, "NOT 资金").total == total - len(_ids(built, "资金"))
