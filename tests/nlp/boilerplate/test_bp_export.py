"""Tables written as CSV plus Parquet (or JSON Lines without pyarrow), atomically."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from corpus.errors import OutputError
from nlp.boilerplate import detect, export
from nlp.boilerplate.export import CLUSTER_COLUMNS, REPORT_COLUMNS, UNIT_COLUMNS, write_tables

FRAME = "项目资金实行专款专用，单独核算，专账管理。"


@pytest.fixture
def result_and_reports(make_report):
    reports = [
        make_report("a.txt", [FRAME, "本馆全年接待读者八万余人次。"], agency="甲局"),
        make_report("b.txt", [FRAME], agency="乙局"),
    ]
    return detect(reports), reports


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_tables_hold_every_unit_cluster_and_report(tmp_path: Path, result_and_reports) -> None:
    result, reports = result_and_reports
    write_tables(result, reports, tmp_path, file_of={"a.txt": "in/a.txt"})
    units = _csv(tmp_path / "units.csv")
    assert list(units[0]) == list(UNIT_COLUMNS)
    assert [(u["file"], u["boilerplate"], u["kind"]) for u in units] == [
        ("in/a.txt", "True", "cross-agency"),
        ("in/a.txt", "False", ""),
        ("b.txt", "True", "cross-agency"),
    ]
    clusters = _csv(tmp_path / "clusters.csv")
    assert list(clusters[0]) == list(CLUSTER_COLUMNS) and clusters[0]["representative"] == FRAME
    assert list(_csv(tmp_path / "reports.csv")[0]) == list(REPORT_COLUMNS)
    assert json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))["clusters"] == 1


def test_parquet_when_pyarrow_is_installed(tmp_path: Path, result_and_reports) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    result, reports = result_and_reports
    write_tables(result, reports, tmp_path)
    table = pq.read_table(tmp_path / "units.parquet")
    assert table.column_names == list(UNIT_COLUMNS) and table.num_rows == 3


def test_json_lines_without_pyarrow(tmp_path: Path, result_and_reports, monkeypatch) -> None:
    monkeypatch.setattr(export, "parquet_available", lambda: False)
    result, reports = result_and_reports
    written = write_tables(result, reports, tmp_path)
    assert tmp_path / "units.jsonl" in written and not (tmp_path / "units.parquet").exists()
    rows = [
        json.loads(line) for line in (tmp_path / "clusters.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert rows[0]["n_reports"] == 2


def test_unwritable_folder_raises_output_error(tmp_path: Path, result_and_reports) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result, reports = result_and_reports
    with pytest.raises(OutputError):
        write_tables(result, reports, blocker / "out")
