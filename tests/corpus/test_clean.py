"""Cleaning conversion residue, and the offset map back to the raw text."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import resources as R
from corpus.clean import CleanText, OffsetMap, chart_tail_start, clean_text
from corpus.readers import read_file


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("一、项目概况\n项目资金5万元。\n", "一、项目概况\n项目资金5万元。\n"),  # nothing to clean
        ("[bookmark: _Toc101][bookmark: _Toc102]一、项目概况", "一、项目概况"),
        ("第2部分 [bookmark: _Toc9]名词解释", "第2部分 名词解释"),
        ("图表如下：\n[image: ]\n[image: 图1.png]结束", "图表如下：\n\n结束"),
        ("一、概况\r\n二、目标\r\n", "一、概况\n二、目标\n"),
        ("旧式\r换行", "旧式\n换行"),
        ("\u3000\u3000资金到位。", "  资金到位。"),
        ("资金\u00a0到位", "资金 到位"),
        ("零\u200b宽\ufeff字符", "零宽字符"),
        ("甲\n \t \n乙\n\t\n", "甲\n\n乙\n\n"),  # whitespace-only lines become empty
        ("\t（一）资金到位情况。", "（一）资金到位情况。"),  # leading tab before a lone heading
        ("三、项目绩效情况\t\n", "三、项目绩效情况\n"),  # trailing tab
        ("\t\t项目名称\n", "项目名称\n"),
        ("项目名称\t示例项目\t主管部门\t示例局", "项目名称\t示例项目\t主管部门\t示例局"),  # table row kept
        ("\t数量指标\t培训人数\t≥300人", "\t数量指标\t培训人数\t≥300人"),  # empty first cell kept
        ("产出指标\t\t培训人数", "产出指标\t\t培训人数"),
        ("资金严格管理，\t专款专用。", "资金严格管理，专款专用。"),  # stray tab after a comma
        ("按照\t《示例办法》执行", "按照\t《示例办法》执行"),  # ambiguous: left alone
        ("依据《示例办法》\t，按季度拨付", "依据《示例办法》，按季度拨付"),
        ("完成情况：\t良好", "完成情况：良好"),
        ("一、\t概况\n1.\t资金到位\n（二）\t目标", "一、概况\n1.资金到位\n（二）目标"),  # Word's tab
        ("1\t培训人数\t≥300人", "1\t培训人数\t≥300人"),  # a row number cell stays
    ],
)
def test_clean_table(raw: str, expected: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.text == expected
    assert cleaned.to_source(len(cleaned.text)) == len(raw)
    assert cleaned.removed == len(raw) - len(expected)


CHART_TAIL = "\n2021年\t\n支出\t96.00\t2022年\t\n\n列1\t\n图书馆\t文化馆\t0.468751\t0.531249\t\n\n"


def test_chart_data_at_the_end_is_removed() -> None:
    body = "四、存在的问题\n无。\n"
    assert clean_text(body + CHART_TAIL.lstrip("\n")).text == body
    assert clean_text(body + "\n\n一般公共预算支出" + CHART_TAIL).text.rstrip("\n") == body.rstrip("\n")


def test_a_table_before_the_chart_data_stays() -> None:
    table = "三级指标\t指标值\t完成值\n培训人数\t≥300人\t320人\n\t满意度\t≥90%\n"
    assert clean_text(table + "\n" + CHART_TAIL).text.rstrip("\n") == table.rstrip("\n")


@pytest.mark.parametrize(
    "ending",
    [
        "合计\t100\t95\n",  # a real score table at the end: no chart evidence
        "三级指标\t指标值\n培训人数\t≥300人\n",
        "五、建议\n\t加强人员配备，做好日常维护。\n列1\n",  # a prose line stops the walk back
    ],
)
def test_real_text_at_the_end_stays(ending: str) -> None:
    raw = "四、存在的问题\n无。\n" + ending
    assert chart_tail_start(raw) is None or raw[chart_tail_start(raw) :].startswith("列1")
    assert "存在的问题" in clean_text(raw).text
    assert ending.split("\n")[0].strip("\t") in clean_text(raw).text


def test_span_to_source_is_tight() -> None:
    raw = "[bookmark: _GoBack]目标明确。\t\n[image: ]资金到位。"
    cleaned = clean_text(raw)
    a = cleaned.text.index("资金")
    start, end = cleaned.span_to_source(a, len(cleaned.text))
    assert raw[start:end] == "资金到位。"
    s0, e0 = cleaned.span_to_source(0, cleaned.text.index("\n"))
    assert raw[s0:e0] == "目标明确。"
    assert cleaned.to_source(0) == len("[bookmark: _GoBack]")


def test_offset_map_basics() -> None:
    m = OffsetMap.from_deletions([(2, 4), (4, 5), (9, 9)])
    assert [m.to_source(i) for i in range(6)] == [0, 1, 5, 6, 7, 8]
    assert m.deleted == 3
    assert CleanText("abc").to_source(2) == 2


# --- invariants ------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "项目",
        "资金",
        "到位",
        "。",
        "，",
        "：",
        "\n",
        "\t",
        " ",
        "\u3000",
        "\u00a0",
        "\r\n",
        "\r",
        "5万元",
        "[bookmark: _Toc12]",
        "[image: ]",
        "列1",
        "0.1234567",
        "2022年",
        "（一）",
        "\u200b",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60))
def test_offsets_map_every_character_back(pieces: list[str]) -> None:
    raw = "".join(pieces)
    cleaned = clean_text(raw)
    text = cleaned.text
    assert cleaned.to_source(len(text)) == len(raw)
    sources = [cleaned.to_source(i) for i in range(len(text) + 1)]
    assert sources == sorted(set(sources))  # strictly increasing
    for i, ch in enumerate(text):
        assert raw[sources[i]].translate(R.SPACE_TABLE) == ch


def _units(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^\n。]+。?", text)]


def _squash(s: str) -> str:
    return "".join(R.RESIDUE_RE.sub("", s).split())


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60))
def test_unit_spans_hold_the_same_text_residue_and_whitespace_aside(pieces: list[str]) -> None:
    raw = "".join(pieces)
    cleaned = clean_text(raw)
    for a, b in _units(cleaned.text):
        assert _squash(raw[cleaned.to_source(a) : cleaned.to_source(b)]) == _squash(cleaned.text[a:b])
        s, e = cleaned.span_to_source(a, b)
        assert _squash(raw[s:e]) == _squash(cleaned.text[a:b])


MARKER_RE = re.compile(r"\[(?:bookmark|image): [^\]]*\]|\r")
MARKED = st.lists(
    st.one_of(
        st.text(alphabet="项目资金到位完成率。，；\n0123456789", min_size=1, max_size=8),
        st.sampled_from(["[bookmark: _Toc1]", "[bookmark: _GoBack]", "[image: ]", "[image: a.png]", "\r\n"]),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(MARKED)
def test_markers_removed_from_the_raw_span_give_the_unit_exactly(pieces: list[str]) -> None:
    raw = "".join(pieces)
    cleaned = clean_text(raw)
    for a, b in _units(cleaned.text):
        assert MARKER_RE.sub("", raw[cleaned.to_source(a) : cleaned.to_source(b)]) == cleaned.text[a:b]
        start, end = cleaned.span_to_source(a, b)
        assert MARKER_RE.sub("", raw[start:end]) == cleaned.text[a:b]
        assert not MARKER_RE.match(raw, start) and not raw[:end].endswith(("]", "\r"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_cleans(raw: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.to_source(len(cleaned.text)) == len(raw)
    assert not any(ch in cleaned.text for ch in "\u3000\u00a0\r\u200b\ufeff")
    assert not re.search(r"^[ \t]+$", cleaned.text, re.M)


# --- real corpus -----------------------------------------------------------------------------


def _gold_units(shared: Path, gold: str) -> dict[str, list[str]]:
    units: dict[str, list[str]] = defaultdict(list)
    with (shared / "gold" / gold).open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            units[row["file"]].append(row["text"])
    return units


@pytest.mark.parametrize(("gold", "folder"), [("sentences.jsonl", "seeds"), ("dev/sentences.jsonl", "dev")])
def test_every_gold_unit_is_in_the_cleaned_text(shared_dir: Path, gold: str, folder: str) -> None:
    units = _gold_units(shared_dir, gold)
    assert units, f"no gold units in {gold}"
    missing = []
    for name, texts in sorted(units.items()):
        raw = read_file(shared_dir / "corpus" / folder / name).text
        cleaned = clean_text(raw)
        assert cleaned.to_source(len(cleaned.text)) == len(raw)
        missing += [(name, t) for t in texts if t not in cleaned.text]
    assert not missing, f"{len(missing)} gold units not found, first: {missing[:3]}"


def test_seed_residue_is_gone(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "corpus" / "seeds").glob("*.txt")):
        text = clean_text(read_file(path).text).text
        assert "[bookmark:" not in text and "[image:" not in text and "\u3000" not in text, path.name
        assert not re.search(r"^列\d+\s*$", text, re.M), f"chart data left in {path.name}"
        assert not re.search(r"^\t|\t$", text, re.M), f"leading/trailing tab left in {path.name}"
