"""Report-level extraction (offsets into Document.text, sentence ids) and the documents table."""

from __future__ import annotations

from corpus.load import from_text
from nlp.extract import document_table, extract_report

TWO_REPORTS = (
    "甲站2022年度项目支出绩效自评报告\n一、项目概况\n"
    "根据《某某专项资金管理办法》（甲财农〔2021〕7号）安排资金12万元。\n"
    "二、项目绩效情况\n实际支出11.8万元，结余0.2万元。\n三、存在的问题\n无。\n"
    "乙站2023年度项目支出绩效自评报告\n一、项目概况\n"
    "依据甲财农[2021]7号文件和《某某专项资金管理办法》，下达资金5万元。\n"
    "二、项目绩效情况\n资金已全部使用。\n三、存在的问题\n无。\n"
)


def test_offsets_are_into_document_text_and_sentences_are_set() -> None:
    doc = from_text(TWO_REPORTS)
    assert len(doc.reports) == 2
    for report in doc.reports:
        facts = extract_report(report)
        sentences = {s.id: s for s in report.sentences}
        for a in facts.amounts:
            assert doc.text[a.start : a.end] == a.text
            assert a.sentence_id is not None
            s = sentences[a.sentence_id]
            assert s.start <= a.start < s.end
        for c in facts.citations:
            assert c.doc_number is None or c.doc_number in doc.text[c.start : c.end]
            assert c.sentence_id in sentences
    roles = [a.role for a in extract_report(doc.reports[0]).amounts]
    assert roles == ["budget", "spent", "balance"]


def test_document_table_merges_number_and_title_across_reports() -> None:
    doc = from_text(TWO_REPORTS)
    facts = [extract_report(r) for r in doc.reports]
    (row,) = document_table(facts, doc.reports)
    assert row.key == "甲财农〔2021〕7号"
    assert row.citations == 3
    assert row.reports == 2
    assert (row.first_year, row.last_year) == (2022, 2023)
    assert row.titles == ("某某专项资金管理办法",)
    assert set(row.doc_numbers) == {"甲财农〔2021〕7号", "甲财农[2021]7号"}
