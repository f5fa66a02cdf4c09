"""Exact match counts over whole posting blocks, for the searches whose top page Whoosh ranks alone.

When Whoosh's top-N collector uses its block-quality optimisation it skips posting blocks that
cannot reach the page, so it cannot count the matches; ``len(results)`` then runs the query a
second time, one posting (and one Python call) at a time. :func:`count` gets the same number by
set algebra on numpy masks of the documents: a term's documents are read one decoded posting
block at a time, ``And`` / ``Or`` / ``Not`` are ``&`` / ``|`` / ``~``, deleted documents never
count, and a filter is one more mask. Queries it does not know return None (the caller falls
back on Whoosh's own count).

>>> import tempfile
>>> from whoosh import fields, index
>>> ix = index.create_in(tempfile.mkdtemp(), fields.Schema(t=fields.KEYWORD))
>>> with ix.writer() as w:
...     for value in ("a b", "a", "b c", "c"):
...         w.add_document(t=value)
>>> from whoosh import query as wq
>>> with ix.searcher() as s:
...     count(s, wq.Or([wq.Term("t", "a"), wq.Term("t", "c")])), count(s, wq.Not(wq.Term("t", "b")))
(4, 2)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import qcore

from index.whoosh_phrase import VerifiedPhrase, _blocks

#: Fields holding exactly one value on every document: a term is the complement of the others.
ONE_VALUE_FIELDS = frozenset({"doctype"})

Mask = Any  # numpy bool array, one entry per document of a segment


def term_ids(reader: Any, fieldname: str, text: str) -> Any:
    """The documents of one term in one segment (deleted ones included), ascending, as an int array."""
    if (fieldname, text) not in reader:
        return np.zeros(0, dtype=np.int64)
    m = reader.postings(fieldname, text)
    if isinstance(m, FilterMatcher):  # the deleted documents are masked out by the caller
        m = m.child
    if not isinstance(m, W3LeafMatcher):
        return np.fromiter(m.all_ids(), dtype=np.int64)
    return _blocks(m, with_weights=False)[0]


class _Segment:
    """Masks of one segment's documents (live documents only)."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.live = np.ones(self.size, dtype=bool)
        if self.reader.has_deletions():
            self.live[np.fromiter(self.reader.deleted_docs_set, dtype=np.int64)] = False

    def of_ids(self, ids: Any) -> Mask:
        mask = np.zeros(self.size, dtype=bool)
        mask[ids] = True
        return mask & self.live

    def term(self, fieldname: str, text: str) -> Mask:
        if (fieldname, text) not in self.reader:
            return np.zeros(self.size, dtype=bool)
        if fieldname not in ONE_VALUE_FIELDS:
            return self.of_ids(term_ids(self.reader, fieldname, text))
        # Every document but those holding one of the other values: reads the short postings only.
        mask = self.live.copy()
        for other in self.reader.lexicon(fieldname):
            if other.decode("utf-8") != text:
                mask[term_ids(self.reader, fieldname, other.decode("utf-8"))] = False
        return mask

    def mask(self, q: Any) -> Mask | None:
        """The live documents matching ``q``, or None for a query this module does not handle."""
        if isinstance(q, wq.Term):
            return self.term(q.fieldname, q.text)
        if isinstance(q, VerifiedPhrase):
            return self.of_ids(np.asarray(q.verified_ids(self.searcher), dtype=np.int64))
        if isinstance(q, wq.Prefix):
            words = list(self.reader.expand_prefix(q.fieldname, q.text))
            ids = [term_ids(self.reader, q.fieldname, w.decode("utf-8")) for w in words]
            return self.of_ids(np.concatenate([np.zeros(0, dtype=np.int64), *ids]))
        if q is wq.NullQuery or isinstance(q, qcore._NullQuery):
            return np.zeros(self.size, dtype=bool)
        if isinstance(q, wq.ConstantScoreQuery):
            return self.mask(q.child)
        if isinstance(q, wq.Not):
            inner = self.mask(q.query)
            return None if inner is None else ~inner & self.live
        if type(q) in (wq.And, wq.Or) and not getattr(q, "minmatch", 0):
            found = [self.mask(sub) for sub in q.subqueries]
            masks = [m for m in found if m is not None]
            if len(masks) < len(found):
                return None
            if not masks:
                return np.zeros(self.size, dtype=bool)
            out = masks[0].copy()
            for m in masks[1:]:
                if isinstance(q, wq.And):
                    out &= m
                else:
                    out |= m
            return out
        return None


def count(searcher: Any, q: Any, allowed: Mask | None = None) -> int | None:
    """How many live documents match ``q`` (and ``allowed``, a mask over the whole index), or None."""
    total = 0
    for sub, offset in searcher.leaf_searchers():
        seg = _Segment(sub)
        mask = seg.mask(q)
        if mask is None:
            return None
        if allowed is not None:
            mask = mask & allowed[offset : offset + seg.size]
        total += int(np.count_nonzero(mask))
    return total
