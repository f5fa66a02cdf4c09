"""Extraction of facts from reports: amounts (exact yuan), cited policy documents, indicators.

String-level extractors take text and return records in document order, with offsets into it:

>>> from nlp.extract import amounts, citations
>>> [str(a.yuan) for a in amounts("所需资金55万元")]
['550000']
>>> [c.normalized for c in citations("依据川人社办发[2017]984号文件")]
['川人社办发〔2017〕984号']

Report-level functions (:func:`indicators`, :func:`extract_report`, :func:`document_table`)
work on :class:`corpus.model.Report` records.
"""

from __future__ import annotations

from nlp.extract.amounts import amounts, amounts_in_document, inline_amounts
from nlp.extract.citations import citations, doc_numbers, normalize_doc_number, normalize_title
from nlp.extract.documents import document_table, extract_report
from nlp.extract.indicators import indicators, prose_indicators, table_indicators
from nlp.extract.records import Amount, Citation, CitedDocument, Indicator, IndicatorPair, ReportFacts

__all__ = [
    "Amount",
    "Citation",
    "CitedDocument",
    "Indicator",
    "IndicatorPair",
    "ReportFacts",
    "amounts",
    "amounts_in_document",
    "citations",
    "doc_numbers",
    "document_table",
    "extract_report",
    "indicators",
    "inline_amounts",
    "normalize_doc_number",
    "normalize_title",
    "prose_indicators",
    "table_indicators",
]
