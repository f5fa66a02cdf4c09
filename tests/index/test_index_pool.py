"""The chunked posting pool: spilled runs come back complete and sorted, and the index is unchanged."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import RamStorage
from whoosh.writing import PostingPool

import index.whoosh_engine as whoosh_engine
import index.whoosh_pool as whoosh_pool
from index.build import FileBatch, index_batches
from index.search import search
from index.whoosh_engine import WhooshEngine
from index.whoosh_pool import ChunkedPostingPool

Posting = tuple[str, bytes, int, float, bytes | None]

postings = st.lists(
    st.tuples(
        st.sampled_from(["grams", "tags", "text"]),
        st.binary(min_size=1, max_size=6),
        st.integers(0, 10_000),
        st.floats(0.5, 4.0),
        st.one_of(st.none(), st.binary(max_size=4)),
    ),
    max_size=300,
    unique_by=lambda p: p[:3],  # one posting per field, term and document, as a writer makes
)


def _drain(pool: Any, items: list[Posting], limit: int) -> list[Posting]:
    pool.limit = limit  # bytes of Whoosh's size estimate: a few postings per run
    for item in items:
        pool.add(item)
    return list(pool.iter_postings())


@settings(max_examples=40, deadline=None)
@given(items=postings, limit=st.sampled_from([200, 1_000, 10**9]))
def test_spilled_runs_come_back_sorted_and_complete(items: list[Posting], limit: int) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(whoosh_pool, "CHUNK", 3)  # chunk boundaries inside every run
        got = _drain(ChunkedPostingPool(RamStorage(), None, limitmb=1), items, limit)
    assert got == sorted(items)
    assert got == list(_drain(PostingPool(RamStorage(), None, limitmb=1), items, limit))


def test_runs_written_posting_by_posting_are_read_too() -> None:
    """The sub-writers of Whoosh's multiprocess writer spill with the plain pool."""
    storage = RamStorage()
    items: list[Posting] = [("text", b"b", 2, 1.0, None), ("text", b"a", 1, 1.0, b"x")]
    plain = PostingPool(storage, None, limitmb=1)
    for item in items:
        plain.add(item)
    plain.save()
    chunked = ChunkedPostingPool(storage, None, limitmb=1)
    assert list(chunked._read_run(plain.runs[0])) == sorted(items)


def test_the_engine_writer_uses_the_chunked_pool(tmp_path: Path) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    with engine.writer() as w:
        assert isinstance(w._w.pool, ChunkedPostingPool)  # type: ignore[attr-defined]


@pytest.mark.parametrize("query", ["养老", '"按时足额"', "资金 AND 安全", "川人社办发[2017]984号", ""])
def test_an_index_built_with_spills_answers_like_one_built_in_memory(
    kit: SimpleNamespace,
    tmp_path: Path,
    corpus_batches: list[FileBatch],
    monkeypatch: pytest.MonkeyPatch,
    query: str,
) -> None:
    memory = WhooshEngine.open(tmp_path / "memory", create=True)
    index_batches(memory, corpus_batches, detect=kit.repeat_detector())

    def tiny(writer: Any, limitmb: int) -> None:
        whoosh_pool.use_chunked_pool(writer, limitmb)
        writer.pool.limit = 2_000  # spill every few dozen postings

    monkeypatch.setattr(whoosh_engine, "use_chunked_pool", tiny)
    spilled = WhooshEngine.open(tmp_path / "spilled", create=True)
    index_batches(spilled, corpus_batches, detect=kit.repeat_detector())

    def answer(engine: WhooshEngine) -> list[tuple[str, float]]:
        return [(h.doc.id, round(h.score, 6)) for h in search(engine, query, limit=50).hits]

    assert answer(spilled) == answer(memory) and answer(memory)
