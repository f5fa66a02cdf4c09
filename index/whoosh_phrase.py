"""An exact phrase over the bigram field without positional matching: AND the bigrams, then verify.

Whoosh's positional ``Phrase`` walks the positions of every document holding all the bigrams
(pure Python, long postings for common bigrams): it made phrases the slowest queries by far.
:class:`VerifiedPhrase` intersects the *distinct* bigram terms (rarest first, no positions read)
to get the candidates, then keeps those whose stored text contains the phrase, compared the way
the bigram field sees text (:func:`index.analysis.squeeze`: width folded, lower case, only letters,
digits and ideographs). The result is exactly the substring scan over squeezed texts; the score is
the BM25F sum of the bigram terms.

The intersection works on whole posting blocks (numpy) for terms about as common as the
candidates, and skips through the postings (``skip_to``) of terms far more common than them;
the verified documents are then scored term by term with each term's own BM25F scorer, summed
in the order Whoosh's intersection matcher sums them, so scores are the same to the last bit.
The verified documents of each segment are kept on the query object for
:func:`index.whoosh_count.count` (the same search counting its matches; nothing outlives it).

>>> VerifiedPhrase("grams", ["足额", "额发", "发放"], "足额发放")
VerifiedPhrase('grams', ['足额', '额发', '发放'], '足额发放')
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import matching
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import qcore
from whoosh.scoring import BM25FScorer, WeightLengthScorer
from whoosh.util import make_binary_tree

from index.analysis import squeeze

#: A term more than this many times as frequent as the candidates is skipped through, not read whole.
SKIP_RATIO = 8


def _tree_sum(values: list[Any]) -> Any:
    """The sum in the order of ``make_binary_tree(IntersectionMatcher, …).score()``."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return _tree_sum(values[:half]) + _tree_sum(values[half:])


def _bm25(scorer: BM25FScorer, tf: Any, fl: Any) -> Any:
    """``whoosh.scoring.bm25`` over arrays, operation for operation (so equal to the last bit)."""
    b, k1 = scorer.B, scorer.K1
    return scorer.idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / scorer.avgfl)))


class _ScoredList(matching.ListMatcher):
    """A ListMatcher that computes the maximum of its weights once (Whoosh's recomputes it per call)."""

    _max: float | None = None

    def block_max_weight(self) -> float:
        if self._max is None:
            self._max = super().block_max_weight()
        return self._max


def _leaf(m: Any) -> Any:
    """The block matcher under Whoosh's deleted-documents wrapper, or None if it is not one."""
    if isinstance(m, FilterMatcher):
        m = m.child
    ok = isinstance(m, W3LeafMatcher) and isinstance(getattr(m, "scorer", None), WeightLengthScorer)
    return m if ok else None


def _block(m: Any, with_weights: bool) -> tuple[Any, Any]:
    """The ids (and weights) of a block matcher's current block, decoded as its ``_read_*`` do."""
    if m._data is None:
        m._read_data()
    ids, weights = m._data[0], m._data[1]
    ids = np.asarray(ids, dtype=np.int64) if m._byteids else np.cumsum(np.asarray(ids, dtype=np.int64))
    if not with_weights:
        return ids, None
    n = m._blocklength
    if weights is None:
        return ids, np.ones(n, dtype=np.float64)
    if isinstance(weights, float):  # Whoosh fills an array("f") with it
        return ids, np.full(n, float(np.float32(weights)), dtype=np.float64)
    return ids, np.asarray(weights, dtype=np.float64)


def _blocks(m: Any, with_weights: bool = True) -> tuple[Any, Any]:
    """All ids (and weights) of a block matcher from its current block on, one block at a time."""
    ids, weights = [], []
    while m.is_active():
        block_ids, block_weights = _block(m, with_weights)
        ids.append(block_ids)
        weights.append(block_weights)
        m._next_block()
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    return np.concatenate(ids), np.concatenate(weights) if with_weights else None


def _narrow(cand: Any, cols: list[Any], m: Any, df: int) -> tuple[Any, list[Any]]:
    """Keep the candidates ``m`` holds; add its weights as one more column."""
    if len(cand) * SKIP_RATIO < df:
        keep, weights = [], []
        for i, doc in enumerate(cand.tolist()):
            if not m.is_active():
                break
            m.skip_to(doc)
            if m.is_active() and m.id() == doc:
                keep.append(i)
                weights.append(m.weight())
        idx = np.asarray(keep, dtype=np.int64)
        return cand[idx], [c[idx] for c in cols] + [np.asarray(weights, dtype=np.float64)]
    ids, weights = _blocks(m)
    _, here, there = np.intersect1d(cand, ids, assume_unique=True, return_indices=True)
    return cand[here], [c[here] for c in cols] + [weights[there]]


class VerifiedPhrase(qcore.Query):
    """Documents whose ``textfield`` (stored) contains ``phrase``, found through the bigram ``terms``."""

    def __init__(self, fieldname: str, terms: list[str], phrase: str, textfield: str = "text") -> None:
        self.fieldname = fieldname
        self.terms_ = list(terms)
        self.phrase = phrase
        self.squeezed = squeeze(phrase)
        self.textfield = textfield
        self.boost = 1.0
        self._verified: list[tuple[Any, list[int]]] = []  # (segment reader, verified ids) of this search

    def __repr__(self) -> str:
        return f"VerifiedPhrase({self.fieldname!r}, {self.terms_!r}, {self.phrase!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VerifiedPhrase) and (
            other.fieldname,
            other.terms_,
            other.squeezed,
            other.textfield,
        ) == (self.fieldname, self.terms_, self.squeezed, self.textfield)

    def __hash__(self) -> int:
        return hash((self.fieldname, tuple(self.terms_), self.squeezed, self.textfield))

    def _and(self) -> wq.And:
        return wq.And([wq.Term(self.fieldname, t) for t in dict.fromkeys(self.terms_)])

    def has_terms(self) -> bool:
        return True

    def terms(self, phrases: bool = False) -> Any:
        return ((self.fieldname, t) for t in dict.fromkeys(self.terms_))

    def normalize(self) -> VerifiedPhrase:
        return self

    def estimate_size(self, ixreader: Any) -> int:
        return int(self._and().estimate_size(ixreader))

    def estimate_min_size(self, ixreader: Any) -> int:
        return 0

    def verified_ids(self, searcher: Any) -> list[int]:
        """The verified documents of ``searcher``'s segment (from this query's own matcher run)."""
        reader = searcher.reader()
        for seen, ids in self._verified:
            if seen is reader:
                return ids
        self.matcher(searcher)
        return self._verified[-1][1]

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        """The verified candidates of one segment as a list matcher (ids ascending, BM25F scores)."""
        reader = searcher.reader()
        distinct = list(dict.fromkeys(self.terms_))
        ids: list[int] = []
        scores: list[float] = []
        if all((self.fieldname, t) in reader for t in distinct):
            distinct.sort(key=lambda t: reader.doc_frequency(self.fieldname, t))  # rarest first
            subs = [wq.Term(self.fieldname, t).matcher(searcher, context) for t in distinct]
            leaves = [_leaf(m) for m in subs]
            if all(leaf is not None for leaf in leaves):
                ids, scores = self._by_blocks(
                    reader, leaves, [reader.doc_frequency(self.fieldname, t) for t in distinct]
                )
            else:
                ids, scores = self._by_matcher(reader, subs)
        self._verified = [*self._verified[-7:], (reader, ids)]
        if not ids:
            return matching.NullMatcher()
        return _ScoredList(ids, weights=scores)

    def _keeps(self, reader: Any, docnum: int) -> bool:
        # The per-document reader directly: SegmentReader.stored_fields also filters the stored
        # dict against the schema, which doubled the cost of reading it.
        perdoc = getattr(reader, "_perdoc", None) or reader
        text = perdoc.stored_fields(docnum).get(self.textfield, "")
        # squeeze() maps text character by character and keeps the characters of a squeezed
        # string as they are, so a squeezed phrase found verbatim is found in the squeezed text.
        return self.squeezed in text or self.squeezed in squeeze(text)

    def _by_blocks(self, reader: Any, leaves: list[Any], dfs: list[int]) -> tuple[list[int], list[float]]:
        cand, first = _blocks(leaves[0])
        cols = [first]
        for m, df in zip(leaves[1:], dfs[1:], strict=True):
            if not len(cand):
                break
            cand, cols = _narrow(cand, cols, m, df)
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        keep = [i for i, doc in enumerate(cand.tolist()) if doc not in deleted and self._keeps(reader, doc)]
        if not keep:
            return [], []
        idx = np.asarray(keep, dtype=np.int64)
        docs = cand[idx].tolist()
        scorers = [m.scorer for m in leaves]
        dfl = scorers[0].dfl
        lengths = [dfl(doc) for doc in docs]
        if all(type(sc) is BM25FScorer for sc in scorers):
            fl = np.asarray(lengths, dtype=np.float64)
            per_term = [_bm25(sc, c[idx], fl) for sc, c in zip(scorers, cols, strict=True)]
            return docs, (_tree_sum(per_term) * self.boost).tolist()
        scores = [
            _tree_sum([sc._score(float(c[i]), length) for sc, c in zip(scorers, cols, strict=True)])
            * self.boost
            for i, length in zip(keep, lengths, strict=True)
        ]
        return docs, scores

    def _by_matcher(self, reader: Any, subs: list[Any]) -> tuple[list[int], list[float]]:
        m = make_binary_tree(matching.IntersectionMatcher, subs) if len(subs) > 1 else subs[0]
        ids: list[int] = []
        scores: list[float] = []
        while m.is_active():
            docnum = m.id()
            if self._keeps(reader, docnum):
                ids.append(docnum)
                scores.append(m.score() * self.boost)
            m.next()
        return ids, scores
