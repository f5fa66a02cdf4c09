"""Fixtures of the index tests: small reports written for these tests, and indexes built from them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest

from corpus.model import Report
from index.build import FileBatch, index_batches
from index.convert import ReportNotes
from index.engine import Engine
from index.records import CiteRef, FileDoc, UnitFlags
from index.whoosh_engine import WhooshEngine

# (text, section, tags, boilerplate, amounts, (normalized, as written, title) or None)
Row = tuple[str, str, tuple[str, ...], bool, tuple[float, ...], tuple[str, str | None, str | None] | None]

DOCNO = "川人社办发〔2017〕984号"

REPORT_A: list[Row] = [
    ("一、项目基本情况", "overview", (), False, (), None),
    ("攀枝花市社会保险事务中心负责全市城乡居民养老待遇的发放。", "overview", (), False, (), None),
    ("项目总体目标是确保养老金按时足额发放到位。", "goal", ("target",), False, (), None),
    (
        f"依据{DOCNO}文件，全年预算资金1200000元。",
        "funds",
        ("amount",),
        False,
        (1200000.0,),
        (DOCNO, DOCNO, None),
    ),
    ("部分乡镇经办人员业务不熟练，资料归档不及时。", "problem", ("problem",), False, (), None),
    ("严格执行财务制度，专款专用，确保资金安全。", "financial-management", (), True, (), None),
]
REPORT_B: list[Row] = [
    ("医疗救助资金按时拨付，群众满意度达到95%。", "completion", ("indicator",), False, (), None),
    (
        "根据川人社办发[2017]984号的规定开展稽核。",
        "implementation",
        (),
        False,
        (),
        (DOCNO, "川人社办发[2017]984号", None),
    ),
    ("严格执行财务制度，专款专用，确保资金安全。", "financial-management", (), True, (), None),
    ("存在绩效目标设置不够细化的问题。", "problem", ("problem",), False, (), None),
    (
        "按照《社会救助暂行办法》做好兜底保障，拨付资金50000元。",
        "implementation",
        ("amount",),
        False,
        (50000.0,),
        ("", None, "《社会救助暂行办法》"),
    ),
]
REPORT_C: list[Row] = [
    ("全县社会保险基金运行平稳，待遇按时足额发放。", "benefit", (), False, (), None),
    ("严格执行财务制度，专款专用，确保资金安全。", "financial-management", (), True, (), None),
    ("下一步将继续完善绩效目标管理。", "suggestion", (), False, (), None),
]


def _make_report(
    build: Callable[..., Report],
    file: str,
    k: int,
    rows: Sequence[Row],
    *,
    agency: str,
    year: int,
    title: str,
) -> Report:
    """A report whose units are ``rows``, laid out one per line (``build``: the root ``make_report``)."""
    units = [(r[0], r[1], n == 0 and not r[2] and r[0].endswith("情况")) for n, r in enumerate(rows)]
    return build(file, units, index=k, agency=agency, year=year, title=title)


def make_batch(report: Report, rows: Sequence[Row], *, content: str | None = None) -> FileBatch:
    """The FileBatch of a one-report file, with tags, amounts and citations from ``rows``."""
    notes = ReportNotes(
        tags={s.id: r[2] for s, r in zip(report.sentences, rows, strict=True)},
        amounts={s.id: r[4] for s, r in zip(report.sentences, rows, strict=True) if r[4]},
        citations={
            s.id: (CiteRef(r[5][0], r[5][1], r[5][2], s.id),)
            for s, r in zip(report.sentences, rows, strict=True)
            if r[5]
        },
    )
    digest = content or report.text
    return FileBatch(FileDoc(report.file, report.file, str(hash(digest))), (report,), {report.id: notes})


def repeat_detector() -> Callable[[Sequence[Report]], tuple[dict[str, UnitFlags], dict[str, float]]]:
    """A stand-in boilerplate detector: a unit whose text occurs twice is boilerplate (cluster 0)."""

    def detect(reports: Sequence[Report]) -> tuple[dict[str, UnitFlags], dict[str, float]]:
        texts = [s.text for r in reports for s in r.sentences]
        flags: dict[str, UnitFlags] = {}
        shares: dict[str, float] = {}
        for r in reports:
            marked = 0
            for s in r.sentences:
                repeated = texts.count(s.text) > 1
                flags[s.id] = UnitFlags(
                    repeated,
                    0.9 if repeated else 0.0,
                    0 if repeated else None,
                    "cross-agency" if repeated else None,
                )
                marked += repeated
            shares[r.id] = marked / max(1, len(r.sentences))
        return flags, shares

    return detect


@pytest.fixture()
def corpus_batches(make_report: Callable[..., Report]) -> list[FileBatch]:
    a = _make_report(
        make_report,
        "a.txt",
        0,
        REPORT_A,
        agency="攀枝花市社会保险事务中心",
        year=2022,
        title="城乡居民养老项目绩效自评报告",
    )
    b = _make_report(
        make_report,
        "b.txt",
        0,
        REPORT_B,
        agency="某县医疗保障局",
        year=2020,
        title="医疗救助项目绩效自评报告",
    )
    c = _make_report(
        make_report,
        "c.txt",
        0,
        REPORT_C,
        agency="某县人力资源和社会保障局",
        year=2023,
        title="社会保险项目绩效自评报告",
    )
    return [make_batch(a, REPORT_A), make_batch(b, REPORT_B), make_batch(c, REPORT_C)]


@pytest.fixture()
def built(tmp_path: Path, corpus_batches: list[FileBatch]) -> Engine:
    """An index of the three fixture reports, boilerplate flagged by repetition."""
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    index_batches(engine, corpus_batches, detect=repeat_detector())
    return engine


@pytest.fixture()
def kit(make_report: Callable[..., Report]) -> SimpleNamespace:
    """The helpers above for test modules (importlib mode: tests cannot import conftest)."""
    return SimpleNamespace(
        A=REPORT_A,
        B=REPORT_B,
        C=REPORT_C,
        make_report=partial(_make_report, make_report),
        make_batch=make_batch,
        repeat_detector=repeat_detector,
    )
