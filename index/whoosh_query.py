"""The query AST and filters as Whoosh query objects.

A word that is one jieba dictionary word matches that term of the word field (the index holds
every dictionary word inside longer words too). Any other word matches the term OR the phrase of
its character bigrams — the backoff that finds a string whichever way jieba segmented the text
around it. A 文号 also matches its normalised number in the ``cites`` field. Quoted phrases and
words jieba splits match the bigram phrase only (exact); a word-field phrase would also match
across the sub-words of a longer word (``保险 中心`` in ``社会保险事务中心``). On sentences the
bigram phrase is a :class:`~index.whoosh_phrase.VerifiedPhrase`: the distinct bigrams ANDed
(rarest first, no positions), candidates checked against the stored text — exactly the
substring scan, several times faster than Whoosh's positional ``Phrase`` (kept for the small
``agency_grams`` / ``cite_titles`` fields). (ANDing the phrase with the dictionary words it
contains made selective phrases 40× slower on 323k: Whoosh intersected long word postings first.)

>>> from index.querylang import parse
>>> to_whoosh(parse('社会保险'), {})
Term('text', '社会保险')
>>> to_whoosh(parse('"足额发放"'), {})
VerifiedPhrase('grams', ['足额', '额发', '发放'], '足额发放')
"""

from __future__ import annotations

from whoosh import query as wq

from index.analysis import gram_spans, in_dictionary, word_spans
from index.engine import Filters
from index.querylang import And, Everything, Node, Not, Or, Phrase, Word
from index.schema import DOCTYPE_SENTENCE
from index.whoosh_phrase import VerifiedPhrase

#: Every sentence document (the text fields exist on sentences only, so other queries need no such term).
ALL_SENTENCES = wq.Term("doctype", DOCTYPE_SENTENCE)


def _terms_query(field: str, terms: list[str], text: str | None = None) -> wq.Query | None:
    if not terms:
        return None
    if len(terms) == 1:
        return wq.Term(field, terms[0])
    if text is not None:  # the field's text is stored: AND the bigrams, verify the candidates
        return VerifiedPhrase(field, terms, text)
    return wq.Phrase(field, terms)


def gram_query(field: str, text: str, *, verified: bool = False) -> wq.Query | None:
    """A phrase of the bigrams of ``text`` in a bigram field (None if ``text`` has no letters).

    ``verified=True`` (the ``grams`` field of sentences, whose text is stored): a
    :class:`~index.whoosh_phrase.VerifiedPhrase` instead of a positional phrase.
    """
    return _terms_query(field, [g for g, _, _, _ in gram_spans(text)], text if verified else None)


def _literal(text: str, keys: tuple[str, ...], phrase: bool) -> wq.Query:
    words = [w for w, _, _, _ in word_spans(text, query=True)]
    grams = gram_query("grams", text, verified=True)
    if isinstance(grams, wq.Term) and len(grams.text) == 1:  # one character: any bigram starting with it
        grams = wq.Prefix("grams", grams.text)
    parts: list[wq.Query] = []
    if len(words) == 1 and not phrase:
        parts.append(wq.Term("text", words[0]))
    # A dictionary word is indexed wherever it occurs inside a word (see word_spans): the term is
    # enough, and a term query is far cheaper than a phrase. Other strings need the bigrams.
    if grams is not None and not (parts and len(words[0]) > 1 and in_dictionary(words[0])):
        parts.append(grams)
    parts.extend(wq.Term("cites", k) for k in keys)
    if not parts:
        return wq.NullQuery
    return parts[0] if len(parts) == 1 else wq.Or(parts)


def to_whoosh(node: Node, citation_keys: dict[str, tuple[str, ...]]) -> wq.Query:
    """Translate a query AST (see :mod:`index.querylang`) into a Whoosh query."""
    q = _convert(node, citation_keys)
    if isinstance(q, wq.Not):
        q = wq.And([ALL_SENTENCES, q])
    whole = citation_keys.get("", ())  # the whole query read as a 文号, however it was spaced
    if whole:
        q = wq.Or([q, *(wq.Term("cites", k, boost=10.0) for k in whole)])
    return q


def _convert(node: Node, citation_keys: dict[str, tuple[str, ...]]) -> wq.Query:
    if isinstance(node, Everything):
        return ALL_SENTENCES
    if isinstance(node, Word):
        return _literal(node.text, citation_keys.get(node.text, ()), phrase=False)
    if isinstance(node, Phrase):
        return _literal(node.text, citation_keys.get(node.text, ()), phrase=True)
    if isinstance(node, Not):
        return wq.Not(_convert(node.item, citation_keys))
    # Items with nothing searchable in them (a lone bracket) are left out.
    items = [q for q in (_convert(item, citation_keys) for item in node.items) if q is not wq.NullQuery]
    if not items:
        return wq.NullQuery
    if isinstance(node, Or):
        return wq.Or(items)
    assert isinstance(node, And)
    if all(isinstance(item, wq.Not) for item in items):
        items.insert(0, ALL_SENTENCES)
    return wq.And(items)


def filter_parts(filters: Filters) -> list[wq.Query]:
    """The filters as Whoosh queries, to be ANDed with the text query."""
    parts: list[wq.Query] = [wq.Term("tags", tag) for tag in filters.tags]
    if filters.boilerplate is not None:
        parts.append(wq.Term("bp_label", "boilerplate" if filters.boilerplate else "substantive"))
    if filters.agency:
        parts.append(gram_query("agency_grams", filters.agency) or wq.NullQuery)
    if filters.region:
        parts.append(wq.Term("region", filters.region))
    if filters.year_min is not None or filters.year_max is not None:
        parts.append(wq.NumericRange("year", filters.year_min, filters.year_max))
    if filters.section:
        parts.append(wq.Term("section", filters.section))
    if filters.amount_min is not None or filters.amount_max is not None:
        parts.append(wq.NumericRange("amounts", filters.amount_min, filters.amount_max))
    if filters.report_ids:
        parts.append(wq.Or([wq.Term("report_id", r) for r in filters.report_ids]))
    return parts


def filter_query(filters: Filters) -> wq.Query:
    """All the filters as one query (its documents are cached as a set by the engine)."""
    parts = filter_parts(filters)
    if not parts:
        return ALL_SENTENCES
    return parts[0] if len(parts) == 1 else wq.And(parts)


def filtered(query: wq.Query, filters: Filters) -> wq.Query:
    """``query`` AND the filters, the filters scoring nothing (ranking is by the text query only).

    For one-off filters (the best sentence of one report): intersecting matchers skips through
    the filter postings, where Whoosh's ``filter=`` would first collect the filter's documents.
    """
    parts = filter_parts(filters)
    if not parts:
        return query
    return wq.And([query, wq.ConstantScoreQuery(parts[0] if len(parts) == 1 else wq.And(parts), 0.0)])
