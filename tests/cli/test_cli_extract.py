"""``evalcorpus extract``: JSONL facts in document order, tables on disk, clean errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from evalcorpus.cli import app

REPORT = (
    "丙中心2023年度项目支出绩效自评报告\n一、项目概况\n"
    "按照《某某补助资金管理办法》（丙财社〔2022〕15号）下达资金6.5万元。\n"
    "（二）项目绩效目标\n数量指标：服务人数300人；成本指标：所需资金6.5万元。\n"
    "二、项目绩效情况\n数量指标：服务人数300人；成本指标：所需资金6.5万元。\n"
)


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_jsonl_rows_in_document_order(tmp_path: Path) -> None:
    path = _write(tmp_path)
    result = CliRunner().invoke(app, ["extract", str(path), "--jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    kinds = [r["kind"] for r in rows]
    assert kinds[:2] == ["citation", "amount"]
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    amount = rows[1]
    assert amount["yuan"] == "65000" and amount["text"] == "6.5万元" and amount["file"] == str(path)
    assert rows[0]["normalized"] == "丙财社〔2022〕15号"
    indicators = [r for r in rows if r["kind"] == "indicator"]
    assert {r["category"] for r in indicators} == {"数量", "成本"}
    assert any(r["repeated_plan"] for r in indicators)


def test_out_writes_four_tables_and_bad_input_gives_exit_1(tmp_path: Path) -> None:
    path = _write(tmp_path)
    out = tmp_path / "tables"
    result = CliRunner().invoke(app, ["extract", str(path), str(tmp_path / "missing.txt"), "--out", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for name in ("amounts", "citations", "documents", "indicators"):
        assert (out / f"{name}.csv").exists()
        assert (out / f"{name}.parquet").exists() or (out / f"{name}.jsonl").exists()
    header = (out / "amounts.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("kind,file,report,sentence,text,yuan")
