"""An exact phrase over the bigram field without positional matching: AND the bigrams, then verify.

Whoosh's positional ``Phrase`` walks the positions of every document holding all the bigrams
(pure Python, long postings for common bigrams): it made phrases the slowest queries by far.
:class:`VerifiedPhrase` intersects the *distinct* bigram terms (rarest first, no positions read)
to get the candidates, then keeps those whose stored text contains the phrase, compared the way
the bigram field sees text (:func:`index.analysis.squeeze`: width folded, lower case, only letters,
digits and ideographs). The result is exactly the substring scan over squeezed texts; the score is
the BM25F sum of the bigram terms.

>>> VerifiedPhrase("grams", ["足额", "额发", "发放"], "足额发放")
VerifiedPhrase('grams', ['足额', '额发', '发放'], '足额发放')
"""

from __future__ import annotations

from typing import Any

from whoosh import matching
from whoosh import query as wq
from whoosh.query import qcore
from whoosh.util import make_binary_tree

from index.analysis import squeeze


class VerifiedPhrase(qcore.Query):
    """Documents whose ``textfield`` (stored) contains ``phrase``, found through the bigram ``terms``."""

    def __init__(self, fieldname: str, terms: list[str], phrase: str, textfield: str = "text") -> None:
        self.fieldname = fieldname
        self.terms_ = list(terms)
        self.phrase = phrase
        self.squeezed = squeeze(phrase)
        self.textfield = textfield
        self.boost = 1.0

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

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        """The verified candidates of one segment as a list matcher (ids ascending, BM25F scores)."""
        reader = searcher.reader()
        distinct = list(dict.fromkeys(self.terms_))
        if any((self.fieldname, t) not in reader for t in distinct):
            return matching.NullMatcher()
        distinct.sort(key=lambda t: reader.doc_frequency(self.fieldname, t))  # rarest first
        subs = [wq.Term(self.fieldname, t).matcher(searcher, context) for t in distinct]
        m = make_binary_tree(matching.IntersectionMatcher, subs) if len(subs) > 1 else subs[0]
        ids: list[int] = []
        scores: list[float] = []
        while m.is_active():
            docnum = m.id()
            if self.squeezed in squeeze(reader.stored_fields(docnum).get(self.textfield, "")):
                ids.append(docnum)
                scores.append(m.score() * self.boost)
            m.next()
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(ids, weights=scores)
