"""Sentence units as the annotation guide defines them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.segment import segment, split_units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("\n\n  \n", []),
        ("一、概况", ["一、概况"]),
        ("目标明确；措施得力。资金到位！", ["目标明确；措施得力。", "资金到位！"]),
        ("甲;乙。丙", ["甲;乙。", "丙"]),
        ("真的吗？是的。。", ["真的吗？", "是的。。"]),
        ("他说：“已完成。”下一句。", ["他说：“已完成。", "”下一句。"]),
        ("第一行\n第二行", ["第一行", "第二行"]),
        ("  \t（一）前有空白  \n", ["（一）前有空白"]),
        ("指标\t目标值\t完成值", ["指标\t目标值\t完成值"]),
        ("结论 | 完成任务。 | ||||", ["结论 | 完成任务。", "| ||||"]),
        ("无", ["无"]),
    ],
)
def test_units(text: str, expected: list[str]) -> None:
    assert split_units(text) == expected


def test_table_rows_are_flagged() -> None:
    units = segment("一、概况\n指标\t目标值\n名称 | 数值 |\n正文。")
    assert [u.row for u in units] == [False, True, True, False]


def test_line_flags() -> None:
    units = segment("（一）标题。正文在同一行。\n独占一行")
    assert [(u.first, u.whole, u.line) for u in units] == [
        (True, False, 0),
        (False, False, 0),
        (True, True, 1),
    ]


def test_long_line_without_enders_is_one_unit() -> None:
    line = "资金" * 10_000
    units = segment(line)
    assert len(units) == 1 and units[0].end - units[0].start == 20_000


@given(st.text(alphabet=st.sampled_from("甲乙。！？；\n\t |（）1、 "), max_size=200))
def test_offsets_and_no_line_breaks(text: str) -> None:
    units = segment(text)
    for u in units:
        assert text[u.start : u.end] == u.text
        assert "\n" not in u.text and u.text == u.text.strip()
    assert [u.start for u in units] == sorted(u.start for u in units)
    covered = "".join(text[u.start : u.end] for u in units)
    assert "".join(covered.split()) == "".join(text.split())
