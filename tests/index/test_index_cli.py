"""The index commands: search/cites/documents output and errors, build and index end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from evalcorpus.cli import app
from index.engine import Engine

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_search_jsonl_with_filters(built: Engine) -> None:
    code, out, _ = _run(
        "search", "资金", "--index", built.path, "--substantive", "--year", "2020..2022", "--jsonl"
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and {r["id"] for r in rows} == {"a.txt#0#3", "b.txt#0#0", "b.txt#0#4"}
    assert all(r["boilerplate"] is False and 2020 <= r["year"] <= 2022 for r in rows)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--tag", "problem"), {"a.txt#0#4", "b.txt#0#3"}),
        (("--boilerplate",), {"a.txt#0#5", "b.txt#0#2", "c.txt#0#1"}),
        (("--agency", "医疗保障", "--section", "problem"), {"b.txt#0#3"}),
        (("--amount-min", "100000"), {"a.txt#0#3"}),
    ],
)
def test_search_filter_options(built: Engine, args: tuple[str, ...], expected: set[str]) -> None:
    code, out, _ = _run("search", "", "--index", built.path, "--format", "jsonl", *args)
    assert code == 0 and {json.loads(line)["id"] for line in out.splitlines()} == expected


def test_search_table_and_kwic(built: Engine) -> None:
    code, out, err = _run("search", '"按时足额"', "--index", built.path)
    assert code == 0 and "2 sentences" in out and "1–2 of 2" in err
    code, out, _ = _run(
        "search", "资金", "--index", built.path, "--format", "kwic", "--width", "8", "--limit", "3"
    )
    lines = [line for line in out.splitlines() if "资金" in line]
    assert (
        code == 0 and len(lines) >= 3 and len({cell_len(line[: line.index("资金")]) for line in lines}) == 1
    )


def test_search_reports_and_facets(built: Engine) -> None:
    code, out, _ = _run("search", "资金", "--index", built.path, "--reports", "--facets", "--jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    reports = [r for r in rows if "report_id" in r and "hits" in r]
    assert code == 0 and len(reports) == 3 and reports[0]["best"]["text"]
    assert rows[-1]["facets"]["boilerplate"] == {"boilerplate": 3, "substantive": 3}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"按时足额', "unclosed quote at position 1"),
        ("资金 AND", '"AND" needs a term after it at position 4'),
    ],
)
def test_query_syntax_error_is_one_line(built: Engine, query: str, message: str) -> None:
    code, out, err = _run("search", query, "--index", built.path)
    assert code == 2 and out == ""
    assert err.strip() == f"evalcorpus: error: query error: {message}" and "Traceback" not in err


def test_missing_index_is_one_line(tmp_path: Path) -> None:
    code, _, err = _run("search", "资金", "--index", str(tmp_path / "none"))
    assert code == 2 and err.count("\n") == 1 and "no index here" in err


def test_conflicting_options(built: Engine) -> None:
    code, _, err = _run("search", "资金", "--index", built.path, "--boilerplate", "--substantive")
    assert code == 2 and "exclude each other" in err


@pytest.mark.parametrize(
    "variant",
    [
        "川人社办发〔2017〕984号",
        "川人社办发[2017]984号",
        "川人社办发（2017）984号",
        "川人社办发 [ 2017 ] 984 号",
    ],
)
def test_cites_any_bracket_style(built: Engine, variant: str) -> None:
    code, out, _ = _run("cites", variant, "--index", built.path, "--jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and {r["id"] for r in rows} == {"a.txt#0#3", "b.txt#0#1"}
    assert {c["doc_number"] for r in rows for c in r["citations"]} == {
        "川人社办发〔2017〕984号",
        "川人社办发[2017]984号",
    }


def test_cites_part_of_a_title(built: Engine) -> None:
    code, out, _ = _run("cites", "社会救助", "--index", built.path, "--jsonl")
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == ["b.txt#0#4"]


def test_documents_lists_most_cited_first(built: Engine) -> None:
    code, out, _ = _run("documents", "--index", built.path, "--jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows[0] == {
        "document": "川人社办发〔2017〕984号",
        "title": None,
        "reports": 2,
        "sentences": 2,
        "agencies": 2,
        "years": [2020, 2022],
    }
    assert rows[1]["document"] == "社会救助暂行办法" and rows[1]["reports"] == 1
    code, out, _ = _run("documents", "--index", built.path)
    assert code == 0 and "2 cited documents" in out


SOURCE = """某县民政局2023年度困难群众救助项目绩效自评报告
一、项目概况
本项目全年安排救助资金80万元，依据民发〔2020〕18号文件实施。
二、存在的问题
个别乡镇资料归档不及时。
"""


def test_build_then_index_is_unchanged(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.txt").write_text(SOURCE, encoding="utf-8")
    code, out, _ = _run("build", str(src), "--index", str(tmp_path / "ix"), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["files_added"] == ["one.txt"] and summary["counts"]["report"] == 1
    assert any("boilerplate" in r for r in summary["recomputed"])
    code, out, _ = _run("index", str(src), "--index", str(tmp_path / "ix"))
    assert code == 0 and "unchanged (1 files already indexed)" in out
    code, out, _ = _run("cites", "民发[2020]18号", "--index", str(tmp_path / "ix"), "--jsonl")
    assert code == 0 and len(out.splitlines()) == 1


def test_build_with_a_bad_file_exits_1(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.txt").write_text(SOURCE, encoding="utf-8")
    (src / "bad.docx").write_bytes(b"not a zip")
    code, out, err = _run("build", str(src), "--index", str(tmp_path / "ix"))
    assert code == 1 and "bad.docx" in err and "1 files added" in out
