"""Tables on disk: CSV plus Parquet, JSONL without pyarrow, clean errors for a bad folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.errors import OutputError
from nlp.extract import export

ROWS = [{"kind": "amount", "file": "a.txt", "text": "5万元", "yuan": "50000", "start": 1, "end": 4}]


def test_csv_and_jsonl_without_pyarrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "has_parquet", lambda: False)
    written = export.write_tables(tmp_path / "t", {"amounts": (ROWS, export.AMOUNT_COLUMNS)})
    assert [p.name for p in written] == ["amounts.csv", "amounts.jsonl"]
    lines = (tmp_path / "t" / "amounts.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[:6] == ["kind", "file", "report", "sentence", "text", "yuan"]
    assert "5万元" in lines[1]
    (row,) = [
        json.loads(x) for x in (tmp_path / "t" / "amounts.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert row["yuan"] == "50000"


def test_parquet_when_pyarrow_is_installed(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export.write_tables(tmp_path, {"amounts": (ROWS, export.AMOUNT_COLUMNS)})
    table = pq.read_table(tmp_path / "amounts.parquet")
    assert table.column("yuan").to_pylist() == ["50000"]
    assert table.column("start").to_pylist() == [1]


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError):
        export.write_tables(blocker / "sub", {"amounts": (ROWS, export.AMOUNT_COLUMNS)})
