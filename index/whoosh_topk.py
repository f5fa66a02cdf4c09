"""The top page of a relevance search by whole posting blocks (numpy), ranked exactly as Whoosh ranks it.

Whoosh's collector scores matches one posting and several Python calls at a time. For the query
shapes a search of words makes — terms of the BM25F-scored text fields, verified phrases, and
``And`` / ``Or`` nodes of at most two items (one may be a ``Not``) — :func:`top` reads each term's
postings one decoded block at a time, computes BM25F over arrays with the term's own scorer
(operation for operation, so equal to the last bit), combines the items as Whoosh's matchers do
(a union or intersection adds its two scores, which IEEE addition does in either order; a
``Not`` item adds its constant 1.0) and takes the top N by score, then document number, as
Whoosh's top-N collector does. With three or more items Whoosh's summation order depends on its
matcher tree, so :func:`top` returns None and the caller runs Whoosh.

>>> import tempfile
>>> from whoosh import fields, index
>>> from whoosh import query as wq
>>> ix = index.create_in(tempfile.mkdtemp(), fields.Schema(t=fields.TEXT))
>>> with ix.writer() as w:
...     for value in ("alpha beta", "alpha", "beta gamma", "alpha alpha gamma"):
...         w.add_document(t=value)
>>> with ix.searcher() as s:
...     q = wq.Or([wq.Term("t", "alpha"), wq.Term("t", "gamma")])
...     total, page = top(s, q, None, 2, {})
...     same = page == [(h.score, h.docnum) for h in s.search(q, limit=2)]
>>> total, same
(4, True)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield, byte_to_length
from whoosh.query import qcore
from whoosh.scoring import BM25FScorer

from index.whoosh_phrase import VerifiedPhrase, _blocks, _bm25, _leaf

#: byte → field length, as Whoosh decodes the length column.
_LENGTHS = np.asarray([byte_to_length(b) for b in range(256)], dtype=np.float64)
#: The score a ``Not`` item adds (Whoosh's InverseMatcher weight).
NOT_SCORE = 1.0

Scored = tuple[Any, Any]  # (ids ascending, scores) of one segment


def _empty() -> Scored:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)


class _Segment:
    def __init__(self, searcher: Any, offset: int, lengths: dict[Any, Any]) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.offset = offset
        self.cache = lengths  # (segment reader, field) → lengths array, kept by the engine per searcher
        deleted = self.reader.deleted_docs_set if self.reader.has_deletions() else frozenset()
        self.deleted = np.fromiter(deleted, dtype=np.int64) if deleted else None

    def lengths(self, fieldname: str) -> Any:
        key = (self.reader, fieldname)
        found = self.cache.get(key)
        if found is None:
            perdoc = getattr(self.reader, "_perdoc", None)
            column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN) if perdoc else None
            if column is None or not hasattr(column, "_dbfile"):
                return None
            raw = np.frombuffer(column._dbfile.get(column._basepos, column._count), dtype=np.uint8)
            size = self.reader.doc_count_all()
            codes = np.zeros(size, dtype=np.uint8)
            codes[: len(raw)] = raw[:size]
            found = self.cache[key] = _LENGTHS[codes]
        return found

    def term(self, q: wq.Term) -> Scored | None:
        if q.boost != 1.0:
            return None
        if (q.fieldname, q.text) not in self.reader:
            return _empty()
        leaf = _leaf(wq.Term(q.fieldname, q.text).matcher(self.searcher))
        lengths = self.lengths(q.fieldname)
        if leaf is None or type(leaf.scorer) is not BM25FScorer or lengths is None:
            return None
        ids, weights = _blocks(leaf)
        if self.deleted is not None:
            live = ~np.isin(ids, self.deleted)
            ids, weights = ids[live], weights[live]
        return ids, _bm25(leaf.scorer, weights, lengths[ids])

    def scored(self, q: Any) -> Scored | None:
        """``q``'s live matches with Whoosh's scores, or None for a shape this module does not rank."""
        if isinstance(q, wq.Term):
            return self.term(q)
        if isinstance(q, VerifiedPhrase):
            m: Any = q.matcher(self.searcher)
            if not m.is_active():
                return _empty()
            return np.asarray(m._ids, dtype=np.int64), np.asarray(m._weights, dtype=np.float64)
        if q is wq.NullQuery or isinstance(q, qcore._NullQuery):
            return _empty()
        if type(q) not in (wq.And, wq.Or) or q.boost != 1.0 or getattr(q, "minmatch", 0):
            return None
        subs = list(q.subqueries)
        if len(subs) == 1:
            return self.scored(subs[0])
        if len(subs) != 2:
            return None
        if isinstance(q, wq.Or):
            return self._union(subs)
        return self._intersection(subs)

    def _union(self, subs: list[Any]) -> Scored | None:
        if any(isinstance(s, wq.Not) for s in subs):
            return None
        a, b = self.scored(subs[0]), self.scored(subs[1])
        if a is None or b is None:
            return None
        ids = np.union1d(a[0], b[0])
        scores = np.zeros(len(ids), dtype=np.float64)
        in_a = np.isin(ids, a[0], assume_unique=True)
        in_b = np.isin(ids, b[0], assume_unique=True)
        scores[in_a] = a[1]
        scores[in_b] += b[1]  # a + b where both match (0.0 + b is b)
        return ids, scores

    def _intersection(self, subs: list[Any]) -> Scored | None:
        nots = [s for s in subs if isinstance(s, wq.Not)]
        if len(nots) == 2:
            return None
        if nots:
            positive = self.scored(next(s for s in subs if not isinstance(s, wq.Not)))
            if positive is None:
                return None
            excluded = self._ids(nots[0].query)
            if excluded is None:
                return None
            keep = ~np.isin(positive[0], excluded, assume_unique=True)
            return positive[0][keep], positive[1][keep] + NOT_SCORE
        a, b = self.scored(subs[0]), self.scored(subs[1])
        if a is None or b is None:
            return None
        ids, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
        return ids, a[1][ia] + b[1][ib]

    def _ids(self, q: Any) -> Any:
        from index.whoosh_count import _Segment as Counting

        mask = Counting(self.searcher).mask(q)
        return None if mask is None else np.flatnonzero(mask)


def top(
    searcher: Any, q: Any, allowed: Any, limit: int, lengths: dict[Any, Any]
) -> tuple[int, list[Any]] | None:
    """(number of matches, the ``limit`` best ``(score, docnum)``) or None when Whoosh must rank ``q``.

    ``allowed`` is a mask over the whole index (or None); ``lengths`` a cache of length columns.
    """
    all_ids, all_scores = [], []
    for sub, offset in searcher.leaf_searchers():
        found = _Segment(sub, offset, lengths).scored(q)
        if found is None:
            return None
        ids, scores = found
        ids = ids + offset
        if allowed is not None:
            keep = allowed[ids]
            ids, scores = ids[keep], scores[keep]
        all_ids.append(ids)
        all_scores.append(scores)
    ids = np.concatenate(all_ids) if all_ids else np.zeros(0, dtype=np.int64)
    scores = np.concatenate(all_scores) if all_scores else np.zeros(0, dtype=np.float64)
    if len(ids) > limit:
        # Candidates: every document scoring at least the limit-th best score (ties included).
        cut = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        near = scores >= cut
        ids, scores = ids[near], scores[near]
    order = np.lexsort((ids, -scores))[:limit]
    return int(sum(len(i) for i in all_ids)), [(float(scores[i]), int(ids[i])) for i in order]
