"""Citations: 《title》, 文号 shapes, GB/T 9704 normalisation, issuer boundaries, nested titles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.extract import citations, doc_numbers, normalize_doc_number, normalize_title
from nlp.extract.citations import clean_issuer


@pytest.mark.parametrize(
    ("text", "doc_number", "normalized", "issuer", "year", "serial"),
    [
        ("依据甲财预〔2021〕12号", "甲财预〔2021〕12号", "甲财预〔2021〕12号", "甲财预", 2021, "12"),
        ("按乙人社发[2019]7号执行", "乙人社发[2019]7号", "乙人社发〔2019〕7号", "乙人社发", 2019, "7"),
        ("丙府办发【2020】33号", "丙府办发【2020】33号", "丙府办发〔2020〕33号", "丙府办发", 2020, "33"),
        ("丁组通（2011）6号文件", "丁组通（2011）6号", "丁组通〔2011〕6号", "丁组通", 2011, "6"),
        ("戊财社(2018)101号", "戊财社(2018)101号", "戊财社〔2018〕101号", "戊财社", 2018, "101"),
        ("己办函﹝2022﹞5号", "己办函﹝2022﹞5号", "己办函〔2022〕5号", "己办函", 2022, "5"),
        ("庚财发〔2023〕 45 号", "庚财发〔2023〕 45 号", "庚财发〔2023〕45号", "庚财发", 2023, "45"),
        ("辛财农〔202117号", "辛财农〔202117号", "辛财农〔2021〕17号", "辛财农", 2021, "17"),  # lost 〕
        ("壬财行2020〕9号", "壬财行2020〕9号", "壬财行〔2020〕9号", "壬财行", 2020, "9"),  # lost 〔
        ("癸民函202208号", "癸民函202208号", "癸民函〔2022〕08号", "癸民函", 2022, "08"),  # no brackets
        ("甲审字(2022)第0012号", "甲审字(2022)第0012号", "甲审字〔2022〕第0012号", "甲审字", 2022, "0012"),
        ("（〔2005〕36号）", "〔2005〕36号", "〔2005〕36号", None, 2005, "36"),
        ("及乙发3号", "乙发3号", None, "乙发", None, "3"),  # no year: not normalisable
        ("根据省政府令第207号", "省政府令第207号", "省政府令第207号", "省政府令", None, "207"),  # an order
        ("根据丙财建(资环)【2021】文件", "丙财建(资环)【2021】", None, "丙财建(资环)", 2021, None),
    ],
)
def test_doc_number_shapes(
    text: str,
    doc_number: str,
    normalized: str | None,
    issuer: str | None,
    year: int | None,
    serial: str | None,
) -> None:
    (c,) = citations(text)
    assert (c.doc_number, c.normalized, c.issuer, c.year, c.serial) == (
        doc_number,
        normalized,
        issuer,
        year,
        serial,
    )
    assert c.title is None
    assert text[c.start : c.end] == c.doc_number


@pytest.mark.parametrize(
    ("raw", "issuer"),
    [
        ("根据川人社办发", "川人社办发"),
        ("按照省财社", "省财社"),
        ("以及甲财资", "甲财资"),
        ("某某区财政局乙财行", "乙财行"),
        ("某某省财政厅丙财社", "丙财社"),
        ("人社厅发", "人社厅发"),
        ("发改经体", "发改经体"),
        ("中组发", "中组发"),
    ],
)
def test_issuer_boundary(raw: str, issuer: str) -> None:
    assert clean_issuer(raw) == issuer


def test_title_with_number_is_one_citation() -> None:
    text = "根据《关于做好某项工作的通知》（甲财社〔2022〕8号）要求，"
    (c,) = citations(text)
    assert c.title == "关于做好某项工作的通知"
    assert c.normalized == "甲财社〔2022〕8号"
    assert text[c.start : c.end].startswith("《") and text[c.start : c.end].endswith("号")


@pytest.mark.parametrize(
    "text",
    [
        "《关于印发〈某某资金管理办法〉的通知》（乙财发〔2020〕3号）",
        "《关于印发<某某资金管理办法>的通知》（乙财发[2020]3号）",
        "《关于印发《某某资金管理办法》的通知》（乙财发【2020】3号）",
    ],
)
def test_nested_titles_are_one_citation_of_the_outer_title(text: str) -> None:
    (c,) = citations(text)
    assert normalize_title(c.title or "") == "关于印发〈某某资金管理办法〉的通知"
    assert c.normalized == "乙财发〔2020〕3号"


def test_titles_alone_numbers_alone_and_number_before_title() -> None:
    text = "学习《某某法》《某某条例》及甲发2号《某某决定》，按丙财〔2021〕4号文件《某某补助的通知》执行。"
    got = [(c.title, c.doc_number) for c in citations(text)]
    assert got == [
        ("某某法", None),
        ("某某条例", None),
        ("某某决定", "甲发2号"),
        ("某某补助的通知", "丙财〔2021〕4号"),
    ]


def test_several_serials_give_one_citation_each() -> None:
    got = [c.normalized for c in citations("按甲财教[2021]41、181、193下达")]
    assert got == ["甲财教〔2021〕41号", "甲财教〔2021〕181号", "甲财教〔2021〕193号"]
    got = [c.normalized for c in citations("乙财预〔2021〕1号、2号和丙发〔2020〕5号、2021年")]
    assert got == ["乙财预〔2021〕1号", "乙财预〔2021〕2号", "丙发〔2020〕5号"]


def test_lost_closing_title_bracket_before_a_number() -> None:
    text = "根据《甲关于某事的通知（乙社险办〔2021〕6号）、《丙办法》"
    got = [(c.title, c.normalized) for c in citations(text)]
    assert got == [("甲关于某事的通知", "乙社险办〔2021〕6号"), ("丙办法", None)]


def test_lost_opening_title_bracket_before_a_number() -> None:
    (c,) = citations("根据甲县委关于下达某项目任务的批复》(甲委组〔2020〕3号)文件")
    assert c.title == "甲县委关于下达某项目任务的批复"
    assert c.normalized == "甲委组〔2020〕3号"


def test_empty_titles_are_not_citations() -> None:
    assert [c.title for c in citations("见《》和《 》及《甲》")] == ["甲"]


def test_title_cut_off_at_the_end_of_the_line_is_not_a_citation() -> None:
    assert [c.title for c in citations("根据《某某管理办法》和《某某实施\n细则》")] == ["某某管理办法"]


@pytest.mark.parametrize("text", ["开发2号楼", "2021年3月5日", "规划（2021-2030年）", "工作方案（2020）"])
def test_things_that_are_not_document_numbers(text: str) -> None:
    assert doc_numbers(text) == []


def test_normalize_round_trip() -> None:
    n = normalize_doc_number("甲财预", 2021, "12")
    assert n is not None
    (d,) = doc_numbers(n)
    assert (d.issuer, d.year, d.serial, d.normalized) == ("甲财预", 2021, "12", n)


def test_same_document_cited_two_ways_has_one_key() -> None:
    a, b = citations("《关于印发<甲办法>的通知》和《关于印发〈甲 办法〉的通知》")
    assert a.key == b.key


_PIECES = st.sampled_from(
    [
        "《",
        "》",
        "〈",
        "〉",
        "<",
        ">",
        "〔",
        "〕",
        "[",
        "]",
        "【",
        "】",
        "（",
        "）",
        "(",
        ")",
        "号",
        "第",
        "、",
        "2021",
        "3",
        "17",
        "财",
        "发",
        "社",
        "函",
        "根据",
        "关于",
        "通知",
        "甲",
        " ",
        "\u3000",
        "\u00a0",
        "\n",
        "令",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_offsets_and_no_crash_on_adversarial_strings(text: str) -> None:
    for c in citations(text):
        span = text[c.start : c.end]
        if c.doc_number:
            assert c.doc_number in span
        if c.title:
            assert c.title in span
        if c.normalized:
            assert c.normalized.endswith("号")


# ------------------------------------------------------------------ blanks and other wild variants
@pytest.mark.parametrize(
    ("text", "doc_number", "normalized", "issuer", "year", "serial"),
    [
        ("甲财社 (2022) 14号", "甲财社 (2022) 14号", "甲财社〔2022〕14号", "甲财社", 2022, "14"),
        (
            "乙人社办发 [ 2017 ] 98 号",
            "乙人社办发 [ 2017 ] 98 号",
            "乙人社办发〔2017〕98号",
            "乙人社办发",
            2017,
            "98",
        ),
        ("根据丙财教 〔2020〕 3号", "丙财教 〔2020〕 3号", "丙财教〔2020〕3号", "丙财教", 2020, "3"),
        ("丁府发〔 2019 〕12号", "丁府发〔 2019 〕12号", "丁府发〔2019〕12号", "丁府发", 2019, "12"),
        (
            "戊财行\u3000〔2021〕\u30007\u3000号",
            "戊财行\u3000〔2021〕\u30007\u3000号",
            "戊财行〔2021〕7号",
            "戊财行",
            2021,
            "7",
        ),
        ("己财\u00a0[2023]\u00a05号", "己财\u00a0[2023]\u00a05号", "己财〔2023〕5号", "己财", 2023, "5"),
        ("庚办函 【2018】 66", "庚办函 【2018】 66", "庚办函〔2018〕66号", "庚办函", 2018, "66"),  # no 号
        ("辛农发 （2016） 4 号文件", "辛农发 （2016） 4 号", "辛农发〔2016〕4号", "辛农发", 2016, "4"),
        ("壬水发 ( 2015 ) 21", "壬水发 ( 2015 ) 21", "壬水发〔2015〕21号", "壬水发", 2015, "21"),
        (
            "癸审字 (2022) 第 0012 号",
            "癸审字 (2022) 第 0012 号",
            "癸审字〔2022〕第0012号",
            "癸审字",
            2022,
            "0012",
        ),
        (
            "甲财预 〔２０２１〕 １２ 号",
            "甲财预 〔２０２１〕 １２ 号",
            "甲财预〔2021〕12号",
            "甲财预",
            2021,
            "12",
        ),
        ("乙财行 2020 〕 9 号", "乙财行 2020 〕 9 号", "乙财行〔2020〕9号", "乙财行", 2020, "9"),  # lost 〔
        ("丙县政府令 第 3 号", "丙县政府令 第 3 号", "丙县政府令第3号", "丙县政府令", None, "3"),
    ],
)
def test_doc_numbers_written_with_blanks(
    text: str,
    doc_number: str,
    normalized: str | None,
    issuer: str | None,
    year: int | None,
    serial: str | None,
) -> None:
    (c,) = citations(text)
    assert (c.doc_number, c.normalized, c.issuer, c.year, c.serial) == (
        doc_number,
        normalized,
        issuer,
        year,
        serial,
    )
    assert text[c.start : c.end] == c.doc_number


def test_blanks_keep_the_title_attachment_and_the_issuer_boundary() -> None:
    text = "按照《某某补助办法》\u3000（ 甲财社 [ 2021 ] 7 号 ）执行，及依据 乙财农 (2020) 2号"
    got = [(c.title, c.normalized, c.issuer, text[c.start : c.end]) for c in citations(text)]
    assert got == [
        ("某某补助办法", "甲财社〔2021〕7号", "甲财社", "《某某补助办法》\u3000（ 甲财社 [ 2021 ] 7 号"),
        (None, "乙财农〔2020〕2号", "乙财农", "乙财农 (2020) 2号"),
    ]


def test_lost_closing_title_bracket_before_a_blank_and_a_number() -> None:
    text = "根据《甲关于某事的通知（ 乙社险办 〔2021〕 6号）要求"
    got = [(c.title, c.normalized) for c in citations(text)]
    assert got == [("甲关于某事的通知", "乙社险办〔2021〕6号")]


def test_several_serials_with_blanks() -> None:
    got = [c.normalized for c in citations("按甲财教 [ 2021 ] 41、181 下达")]
    assert got == ["甲财教〔2021〕41号", "甲财教〔2021〕181号"]


@pytest.mark.parametrize(
    "text",
    [
        "2021 (2022) 年",  # a date range
        "期间为2021 （2022） 年度",
        "某规划 (2021) 12 个项目",  # a count after a year in brackets
        "某方案 (2021 年) 3号楼",
        "联系电话：(0816) 2021 123",  # phone numbers
        "咨询电话 (2021) 8765 4321",
        "电话 13820211234",
        "第 3 号",  # a serial alone
        "见第 3 号 文件",
        "（2021） 12",
        "某方案 (2021) 3号楼",  # a building number
        "某方案(2021)3号楼",
        "二期 2020 ）3号楼",
    ],
)
def test_blanks_do_not_make_document_numbers(text: str) -> None:
    assert doc_numbers(text) == []


@pytest.mark.parametrize(
    ("issuer", "year", "serial", "normalized"),
    [
        ("甲财社", 2022, "14", "甲财社〔2022〕14号"),
        ("甲财社 ", 2022, " 14 ", "甲财社〔2022〕14号"),
        ("甲\u3000财社", 2022, "１４\u00a0号", "甲财社〔2022〕14号"),
        ("乙审字", 2022, "第 0012 号", "乙审字〔2022〕第0012号"),
        (None, 2005, "36", "〔2005〕36号"),
        ("丙发", None, "3", None),
        ("丙发", 2020, " ", None),
        ("丙发", 2020, None, None),
    ],
)
def test_normalize_doc_number_accepts_parts_as_typed(
    issuer: str | None, year: int | None, serial: str | None, normalized: str | None
) -> None:
    assert normalize_doc_number(issuer, year, serial) == normalized


_BLANK_RUNS = st.text(alphabet=" \u3000\u00a0", max_size=3)
_BRACKETS = st.sampled_from(["〔〕", "[]", "【】", "（）", "()", "﹝﹞"])


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(*[_BLANK_RUNS] * 5),
    _BRACKETS,
    st.integers(1990, 2029),
    st.integers(1, 99999),
    st.booleans(),
)
def test_any_blanks_and_brackets_give_the_same_number(
    gaps: tuple[str, ...], brackets: str, year: int, serial: int, hao: bool
) -> None:
    written = f"甲财社{gaps[0]}{brackets[0]}{gaps[1]}{year}{gaps[2]}{brackets[1]}{gaps[3]}{serial}" + (
        f"{gaps[4]}号" if hao else ""
    )
    text = f"根据{written}，"
    (c,) = citations(text)
    assert (c.issuer, c.year, c.serial) == ("甲财社", year, str(serial))
    assert c.normalized == f"甲财社〔{year}〕{serial}号"
    assert c.doc_number == written.rstrip(" \u3000\u00a0") == text[c.start : c.end]
    assert c.normalized == normalize_doc_number("甲财社", year, str(serial))
