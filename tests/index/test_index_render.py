"""Output: escaping of untrusted report text, KWIC alignment, JSONL records."""

from __future__ import annotations

import io
import json

import pytest
from rich.cells import cell_len
from rich.console import Console

from index.engine import Engine
from index.kwic import kwic, kwic_lines
from index.records import SentenceDoc, SentenceHit, Span
from index.render import (
    disarm,
    hit_html,
    kwic_text,
    safe_text,
    sentence_record,
    sentences_table,
)
from index.search import search

EVIL = "[bold red]假[/bold red]\x1b[2J\x1b]0;title\x07<script>alert(1)</script>\u202e资金"


def _hit(text: str, spans: tuple[Span, ...] = ()) -> SentenceHit:
    doc = SentenceDoc("f#0#0", "f#0", "f", 0, text, 0, len(text), 1, agency="[blink]局", title="<b>题</b>")
    return SentenceHit(1, 1.0, doc, spans)


def _render(renderable: object) -> str:
    buf = io.StringIO()
    Console(file=buf, force_terminal=True, width=200, color_system="truecolor").print(renderable)
    return buf.getvalue()


def test_report_text_cannot_inject_markup_or_escapes_into_a_terminal() -> None:
    out = _render(safe_text(EVIL, [Span(len(EVIL) - 2, len(EVIL))]))
    assert "[bold red]假[/bold red]" in out  # printed literally, not interpreted
    assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\u202e" not in out and "\x07" not in out
    assert len(disarm(EVIL)) == len(EVIL)


def test_tables_escape_every_user_field() -> None:
    from index.records import SearchResults

    res = SearchResults("[x]\x1b[31m", 1, 1, 20, hits=(_hit(EVIL),))
    out = _render(sentences_table(res))
    assert "[blink]局" in out and "[x]" in out
    assert "\x1b[2J" not in out and "\x1b]0;" not in out


def test_html_output_is_escaped_and_marks_matches() -> None:
    text = "<script>资金</script>"
    html = hit_html(_hit(text, (Span(8, 10),)))
    assert "<script>" not in html and "&lt;script&gt;<mark>资金</mark>&lt;/script&gt;" in html
    assert "&lt;b&gt;题&lt;/b&gt;" in html


@pytest.mark.parametrize("width", [6, 10, 16])
def test_kwic_lines_align_the_match(width: int) -> None:
    texts = ["资金已按时足额发放到位", "ab资金cd", "本年度项目资金共计一百二十万元已经全部拨付"]
    hits = [_hit(t, (Span(t.index("资金"), t.index("资金") + 2),)) for t in texts]
    lines = kwic_lines(hits, width=width)
    rendered = [r.plain for r in kwic_text(lines, width=width)]
    assert {cell_len(r[: r.index("资金")]) for r in rendered} == {width + 1}
    assert all(cell_len(line.left) <= width and cell_len(line.right) <= width for line in lines)


def test_kwic_cuts_long_context_with_an_ellipsis() -> None:
    line = kwic("一二三四五六七八九十资金十九八七六五四三二一", Span(10, 12), width=8)
    assert line.left == "…八九十" and line.right == "十九八…" and line.match == "资金"  # … takes a cell


def test_jsonl_record_round_trips(built: Engine) -> None:
    hit = search(built, "川人社办发〔2017〕984号").hits[0]
    record = json.loads(json.dumps(sentence_record(hit), ensure_ascii=False))
    assert record["cites"] == ["川人社办发〔2017〕984号"] and record["spans"]
    start, end = record["spans"][0]
    assert "2017" in record["text"][start:end]
