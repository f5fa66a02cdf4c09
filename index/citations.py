"""Who cites what: the sentences citing a policy document, and the most-cited documents.

A document is looked up by its 文号 in any bracket or spacing style (normalised by
``nlp.extract.citations``; the bigram backoff matches even without the extractor) or by part of
its title. Counts are computed from the index at query time, so they always cover every report
in it, however it was built up.

>>> import tempfile
>>> from index.search import open_index
>>> documents(open_index(tempfile.mkdtemp() + "/ix", create=True))
[]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from corpus.errors import QueryError
from index.engine import Engine
from index.pipeline import citation_keys
from index.records import CitedDocumentCount, CiteRef, SentenceDoc, Span
from index.search import highlight_spans
from nlp.tokenize import normalize_width


@dataclass(frozen=True)
class CitingHit:
    """A sentence citing the document looked up, with the matching citations and where they stand."""

    doc: SentenceDoc
    citations: tuple[CiteRef, ...]
    spans: tuple[Span, ...] = ()

    @property
    def text(self) -> str:
        return self.doc.text


def _squeeze(text: str) -> str:
    return "".join(ch for ch in normalize_width(text).lower() if ch.isalnum())


def _matches(ref: CiteRef, keys: tuple[str, ...], needle: str) -> bool:
    if ref.normalized and ref.normalized in keys:
        return True
    return bool(needle) and needle in _squeeze(f"{ref.title or ''}{ref.doc_number or ''}")


def cites(ix: Engine, text: str) -> list[CitingHit]:
    """Sentences citing the document given by a 文号 (any bracket style) or part of a title.

    Raises QueryError for an empty lookup.
    """
    if not text.strip():
        raise QueryError("give a document number or part of a title to look up")
    keys = citation_keys(text)
    needle = _squeeze(text)
    hits = []
    for doc in ix.citing(keys, text):
        refs = tuple(c for c in doc.citations if _matches(c, keys, needle))
        if refs:
            surfaces = [c.doc_number or c.title or "" for c in refs]
            hits.append(CitingHit(doc, refs, highlight_spans(doc.text, [s for s in surfaces if s])))
    return hits


def document_key(ref: CiteRef) -> str:
    """The identity of a cited document: its normalised 文号, else its title (without 《》)."""
    return ref.normalized or (ref.title or "").strip("《》 ")


def documents(ix: Engine, *, limit: int | None = None) -> list[CitedDocumentCount]:
    """The cited documents, most cited first (by reports, then sentences)."""
    reports: dict[str, set[str]] = defaultdict(set)
    sentences: dict[str, set[str]] = defaultdict(set)
    agencies: dict[str, set[str]] = defaultdict(set)
    years: dict[str, set[int]] = defaultdict(set)
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    for rep in ix.reports():
        for ref in rep.citations:
            key = document_key(ref)
            if not key:
                continue
            reports[key].add(rep.id)
            sentences[key].add(ref.sentence_id)
            if rep.agency:
                agencies[key].add(rep.agency)
            if rep.year:
                years[key].add(rep.year)
            if ref.title:
                titles[key][ref.title] += 1
    table = [
        CitedDocumentCount(
            normalized=key,
            title=titles[key].most_common(1)[0][0] if titles[key] else None,
            n_reports=len(reports[key]),
            n_sentences=len(sentences[key]),
            n_agencies=len(agencies[key]),
            years=tuple(sorted(years[key])),
        )
        for key in reports
    ]
    table.sort(key=lambda d: (-d.n_reports, -d.n_sentences, d.normalized))
    return table if limit is None else table[:limit]
