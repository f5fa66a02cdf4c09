"""The estimator: contract, calibration, thresholds, context features."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone

from corpus.errors import ModelError
from nlp.tagging.context import derive_contexts, heading_level, numbering_style, section_of, shape_of
from nlp.tagging.features import money_row
from nlp.tagging.model import TagClassifier, Unit, best_threshold

# Invented mini reports: (unit text, tags).
REPORT_A = [
    ("一、绩效目标", ()),
    ("计划开展技能培训12期，学员满意度≥90%。", ("target", "indicator")),
    ("年度预算安排资金30万元。", ("amount",)),
    ("二、绩效目标完成情况", ()),
    ("实际开展技能培训12期，学员满意度95%。", ("indicator",)),
    ("三、存在的问题", ()),
    ("培训场地不足，部分课程安排不够合理。", ("problem",)),
    ("四、改进建议", ()),
    ("下一步将加强场地保障。", ()),
]
REPORT_B = [
    ("一、项目绩效目标", ()),
    ("计划维修道路8公里，验收合格率100%。", ("target", "indicator")),
    ("项目总投资45万元。", ("amount",)),
    ("二、目标完成情况", ()),
    ("完成维修道路8公里，验收合格率100%。", ("indicator",)),
    ("三、存在的问题", ()),
    ("无。", ()),
    ("四、下一步工作建议", ()),
    ("建议提前做好施工计划。", ()),
]
REPORT_C = [
    ("一、年度绩效目标", ()),
    ("计划发放补贴300户，发放及时率100%。", ("target", "indicator")),
    ("补贴标准为每户2000元。", ("amount",)),
    ("二、实际完成情况", ()),
    ("已发放补贴300户，发放及时率100%。", ("indicator",)),
    ("三、存在的主要问题", ()),
    ("资金到位较晚，发放进度滞后。", ("problem",)),
    ("四、改进措施", ()),
    ("今后将严格执行资金拨付计划。", ()),
]
TAGS = ("target", "indicator", "amount", "problem")


def _dataset(reports: list[list[tuple[str, tuple[str, ...]]]]) -> tuple[list[Unit], np.ndarray, list[int]]:
    units: list[Unit] = []
    labels: list[list[int]] = []
    groups: list[int] = []
    for g, rep in enumerate(reports):
        texts = [t for t, _ in rep]
        units.extend(Unit(t, c) for t, c in zip(texts, derive_contexts(texts), strict=True))
        labels.extend([[int(tag in labs) for tag in TAGS] for _, labs in rep])
        groups.extend([g] * len(rep))
    return units, np.array(labels), groups


@pytest.fixture(scope="module")
def fitted() -> tuple[TagClassifier, list[Unit], np.ndarray]:
    units, y, groups = _dataset([REPORT_A, REPORT_B, REPORT_C] * 2)
    return TagClassifier(min_df=1, inner_folds=3).fit(units, y, groups=groups), units, y


def test_estimator_contract() -> None:
    clf = TagClassifier(C=2.0, min_df=1)
    assert clf.get_params()["C"] == 2.0
    assert not hasattr(clf, "coef_")
    assert clone(clf).get_params() == clf.get_params()
    with pytest.raises(ModelError, match="not fitted"):
        clf.predict([])


def test_fit_returns_self_and_learns(fitted: tuple[TagClassifier, list[Unit], np.ndarray]) -> None:
    clf, units, y = fitted
    assert clf.coef_.shape[0] == 4 and len(clf.thresholds_) == 4
    probs = clf.predict_proba(units)
    assert probs.shape == y.shape and ((probs >= 0) & (probs <= 1)).all()
    pred = clf.predict(units)
    assert (pred[:, 2] == y[:, 2]).mean() > 0.9  # amount is easy on training data


def test_new_report_is_tagged(fitted: tuple[TagClassifier, list[Unit], np.ndarray]) -> None:
    clf, _, _ = fitted
    texts = ["一、绩效目标", "计划培训教师50人次，满意度≥95%。", "安排资金8万元。"]
    units = [Unit(t, c) for t, c in zip(texts, derive_contexts(texts), strict=True)]
    pred = clf.predict(units)
    assert pred[2, 2] == 1 and pred[0].sum() == 0


def test_custom_tokenizer_is_used() -> None:
    calls: list[str] = []

    def tok(text: str):  # type: ignore[no-untyped-def]
        from nlp.tokenize import tokenize

        calls.append(text)
        return tokenize(text)

    units, y, groups = _dataset([REPORT_A, REPORT_B])
    TagClassifier(tokenizer=tok, min_df=1, inner_folds=2).fit(units, y, groups=groups)
    assert calls


@pytest.mark.parametrize(
    ("y", "p", "lo", "hi"),
    [
        ([0, 1, 1], [0.2, 0.6, 0.9], 0.2, 0.6),
        ([1, 0, 0], [0.9, 0.1, 0.3], 0.3, 0.9),
        ([0, 0], [0.1, 0.2], 0.5, 0.5),
    ],
)
def test_best_threshold(y: list[int], p: list[float], lo: float, hi: float) -> None:
    assert lo <= best_threshold(np.array(y), np.array(p)) <= hi


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("（二）存在的问题及原因", "problem"),
        ("四、改进建议", "suggestion"),
        ("一、绩效目标", "goal"),
        ("二、绩效目标完成情况", "completion"),
        ("三、项目资金使用情况", "funds"),
        ("（一）上级分解下达预算和目标情况", "allocation"),
        ("（3）目标设置合理性（4分）", "criteria"),
        ("（二）预期目标完成程度", "completion"),
        ("无关内容", "none"),
    ],
)
def test_section_of(text: str, section: str) -> None:
    assert section_of(text) == section


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、项目概况", 1),
        ("（一）绩效目标", 2),
        ("存在问题", 3),
        ("计划开展培训12期，满意度≥90%。", 0),
        ("", 0),
    ],
)
def test_heading_level(text: str, level: int) -> None:
    assert heading_level(text) == level


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("≥", "op"),
        ("95%", "pct"),
        ("1.58", "decimal"),
        ("12", "int"),
        ("无", "nothing"),
        ("88 |", "int"),
        ("= |", "op"),
    ],
)
def test_shape_of(text: str, shape: str) -> None:
    assert shape_of(text) == shape


def test_context_sections_follow_headings() -> None:
    ctx = derive_contexts([t for t, _ in REPORT_A])
    assert [c.section for c in ctx][1] == "goal"
    assert ctx[4].section == "completion" and ctx[6].section == "problem"
    assert derive_contexts([]) == []


def test_context_without_headings() -> None:
    ctx = derive_contexts(["资金到位5万元。", "开展培训2场。"])
    assert {c.section for c in ctx} == {"none"}


def test_value_cells_get_their_column_and_run() -> None:
    header = ["三级指标", "指标值", "实际", "完成值", "分值", "得分"]
    texts = [*header, "培训合格率", "≥", "96", "%", "97", "5", "4"]
    ctx = derive_contexts(texts)
    assert [c.column for c in ctx[8:]] == ["planned", "none", "achieved", "weight", "score"]
    assert [c.cell_run for c in ctx[8:]] == [0, -1, 1, 2, 3]
    assert ctx[8].run_head == "indicator"


def test_items_of_a_problem_section_stay_problems() -> None:
    texts = ["（三）存在的问题", "1.资金拨付较慢。", "2.经费管理不细。"]
    texts += ["（四）改进措施", "1.加快资金拨付。", "五、其他"]
    assert [c.section for c in derive_contexts(texts)] == [
        "problem",
        "problem",
        "problem",
        "suggestion",
        "suggestion",
        "none",
    ]


def test_in_text_opener_starts_a_section() -> None:
    ctx = derive_contexts(["一、总体情况", "经过本次自评，我们发现的主要问题如下：", "是台账更新不及时。"])
    assert ctx[1].section == "none" and ctx[2].section == "problem"


@pytest.mark.parametrize(
    ("text", "style"),
    [("一、概况", "cn"), ("（一）目标", "pcn"), ("2.问题", "num"), ("(3)其他", "pnum"), ("无号", "bare")],
)
def test_numbering_style(text: str, style: str) -> None:
    assert numbering_style(text) == style


@pytest.mark.parametrize(
    ("text", "money"),
    [("办公经费 | 12.50 | 11.80 | |", True), ("实施年度 | 2024 | |", False), ("一句话，没有表格。", False)],
)
def test_money_row(text: str, money: bool) -> None:
    assert money_row(text) is money
