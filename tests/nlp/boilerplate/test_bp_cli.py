"""``evalcorpus boilerplate``: --jsonl objects, --out tables, bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from evalcorpus.cli import app
from evalcorpus.commands.boilerplate import JSONL_KEYS

COPIED = "项目资金实行专款专用，单独核算，专账管理，严禁挤占挪用。"


def _write(folder: Path, name: str, title: str, own: str) -> Path:
    path = folder / name
    path.write_text(f"{title}\n一、项目概况\n{COPIED}\n{own}\n二、存在的问题\n无。\n", encoding="utf-8")
    return path


def _inputs(tmp_path: Path) -> list[Path]:
    return [
        _write(tmp_path, "a.txt", "甲县图书馆阅读推广项目绩效自评报告", "全年接待读者八万余人次。"),
        _write(tmp_path, "b.txt", "乙县文化馆书屋建设项目绩效自评报告", "全县新建农家书屋十五个。"),
    ]


def test_jsonl_prints_one_object_per_unit(tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    res = CliRunner().invoke(app, ["boilerplate", *map(str, paths), "--jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert all(tuple(r) == JSONL_KEYS for r in rows)
    copied = [r for r in rows if r["text"] == COPIED]
    assert {r["file"] for r in copied} == {str(p) for p in paths}
    assert all(r["boilerplate"] and r["kind"] == "cross-agency" and r["cluster"] == 0 for r in copied)
    assert not any(r["boilerplate"] for r in rows if r["text"] == "无。")


def test_out_writes_tables_and_prints_a_summary(tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    out = tmp_path / "bp"
    res = CliRunner().invoke(app, ["boilerplate", *map(str, paths), "--out", str(out), "--threshold", "0.9"])
    assert res.exit_code == 0, res.output
    assert {"units.csv", "clusters.csv", "reports.csv", "stats.json"} <= {p.name for p in out.iterdir()}
    assert "Widest clusters" in res.stdout and "Boilerplate share by agency" in res.stdout


def test_a_bad_file_is_reported_and_the_rest_processed(tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    res = CliRunner().invoke(app, ["boilerplate", str(tmp_path / "missing.txt"), *map(str, paths), "--jsonl"])
    assert res.exit_code == 1
    assert "missing.txt" in res.stderr and "Traceback" not in res.output
    assert len(res.stdout.splitlines()) > 0


def test_nothing_readable_is_fatal(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["boilerplate", str(tmp_path / "missing.txt")])
    assert res.exit_code == 2
