"""The Whoosh schema: one index holding sentence, report and file documents (``doctype``).

Fields that a text query can match (``text``, ``grams``, ``cites``) exist on sentence documents
only, so a search needs no ``doctype`` filter (a filter over every sentence costs a full pass).

Sentence documents carry the text (our word analyser, term frequencies only: no positions),
its bigram backoff, tags, tag scores, the boilerplate verdict, section type, report metadata,
normalised cited 文号 and amounts in yuan. Report documents carry report metadata, the
boilerplate share, whether a problem is reported and the cited documents. File documents keep the
content hash of each input file for incremental builds.

>>> sorted(build_schema().names())[:4]
['agency', 'agency_grams', 'amounts', 'amounts_stored']
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from whoosh import fields

from index.analysis import gram_analyzer, register_cache, word_analyzer

#: Bump when the schema changes; an index of another version must be rebuilt.
SCHEMA_VERSION = 3

DOCTYPE_SENTENCE = "sentence"
DOCTYPE_REPORT = "report"
DOCTYPE_FILE = "file"


#: kind → text → the postings ``TEXT.index`` made of it (boilerplate units repeat across reports).
Posting = tuple[bytes, int, "float | int", bytes]
_POSTINGS: dict[str, dict[str, tuple[Posting, ...]]] = {}
#: Texts kept per kind before the cache is emptied (bounds the memory of a long build).
POSTINGS_CACHE_SIZE = 1 << 15


class CachedText(fields.TEXT):
    """A TEXT field that analyses each distinct text once per process (``kind`` names the setup).

    The cache lives in this module, not on the field, so the schema pickled into the index
    stays small. :func:`index.analysis.clear_cache` empties it too.
    """

    def __init__(self, kind: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind = kind

    def index(self, value: Any, **kwargs: Any) -> Generator[Posting, Any, None]:
        if kwargs or not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        cache = _POSTINGS.setdefault(self.kind, {})
        found = cache.get(value)
        if found is None:
            if len(cache) >= POSTINGS_CACHE_SIZE:
                cache.clear()
            found = cache[value] = tuple(super().index(value))
        yield from found


register_cache(_POSTINGS.clear)


def build_schema() -> fields.Schema:
    """A fresh schema instance (analysers are per-schema objects)."""
    words = word_analyzer()
    grams = gram_analyzer()
    return fields.Schema(
        doctype=fields.ID(stored=True),
        id=fields.ID(stored=True, unique=True),
        file=fields.ID(stored=True),
        report_id=fields.ID(stored=True, sortable=True),
        n=fields.STORED(),  # never searched or sorted on by the engine
        # No positions or offsets (phrase=False; schema 2 stored positions despite this comment):
        # phrases are verified against the stored text (whoosh_phrase), highlights come from
        # index.search.highlight_spans. Positions cost build time and ~16 % of the disk.
        text=CachedText("words", analyzer=words, stored=True, phrase=False),
        grams=CachedText("grams", analyzer=grams, phrase=False),
        tags=fields.KEYWORD(stored=True, commas=True, scorable=True),
        tag_scores=fields.STORED(),
        boilerplate=fields.BOOLEAN(stored=True),
        bp_label=fields.ID(sortable=True),  # "boilerplate" / "substantive" / "unknown", for facets
        bp_score=fields.STORED(),
        bp_cluster=fields.ID(stored=True),
        bp_kind=fields.ID(stored=True),
        section=fields.ID(stored=True, sortable=True),
        unit=fields.STORED(),  # offsets, line, heading path, flags of the unit (JSON)
        title=fields.STORED(),
        title_text=fields.TEXT(analyzer=words),  # report documents only
        agency=fields.ID(stored=True, sortable=True),
        agency_grams=fields.TEXT(analyzer=grams, phrase=True),
        region=fields.ID(stored=True, sortable=True),
        year=fields.NUMERIC(int, stored=True, sortable=True, shift_step=0),  # few values: no tiers
        kind=fields.ID(stored=True, sortable=True),
        cites=fields.KEYWORD(commas=True),  # sentence documents
        report_cites=fields.KEYWORD(commas=True),  # report documents
        cite_titles=fields.TEXT(analyzer=grams, phrase=True),
        citations=fields.STORED(),  # JSON list of CiteRef
        amounts=fields.NUMERIC(float, shift_step=16),  # 4 tiers, not 16 terms per amount
        amounts_stored=fields.STORED(),
        problem=fields.BOOLEAN(stored=True),
        report=fields.STORED(),  # report-level extras (JSON)
        content_hash=fields.ID(stored=True),
    )
