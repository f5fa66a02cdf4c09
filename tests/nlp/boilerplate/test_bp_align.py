"""Span-level alignment: copied units merge into passages with offsets into Document.text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from nlp.boilerplate import align_reports, detect

COPIED = [
    "项目资金实行专款专用，单独核算，专账管理。",
    "财务人员按月核对台账，做到账实相符。",
    "资金支付严格履行审批手续，未发现违规支出。",
]
OWN_A = ["本馆全年接待读者八万余人次。", "少儿阅览室改造于九月完工。"]
OWN_B = ["全县新建农家书屋十五个。", "流动图书车下乡服务六十次。"]


def _doc(title: str, body: list[str], name: str):
    return corpus.from_text("\n".join([title, "一、项目概况", *body]), name)


def test_adjacent_copied_units_merge_into_one_passage() -> None:
    a = _doc("甲县图书馆阅读推广项目绩效自评报告", [OWN_A[0], *COPIED, OWN_A[1]], "a.txt")
    b = _doc("乙县文化馆书屋建设项目绩效自评报告", [OWN_B[0], *COPIED, OWN_B[1]], "b.txt")
    ra, rb = a.reports[0], b.reports[0]
    result = detect([ra, rb])
    passages = align_reports(ra, rb, result)
    assert len(passages) == 1
    p = passages[0]
    assert p.n_units == 3
    assert a.text[p.a_start : p.a_end] == "\n".join(COPIED)
    assert b.text[p.b_start : p.b_end] == "\n".join(COPIED)
    assert result.reports[ra.id].longest_passage == p
    assert result.reports[ra.id].copies_from == ((rb.id, 3),)


def test_a_heading_between_copied_units_stays_inside_the_passage() -> None:
    body_a = [COPIED[0], "（二）财务管理情况", COPIED[1], OWN_A[0]]
    body_b = [COPIED[0], "（二）财务管理情况", COPIED[1], OWN_B[0]]
    ra = _doc("甲县图书馆项目绩效自评报告", body_a, "a.txt").reports[0]
    rb = _doc("乙县文化馆项目绩效自评报告", body_b, "b.txt").reports[0]
    passages = align_reports(ra, rb, detect([ra, rb]))
    assert [p.n_units for p in passages] == [2]


def test_reports_sharing_nothing_align_to_nothing() -> None:
    ra = _doc("甲县图书馆项目绩效自评报告", OWN_A, "a.txt").reports[0]
    rb = _doc("乙县文化馆项目绩效自评报告", OWN_B, "b.txt").reports[0]
    assert align_reports(ra, rb, detect([ra, rb])) == []


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.sampled_from(COPIED + OWN_A), min_size=1, max_size=6),
    st.lists(st.sampled_from(COPIED + OWN_B), min_size=1, max_size=6),
)
def test_passage_offsets_cover_their_units_in_both_texts(units_a: list[str], units_b: list[str]) -> None:
    da = _doc("甲县图书馆项目绩效自评报告", units_a, "a.txt")
    db = _doc("乙县文化馆项目绩效自评报告", units_b, "b.txt")
    ra, rb = da.reports[0], db.reports[0]
    sents = {s.id: s for r in (ra, rb) for s in r.sentences}
    for p in align_reports(ra, rb, detect([ra, rb])):
        for sa, sb in p.pairs:
            assert p.a_start <= sents[sa].start and sents[sa].end <= p.a_end
            assert p.b_start <= sents[sb].start and sents[sb].end <= p.b_end
            assert da.text[sents[sa].start : sents[sa].end] == sents[sa].text
