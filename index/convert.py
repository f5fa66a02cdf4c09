"""Reports and what the nlp stages say about them → index records, and back.

>>> from corpus.model import Report, Sentence
>>> s = Sentence("f#0#0", "f#0", 0, "资金已足额拨付。", 0, 8, 0, 8, 1)
>>> r = Report("f#0", "f", 0, "某项目", None, "某局", 2022, "project", 0, 8, s.text, sentences=(s,))
>>> [d.tags for d in sentence_docs(r, ReportNotes(tags={"f#0#0": ("amount",)}), {})]
[('amount',)]
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from corpus.model import Report, Sentence
from index.records import CiteRef, ReportDoc, SentenceDoc, UnitFlags

if TYPE_CHECKING:
    from index.engine import Engine
    from index.pipeline import Stages


@dataclass(frozen=True)
class ReportNotes:
    """What tagging and extraction produced for one report, keyed by sentence id."""

    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    amounts: dict[str, tuple[float, ...]] = field(default_factory=dict)
    citations: dict[str, tuple[CiteRef, ...]] = field(default_factory=dict)


def _sentence_of(report: Report, sentence_id: str | None, start: int) -> str | None:
    if sentence_id:
        return sentence_id
    starts = [s.start for s in report.sentences]
    i = bisect.bisect_right(starts, start) - 1
    return report.sentences[i].id if i >= 0 else None


def notes_from_facts(report: Report, tagged: Sequence[Any], facts: Any) -> ReportNotes:
    """ReportNotes from ``TaggedSentence``s and a ``ReportFacts`` of the nlp stages."""
    amounts: dict[str, list[float]] = defaultdict(list)
    for a in getattr(facts, "amounts", ()):
        sid = _sentence_of(report, a.sentence_id, a.start)
        if sid and a.yuan is not None:
            amounts[sid].append(float(a.yuan))
    cites: dict[str, list[CiteRef]] = defaultdict(list)
    for c in getattr(facts, "citations", ()):
        sid = _sentence_of(report, c.sentence_id, c.start)
        if sid:
            cites[sid].append(CiteRef(c.normalized or "", c.doc_number, c.title, sid))
    return ReportNotes(
        tags={t.sentence.id: tuple(t.labels) for t in tagged},
        scores={t.sentence.id: {k: float(v) for k, v in t.scores.items()} for t in tagged},
        amounts={k: tuple(v) for k, v in amounts.items()},
        citations={k: tuple(v) for k, v in cites.items()},
    )


def notes_from_stages(
    reports: Sequence[Report], stages: Stages, progress: Callable[[str, int, int | None], None]
) -> dict[str, ReportNotes]:
    """Tag and extract every report, reporting progress per stage."""
    progress("tag", 0, len(reports))
    tagged = stages.tag_reports(list(reports)) if reports else []
    progress("tag", len(reports), len(reports))
    notes: dict[str, ReportNotes] = {}
    for i, (report, tags) in enumerate(zip(reports, tagged, strict=True)):
        notes[report.id] = notes_from_facts(report, tags, stages.extract_report(report))
        progress("extract", i + 1, len(reports))
    return notes


def sentence_docs(report: Report, notes: ReportNotes, flags: dict[str, UnitFlags]) -> list[SentenceDoc]:
    """The sentence documents of one report."""
    return [
        SentenceDoc(
            id=s.id,
            report_id=report.id,
            file=report.file,
            n=s.n,
            text=s.text,
            start=s.start,
            end=s.end,
            line=s.line,
            section_type=s.section_type,
            heading_path=s.heading_path,
            is_heading=s.is_heading,
            is_table=s.is_table,
            position=s.position,
            tags=notes.tags.get(s.id, ()),
            tag_scores=notes.scores.get(s.id, {}),
            flags=flags.get(s.id, UnitFlags()),
            citations=notes.citations.get(s.id, ()),
            amounts=notes.amounts.get(s.id, ()),
            title=report.title,
            agency=report.agency,
            region=report.region,
            year=report.year,
            report_kind=report.kind,
        )
        for s in report.sentences
    ]


def report_doc(
    report: Report, notes: ReportNotes, docs: Sequence[SentenceDoc], share: float | None
) -> ReportDoc:
    """The report document, from the report and its sentence documents."""
    return ReportDoc(
        id=report.id,
        file=report.file,
        index=report.index,
        title=report.title,
        project=report.project,
        agency=report.agency,
        region=report.region,
        year=report.year,
        kind=report.kind,
        start=report.start,
        end=report.end,
        n_sentences=len(docs),
        boilerplate_share=share,
        problem=any("problem" in d.tags for d in docs),
        citations=tuple(c for d in docs for c in d.citations),
    )


def _sentence(doc: SentenceDoc) -> Sentence:
    return Sentence(
        id=doc.id,
        report_id=doc.report_id,
        n=doc.n,
        text=doc.text,
        start=doc.start,
        end=doc.end,
        src_start=doc.start,
        src_end=doc.end,
        line=doc.line,
        section_type=doc.section_type,
        heading_path=doc.heading_path,
        is_heading=doc.is_heading,
        is_table=doc.is_table,
        position=doc.position,
    )


def rebuild_reports(
    engine: Engine, *, skip: set[str], sentences: Iterable[SentenceDoc] | None = None
) -> list[Report]:
    """Reports of the index (files not in ``skip``) rebuilt from stored fields, to recompute corpus facts.

    ``Report.text`` is the units joined by newlines; offsets are the original ones. ``sentences``:
    the index's sentence documents if the caller has read them already (read here otherwise).
    """
    units: dict[str, list[SentenceDoc]] = defaultdict(list)
    for doc in engine.sentences() if sentences is None else sentences:
        if doc.file not in skip:
            units[doc.report_id].append(doc)
    reports = []
    for rep in engine.reports():
        if rep.file in skip:
            continue
        docs = sorted(units.get(rep.id, []), key=lambda d: d.n)
        text = "\n".join(d.text for d in docs)
        reports.append(
            Report(
                id=rep.id,
                file=rep.file,
                index=rep.index,
                title=rep.title,
                project=rep.project,
                agency=rep.agency,
                year=rep.year,
                kind=rep.kind,
                start=rep.start,
                end=rep.end,
                text=text,
                sentences=tuple(_sentence(d) for d in docs),
                region=rep.region,
            )
        )
    return sorted(reports, key=lambda r: (r.file, r.index))
