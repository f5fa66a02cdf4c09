"""The Whoosh schema: one index holding sentence, report and file documents (``doctype``).

Fields that a text query can match (``text``, ``grams``, ``cites``) exist on sentence documents
only, so a search needs no ``doctype`` filter (a filter over every sentence costs a full pass).

Sentence documents carry the text (our word analyser, with positions and character offsets),
its bigram backoff, tags, tag scores, the boilerplate verdict, section type, report metadata,
normalised cited 文号 and amounts in yuan. Report documents carry report metadata, the
boilerplate share, whether a problem is reported and the cited documents. File documents keep the
content hash of each input file for incremental builds.

>>> sorted(build_schema().names())[:4]
['agency', 'agency_grams', 'amounts', 'amounts_stored']
"""

from __future__ import annotations

from whoosh import fields

from index.analysis import gram_analyzer, word_analyzer

#: Bump when the schema changes; an index of another version must be rebuilt.
SCHEMA_VERSION = 1

DOCTYPE_SENTENCE = "sentence"
DOCTYPE_REPORT = "report"
DOCTYPE_FILE = "file"


def build_schema() -> fields.Schema:
    """A fresh schema instance (analysers are per-schema objects)."""
    words = word_analyzer()
    grams = gram_analyzer()
    return fields.Schema(
        doctype=fields.ID(stored=True),
        id=fields.ID(stored=True, unique=True),
        file=fields.ID(stored=True),
        report_id=fields.ID(stored=True, sortable=True),
        n=fields.NUMERIC(int, stored=True, sortable=True),
        text=fields.TEXT(analyzer=words, stored=True, phrase=True, chars=True),
        grams=fields.TEXT(analyzer=grams, phrase=True),
        tags=fields.KEYWORD(stored=True, commas=True, scorable=True),
        tag_scores=fields.STORED(),
        boilerplate=fields.BOOLEAN(stored=True),
        bp_label=fields.ID(sortable=True),  # "boilerplate" / "substantive" / "unknown", for facets
        bp_score=fields.NUMERIC(float, stored=True),
        bp_cluster=fields.ID(stored=True),
        bp_kind=fields.ID(stored=True),
        section=fields.ID(stored=True, sortable=True),
        unit=fields.STORED(),  # offsets, line, heading path, flags of the unit (JSON)
        title=fields.STORED(),
        title_text=fields.TEXT(analyzer=words),  # report documents only
        agency=fields.ID(stored=True, sortable=True),
        agency_grams=fields.TEXT(analyzer=grams, phrase=True),
        region=fields.ID(stored=True, sortable=True),
        year=fields.NUMERIC(int, stored=True, sortable=True),
        kind=fields.ID(stored=True, sortable=True),
        cites=fields.KEYWORD(commas=True),  # sentence documents
        report_cites=fields.KEYWORD(commas=True),  # report documents
        cite_titles=fields.TEXT(analyzer=grams, phrase=True),
        citations=fields.STORED(),  # JSON list of CiteRef
        amounts=fields.NUMERIC(float),
        amounts_stored=fields.STORED(),
        problem=fields.BOOLEAN(stored=True),
        report=fields.STORED(),  # report-level extras (JSON)
        content_hash=fields.ID(stored=True),
    )
