"""Output of search results: rich tables with highlighted keywords, KWIC lines, JSONL records, HTML.

Text from reports is untrusted: it is disarmed before it reaches a terminal (control characters,
ANSI escapes and bidi overrides replaced one-for-one, see ``TERMINAL_SAFE``) and put into
``rich.text.Text`` objects, never into markup strings, so ``[bold]`` in a report is printed as
is. For pages, :func:`hit_html` escapes with :func:`html.escape` and adds only ``<mark>``.

>>> safe_text("[red]x[/red]\\x1b[2J").plain
'[red]x[/red]\\ufffd[2J'
>>> hit_html_text("<b>社保</b>", [Span(3, 5)])
'&lt;b&gt;<mark>社保</mark>&lt;/b&gt;'
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from index.citations import CitingHit
from index.kwic import KwicLine
from index.records import CitedDocumentCount, FacetCounts, ReportHit, SearchResults, SentenceHit, Span
from index.resources import TERMINAL_SAFE

MATCH_STYLE = "bold black on yellow"


def disarm(text: str) -> str:
    """``text`` with control characters, ANSI escapes and bidi overrides made harmless (same length)."""
    return text.translate(TERMINAL_SAFE)


def safe_text(text: str, spans: Iterable[Span] = (), *, style: str = MATCH_STYLE) -> Text:
    """A rich Text of untrusted ``text`` (no markup parsed), with ``spans`` highlighted."""
    out = Text(disarm(text))
    for span in spans:
        out.stylize(style, span.start, span.end)
    return out


def hit_html_text(text: str, spans: Sequence[Span]) -> str:
    """``text`` escaped for HTML, with the spans wrapped in ``<mark>``."""
    parts: list[str] = []
    pos = 0
    for span in spans:
        parts.append(html.escape(text[pos : span.start]))
        parts.append(f"<mark>{html.escape(text[span.start : span.end])}</mark>")
        pos = span.end
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def hit_html(hit: SentenceHit) -> str:
    """A hit as an HTML fragment (report title, agency, year, highlighted text), all escaped."""
    doc = hit.doc
    meta = html.escape(" · ".join(str(x) for x in (doc.title, doc.agency, doc.year) if x))
    return f'<p class="hit"><span class="meta">{meta}</span> {hit_html_text(doc.text, hit.spans)}</p>'


def _tags(doc_tags: Sequence[str]) -> str:
    return ",".join(doc_tags)


def _bp(flag: bool | None) -> str:
    return {True: "boilerplate", False: "", None: "?"}[flag]


def sentences_table(results: SearchResults) -> Table:
    """A table of sentence hits: rank, score, agency + year, section + tags + boilerplate, marked text."""
    table = Table(title=safe_text(f"{results.total} sentences for {results.query!r}"))
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("report", overflow="fold", max_width=18)
    table.add_column("section / tags", overflow="fold", max_width=16)
    table.add_column("text", overflow="fold", min_width=24, ratio=1)
    for hit in results.hits:
        doc = hit.doc
        where = safe_text(f"{doc.agency or doc.title or doc.report_id} {doc.year or ''}".strip())
        about = " ".join(x for x in (doc.section_type, _tags(doc.tags), _bp(doc.flags.boilerplate)) if x)
        table.add_row(str(hit.rank), f"{hit.score:.2f}", where, about, safe_text(doc.text, hit.spans))
    return table


def reports_table(results: SearchResults) -> Table:
    """A table of report hits: rank, title, agency, year, hits, boilerplate share, problem, best sentence."""
    table = Table(title=safe_text(f"{results.total} reports for {results.query!r}"))
    for name in ("#", "title", "agency", "year", "hits", "bp share", "problem", "best sentence"):
        table.add_column(name, overflow="fold")
    for rh in results.reports:
        rep = rh.report
        share = "" if rep.boilerplate_share is None else f"{rep.boilerplate_share:.0%}"
        best = safe_text(rh.best.doc.text, rh.best.spans) if rh.best else Text("")
        table.add_row(
            str(rh.rank),
            safe_text(rep.title or rep.id),
            safe_text(rep.agency or ""),
            str(rep.year or ""),
            str(rh.n_hits),
            share,
            "yes" if rep.problem else "no",
            best,
        )
    return table


def kwic_text(lines: Sequence[KwicLine], *, width: int = 24) -> list[Text]:
    """KWIC lines: left context right-aligned in ``width`` cells, the match highlighted, right context."""
    out = []
    for line in lines:
        row = Text(disarm(line.padded_left(width)))
        row.append(" ")
        row.append(disarm(line.match), style=MATCH_STYLE)
        row.append(" ")
        row.append(disarm(line.right))
        out.append(row)
    return out


def facets_table(facets: FacetCounts, *, top: int = 10) -> Table:
    """Facet counts side by side: facet, value, count (top values of each)."""
    table = Table(title="facets")
    for name in ("facet", "value", "count"):
        table.add_column(name)
    groups: list[tuple[str, dict[Any, int]]] = [
        ("tag", facets.tag),
        ("boilerplate", facets.boilerplate),
        ("section", facets.section),
        ("year", facets.year),
        ("agency", facets.agency),
    ]
    for name, counts in groups:
        for value, count in list(counts.items())[:top]:
            table.add_row(name, safe_text(str(value)), str(count))
    return table


def citing_table(hits: Sequence[CitingHit], query: str) -> Table:
    """Sentences citing a document: report, year, document number as written, highlighted sentence."""
    table = Table(title=safe_text(f"{len(hits)} sentences citing {query!r}"))
    for name in ("report", "agency", "year", "as cited", "sentence"):
        table.add_column(name, overflow="fold")
    for hit in hits:
        doc = hit.doc
        cited = "; ".join(c.doc_number or c.title or "" for c in hit.citations)
        table.add_row(
            safe_text(doc.title or doc.report_id),
            safe_text(doc.agency or ""),
            str(doc.year or ""),
            safe_text(cited),
            safe_text(doc.text, hit.spans),
        )
    return table


def documents_table(docs: Sequence[CitedDocumentCount]) -> Table:
    """The most-cited documents: number, title, reports, sentences, agencies, years."""
    table = Table(title=f"{len(docs)} cited documents")
    for name in ("document", "title", "reports", "sentences", "agencies", "years"):
        table.add_column(name, overflow="fold")
    for d in docs:
        years = f"{d.years[0]}–{d.years[-1]}" if len(d.years) > 1 else "".join(map(str, d.years))
        table.add_row(
            safe_text(d.normalized),
            safe_text(d.title or ""),
            str(d.n_reports),
            str(d.n_sentences),
            str(d.n_agencies),
            years,
        )
    return table


def sentence_record(hit: SentenceHit) -> dict[str, Any]:
    """A sentence hit as a JSON-ready dict."""
    doc = hit.doc
    return {
        "rank": hit.rank,
        "score": round(hit.score, 4),
        "id": doc.id,
        "file": doc.file,
        "report_id": doc.report_id,
        "n": doc.n,
        "text": doc.text,
        "start": doc.start,
        "end": doc.end,
        "line": doc.line,
        "spans": [[s.start, s.end] for s in hit.spans],
        "section": doc.section_type,
        "tags": list(doc.tags),
        "tag_scores": doc.tag_scores,
        "boilerplate": doc.flags.boilerplate,
        "boilerplate_score": doc.flags.score,
        "boilerplate_cluster": doc.flags.cluster,
        "boilerplate_kind": doc.flags.kind,
        "title": doc.title,
        "agency": doc.agency,
        "region": doc.region,
        "year": doc.year,
        "kind": doc.report_kind,
        "cites": sorted({c.normalized for c in doc.citations if c.normalized}),
        "amounts_yuan": list(doc.amounts),
    }


def report_record(hit: ReportHit) -> dict[str, Any]:
    """A report hit as a JSON-ready dict."""
    rep = hit.report
    return {
        "rank": hit.rank,
        "score": round(hit.score, 4),
        "report_id": rep.id,
        "file": rep.file,
        "title": rep.title,
        "agency": rep.agency,
        "region": rep.region,
        "year": rep.year,
        "kind": rep.kind,
        "hits": hit.n_hits,
        "boilerplate_share": rep.boilerplate_share,
        "problem": rep.problem,
        "cites": sorted({c.normalized for c in rep.citations if c.normalized}),
        "best": sentence_record(hit.best) if hit.best else None,
    }


def citing_record(hit: CitingHit) -> dict[str, Any]:
    """A citing sentence as a JSON-ready dict."""
    record = sentence_record(SentenceHit(0, 0.0, hit.doc, hit.spans))
    record.pop("rank")
    record.pop("score")
    record["citations"] = [
        {"normalized": c.normalized or None, "doc_number": c.doc_number, "title": c.title}
        for c in hit.citations
    ]
    return record


def document_record(doc: CitedDocumentCount) -> dict[str, Any]:
    """A cited-document count as a JSON-ready dict."""
    return {
        "document": doc.normalized,
        "title": doc.title,
        "reports": doc.n_reports,
        "sentences": doc.n_sentences,
        "agencies": doc.n_agencies,
        "years": list(doc.years),
    }
