"""``evalcorpus ingest``: summary, --json, --out, exit codes, bad files, unwritable output."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from corpus.store import read_corpus
from evalcorpus.cli import app

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample"
runner = CliRunner()


def test_summary_table_on_the_sample() -> None:
    result = runner.invoke(app, ["ingest", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Ingest summary" in result.output and "kind: project" in result.output


def test_json_summary_and_stored_corpus(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(SAMPLE), "--json", "--out", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["files"], summary["read"], summary["failed"]) == (7, 7, 0)
    assert summary["reports"] == 9 and summary["by_kind"] == {"department": 1, "project": 8}
    docs = read_corpus(tmp_path / "c")
    assert sum(len(d.reports) for d in docs) == 9


def test_bad_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(
        "某县2022年度项目支出绩效自评报告\n一、项目概况\n内容。", encoding="utf-8"
    )
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--json"])
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["failed"]) == (1, 1)
    assert summary["failures"][0]["file"].endswith("broken.docx")
    assert "broken.docx" in result.stderr and "Traceback" not in result.output


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such file" in " ".join(result.stderr.split())


def test_unwritable_output_exits_2_and_keeps_an_existing_corpus(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(SAMPLE), "--out", str(blocker / "c")])
    assert result.exit_code == 2 and "cannot write" in " ".join(result.stderr.split())
    good = tmp_path / "good"
    assert runner.invoke(app, ["ingest", str(SAMPLE), "--out", str(good)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in good.iterdir()}
    assert runner.invoke(app, ["ingest", str(tmp_path / "missing"), "--out", str(good)]).exit_code == 2
    assert {p.name: p.read_bytes() for p in good.iterdir()} == before
