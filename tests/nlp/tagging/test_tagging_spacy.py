"""The spaCy pipeline component on a blank Chinese pipeline with the jieba segmenter."""

from __future__ import annotations

import pytest

from nlp.tagging.resources import TAGS
from nlp.tagging.spacy_component import SPAN_KEY, blank_zh, unit_spans


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    nlp = blank_zh()
    nlp.add_pipe("evalcorpus_tagger")
    return nlp


def test_component_sets_spans(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline(
        "一、绩效目标\n计划全年开放300天，读者满意度≥90%。\n二、存在的问题\n馆舍面积偏小。安排资金3万元。"
    )
    spans = doc.spans[SPAN_KEY]
    assert next(s.text for s in spans) == "一、绩效目标"
    assert len(spans) == 5
    assert all(set(s._.scores) == set(TAGS) for s in spans)
    assert "amount" in spans[-1]._.labels
    assert spans[0]._.labels == ()


def test_empty_doc(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert list(pipeline("").spans[SPAN_KEY]) == []


@pytest.mark.parametrize(
    ("text", "spans"),
    [("甲。乙\n丙", [(0, 2), (2, 3), (4, 5)]), ("", []), ("\n\n", []), ("甲！？乙", [(0, 3), (3, 4)])],
)
def test_unit_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert unit_spans(text) == spans
