"""The Whoosh engine: an on-disk index directory, an exclusive writer with a readable lock, searches.

Atomicity comes from Whoosh's commit protocol: new segments are written beside the old ones and
the table of contents (``_MAIN_<generation>.toc``) is written to a temporary file and renamed
into place as the last step. A build that fails calls ``cancel()``; one that is killed leaves
only unreferenced segment files, removed by the next commit. Readers always see the last
committed generation.

Searching: a relevance page of the common query shapes is ranked over whole posting blocks by
:mod:`index.whoosh_topk` (Whoosh's exhaustive ranking, to the last bit); other searches go
through Whoosh's collector, their total counted by :mod:`index.whoosh_count` (Whoosh's own
count under a limit is slow, and wrong when its collector prunes sub-matchers). The writer
spills postings in chunks (:mod:`index.whoosh_pool`).

>>> import tempfile
>>> engine = WhooshEngine.open(tempfile.mkdtemp() + "/ix", create=True)
>>> engine.counts()
{'sentence': 0, 'report': 0, 'file': 0}
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as windex
from whoosh import query as wq
from whoosh import sorting
from whoosh.idsets import BitSet
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from corpus.atomic import atomic_write
from corpus.errors import SearchIndexError
from index.engine import Engine, EngineHits, EngineWriter, Filters, ReportGroups, SearchSpec
from index.records import FileDoc, ReportDoc, SentenceDoc
from index.schema import DOCTYPE_FILE, DOCTYPE_REPORT, DOCTYPE_SENTENCE, SCHEMA_VERSION, build_schema
from index.whoosh_codec import (
    decode_file,
    decode_report,
    decode_sentence,
    encode_file,
    encode_report,
    encode_sentence,
)
from index.whoosh_count import count as count_matches
from index.whoosh_pool import use_chunked_pool
from index.whoosh_query import filter_query, filtered, gram_query, to_whoosh
from index.whoosh_topk import top as top_matches

META_FILE = "evalcorpus-index.json"
LOCK_INFO = "evalcorpus-writer.json"
#: Distinct filters whose document sets are kept per searcher (a BitSet is n_docs / 8 bytes).
FILTER_CACHE_SIZE = 64
#: Memory (MB, Whoosh's estimate) of the writer's posting pool before it spills a sorted run to
#: disk (Whoosh's default is 128). Resident memory is about twice this at its peak; each spill
#: costs a pickle + load + merge pass over the run's postings (see index.whoosh_pool).
WRITER_LIMIT_MB = 1024

#: Facet name → (field, several values per document?)
FACET_FIELDS: dict[str, tuple[str, bool]] = {
    "tag": ("tags", True),
    "agency": ("agency", False),
    "year": ("year", False),
    "boilerplate": ("bp_label", False),
    "section": ("section", False),
}


def _lock_holder(path: Path) -> str:
    try:
        info = json.loads((path / LOCK_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "another writer (no details recorded)"
    return f"pid {info.get('pid')} on {info.get('host')} since {info.get('time')}"


class WhooshWriter(EngineWriter):
    """Adds records through one Whoosh writer."""

    def __init__(self, writer: IndexWriter) -> None:
        self._w = writer
        self.dirty = False

    def _add(self, fields: dict[str, Any], *, update: bool = False) -> None:
        self.dirty = True
        if update:
            self._w.update_document(**fields)
        else:
            self._w.add_document(**fields)

    def add_sentence(self, doc: SentenceDoc) -> None:
        self._add(encode_sentence(doc))

    def add_report(self, doc: ReportDoc) -> None:
        self._add(encode_report(doc))

    def add_file(self, doc: FileDoc) -> None:
        self._add(encode_file(doc))

    def replace_sentence(self, doc: SentenceDoc) -> None:
        self._add(encode_sentence(doc), update=True)

    def replace_report(self, doc: ReportDoc) -> None:
        self._add(encode_report(doc), update=True)

    def delete_file(self, name: str) -> None:
        self.dirty = True
        self._w.delete_by_term("file", name)


def _cancel(writer: IndexWriter) -> None:
    """``writer.cancel()``, then delete the files of the segment it had started.

    Whoosh leaves them until the next commit, so each no-op or failed build would leave an empty
    segment behind. Only this writer's own (never committed) segment is touched.
    """
    segment = getattr(writer, "newsegment", None)  # SegmentWriter; MpWriter keeps its own per process
    storage = getattr(writer, "storage", None)
    writer.cancel()
    if segment is None or storage is None:
        return
    for name in segment.list_files(storage):
        with contextlib.suppress(OSError):
            storage.delete_file(name)


class WhooshEngine(Engine):
    """An index directory opened with Whoosh."""

    def __init__(self, path: Path, ix: windex.Index) -> None:
        self.path = str(path)
        self._dir = path
        self.ix = ix
        self._searcher: Searcher | None = None
        self._filters: dict[Filters, Any] = {}  # filter → (BitSet, mask) of its documents, this searcher
        self._lengths: dict[Any, Any] = {}  # (segment reader, field) → field lengths, this searcher

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False) -> WhooshEngine:
        """Open the index at ``path``; with ``create=True`` make an empty one if there is none."""
        where = Path(path)
        if windex.exists_in(str(where)):
            cls._check_meta(where)
            return cls(where, windex.open_dir(str(where)))
        if not create:
            raise SearchIndexError(
                "no index here (build one with `evalcorpus build PATH --index DIR`)", path=str(where)
            )
        if where.exists() and any(where.iterdir()):
            raise SearchIndexError(
                "directory is not empty and holds no index; choose another", path=str(where)
            )
        try:
            where.mkdir(parents=True, exist_ok=True)
            ix = windex.create_in(str(where), build_schema())
        except OSError as exc:
            raise SearchIndexError(f"cannot create index: {exc.strerror or exc}", path=str(where)) from exc
        with atomic_write(where / META_FILE) as handle:
            json.dump({"schema_version": SCHEMA_VERSION, "engine": "whoosh"}, handle)
        return cls(where, ix)

    @staticmethod
    def _check_meta(where: Path) -> None:
        try:
            meta = json.loads((where / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SearchIndexError(
                "not an evalcorpus index (metadata missing or unreadable)", path=str(where)
            ) from exc
        if meta.get("schema_version") != SCHEMA_VERSION:
            raise SearchIndexError(
                f"index schema version {meta.get('schema_version')} != {SCHEMA_VERSION}; rebuild it",
                path=str(where),
            )

    # -- writing -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def writer(self, *, procs: int = 1) -> Iterator[EngineWriter]:
        try:
            # limitmb: the posting pool spills sorted runs to disk (pickled) beyond this size.
            options: dict[str, Any] = {"limitmb": WRITER_LIMIT_MB}
            if procs > 1:
                options["procs"] = procs
            writer = self.ix.writer(timeout=0.0, **options)
        except windex.LockError as exc:
            raise SearchIndexError(f"index is locked by {_lock_holder(self._dir)}", path=self.path) from exc
        use_chunked_pool(writer, WRITER_LIMIT_MB)
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        with atomic_write(self._dir / LOCK_INFO) as handle:
            json.dump(info, handle)
        wrapped = WhooshWriter(writer)
        try:
            yield wrapped
        except BaseException:
            _cancel(writer)
            raise
        else:
            if wrapped.dirty:
                writer.commit()
            else:  # nothing changed: keep the current generation
                _cancel(writer)
        finally:
            with contextlib.suppress(OSError):
                (self._dir / LOCK_INFO).unlink()
            self._refresh()

    def _refresh(self) -> None:
        self._filters.clear()
        self._lengths.clear()
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def searcher(self) -> Searcher:
        """The engine's searcher, reused across queries (warm caches), refreshed after a commit."""
        if self._searcher is None:
            self._searcher = self.ix.searcher()
        elif not self._searcher.up_to_date():
            # Not Searcher.refresh(): in whoosh3 3.54 it fails on a searcher of an empty index.
            self._refresh()
            self._searcher = self.ix.searcher()
        return self._searcher

    def close(self) -> None:
        self._refresh()
        self.ix.close()

    # -- reading -----------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        s = self.searcher()
        kinds = (DOCTYPE_SENTENCE, DOCTYPE_REPORT, DOCTYPE_FILE)
        return {d: sum(1 for _ in wq.Term("doctype", d).docs(s)) for d in kinds}  # live documents only

    def files(self) -> dict[str, FileDoc]:
        docs = (decode_file(f) for f in self.searcher().documents(doctype=DOCTYPE_FILE))
        return {d.name: d for d in docs}

    def sentences(self, *, file: str | None = None) -> Iterator[SentenceDoc]:
        s = self.searcher()
        q: wq.Query = wq.Term("doctype", DOCTYPE_SENTENCE)
        if file is not None:
            q = wq.And([q, wq.Term("file", file)])
        for docnum in q.docs(s):
            yield decode_sentence(s.reader().stored_fields(docnum))

    def reports(self) -> Iterator[ReportDoc]:
        for stored in self.searcher().documents(doctype=DOCTYPE_REPORT):
            yield decode_report(stored)

    def report(self, report_id: str) -> ReportDoc | None:
        stored = self.searcher().document(id=report_id)
        return decode_report(stored) if stored and stored.get("doctype") == DOCTYPE_REPORT else None

    # -- searching ---------------------------------------------------------------------------
    def _facets(self, results: Any) -> dict[str, dict[str | int, int]]:
        return {name: dict(results.groups(name)) for name in FACET_FIELDS}

    def _filter_set(self, filters: Filters) -> tuple[Any, Any]:
        """The documents passing ``filters`` as a BitSet and as a numpy mask, once per filter and searcher."""
        found = self._filters.get(filters)
        if found is None:
            s = self.searcher()
            docs = list(filter_query(filters).docs(s))
            mask = np.zeros(s.doc_count_all(), dtype=bool)
            mask[np.asarray(docs, dtype=np.int64)] = True
            found = (BitSet(iter(docs), size=s.doc_count_all()), mask)  # a list: BitSet takes max() of it
            if len(self._filters) >= FILTER_CACHE_SIZE:
                self._filters.pop(next(iter(self._filters)))
            self._filters[filters] = found
        return found

    def _prepare(self, spec: SearchSpec, limit: int | None) -> tuple[wq.Query, dict[str, Any], Any]:
        """The Whoosh query, the search arguments and the filter mask (None: no filter) of ``spec``."""
        query = to_whoosh(spec.query, spec.citation_keys)
        kwargs: dict[str, Any] = {"limit": limit}
        mask = None
        if spec.filters.report_ids:  # one-off filters: intersect in the query, do not cache
            query = filtered(query, spec.filters)
        elif spec.filters != Filters():
            allowed, mask = self._filter_set(spec.filters)
            if allowed:
                kwargs["filter"] = allowed
            else:  # whoosh treats an empty (falsy) filter set as no filter at all
                query = wq.NullQuery
        return query, kwargs, mask

    def _run(self, spec: SearchSpec, limit: int | None) -> tuple[Any, Any]:
        """Whoosh's results and a function giving their exact total."""
        query, kwargs, mask = self._prepare(spec, limit)
        if spec.sort == "year":
            kwargs["sortedby"] = [sorting.FieldFacet("year", reverse=True), sorting.ScoreFacet()]
        if spec.facets:
            kwargs["groupedby"] = {
                name: sorting.FieldFacet(field, allow_overlap=multi, maptype=sorting.Count)
                for name, (field, multi) in FACET_FIELDS.items()
            }
        results = self.searcher().search(query, **kwargs)
        return results, lambda: self._total(results, query, mask)

    def _total(self, results: Any, query: wq.Query, mask: Any) -> int:
        """The exact number of matches, counted block by block (see index.whoosh_count).

        Not ``len(results)``: with a limit, Whoosh's top-N collector either skips blocks and then
        counts by running the query again posting by posting, or prunes sub-matchers that cannot
        reach the page (``Matcher.replace``) and then counts too few (e.g. ``a NOT b`` with ``a``
        an OR). ``len(results)`` remains the fallback for queries the counter does not handle.
        """
        found = count_matches(self.searcher(), query, mask)
        return len(results) if found is None else found

    def _top(self, spec: SearchSpec, limit: int) -> EngineHits | None:
        """The page ranked by index.whoosh_topk (None when the query needs Whoosh's collector)."""
        query, _, mask = self._prepare(spec, limit)
        searcher = self.searcher()
        found = top_matches(searcher, query, mask, limit, self._lengths)
        if found is None:
            return None
        total, page = found
        reader = searcher.reader()
        # One segment: its per-document reader directly (the reader's stored_fields also filters
        # the stored dict against the schema, a third of the cost of a hit).
        stored = getattr(reader, "_perdoc", reader).stored_fields
        hits = tuple((score, decode_sentence(stored(d))) for score, d in page[spec.offset :])
        return EngineHits(total=total, hits=hits)

    def search(self, spec: SearchSpec) -> EngineHits:
        limit = None if spec.limit is None else spec.offset + spec.limit
        if limit is not None and spec.sort == "relevance" and not spec.facets and not spec.filters.report_ids:
            fast = self._top(spec, limit)
            if fast is not None:
                return fast
        results, total = self._run(spec, limit)
        end = len(results.top_n) if spec.limit is None else spec.offset + spec.limit
        hits = tuple(
            (results[i].score or 0.0, decode_sentence(results[i].fields()))
            for i in range(spec.offset, min(end, len(results.top_n)))
        )
        return EngineHits(total=total(), hits=hits, facets=self._facets(results) if spec.facets else {})

    def search_reports(self, spec: SearchSpec) -> ReportGroups:
        results, _ = self._run(spec, None)
        if not results.top_n:  # also: an empty index's reader has no columns at all
            return ReportGroups(total=0, groups=(), facets=self._facets(results) if spec.facets else {})
        column = self.searcher().reader().column_reader("report_id")
        order: dict[str, list[float]] = {}
        for score, docnum in (
            (results.score(i) or 0.0, results.docnum(i)) for i in range(len(results.top_n))
        ):
            order.setdefault(column[docnum], []).append(score)
        ranked = tuple((scores[0], rid, len(scores)) for rid, scores in order.items())
        stop = None if spec.limit is None else spec.offset + spec.limit
        return ReportGroups(
            total=len(ranked),
            groups=ranked[spec.offset : stop],
            facets=self._facets(results) if spec.facets else {},
        )

    def best_sentence(self, spec: SearchSpec, report_id: str) -> tuple[float, SentenceDoc] | None:
        narrowed = SearchSpec(
            query=spec.query,
            filters=_with_report(spec, report_id),
            citation_keys=spec.citation_keys,
            limit=1,
        )
        hits = self.search(narrowed).hits
        return hits[0] if hits else None

    def citing(self, keys: tuple[str, ...], text: str) -> list[SentenceDoc]:
        parts: list[wq.Query] = [wq.Term("cites", k) for k in keys]
        by_title = gram_query("cite_titles", text)
        if by_title is not None:
            parts.append(by_title)
        if not parts:
            return []
        s = self.searcher()
        q = wq.And([wq.Term("doctype", DOCTYPE_SENTENCE), wq.Or(parts)])
        docs = [decode_sentence(s.reader().stored_fields(d)) for d in q.docs(s)]
        return sorted(docs, key=lambda d: (d.file, d.report_id, d.n))


def _with_report(spec: SearchSpec, report_id: str) -> Filters:
    return replace(spec.filters, report_ids=(report_id,))
