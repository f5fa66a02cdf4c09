"""Reading .txt/.docx/.pdf/.html into RawText, and every way a file can fail to read."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from corpus.errors import InputError
from corpus.readers import SUPPORTED_SUFFIXES, RawText, decode_bytes, iter_files, read_file

REPORT = "示例县农业农村局2023年度项目支出绩效自评报告\n一、项目概况\n项目资金12.5万元已全部到位。\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_file(path)
    err = info.value
    assert "\n" not in str(err) and str(path) in str(err)  # one line, names the file
    return err


# --- txt -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (REPORT.encode("utf-8"), "utf-8"),
        (REPORT.encode("utf-8-sig"), "utf-8-sig"),
        (REPORT.encode("gb18030"), "gb18030"),
        (REPORT.encode("gbk"), "gb18030"),  # GBK is a subset of GB18030
        (REPORT.encode("utf-16"), "utf-16"),
    ],
)
def test_txt_encodings_are_detected(tmp_path: Path, data: bytes, encoding: str) -> None:
    raw = read_file(_write(tmp_path, "r.txt", data))
    assert (raw.format, raw.encoding, raw.text, raw.pages) == ("txt", encoding, REPORT, ())


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_file_cut_mid_character_still_reads_with_a_warning(tmp_path: Path, encoding: str) -> None:
    data = (REPORT * 20).encode(encoding) + "报".encode(encoding)[:-1]
    raw = read_file(_write(tmp_path, "cut.txt", data))
    assert raw.encoding == encoding and raw.text.startswith(REPORT)
    assert raw.text.endswith("\ufffd") and "replaced by U+FFFD" in raw.warnings[0]


def test_utf16_without_bom(tmp_path: Path) -> None:
    raw = read_file(_write(tmp_path, "u.txt", ("Budget 2023: " + REPORT).encode("utf-16-le")))
    assert raw.encoding == "utf-16-le" and raw.text.endswith(REPORT)


def test_gb18030_only_characters_decode(tmp_path: Path) -> None:
    text = "㐀㐁 扩展区汉字与𠀀一起出现在报告中。"  # outside GBK: needs GB18030 four-byte codes
    assert read_file(_write(tmp_path, "x.txt", text.encode("gb18030"))).text == text


def test_path_is_kept_as_given(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.txt", b"abc")
    assert read_file(str(p)).path == str(p)
    assert isinstance(read_file(p), RawText)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \r\n\t\n", "empty file"),
        (b"\x00\x01\x02\x03binary\x00" * 40, "binary file, not text"),
        (bytes(range(256)) * 8, "binary file, not text"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"\x00" * 64, "binary file, not text"),
    ],
)
def test_bad_txt_raises_input_error(tmp_path: Path, data: bytes, reason: str) -> None:
    assert reason in _error(_write(tmp_path, "bad.txt", data)).message


def test_missing_and_directory_and_unsupported(tmp_path: Path) -> None:
    assert "no such file" in _error(tmp_path / "nope.txt").message
    assert "directory" in _error(tmp_path).message
    doc = _write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0")
    assert "unsupported file type .doc" in _error(doc).message
    assert ".docx" in _error(doc).message


def test_decode_bytes_respects_declared_charset() -> None:
    data = "绩效目标".encode("gbk")
    assert decode_bytes(data, declared="GB2312") == ("绩效目标", "gb18030")
    assert decode_bytes("绩效".encode(), declared="utf-8") == ("绩效", "utf-8")


# --- iter_files ------------------------------------------------------------------------------


def test_iter_files_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    for name in ("b/2.txt", "b/1.PDF", "a.html", "c/d/e.docx", "c/skip.xlsx", ".git/x.txt", "b/~$lock.docx"):
        _write(tmp_path, name, b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a.html", "b/1.PDF", "b/2.txt", "c/d/e.docx"]


def test_iter_files_explicit_files_and_errors(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", b"x")
    assert list(iter_files([a, a, str(a)])) == [a]  # each file once
    with pytest.raises(InputError, match="no such file"):
        list(iter_files([tmp_path / "missing"]))
    xlsx = _write(tmp_path, "t.xlsx", b"x")
    with pytest.raises(InputError, match=r"unsupported file type \.xlsx"):
        list(iter_files([xlsx]))
    assert ".htm" in SUPPORTED_SUFFIXES


# --- docx ------------------------------------------------------------------------------------


def _docx_with_table(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("示例县教育局2022年度课后服务项目支出绩效自评报告")
    d.add_paragraph("一、项目概况")
    t = d.add_table(rows=4, cols=4)
    for c, head in enumerate(("一级指标", "二级指标", "三级指标", "指标值")):
        t.cell(0, c).text = head
    t.cell(1, 0).merge(t.cell(2, 0)).text = "产出指标"  # merged down two rows
    t.cell(1, 1).text, t.cell(1, 2).text, t.cell(1, 3).text = "数量指标", "服务学生人数", "≥800人"
    t.cell(2, 1).merge(t.cell(2, 2)).text = "质量指标"  # merged across two columns
    t.cell(2, 3).text = "100%"
    t.cell(3, 0).text = "合计"
    d.add_paragraph("二、项目资金情况")
    d.add_paragraph("资金\t30万元")
    d.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    raw = read_file(_docx_with_table(tmp_path / "r.docx"))
    assert raw.format == "docx" and raw.encoding is None
    assert raw.text.split("\n") == [
        "示例县教育局2022年度课后服务项目支出绩效自评报告",
        "一、项目概况",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t服务学生人数\t≥800人",
        "\t质量指标\t\t100%",  # vertical continuation empty, horizontal merge once, columns aligned
        "合计",
        "二、项目资金情况",
        "资金\t30万元",
    ]


def test_truncated_or_fake_docx(tmp_path: Path) -> None:
    good = _docx_with_table(tmp_path / "good.docx").read_bytes()
    truncated = _write(tmp_path, "cut.docx", good[: len(good) // 2])
    assert _error(truncated).message.startswith("not a valid .docx (")
    fake = _write(tmp_path, "fake.docx", REPORT.encode())
    assert _error(fake).message.startswith("not a valid .docx (")


def test_empty_docx(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    assert "empty document" in _error(path).message


# --- pdf -------------------------------------------------------------------------------------


def minimal_pdf(pages: list[str]) -> bytes:
    """A valid PDF with one Helvetica text object per page (ASCII text, lines split at "\\n")."""
    n = len(pages)
    font_id = 3 + 2 * n
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)]
    for i, text in enumerate(pages):
        shown = b" 0 -14 Td ".join(b"(" + line.encode("ascii") + b") Tj" for line in text.split("\n"))
        stream = b"BT /F1 12 Tf 72 720 Td " + shown + b" ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font_id)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer_and_page_offsets(tmp_path: Path) -> None:
    raw = read_file(_write(tmp_path, "r.pdf", minimal_pdf(["Budget 12.5 wan yuan", "Page two text"])))
    assert (raw.format, raw.encoding) == ("pdf", None)
    assert "Budget 12.5 wan yuan" in raw.text and "Page two text" in raw.text
    assert "\f" not in raw.text
    assert raw.pages[0] == 0 and raw.text[raw.pages[1] :].startswith("Page two")
    assert raw.page_of(raw.pages[1]) == 2 and raw.page_of(0) == 1


def test_pdf_lines_wrapped_at_the_margin_are_joined(tmp_path: Path) -> None:
    wrapped = ["The training project trained three hundred local", "teachers in 2023 at 12.5 wan yuan."]
    page = "\n".join(["1. Overview", *wrapped, "2. Goals"])
    raw = read_file(_write(tmp_path, "w.pdf", minimal_pdf([page])))
    assert raw.text.split("\n") == [
        "1. Overview",
        "The training project trained three hundred local teachers in 2023 at 12.5 wan yuan.",
        "2. Goals",
    ]


def test_scanned_pdf_names_the_page_count(tmp_path: Path) -> None:
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.add_blank_page(200, 200)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        w.write(fh)
    message = _error(path).message
    assert "no text layer" in message and "2 pages" in message and "OCR" in message


def test_encrypted_pdf(tmp_path: Path) -> None:
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        w.write(fh)
    assert "encrypted" in _error(path).message


@pytest.mark.parametrize("data", [b"%PDF-1.4\n garbage", b"not a pdf at all", b"%PDF-1.4\n1 0 obj\n<<"])
def test_corrupt_pdf(tmp_path: Path, data: bytes) -> None:
    message = _error(_write(tmp_path, "bad.pdf", data)).message
    assert message.startswith(("not a valid .pdf", "PDF has no pages", "no text layer"))


# --- html ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>示例</title>
<style>p{{color:red}}</style><script>var x = "不要这段脚本";</script></head>
<body><div class="nav"><a>首页</a><a>政务公开</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 财政资金</div>
<div id="zoom"><h2>示例县司法局2021年度项目支出绩效自评报告</h2>
<p>一、项目概况</p><p>项目资金<b>8.6</b>万元，<br>已全部到位。</p>
<table><tr><td> 三级指标 </td><td>指标值</td></tr><tr><td>办案数量</td><td>≥100件</td></tr></table>
<!-- 注释不要 --></div>
<div class="footer">版权所有 示例县人民政府</div></body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "gbk", "gb2312"])
def test_html_body_text_of_a_gov_page(tmp_path: Path, charset: str) -> None:
    data = PAGE.format(charset=charset).encode("utf-8" if charset == "utf-8" else "gb18030")
    raw = read_file(_write(tmp_path, "page.htm", data))
    assert raw.format == "html"
    assert raw.text.split("\n") == [
        "示例县司法局2021年度项目支出绩效自评报告",
        "一、项目概况",
        "项目资金8.6万元，",
        "已全部到位。",
        "三级指标\t指标值",
        "办案数量\t≥100件",
    ]


def test_html_without_a_main_container_keeps_the_body(tmp_path: Path) -> None:
    page = "<body><header>站点</header><p>第一段。</p><div><p>第二段</p></div><footer>页脚</footer></body>"
    assert read_file(_write(tmp_path, "p.html", page.encode())).text == "第一段。\n第二段"


def test_html_with_no_text(tmp_path: Path) -> None:
    page = b"<html><head><script>var a=1;</script></head><body><nav>menu</nav></body></html>"
    assert "no body text" in _error(_write(tmp_path, "p.html", page)).message


def test_readme_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest

    repo = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(repo)
    result = doctest.testfile(str(repo / "README.md"), module_relative=False)
    assert result.attempted >= 10 and result.failed == 0


NUMBERING = """<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""


def test_docx_automatic_numbering_is_rendered(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    numbering.insert(0, parse_xml(NUMBERING.format(w=w)))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in [(0, "项目概况"), (1, "基本情况"), (2, "立项依据"), (2, "资金来源"), (1, "绩效目标"),
                        (0, "项目实施情况"), (1, "资金到位")]:  # fmt: skip
        p = d.add_paragraph(text)
        numpr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        p._p.get_or_add_pPr().append(numpr)
    d.add_paragraph("正文不编号。")
    path = tmp_path / "numbered.docx"
    d.save(str(path))
    assert read_file(path).text.split("\n") == [
        "一、项目概况",
        "（一）基本情况",
        "1.立项依据",
        "2.资金来源",
        "（二）绩效目标",
        "二、项目实施情况",
        "（一）资金到位",
        "正文不编号。",
    ]


def test_html_data_cells_stay_on_their_row_and_layout_cells_keep_lines(tmp_path: Path) -> None:
    paragraph = "第{}段，项目资金已按计划拨付到位，并按规定用途使用。"
    prose = "".join(f"<p>{paragraph.format(k)}</p>" for k in range(1, 13))
    table = (
        "<table><tr><td><p>三级指标</p></td><td>指标值<br>（单位）</td></tr>"
        "<tr><td>培训人数</td><td><p>≥300人</p></td></tr></table>"
    )
    page = f"<body><table><tr><td>{prose}{table}</td></tr></table></body>"
    lines = read_file(_write(tmp_path, "t.html", page.encode())).text.split("\n")
    assert lines[:2] == [paragraph.format(1), paragraph.format(2)]
    assert lines[-2:] == ["三级指标\t指标值 （单位）", "培训人数\t≥300人"]


def test_html_declared_charset_is_used_and_valid_utf8_wins(tmp_path: Path) -> None:
    big5 = "<html><head><meta charset='big5'></head><body><p>績效目標</p></body></html>"
    assert read_file(_write(tmp_path, "b5.html", big5.encode("big5"))).text == "績效目標"
    wrong = "<html><head><meta charset='gbk'></head><body><p>绩效目标</p></body></html>"
    raw = read_file(_write(tmp_path, "w.html", wrong.encode("utf-8")))
    assert (raw.text, raw.encoding) == ("绩效目标", "utf-8")
