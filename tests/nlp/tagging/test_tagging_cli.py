"""``evalcorpus tag`` / ``train`` / ``evaluate`` through the typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evalcorpus.cli import app

runner = CliRunner()

REPORT = "\n".join(
    [
        "某镇农村道路维护项目绩效自评报告",
        "一、绩效目标",
        "计划维护村道20公里，群众满意度≥90%。",
        "二、存在的问题",
        "部分路段排水设施不完善。",
    ]
)


def _gold(path: Path) -> Path:
    rows = []
    for f in range(4):
        units = [
            ("一、绩效目标", []),
            (f"计划完成培训{f + 3}期，合格率≥90%。", ["target", "indicator"]),
            (f"安排资金{f + 2}万元。", ["amount"]),
            ("二、存在的问题", []),
            ("场地不足，进度滞后。", ["problem"]),
            ("无。", []),
        ]
        rows.extend(
            {"file": f"f{f}.txt", "n": n, "text": t, "labels": labs} for n, (t, labs) in enumerate(units)
        )
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_tag_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "road.txt"
    src.write_text(REPORT, encoding="utf-8")
    res = runner.invoke(app, ["tag", str(src), "--jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert {"file", "report", "sentence", "section", "text", "labels", "scores"} <= set(rows[0])
    assert rows[0]["file"] == str(src)
    assert any("target" in r["labels"] for r in rows)


def test_tag_table_and_bad_file(tmp_path: Path) -> None:
    src = tmp_path / "road.txt"
    src.write_text(REPORT, encoding="utf-8")
    res = runner.invoke(app, ["tag", str(src), str(tmp_path / "missing.txt")])
    assert res.exit_code == 1
    assert "missing.txt" in res.output and "Traceback" not in res.output


def test_tag_with_corrupted_model(tmp_path: Path) -> None:
    src = tmp_path / "road.txt"
    src.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"oops")
    res = runner.invoke(app, ["tag", str(src), "--model", str(bad)])
    assert res.exit_code == 2 and "bad.npz" in res.output and "Traceback" not in res.output


def test_train_then_evaluate(tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold.jsonl")
    model = tmp_path / "m.npz"
    res = runner.invoke(
        app, ["train", "--gold", str(gold), "--corpus", str(tmp_path / "nocorpus"), "--out", str(model)]
    )
    assert res.exit_code == 0, res.output
    assert model.is_file() and model.with_suffix(".npz.json").is_file()
    res = runner.invoke(app, ["evaluate", "--gold", str(gold), "--model", str(model), "--json"])
    assert res.exit_code == 0, res.output
    result = json.loads(res.stdout)
    assert result["metrics"]["amount"]["f1"] == pytest.approx(1.0)
    res = runner.invoke(app, ["evaluate", "--gold", str(gold), "--cv", "loo", "--corpus", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "macro" in res.stdout


def test_evaluate_bad_cv(tmp_path: Path) -> None:
    res = runner.invoke(app, ["evaluate", "--gold", str(_gold(tmp_path / "g.jsonl")), "--cv", "nope"])
    assert res.exit_code == 2


def test_evaluate_bad_gold(tmp_path: Path) -> None:
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"file": "a", "n": 0, "text": "x", "labels": ["nonsense"]}\n', encoding="utf-8")
    res = runner.invoke(app, ["evaluate", "--gold", str(bad)])
    assert res.exit_code == 2 and "g.jsonl:1" in res.output
