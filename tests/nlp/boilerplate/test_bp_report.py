"""Per-report shares and the pooled shares by agency and year."""

from __future__ import annotations

import pytest

from nlp.boilerplate import detect
from nlp.boilerplate.report import shares_by

FRAME = ["项目资金实行专款专用，单独核算，专账管理。", "财务人员按月核对台账，做到账实相符。"]


def test_shares_by_units_and_characters(make_report) -> None:
    own = "本馆全年接待读者八万余人次，较上年增长两成。"
    a = make_report("a.txt", [*FRAME, own, ("一、项目概况", "overview", True)], agency="甲局", year=2022)
    b = make_report("b.txt", [*FRAME, "全县新建农家书屋十五个。"], agency="乙局", year=2023)
    share = detect([a, b]).reports["a.txt#0"]
    assert (share.n_units, share.n_compared, share.n_boilerplate) == (4, 3, 2)
    assert share.share_units == pytest.approx(2 / 3)
    copied = sum(len(t) for t in FRAME)
    assert share.share_chars == pytest.approx(copied / (copied + len(own)))
    assert share.kinds == (("cross-agency", 2),)
    assert share.copies_from == (("b.txt#0", 2),)
    assert share.longest_passage is not None and share.longest_passage.n_units == 2


def test_the_report_copied_most_comes_first(make_report) -> None:
    extra = "资金支付严格履行审批手续，未发现违规支出。"
    a = make_report("a.txt", [*FRAME, extra], agency="甲局")
    b = make_report("b.txt", [*FRAME, extra], agency="乙局")
    c = make_report("c.txt", [FRAME[0]], agency="丙局")
    assert [rid for rid, _ in detect([a, b, c]).reports["a.txt#0"].copies_from] == ["b.txt#0", "c.txt#0"]


def test_wide_clusters_do_not_name_partners(make_report) -> None:
    reports = [make_report(f"{k}.txt", FRAME, agency=f"{k}局") for k in range(6)]
    result = detect(reports, partner_cap=3)
    share = result.reports["0.txt#0"]
    assert share.n_boilerplate == 2 and share.copies_from == () and share.longest_passage is None


def test_pooled_shares_by_agency_and_year(make_report) -> None:
    a = make_report("a.txt", [*FRAME, "本馆全年接待读者八万余人次。"], agency="甲局", year=2022)
    b = make_report("b.txt", FRAME, agency="乙局", year=2022)
    result = detect([a, b])
    by_year = shares_by(result.reports.values(), lambda s: s.year)
    assert by_year[0][:2] == (2022, 2) and by_year[0][2] == pytest.approx(4 / 5)
    by_agency = dict((k, su) for k, _, su, _ in shares_by(result.reports.values(), lambda s: s.agency))
    assert by_agency == {"乙局": 1.0, "甲局": pytest.approx(2 / 3)}
