"""``nlp.tag`` / ``tag_reports`` with the shipped model, weak labels, rules, and bad input."""

from __future__ import annotations

import pytest

import nlp
from corpus.load import from_text
from nlp.tagging import TAGS, TaggedSentence, load_model, tag, tag_reports
from nlp.tagging.context import derive_contexts
from nlp.tagging.model import TagClassifier, Unit
from nlp.tagging.rules import RuleTagger
from nlp.tagging.weak import weak_labels

REPORT = "\n".join(
    [
        "某县图书馆免费开放项目绩效自评报告",
        "一、项目概况",
        "本项目年度预算资金12万元，用于图书馆免费开放。",
        "二、绩效目标",
        "计划全年开放300天，读者满意度≥90%。",
        "三、绩效目标完成情况",
        "全年实际开放305天，读者满意度96%。",
        "四、存在的问题",
        "馆舍面积偏小，服务设施较为陈旧。",
        "五、改进建议",
        "下一步将积极争取资金改善馆舍条件。",
    ]
)


@pytest.fixture(scope="session")
def shipped() -> TagClassifier:
    return load_model()


def test_tag_report(shipped: TagClassifier) -> None:
    report = from_text(REPORT, "lib.txt").reports[0]
    tagged = nlp.tag(report)
    assert len(tagged) == len(report.sentences)
    assert all(isinstance(t, TaggedSentence) and set(t.scores) == set(TAGS) for t in tagged)
    by_text = {t.sentence.text: t.labels for t in tagged}
    assert "amount" in by_text["本项目年度预算资金12万元，用于图书馆免费开放。"]
    assert "problem" in by_text["馆舍面积偏小，服务设施较为陈旧。"]
    assert by_text["二、绩效目标"] == ()


def test_tag_reports_batch_equals_single(shipped: TagClassifier) -> None:
    reports = from_text(REPORT + "\n" + REPORT.replace("某县", "某市"), "two.txt").reports
    batch = tag_reports(reports, model=shipped)
    assert [[t.labels for t in r] for r in batch] == [
        [t.labels for t in tag(r, model=shipped)] for r in reports
    ]


def test_load_model_is_cached() -> None:
    assert load_model() is load_model()


@pytest.mark.parametrize(
    "text",
    [
        "资金" * 10000,  # a 20,000-char unit
        "沒有標題的報告。資金到位5萬元，開展培訓3場。",  # traditional characters, no headings
        "Project budget 5万元 was spent; 满意度 reached 95%.",  # English mixed in
        "|||\t\t|",
    ],
)
def test_odd_input_is_tagged(shipped: TagClassifier, text: str) -> None:
    doc = from_text(text, "odd.txt")
    groups = [r.sentences for r in doc.reports] + [doc.residue]
    from nlp.tagging.tagger import tag_sentence_groups

    for tagged in tag_sentence_groups(groups, shipped):
        assert all(0.0 <= v <= 1.0 for t in tagged for v in t.scores.values())


def test_empty_input(shipped: TagClassifier) -> None:
    assert tag_reports([], model=shipped) == []
    assert shipped.predict_proba([]).shape == (0, 4)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["二、存在的问题", "宣传力度不够。", "无。"], [(), ("problem",), ()]),
        (["一、绩效目标", "计划培训5期，合格率≥90%。"], [(), ("target", "indicator")]),
        (["共支付资金3万元，预算执行率100%。"], [("amount",)]),
        (["四、存在问题", "建议加强宣传。"], [(), ()]),
    ],
)
def test_weak_labels(texts: list[str], expected: list[tuple[str, ...]]) -> None:
    assert weak_labels(texts) == expected


def test_rule_baseline() -> None:
    texts = ["一、绩效目标", "计划培训5期，合格率≥90%。", "二、存在的问题", "无。", "资金2万元。"]
    units = [Unit(t, c) for t, c in zip(texts, derive_contexts(texts), strict=True)]
    pred = RuleTagger().fit(units).predict(units).tolist()
    assert pred[1][:2] == [1, 1] and pred[3] == [0, 0, 0, 0] and pred[4][2] == 1
