"""detect(): clusters across reports, kinds, scores, skipped units, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.errors import InputError
from nlp.boilerplate import KINDS, UnitFlag, detect, is_template_instruction

FRAME = "项目资金实行专款专用，单独核算，专账管理，严禁挤占挪用。"
GOAL = "数量指标：开展送戏下乡演出40场；质量指标：观众满意度不低于90%。"


def test_same_sentence_in_two_agencies_is_cross_agency(make_report) -> None:
    a = make_report("a.txt", [FRAME, "今年为三个乡镇新建了十二座饮水工程。"], agency="甲县水利局")
    b = make_report("b.txt", [FRAME, "全年举办技能培训班四期，学员逾百人。"], agency="乙县人社局")
    result = detect([a, b])
    flag = result.units["a.txt#0#0"]
    assert flag.boilerplate and flag.kind == "cross-agency" and flag.cluster is not None
    assert result.units["b.txt#0#0"].cluster == flag.cluster
    assert not result.units["a.txt#0#1"].boilerplate
    assert result.units["a.txt#0#1"] == UnitFlag(False, 0.0, None, None)
    cluster = result.cluster(flag.cluster)
    assert (cluster.size, cluster.n_reports, cluster.n_agencies) == (2, 2, 2)
    assert cluster.score == pytest.approx(0.5)


def test_copies_inside_one_agency_are_within_agency(make_report) -> None:
    reports = [make_report("a.txt", [FRAME, f"本项目完成第{k}批设备采购。"], index=k) for k in range(3)]
    result = detect(reports)
    flag = result.units["a.txt#1#0"]
    assert flag.kind == "within-agency"
    assert result.cluster(flag.cluster).n_reports == 3
    assert flag.score == pytest.approx(0.5 * (1 - 1 / 3))


def test_reports_of_one_file_count_as_one_agency_whatever_their_agency_field(make_report) -> None:
    a = make_report("a.txt", [FRAME], agency="某市某区文化馆", index=0)
    b = make_report("a.txt", [FRAME], agency="某区文化馆", index=1)
    assert detect([a, b]).units["a.txt#0#0"].kind == "within-agency"
    assert detect([a, b], same_file_same_agency=False).units["a.txt#0#0"].kind == "cross-agency"


def test_a_repeat_inside_one_report_is_not_boilerplate(make_report) -> None:
    report = make_report("a.txt", [FRAME, "中间一句说明本馆的具体工作。", FRAME])
    result = detect([report])
    assert not any(f.boilerplate for f in result.units.values())
    assert result.clusters == ()


def test_same_sentence_with_other_figures_and_names_matches(make_report) -> None:
    a = make_report(
        "a.txt", ["该项目资金45.6万元于2022年3月由县财政下达到位，到位率100%。"], agency="甲县文化馆"
    )
    b = make_report(
        "b.txt", ["该项目资金7,300元于2023年12月由区财政下达到位，到位率98%。"], agency="乙区图书馆"
    )
    assert detect([a, b]).units["a.txt#0#0"].boilerplate


def test_different_sentences_sharing_a_long_policy_title_do_not_match(make_report) -> None:
    title = "《某省财政厅某省文化和旅游厅关于印发某省公共文化服务体系建设专项资金管理办法的通知》"
    a = make_report(
        "a.txt", [f"根据{title}，本年度为偏远山区新建村级综合文化服务中心八个。"], agency="甲县文化馆"
    )
    b = make_report(
        "b.txt", [f"依照{title}，图书馆购置少儿绘本三千册并开展亲子阅读活动二十场。"], agency="乙县图书馆"
    )
    result = detect([a, b])
    assert not result.units["a.txt#0#0"].boilerplate
    assert not result.units["b.txt#0#0"].boilerplate


def test_headings_titles_and_short_units_make_no_cluster_and_are_counted(make_report) -> None:
    units = [("（一）项目资金情况。", "funds", True), "无。", "某县文化馆绩效自评报告", FRAME]
    reports = [
        make_report(f"{k}.txt", units, agency=f"第{k}文化馆", title="某县文化馆绩效自评报告")
        for k in range(3)
    ]
    result = detect(reports)
    st = result.stats
    assert (st["skipped_heading"], st["skipped_short"], st["skipped_title"]) == (3, 3, 3)
    assert st["compared"] == 3 and st["clusters"] == 1
    assert result.units["0.txt#0#0"].skipped == "heading" and not result.units["0.txt#0#0"].boilerplate
    assert result.units["0.txt#0#1"].skipped == "short"


def test_template_instruction_is_flagged_without_any_copy(make_report) -> None:
    instruction = "项目实施情况分析，主要包括项目前期准备、实施进度、验收等情况。"
    report = make_report("a.txt", [instruction, "本馆于五月完成了场馆改造。"])
    result = detect([report])
    assert result.units["a.txt#0#0"].kind == "template"
    assert not result.units["a.txt#0#1"].boilerplate


def test_weak_template_cue_needs_a_cross_agency_cluster(make_report) -> None:
    weak = "产出和效益情况分析，包括数量、质量、时效等。"
    assert not is_template_instruction(weak)
    assert is_template_instruction(weak, cross_agency=True)
    alone = detect([make_report("a.txt", [weak])])
    assert not alone.units["a.txt#0#0"].boilerplate
    both = detect([make_report("a.txt", [weak], agency="甲局"), make_report("b.txt", [weak], agency="乙局")])
    assert both.units["a.txt#0#0"].kind == "template"
    assert both.clusters[0].template


def test_completion_repeating_the_goal_is_goal_as_result(make_report) -> None:
    units = [
        ("（二）项目绩效目标", "goal", True),
        (GOAL, "goal", False),
        ("（一）项目完成情况", "completion", True),
        (GOAL, "completion", False),
        ("实际开展送戏下乡演出43场，观众满意度调查为96%，超额完成目标。", "completion", False),
    ]
    result = detect([make_report("a.txt", units)])
    assert result.units["a.txt#0#3"].kind == "goal-as-result"
    assert result.units["a.txt#0#3"].boilerplate
    assert not result.units["a.txt#0#1"].boilerplate
    assert not result.units["a.txt#0#4"].boilerplate


def test_kinds_are_the_documented_ones(make_report) -> None:
    reports = [make_report(f"{k}.txt", [FRAME, GOAL], agency=f"{k}局") for k in range(3)]
    kinds = {f.kind for f in detect(reports).units.values()}
    assert kinds <= set(KINDS) | {None}


@pytest.mark.parametrize("threshold", [0.0, 1.5])
def test_bad_threshold_is_refused(make_report, threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        detect([make_report("a.txt", [FRAME])], threshold=threshold)


def test_a_report_given_twice_is_an_input_error(make_report) -> None:
    report = make_report("a.txt", [FRAME])
    with pytest.raises(InputError, match="given twice") as info:
        detect([report, report])
    assert info.value.path == "a.txt"


def test_no_report_and_one_report(make_report) -> None:
    assert detect([]).units == {}
    single = detect([make_report("a.txt", [FRAME, FRAME])])
    assert single.stats["reports"] == 1 and not single.clusters


def test_thousands_of_identical_units_cost_one_comparison(make_report) -> None:
    reports = [make_report(f"{k}.txt", ["无。"] * 3 + [FRAME], agency=f"第{k}局") for k in range(1500)]
    result = detect(reports)
    assert result.stats["skipped_short"] == 4500
    assert result.stats["distinct_texts"] == 1 and result.stats["checked_pairs"] == 0
    assert len(result.clusters) == 1 and result.clusters[0].n_reports == 1500


def test_many_near_identical_variants_stay_cheap(make_report) -> None:
    reports = [
        make_report(
            f"{k}.txt",
            [f"本单位第{k}号台账已按要求整理归档并报主管部门备案，同时抄送{chr(0x4E00 + k)}科。"],
            agency=f"第{k}局",
        )
        for k in range(400)
    ]
    result = detect(reports, max_candidates=10)
    assert len(result.clusters) == 1
    assert result.stats["checked_pairs"] <= 400 * 10


def test_a_twenty_thousand_character_unit(make_report) -> None:
    long = "本馆坚持公益属性，完善服务网络，" * 1250
    result = detect(
        [make_report("a.txt", [long], agency="甲"), make_report("b.txt", [long + "另有补充。"], agency="乙")]
    )
    assert result.units["a.txt#0#0"].boilerplate


SENTENCES = [FRAME, GOAL, "本馆全年接待读者八万余人次。", "无。", "全县新建农家书屋十五个。", "手续齐全。"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5), min_size=1, max_size=5))
def test_invariants_of_any_result(make_report, report_units: list[list[str]]) -> None:
    reports = [make_report(f"{k}.txt", units, agency=f"{k % 2}局") for k, units in enumerate(report_units)]
    result = detect(reports)
    assert set(result.units) == {s.id for r in reports for s in r.sentences}
    report_of = {s.id: r.id for r in reports for s in r.sentences}
    for c in result.clusters:
        assert c.n_reports == len({report_of[u] for u in c.unit_ids}) >= 2
        assert all(result.units[u].cluster == c.id for u in c.unit_ids)
    for flag in result.units.values():
        assert flag.boilerplate == (flag.kind is not None)
        assert (flag.skipped is None) or not flag.boilerplate
        assert 0.0 <= flag.score < 1.0
    for share in result.reports.values():
        assert 0.0 <= share.share_units <= 1.0 and 0.0 <= share.share_chars <= 1.0
