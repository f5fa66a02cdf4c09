"""Block-wise counts (whoosh_count), top pages (whoosh_topk) and VerifiedPhrase equal Whoosh's own answers."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage
from whoosh.searching import Searcher

import index.whoosh_phrase as whoosh_phrase
from index.analysis import gram_analyzer, gram_spans, squeeze
from index.build import index_batches
from index.search import search
from index.whoosh_count import count
from index.whoosh_engine import WhooshEngine
from index.whoosh_phrase import VerifiedPhrase
from index.whoosh_topk import top

WORDS = ["资金", "发放", "按时", "足额", "到位", "绩效", "目标", "养老"]
ALPHABET = "资金发放按时足额到位绩效"


def _docs(n: int, seed: int = 3) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = " ".join(rng.sample(WORDS, rng.randint(1, 4)) * rng.randint(1, 3))
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(2, 40)))
        out.append((("sentence", "report", "file")[i % 7 % 3], words, text))
    return out


DOCS = _docs(600)


@pytest.fixture(scope="module")
def searcher() -> Iterator[Searcher]:
    """Three segments, postings long enough for several blocks, and deleted documents."""
    schema = fields.Schema(
        doctype=fields.ID(),
        n=fields.ID(stored=True),
        words=fields.TEXT(phrase=False),
        text=fields.STORED(),
        grams=fields.TEXT(analyzer=gram_analyzer(), phrase=False),
    )
    ix = RamStorage().create_index(schema)
    for part in (range(0, 300), range(300, 500), range(500, 600)):
        with ix.writer() as w:
            for i in part:
                doctype, words, text = DOCS[i]
                w.add_document(doctype=doctype, n=str(i), words=words, text=text, grams=text)
    with ix.writer(merge=False) as w:
        for i in range(0, 600, 11):
            w.delete_by_term("n", str(i))
    with ix.searcher() as s:
        assert not s.is_atomic() and s.reader().has_deletions()
        yield s


def _phrase(text: str) -> wq.Query:
    grams = [g for g, *_ in gram_spans(text)]
    return wq.Term("grams", grams[0]) if len(grams) == 1 else VerifiedPhrase("grams", grams, text)


leaves = st.one_of(
    st.sampled_from([*WORDS, "无此词"]).map(lambda w: wq.Term("words", w)),
    st.sampled_from(["sentence", "report", "file", "none"]).map(lambda d: wq.Term("doctype", d)),
    st.text(alphabet=ALPHABET, min_size=2, max_size=5).map(_phrase),
    st.sampled_from(ALPHABET).map(lambda c: wq.Prefix("grams", c)),
    st.just(wq.NullQuery),
)
queries = st.recursive(
    leaves,
    lambda sub: st.one_of(
        st.lists(sub, min_size=1, max_size=3).map(wq.And),
        st.lists(sub, min_size=1, max_size=3).map(wq.Or),
        sub.map(wq.Not),
        sub.map(lambda q: wq.ConstantScoreQuery(q, 0.0)),
    ),
    max_leaves=6,
)


def _holds(q: wq.Query, i: int) -> bool:
    """Does document ``i`` of DOCS match ``q``? Evaluated from the source data, not by Whoosh."""
    doctype, words, text = DOCS[i]
    if isinstance(q, VerifiedPhrase):
        return q.squeezed in squeeze(text)
    if isinstance(q, wq.Term):
        if q.fieldname == "words":
            return q.text in words.split()
        if q.fieldname == "doctype":
            return q.text == doctype
        return q.text in {g for g, *_ in gram_spans(text)}
    if isinstance(q, wq.Prefix):
        return any(g.startswith(q.text) for g, *_ in gram_spans(text))
    if isinstance(q, wq.And):
        return all(_holds(c, i) for c in q.subqueries)
    if isinstance(q, wq.Or):
        return any(_holds(c, i) for c in q.subqueries)
    if isinstance(q, wq.Not):
        return not _holds(q.query, i)
    if isinstance(q, wq.ConstantScoreQuery):
        return _holds(q.child, i)
    assert q is wq.NullQuery, q
    return False


@settings(max_examples=200, deadline=None)
@given(q=queries, seed=st.integers(0, 3))
def test_count_equals_the_documents_matching_by_construction(
    searcher: Searcher, q: wq.Query, seed: int
) -> None:
    # The oracle is the source data, not Whoosh: Whoosh's own docs_for_query lets deleted documents
    # through Not(Not(…)) and, for Not(Or([Not(a), Not(b)])) over segments, let a non-matching one through.
    expected = {i for i in range(len(DOCS)) if i % 11 and _holds(q, i)}
    assert count(searcher, q) == len(expected)
    allowed = np.random.default_rng(seed).random(searcher.doc_count_all()) < 0.5
    assert count(searcher, q, allowed) == sum(1 for d in expected if allowed[d])


ranked_leaves = st.one_of(
    st.sampled_from([*WORDS, "无此词"]).map(lambda w: wq.Term("words", w)),
    st.text(alphabet=ALPHABET, min_size=2, max_size=5).map(_phrase),
)
ranked = st.recursive(
    ranked_leaves,
    lambda sub: st.one_of(
        st.lists(sub, min_size=1, max_size=2).map(wq.And),
        st.lists(sub, min_size=1, max_size=2).map(wq.Or),
        st.tuples(sub, sub).map(lambda ab: wq.And([ab[0], wq.Not(ab[1])])),
    ),
    max_leaves=5,
)


@settings(max_examples=200, deadline=None)
@given(q=ranked, limit=st.sampled_from([1, 5, 20, 1000]), filtered=st.booleans())
def test_top_pages_equal_whooshs_to_the_last_bit(
    searcher: Searcher, q: wq.Query, limit: int, filtered: bool
) -> None:
    allowed = np.random.default_rng(limit).random(searcher.doc_count_all()) < 0.6 if filtered else None
    found = top(searcher, q, allowed, limit, {})
    assert found is not None
    kwargs = {"filter": {int(d) for d in np.flatnonzero(allowed)}} if allowed is not None else {}
    # Whoosh's exhaustive ranking: its pruned top-N (limit=…) can drop a best-scoring document
    # (e.g. And([资金, Not(VerifiedPhrase(…))]) with limit=1 skips docnum 162 for 333 at equal score).
    everything = [(hit.score, hit.docnum) for hit in searcher.search(q, limit=None, **kwargs)]
    assert found[1] == everything[:limit] and found[0] == len(everything)


def test_shapes_whose_scores_depend_on_whooshs_matcher_tree_are_left_to_it(searcher: Searcher) -> None:
    three = wq.Or([wq.Term("words", w) for w in WORDS[:3]])
    assert top(searcher, three, None, 10, {}) is None
    assert top(searcher, wq.Term("words", "资金", boost=2.0), None, 10, {}) is None
    assert top(searcher, wq.Not(wq.Term("words", "资金")), None, 10, {}) is None
    assert top(searcher, wq.Term("doctype", "sentence"), None, 10, {}) is None  # not a BM25F field


def test_queries_it_does_not_know_are_left_to_whoosh(searcher: Searcher) -> None:
    assert count(searcher, wq.Phrase("grams", ["资金", "金发"])) is None
    assert count(searcher, wq.And([wq.Term("words", "资金"), wq.Every()])) is None


@pytest.mark.parametrize("ratio", [0, 10**9])  # always skip through / always read whole blocks
@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=ALPHABET, min_size=3, max_size=6))
def test_block_wise_phrase_gives_the_matchers_ids_and_scores(
    searcher: Searcher, ratio: int, text: str
) -> None:
    q = _phrase(text)
    if not isinstance(q, VerifiedPhrase):
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(whoosh_phrase, "SKIP_RATIO", ratio)
        fast = searcher.search(q, limit=None)
        found = [(hit.docnum, hit.score) for hit in fast]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(whoosh_phrase, "_leaf", lambda m: None)  # Whoosh's intersection matcher instead
        slow = [(hit.docnum, hit.score) for hit in searcher.search(q, limit=None)]
    assert found == slow  # same documents, same ranking, scores equal to the last bit
    live = [i for i, d in enumerate(DOCS) if i % 11 and squeeze(text) in squeeze(d[2])]
    assert sorted(int(searcher.reader().stored_fields(d)["n"]) for d, _ in found) == live


def test_a_not_query_counts_what_the_top_n_collector_pruned(kit: SimpleNamespace, tmp_path: Path) -> None:
    """Whoosh's top-N collector swaps in cheaper matchers as the page fills, then miscounts."""
    # Rising scores fill and raise the page's minimum score before the weak branch is reached.
    strong = [("养老" * (1 + i // 4) + f"服务第{i}项。", "overview", (), False, (), None) for i in range(40)]
    weak = [
        (f"本年度医疗救助资金的拨付与使用情况说明第{i}项。", "overview", (), False, (), None)
        for i in range(40)
    ]
    rows = strong + weak
    report = kit.make_report("big.txt", 0, rows, agency="某县民政局", year=2022, title="报告")
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    index_batches(engine, [kit.make_batch(report, rows)], detect=kit.repeat_detector())
    s = engine.searcher()
    q = wq.And([wq.Or([wq.Term("text", "养老"), wq.Term("text", "医疗")]), wq.Not(wq.Term("text", "火灾"))])
    expected = len(set(s.docs_for_query(q)))
    assert expected == 80 and len(s.search(q, limit=1)) != expected  # Whoosh's own count, as `total` was
    found = search(engine, "养老 OR 医疗 NOT 火灾", limit=1)
    assert found.total == expected and len(found.hits) == 1 and "养老" in found.hits[0].text


def test_a_filtered_search_of_an_empty_index_finds_nothing(tmp_path: Path) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    assert search(engine, "社会保险 OR 养老", tags=["problem"], year="2021..2023").total == 0


def test_double_negation_over_segments_counts_exactly(searcher: Searcher) -> None:
    """The example where Whoosh's docs_for_query let a non-matching document through (found by Hypothesis)."""
    q = wq.Not(wq.Or([wq.Not(wq.Term("words", "资金")), wq.Not(wq.Term("grams", "发位"))]))
    same = wq.And([wq.Term("words", "资金"), wq.Term("grams", "发位")])
    expected = sum(1 for i in range(len(DOCS)) if i % 11 and _holds(same, i))
    assert expected > 0
    assert count(searcher, q) == count(searcher, same) == expected
