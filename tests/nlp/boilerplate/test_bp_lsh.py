"""The LSH candidate index proposes near-duplicates and only earlier keys."""

from __future__ import annotations

from nlp.boilerplate.lsh import CandidateIndex
from nlp.boilerplate.shingles import shingles


def test_near_duplicates_collide_and_unrelated_texts_do_not() -> None:
    index = CandidateIndex(threshold=0.5)
    assert index.add(0, shingles("项目资金实行专款专用单独核算专账管理严禁挤占挪用")) == []
    assert index.add(1, shingles("全县新建农家书屋十五个流动图书车下乡服务六十次")) == []
    assert index.add(2, shingles("项目资金实行专款专用单独核算专账管理严禁挤占")) == [0]
    assert index.size == 3


def test_an_empty_set_is_neither_queried_nor_indexed() -> None:
    index = CandidateIndex(threshold=0.5)
    assert index.add(9, frozenset()) == []
    assert index.size == 0


def test_minhashes_are_stable_across_indexes() -> None:
    sh = shingles("财务人员按月核对台账做到账实相符")
    a, b = CandidateIndex(threshold=0.5), CandidateIndex(threshold=0.5)
    assert (a.minhash(sh).hashvalues == b.minhash(sh).hashvalues).all()
