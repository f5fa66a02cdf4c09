"""The Whoosh full-text index over reports, sentences, tags, boilerplate flags and citations.

The notebook API::

    import index
    summary = index.build(["reports/"], "ix")          # ingest → tag → extract → boilerplate → index
    ix = index.open_index("ix")
    res = index.search(ix, '"按时足额发放" OR 社会保险', tags=["problem"], year="2021..2023")
    for hit in res.hits: print(hit.score, hit.doc.agency, hit.text)
    index.cites(ix, "川人社办发[2017]984号")            # any bracket style, or part of a title
    index.documents(ix)[:10]                            # most-cited documents

The functions are bound here, after their modules (``index.build`` is the function, the
module stays importable as ``import index.build``).
"""

from __future__ import annotations

from index.build import build
from index.citations import cites, documents
from index.search import open_index, search

__all__ = ["build", "cites", "documents", "open_index", "search"]
