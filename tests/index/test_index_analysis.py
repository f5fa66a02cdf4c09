"""The analysers: positions that keep phrases working, the bigram backoff, character offsets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields, index
from whoosh.qparser import QueryParser

from corpus.model import Report, Sentence
from index.analysis import clear_cache, gram_analyzer, gram_spans, word_analyzer, word_spans
from index.build import FileBatch, index_batches
from index.records import FileDoc
from index.search import search
from index.whoosh_engine import WhooshEngine
from nlp.tokenize import jieba_tokenizer, normalize_width

AGENCY = "攀枝花市社会保险事务中心"


@pytest.fixture()
def jieba_word() -> Iterator[object]:
    """Add a word to the shared jieba dictionary for one test, then take it out again."""
    tk = jieba_tokenizer()
    added: list[str] = []

    def add(word: str) -> None:
        tk.add_word(word, freq=10**7)
        added.append(word)
        clear_cache()

    yield add
    for word in added:
        tk.del_word(word)
    clear_cache()


def _one_sentence_index(tmp_path: Path, text: str) -> WhooshEngine:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    s = Sentence("t#0#0", "t#0", 0, text, 0, len(text), 0, len(text), 1)
    report = Report("t#0", "t", 0, None, None, None, None, "other", 0, len(text), text, sentences=(s,))
    index_batches(engine, [FileBatch(FileDoc("t", "t", "h"), (report,))])
    return engine


@pytest.mark.parametrize("glued", [None, "社会保险事务中心", "市社会保险事务", "攀枝花市社会保险事务中心"])
def test_word_inside_a_longer_word_is_found_however_jieba_segments(
    tmp_path: Path, jieba_word: object, glued: str | None
) -> None:
    if glued:
        jieba_word(glued)  # type: ignore[operator]
        assert "社会保险" not in [w for w, *_ in word_spans(AGENCY, query=True)]
    engine = _one_sentence_index(tmp_path, f"{AGENCY}负责待遇发放。")
    assert [h.doc.id for h in search(engine, "社会保险").hits] == ["t#0#0"]
    assert [h.doc.id for h in search(engine, '"保险事务"').hits] == ["t#0#0"]
    assert search(engine, '"保险中心"').total == 0


def test_subwords_share_the_position_of_their_word() -> None:
    spans = word_spans(AGENCY)
    main = {(s, e) for _, _, s, e in word_spans(AGENCY, query=True)}
    words = [p for _, p, s, e in spans if (s, e) in main]
    assert words == list(range(len(words)))
    for _, p, s, e in spans:
        container = [p2 for w2, p2, s2, e2 in spans if s2 <= s and e <= e2 and (s2, e2) != (s, e)]
        if container:
            assert p == container[0]


def _whoosh_index(tmp_path: Path, analyzer: object, text: str) -> Any:
    schema = fields.Schema(text=fields.TEXT(analyzer=analyzer, stored=True, phrase=True, chars=True))  # type: ignore[arg-type]
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as w:
        w.add_document(text=text)
    return ix


def test_phrase_queries_work_with_our_analyser_and_not_with_jiebas(tmp_path: Path) -> None:
    from jieba.analyse import ChineseAnalyzer

    text = "确保养老金按时足额发放到位，按时足额完成。"
    (tmp_path / "ours").mkdir()
    (tmp_path / "jieba").mkdir()
    ours = _whoosh_index(tmp_path / "ours", word_analyzer(), text)
    theirs = _whoosh_index(tmp_path / "jieba", ChineseAnalyzer(), text)
    for ix, expected in ((ours, 1), (theirs, 0)):
        with ix.searcher() as s:
            q = QueryParser("text", ix.schema).parse('"按时足额发放"')
            assert len(s.search(q)) == expected, ix.schema["text"].analyzer
            q = QueryParser("text", ix.schema).parse('"足额发放按时"')
            assert len(s.search(q)) == 0


def test_whoosh_highlights_use_our_character_offsets(tmp_path: Path) -> None:
    text = "资金已于年底前按时足额发放。"
    (tmp_path / "h").mkdir()
    ix = _whoosh_index(tmp_path / "h", word_analyzer(), text)
    with ix.searcher() as s:
        hit = s.search(QueryParser("text", ix.schema).parse('"足额发放"'), terms=True)[0]
        marked = hit.highlights("text")
    assert marked == '资金已于年底前按时<b class="match term0">足额发放</b>'


def test_gram_tokens_ignore_brackets_and_spaces() -> None:
    a = [g for g, *_ in gram_spans("川人社办发〔2017〕984号")]
    b = [g for g, *_ in gram_spans("川人社办发 [ 2017 ] 984 号")]
    assert a == b


def test_analysers_set_positions_and_chars() -> None:
    toks = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in word_analyzer()("资金55万元", positions=True, chars=True)
    ]
    assert toks == [("资金", 0, 0, 2), ("55万元", 1, 2, 6), ("万元", 1, 4, 6)]
    grams = [(t.text, t.pos) for t in gram_analyzer()("资金", positions=True, start_pos=3)]
    assert grams == [("资金", 3)]


_TEXT = st.text(
    alphabet=st.sampled_from("社会保险事务中心按时足额发放资金，。2017〔〕ABab ５５%元"), max_size=30
)


@settings(max_examples=60, deadline=None)
@given(_TEXT)
def test_spans_point_back_into_the_text(text: str) -> None:
    for term, _pos, start, end in word_spans(text):
        assert normalize_width(text[start:end]).lower() == term
    positions = [p for _, p, _, _ in word_spans(text)]
    assert positions == sorted(positions)
    for term, pos, start, end in gram_spans(text):
        assert term[0] == normalize_width(text[start]).lower()
        assert term[-1] == normalize_width(text[end - 1]).lower()
        assert pos >= 0


@settings(max_examples=40, deadline=None)
@given(_TEXT, _TEXT, _TEXT)
def test_grams_of_a_substring_occur_consecutively(left: str, middle: str, right: str) -> None:
    whole = [g for g, *_ in gram_spans(left + middle + right)]
    part = [g for g, *_ in gram_spans(middle)]
    if len(part) >= 1 and len(part[0]) == 2:
        assert any(whole[i : i + len(part)] == part for i in range(len(whole)))


def test_a_dictionary_word_cut_by_jieba_is_still_a_term(tmp_path: Path) -> None:
    text = "卫生服务项目实施方案已经印发。"
    assert "实施方案" not in [w for w, *_ in word_spans(text, query=True)]  # jieba: 项目实施 | 方案
    assert ("实施方案", 2, 6, 10) in word_spans(text)
    engine = _one_sentence_index(tmp_path, text)
    assert search(engine, "实施方案").total == 1 and search(engine, "服务项目").total == 1
