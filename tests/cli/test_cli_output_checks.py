"""Outputs checked before any work, honest summaries, and the tag table at 80 columns.

The report text is made up for these tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evalcorpus.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]

REPORT = (
    "北湖镇文化站2023年度送戏下乡项目支出绩效自评报告\n"
    "一、项目基本情况\n"
    "本项目年度预算资金共计18.60万元，实际支出17.2万元。\n"
    "二、绩效目标完成情况\n"
    "数量指标：演出场次计划40场，实际完成42场。\n"
    "三、存在的问题\n"
    "个别村演出场地条件较差，群众参与度不均衡。\n"
)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "a_report_file_with_a_rather_long_name_2023.txt"
    path.write_text(REPORT + REPORT.replace("北湖镇", "南山乡"), encoding="utf-8")
    return path


@pytest.fixture
def blocker(tmp_path: Path) -> Path:
    path = tmp_path / "afile"
    path.write_text("a file, not a folder", encoding="utf-8")
    return path


def test_tag_table_fits_80_columns_with_short_ids_and_whole_labels(report: Path) -> None:
    from rich.cells import cell_len

    env = {**os.environ, "COLUMNS": "80", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "evalcorpus.cli", "tag", str(report)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), proc.stdout
    rows = [json.loads(x) for x in runner.invoke(app, ["tag", str(report), "--jsonl"]).stdout.splitlines()]
    cells = [[c.strip() for c in line.split("│")] for line in lines if line.startswith("│")]
    # the file name heads each report's rows once (folded when long), instead of starting every unit id
    text_column = "".join(c[4] for c in cells if len(c) > 4)
    assert {r["report"] for r in rows} == {f"{report.name}#0", f"{report.name}#1"}
    assert all(text_column.count(r) == 1 for r in {r["report"] for r in rows}), text_column
    assert all(report.name not in c[1] for c in cells if len(c) > 1)
    short = {r["sentence"][len(report.name) :] for r in rows}
    assert short <= {c[1] for c in cells if len(c) > 2}
    labels_shown = {word for c in cells if len(c) > 3 for word in c[3].split()}
    assert {label for r in rows for label in r["labels"]} <= labels_shown  # no label cut


def test_train_checks_out_before_reading_the_gold(tmp_path: Path, blocker: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{broken\n", encoding="utf-8")  # reading it would fail with gold.jsonl:1
    result = runner.invoke(app, ["train", "--gold", str(gold), "--out", str(blocker / "m.npz")])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"evalcorpus: error: {blocker}/m.npz: ") and f"{blocker} is a file" in line


def test_train_out_that_is_a_folder(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{broken\n", encoding="utf-8")
    result = runner.invoke(app, ["train", "--gold", str(gold), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder, not a file" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_output_under_a_file_says_which_part_is_a_file(report: Path, blocker: Path, command: str) -> None:
    result = runner.invoke(app, [command, str(report), "--out", str(blocker / "sub" / "out")])
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert f"cannot create folder, {blocker} is a file" in line


@pytest.mark.parametrize(("name", "written"), [("good", True), ("missing", False)])
def test_ingest_json_says_whether_the_corpus_was_written(
    report: Path, tmp_path: Path, name: str, written: bool
) -> None:
    given = report if name == "good" else tmp_path / "missing.txt"
    out = tmp_path / "corpus"
    result = runner.invoke(app, ["ingest", str(given), "--out", str(out), "--json"])
    summary = json.loads(result.stdout)
    assert summary["written"] is written and summary["out"] == str(out)
    assert (out / "manifest.json").is_file() is written
    table = runner.invoke(app, ["ingest", str(given), "--out", str(tmp_path / "again")])
    assert ("corpus written to" in table.stdout) is written


def test_ingest_refuses_a_folder_of_reports_in_one_line(report: Path) -> None:
    result = runner.invoke(app, ["ingest", str(report), "--out", str(report.parent)])
    assert result.exit_code == 2 and not (report.parent / "manifest.json").exists()
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"evalcorpus: error: {report.parent}: ") and "holds report files" in line


def test_extract_that_reads_nothing_creates_no_out_folder(tmp_path: Path) -> None:
    out = tmp_path / "facts"
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt"), "--out", str(out)])
    assert result.exit_code == 2 and not out.exists()


def test_extract_out_caption_is_not_markup(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "[red]facts"
    result = runner.invoke(app, ["extract", str(report), "--out", str(out)])
    assert result.exit_code == 0
    assert "[red]facts" in "".join(result.stdout.split())
