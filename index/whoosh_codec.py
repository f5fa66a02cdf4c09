"""Records ↔ Whoosh fields: what a sentence, report or file document looks like in the index.

>>> from index.records import FileDoc
>>> decode_file(encode_file(FileDoc("a.txt", "in/a.txt", "ab12", ("a.txt#0",)))).content_hash
'ab12'
"""

from __future__ import annotations

from typing import Any

from index.records import CiteRef, FileDoc, ReportDoc, SentenceDoc, UnitFlags
from index.schema import DOCTYPE_FILE, DOCTYPE_REPORT, DOCTYPE_SENTENCE


def _cites_value(citations: tuple[CiteRef, ...]) -> str:
    keys = sorted({c.normalized for c in citations if c.normalized and "," not in c.normalized})
    return ",".join(keys)


def _cite_text(citations: tuple[CiteRef, ...]) -> str:
    return " | ".join(f"{c.title or ''} {c.doc_number or ''}" for c in citations)


def _cites_stored(citations: tuple[CiteRef, ...]) -> list[tuple[str, str | None, str | None, str]]:
    return [(c.normalized, c.doc_number, c.title, c.sentence_id) for c in citations]


def _cites_loaded(value: Any) -> tuple[CiteRef, ...]:
    return tuple(CiteRef(*item) for item in value or ())


def _drop_none(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None and v != "" and v != []}


def bp_label(flags: UnitFlags) -> str:
    """The facet value of a boilerplate verdict."""
    if flags.boilerplate is None:
        return "unknown"
    return "boilerplate" if flags.boilerplate else "substantive"


def encode_sentence(doc: SentenceDoc) -> dict[str, Any]:
    """The Whoosh fields of a sentence document."""
    flags = doc.flags
    return _drop_none(
        {
            "doctype": DOCTYPE_SENTENCE,
            "id": doc.id,
            "file": doc.file,
            "report_id": doc.report_id,
            "n": doc.n,
            "text": doc.text,
            "grams": doc.text,
            "tags": ",".join(doc.tags),
            "tag_scores": dict(doc.tag_scores),
            "boilerplate": flags.boilerplate,
            "bp_label": bp_label(flags),
            "bp_score": flags.score,
            "bp_cluster": None if flags.cluster is None else str(flags.cluster),
            "bp_kind": flags.kind,
            "section": doc.section_type,
            "unit": {
                "start": doc.start,
                "end": doc.end,
                "line": doc.line,
                "heading_path": list(doc.heading_path),
                "is_heading": doc.is_heading,
                "is_table": doc.is_table,
                "position": doc.position,
            },
            "title": doc.title,
            "agency": doc.agency,
            "agency_grams": doc.agency,
            "region": doc.region,
            "year": doc.year,
            "kind": doc.report_kind,
            "cites": _cites_value(doc.citations),
            "cite_titles": _cite_text(doc.citations),
            "citations": _cites_stored(doc.citations),
            "amounts": list(doc.amounts),
            "amounts_stored": list(doc.amounts),
        }
    )


def decode_sentence(stored: dict[str, Any]) -> SentenceDoc:
    """A sentence document back from its stored fields."""
    unit = stored.get("unit", {})
    cluster = stored.get("bp_cluster")
    return SentenceDoc(
        id=stored["id"],
        report_id=stored.get("report_id", ""),
        file=stored.get("file", ""),
        n=stored.get("n", 0),
        text=stored.get("text", ""),
        start=unit.get("start", 0),
        end=unit.get("end", 0),
        line=unit.get("line", 0),
        section_type=stored.get("section", "other"),
        heading_path=tuple(unit.get("heading_path", ())),
        is_heading=unit.get("is_heading", False),
        is_table=unit.get("is_table", False),
        position=unit.get("position", 0.0),
        tags=tuple(t for t in stored.get("tags", "").split(",") if t),
        tag_scores=dict(stored.get("tag_scores", {})),
        flags=UnitFlags(
            boilerplate=stored.get("boilerplate"),
            score=stored.get("bp_score"),
            cluster=None if cluster is None else int(cluster),
            kind=stored.get("bp_kind"),
        ),
        citations=_cites_loaded(stored.get("citations")),
        amounts=tuple(stored.get("amounts_stored", ())),
        title=stored.get("title"),
        agency=stored.get("agency"),
        region=stored.get("region"),
        year=stored.get("year"),
        report_kind=stored.get("kind", "other"),
    )


def encode_report(doc: ReportDoc) -> dict[str, Any]:
    """The Whoosh fields of a report document."""
    return _drop_none(
        {
            "doctype": DOCTYPE_REPORT,
            "id": doc.id,
            "file": doc.file,
            "report_id": doc.id,
            "title": doc.title,
            "title_text": doc.title,
            "agency": doc.agency,
            "region": doc.region,
            "year": doc.year,
            "kind": doc.kind,
            "problem": doc.problem,
            "report_cites": _cites_value(doc.citations),
            "citations": _cites_stored(doc.citations),
            "report": {
                "index": doc.index,
                "project": doc.project,
                "start": doc.start,
                "end": doc.end,
                "n_sentences": doc.n_sentences,
                "boilerplate_share": doc.boilerplate_share,
            },
        }
    )


def decode_report(stored: dict[str, Any]) -> ReportDoc:
    """A report document back from its stored fields."""
    extra = stored.get("report", {})
    return ReportDoc(
        id=stored["id"],
        file=stored.get("file", ""),
        index=extra.get("index", 0),
        title=stored.get("title"),
        project=extra.get("project"),
        agency=stored.get("agency"),
        region=stored.get("region"),
        year=stored.get("year"),
        kind=stored.get("kind", "other"),
        start=extra.get("start", 0),
        end=extra.get("end", 0),
        n_sentences=extra.get("n_sentences", 0),
        boilerplate_share=extra.get("boilerplate_share"),
        problem=bool(stored.get("problem", False)),
        citations=_cites_loaded(stored.get("citations")),
    )


def encode_file(doc: FileDoc) -> dict[str, Any]:
    """The Whoosh fields of a file document (keyed ``file:<name>``)."""
    return {
        "doctype": DOCTYPE_FILE,
        "id": f"file:{doc.name}",
        "file": doc.name,
        "content_hash": doc.content_hash,
        "report": {"path": doc.path, "report_ids": list(doc.report_ids)},
    }


def decode_file(stored: dict[str, Any]) -> FileDoc:
    """A file document back from its stored fields."""
    extra = stored.get("report", {})
    return FileDoc(
        name=stored["file"],
        path=extra.get("path", stored["file"]),
        content_hash=stored.get("content_hash", ""),
        report_ids=tuple(extra.get("report_ids", ())),
    )
