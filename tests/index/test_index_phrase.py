"""VerifiedPhrase (bigrams ANDed, candidates checked on the stored text) equals the substring scan.

Also the writer/engine details that came with the speed work: a no-op writer leaves no files, an
empty index answers ``search_reports``, the postings cache gives the same postings.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage
from whoosh.searching import Searcher

from index.analysis import clear_cache, gram_analyzer, gram_spans, squeeze
from index.engine import Filters, SearchSpec
from index.querylang import parse
from index.schema import CachedText
from index.whoosh_engine import WhooshEngine
from index.whoosh_phrase import VerifiedPhrase

ALPHABET = "资金发放按时足额到位绩效〔2017〕号，。 Aa"


def _texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 30))) for _ in range(n)]


TEXTS = _texts(150)


@pytest.fixture(scope="module")
def searcher() -> Iterator[Searcher]:
    schema = fields.Schema(
        text=fields.STORED(),
        grams=CachedText("test-grams", analyzer=gram_analyzer()),
        positional=fields.TEXT(analyzer=gram_analyzer(), phrase=True),
    )
    ix = RamStorage().create_index(schema)
    for part in (TEXTS[:75], TEXTS[75:]):  # two segments
        with ix.writer() as w:
            for text in part:
                w.add_document(text=text, grams=text, positional=text)
    with ix.searcher() as s:
        yield s


def _ids(s: Searcher, q: wq.Query) -> set[int]:
    return set(q.docs(s))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=2, max_size=8))
def test_verified_phrase_equals_the_scan_and_the_positional_phrase(searcher: Searcher, phrase: str) -> None:
    grams = [g for g, *_ in gram_spans(phrase)]
    if len(grams) < 2:
        return
    expected = {i for i, t in enumerate(TEXTS) if squeeze(phrase) in squeeze(t)}
    assert _ids(searcher, VerifiedPhrase("grams", grams, phrase)) == expected
    assert _ids(searcher, wq.Phrase("positional", grams)) == expected


LONG = [i for i, t in enumerate(TEXTS) if len(squeeze(t)) >= 10]


@pytest.mark.parametrize("i", [LONG[0], LONG[len(LONG) // 2], LONG[-1]])
def test_phrases_cut_from_indexed_texts_find_them(searcher: Searcher, i: int) -> None:
    squeezed = squeeze(TEXTS[i])
    phrase = squeezed[3:9]
    found = _ids(searcher, VerifiedPhrase("grams", [g for g, *_ in gram_spans(phrase)], phrase))
    assert i in found and found == {j for j, t in enumerate(TEXTS) if phrase in squeeze(t)}


def test_ranked_search_scores_verified_hits(searcher: Searcher) -> None:
    phrase = "资金发放"
    results = searcher.search(VerifiedPhrase("grams", [g for g, *_ in gram_spans(phrase)], phrase))
    assert all(h.score and h.score > 0 for h in results)


def test_cached_field_gives_the_same_postings_as_a_plain_field() -> None:
    plain = fields.TEXT(analyzer=gram_analyzer())
    cached = CachedText("test-same", analyzer=gram_analyzer())
    for text in TEXTS[:20] + TEXTS[:20]:
        assert list(cached.index(text)) == list(plain.index(text))
    clear_cache()
    assert list(cached.index(TEXTS[0])) == list(plain.index(TEXTS[0]))


def _files(path: Path) -> set[str]:
    return {p.name for p in path.iterdir()}


def test_writer_that_changes_nothing_leaves_no_files(tmp_path: Path) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    before = _files(tmp_path / "ix")
    with engine.writer():
        pass
    with pytest.raises(RuntimeError), engine.writer():
        raise RuntimeError("fails half way")
    assert _files(tmp_path / "ix") - before <= {"MAIN_WRITELOCK"}  # Whoosh's lock file, reused
    engine.close()


def test_reports_search_on_an_empty_index(tmp_path: Path) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    groups = engine.search_reports(SearchSpec(query=parse("资金"), filters=Filters()))
    assert groups.total == 0 and groups.groups == ()
    engine.close()
