"""Building and updating an index: ingest → tag → extract → boilerplate → index, incrementally.

Each input file's content hash is kept in the index. A rerun on the same files changes nothing;
a changed file replaces its old entries; new files are added. Boilerplate depends on the whole
corpus, so it is recomputed over every report in the index after any change, and sentences whose
verdict changed are rewritten. Citation counts are computed at query time from the index, so
they always reflect the whole corpus. Everything is written by one writer and committed at the
end: a failing or killed build leaves the previous index searchable.

>>> import tempfile
>>> from index.whoosh_engine import WhooshEngine
>>> engine = WhooshEngine.open(tempfile.mkdtemp() + "/ix", create=True)
>>> index_batches(engine, []).files_unchanged
0
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from corpus.errors import EvalCorpusError
from corpus.model import Document, Report
from index.convert import ReportNotes, notes_from_stages, rebuild_reports, report_doc, sentence_docs
from index.engine import Engine, EngineWriter
from index.pipeline import Stages, collect
from index.records import FileDoc, SentenceDoc, UnitFlags
from index.whoosh_engine import WhooshEngine

#: progress(stage, done, total) — stages: ingest, tag, extract, boilerplate, index.
Progress = Callable[[str, int, int | None], None]
#: detect(reports) → (flags by sentence id, boilerplate share by report id).
Detector = Callable[[Sequence[Report]], tuple[dict[str, UnitFlags], dict[str, float]]]


@dataclass(frozen=True)
class FileBatch:
    """One input file ready to index: its record, its reports and what the nlp stages said about them."""

    file: FileDoc
    reports: tuple[Report, ...]
    notes: dict[str, ReportNotes] = field(default_factory=dict)  # report id → notes


@dataclass(frozen=True)
class BuildSummary:
    """What a build did. ``recomputed`` names the corpus-level facts recomputed over the whole index."""

    index_dir: str
    files_added: tuple[str, ...] = ()
    files_replaced: tuple[str, ...] = ()
    files_unchanged: int = 0
    errors: tuple[EvalCorpusError, ...] = ()
    sentences_indexed: int = 0
    reports_indexed: int = 0
    boilerplate_updated: int = 0
    recomputed: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.files_added or self.files_replaced)


def content_hash(doc: Document) -> str:
    """SHA-256 of a document's decoded text (its name and format included)."""
    h = hashlib.sha256()
    for part in (doc.name, doc.format, doc.raw):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def file_doc(doc: Document) -> FileDoc:
    return FileDoc(doc.name, doc.path, content_hash(doc), tuple(r.id for r in doc.reports))


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


def _write_batch(
    w: EngineWriter, batch: FileBatch, flags: dict[str, UnitFlags], shares: dict[str, float]
) -> int:
    w.delete_file(batch.file.name)
    n = 0
    for report in batch.reports:
        notes = batch.notes.get(report.id, ReportNotes())
        docs = sentence_docs(report, notes, flags)
        for doc in docs:
            w.add_sentence(doc)
        w.add_report(report_doc(report, notes, docs, shares.get(report.id)))
        n += len(docs)
    w.add_file(batch.file)
    return n


def _refresh_flags(
    engine: Engine,
    w: EngineWriter,
    old: Sequence[SentenceDoc],
    skip: set[str],
    flags: dict[str, UnitFlags],
    shares: dict[str, float],
) -> int:
    """Rewrite the ``old`` sentences and reports (files not in ``skip``) whose boilerplate verdict changed."""
    updated = 0
    for doc in old:
        new = flags.get(doc.id, UnitFlags())
        if new != doc.flags:
            w.replace_sentence(replace(doc, flags=new))
            updated += 1
    for rep in engine.reports():
        if rep.file not in skip and shares.get(rep.id) != rep.boilerplate_share:
            w.replace_report(replace(rep, boilerplate_share=shares.get(rep.id)))
    return updated


def index_batches(
    engine: Engine,
    batches: Sequence[FileBatch],
    *,
    detect: Detector | None = None,
    procs: int = 1,
    progress: Progress = _noop,
    errors: Sequence[EvalCorpusError] = (),
    writer: EngineWriter | None = None,
) -> BuildSummary:
    """Write ``batches`` into ``engine`` (new files added, changed ones replaced, unchanged skipped).

    ``detect`` recomputes boilerplate over all reports of the updated index; without it flags
    stay unknown. Everything is committed at once (when the writer given, if any, is closed);
    an exception leaves the index as it was.
    """
    if writer is None:
        with engine.writer(procs=procs) as w:
            summary = index_batches(
                engine, batches, detect=detect, progress=progress, errors=errors, writer=w
            )
        return replace(summary, counts=engine.counts())
    known = engine.files()
    todo = [
        b for b in batches if known.get(b.file.name, FileDoc("", "", "")).content_hash != b.file.content_hash
    ]
    summary = BuildSummary(engine.path, files_unchanged=len(batches) - len(todo), errors=tuple(errors))
    if not todo:
        return summary
    names = {b.file.name for b in todo}
    flags: dict[str, UnitFlags] = {}
    shares: dict[str, float] = {}
    recomputed: tuple[str, ...] = ("citation counts (computed at query time)",)
    old: list[SentenceDoc] = []
    if detect is not None:
        progress("boilerplate", 0, None)
        # Sentences of the files kept, read once for both the rebuild and the refresh below.
        old = [d for d in engine.sentences() if d.file not in names]
        everything = [r for b in todo for r in b.reports] + rebuild_reports(engine, skip=names, sentences=old)
        flags, shares = detect(everything)
        progress("boilerplate", 1, 1)
        recomputed = (f"boilerplate clusters over all {len(everything)} reports", *recomputed)
    n_sent = 0
    for i, batch in enumerate(todo):
        n_sent += _write_batch(writer, batch, flags, shares)
        progress("index", i + 1, len(todo))
    updated = _refresh_flags(engine, writer, old, names, flags, shares) if detect is not None else 0
    return replace(
        summary,
        files_added=tuple(b.file.name for b in todo if b.file.name not in known),
        files_replaced=tuple(b.file.name for b in todo if b.file.name in known),
        sentences_indexed=n_sent,
        reports_indexed=sum(len(b.reports) for b in todo),
        boilerplate_updated=updated,
        recomputed=recomputed,
    )


def _boilerplate_detector(detect: Callable[[Sequence[Report]], Any]) -> Detector:
    def run(reports: Sequence[Report]) -> tuple[dict[str, UnitFlags], dict[str, float]]:
        result = detect(reports)
        flags = {sid: UnitFlags(f.boilerplate, f.score, f.cluster, f.kind) for sid, f in result.units.items()}
        shares = {rid: float(getattr(s, "share_units", s)) for rid, s in result.reports.items()}
        return flags, shares

    return run


def build(
    paths: str | Path | Iterable[str | Path],
    index_dir: str | Path,
    *,
    procs: int = 1,
    progress: Progress | None = None,
    on_error: Callable[[EvalCorpusError], None] | None = None,
    stages: Stages | None = None,
) -> BuildSummary:
    """Ingest, tag, extract, flag boilerplate and index ``paths`` into the index at ``index_dir``.

    Bad input files are passed to ``on_error`` (or collected in ``BuildSummary.errors``) and the
    build goes on. Raises SearchIndexError when a stage is missing or another writer holds the index.
    ``stages`` replaces the upstream functions (e.g. another tagger); by default they are looked
    up in ``corpus`` and ``nlp``.

    >>> build([], "/tmp/evalcorpus-doctest-ix").files_added  # doctest: +SKIP
    ()
    """
    report = progress or _noop
    stages = stages or Stages.load()
    engine = WhooshEngine.open(index_dir, create=True)
    errors: list[EvalCorpusError] = []
    handler = on_error or errors.append
    given = [paths] if isinstance(paths, (str, Path)) else list(paths)
    try:
        with engine.writer(procs=procs) as writer:  # held from the start: a second build fails at once
            batches = _read_inputs(engine, stages, given, handler, errors, report)
            summary = index_batches(
                engine,
                batches,
                detect=_boilerplate_detector(stages.detect),
                progress=report,
                errors=errors,
                writer=writer,
            )
        return replace(summary, counts=engine.counts())
    finally:
        engine.close()


def _read_inputs(
    engine: Engine,
    stages: Stages,
    given: list[str | Path],
    handler: Callable[[EvalCorpusError], None],
    errors: list[EvalCorpusError],
    progress: Progress,
) -> list[FileBatch]:
    """Read the inputs; tag and extract the files that are new or changed."""
    known = engine.files()
    batches: list[FileBatch] = []
    for doc in collect(stages.open_inputs(given, on_error=handler), errors):
        record = file_doc(doc)
        progress("ingest", len(batches) + 1, None)
        unchanged = known.get(doc.name, FileDoc("", "", "")).content_hash == record.content_hash
        batches.append(FileBatch(record, () if unchanged else doc.reports))
    notes = notes_from_stages([r for b in batches for r in b.reports], stages, progress)
    return [replace(b, notes={r.id: notes[r.id] for r in b.reports}) for b in batches]
