"""Building an index: incremental updates, corpus-level recomputation, atomic commits, locking."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from corpus.errors import SearchIndexError
from index.build import FileBatch, build, index_batches
from index.pipeline import stage
from index.search import search
from index.whoosh_engine import WhooshEngine, WhooshWriter

REPO = Path(__file__).resolve().parents[2]


def _generation(engine: WhooshEngine) -> int:
    return engine.ix.latest_generation()


def test_rerun_on_the_same_files_changes_nothing(
    kit: SimpleNamespace, tmp_path: Path, corpus_batches: list[FileBatch]
) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    first = index_batches(engine, corpus_batches, detect=kit.repeat_detector())
    gen = _generation(engine)
    again = index_batches(engine, corpus_batches, detect=kit.repeat_detector())
    assert first.files_added == ("a.txt", "b.txt", "c.txt") and first.sentences_indexed == 14
    assert not again.changed and again.files_unchanged == 3 and again.recomputed == ()
    assert _generation(engine) == gen and again.counts == first.counts == {
        "sentence": 14,
        "report": 3,
        "file": 3,
    }


def test_a_changed_file_replaces_its_old_entries(
    kit: SimpleNamespace, tmp_path: Path, corpus_batches: list[FileBatch]
) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    index_batches(engine, corpus_batches, detect=kit.repeat_detector())
    rows = [*kit.B[:3], ("今年新增慢性病门诊补助项目。", "implementation", (), False, (), None)]
    changed = kit.make_report("b.txt", 0, rows, agency="某县医疗保障局", year=2021, title="改过的报告")
    summary = index_batches(
        engine, [*corpus_batches[:1], kit.make_batch(changed, rows)], detect=kit.repeat_detector()
    )
    assert summary.files_replaced == ("b.txt",) and summary.files_unchanged == 1 and summary.files_added == ()
    assert summary.counts == {"sentence": 13, "report": 3, "file": 3}
    assert [h.doc.id for h in search(engine, "慢性病").hits] == ["b.txt#0#3"]
    assert search(engine, "兜底").total == 0  # the old unit 4 of b.txt is gone
    assert {h.doc.year for h in search(engine, "", agency="医疗保障").hits} == {2021}


def test_adding_a_file_recomputes_boilerplate_of_older_reports(kit: SimpleNamespace, tmp_path: Path) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    a = kit.make_report("a.txt", 0, kit.A[:5], agency="甲", year=2022, title="甲")
    index_batches(engine, [kit.make_batch(a, kit.A[:5])], detect=kit.repeat_detector())
    assert search(engine, "", boilerplate=True).total == 0
    copy_rows = [kit.A[2], *kit.C[1:]]
    c = kit.make_report("c.txt", 0, copy_rows, agency="乙", year=2023, title="乙")
    summary = index_batches(engine, [kit.make_batch(c, copy_rows)], detect=kit.repeat_detector())
    assert summary.files_added == ("c.txt",) and summary.boilerplate_updated == 1
    assert any("boilerplate clusters over all 2 reports" in r for r in summary.recomputed)
    flagged = {h.doc.id for h in search(engine, "", boilerplate=True).hits}
    assert flagged == {"a.txt#0#2", "c.txt#0#0"}
    share = {r.id: r.boilerplate_share for r in engine.reports()}
    assert share["a.txt#0"] == pytest.approx(1 / 5)


def test_a_failure_mid_build_leaves_the_previous_index(
    kit: SimpleNamespace, tmp_path: Path, corpus_batches: list[FileBatch], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    index_batches(engine, corpus_batches[:2], detect=kit.repeat_detector())
    before = [h.doc.id for h in search(engine, "资金").hits]
    calls = {"n": 0}
    original = WhooshWriter.add_sentence

    def failing(self: WhooshWriter, doc: object) -> None:
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError("disk full (simulated)")
        original(self, doc)  # type: ignore[arg-type]

    monkeypatch.setattr(WhooshWriter, "add_sentence", failing)
    with pytest.raises(OSError):
        index_batches(engine, corpus_batches, detect=kit.repeat_detector())
    reopened = WhooshEngine.open(tmp_path / "ix")
    assert [h.doc.id for h in search(reopened, "资金").hits] == before
    assert set(reopened.files()) == {"a.txt", "b.txt"}
    monkeypatch.setattr(WhooshWriter, "add_sentence", original)
    assert index_batches(reopened, corpus_batches, detect=kit.repeat_detector()).files_added == ("c.txt",)


KILLED_WRITER = """
import os, sys
sys.path.insert(0, {repo!r})
from index.whoosh_engine import WhooshEngine
from index.records import FileDoc
engine = WhooshEngine.open({ix!r})
with engine.writer() as w:
    w.delete_file("a.txt")
    for i in range(50):
        w.add_file(FileDoc(f"x{{i}}.txt", "x", "h"))
    print("writing", flush=True)
    os._exit(9)  # killed before commit
"""


def test_a_killed_build_leaves_the_previous_index(
    kit: SimpleNamespace, tmp_path: Path, corpus_batches: list[FileBatch]
) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    index_batches(engine, corpus_batches, detect=kit.repeat_detector())
    code = KILLED_WRITER.format(repo=str(REPO), ix=str(tmp_path / "ix"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9 and "writing" in proc.stdout
    reopened = WhooshEngine.open(tmp_path / "ix")
    assert set(reopened.files()) == {"a.txt", "b.txt", "c.txt"}
    assert reopened.counts()["sentence"] == 14
    with reopened.writer() as w:  # the lock died with the process
        w.delete_file("c.txt")
    assert set(WhooshEngine.open(tmp_path / "ix").files()) == {"a.txt", "b.txt"}


def test_a_second_writer_is_told_who_holds_the_lock(tmp_path: Path, corpus_batches: list[FileBatch]) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    other = WhooshEngine.open(tmp_path / "ix")
    with engine.writer(), pytest.raises(SearchIndexError) as err:
        index_batches(other, corpus_batches)
    assert f"index is locked by pid {os.getpid()} on " in str(err.value) and " since " in str(err.value)
    assert index_batches(other, corpus_batches).files_added  # free again


def test_open_checks_the_directory(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="no index here"):
        WhooshEngine.open(tmp_path / "missing")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SearchIndexError, match="not empty"):
        WhooshEngine.open(tmp_path / "busy", create=True)


@pytest.mark.parametrize(
    ("module", "name"), [("nlp.no_such_stage", "detect"), ("corpus.errors", "no_such_function")]
)
def test_a_missing_stage_is_a_clear_error(module: str, name: str) -> None:
    with pytest.raises(SearchIndexError, match=rf"cannot build: {module}\.{name} is not available"):
        stage(module, name)


def test_missing_stage_stops_build_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import index.pipeline as pipeline_module

    real = pipeline_module.stage

    def without_boilerplate(module: str, name: str, *fallbacks: str) -> object:
        return real("nlp.boilerplate_missing" if module == "nlp.boilerplate" else module, name, *fallbacks)

    monkeypatch.setattr(pipeline_module, "stage", without_boilerplate)
    with pytest.raises(SearchIndexError, match=r"nlp\.boilerplate_missing\.detect"):
        build([tmp_path], tmp_path / "ix")
    assert not (tmp_path / "ix").exists()


FILE_ONE = """某县民政局2023年度困难群众救助项目绩效自评报告
一、项目概况
本项目用于保障困难群众基本生活，全年安排资金80万元。
二、绩效目标
确保救助资金按时足额发放到位。
三、存在的问题
部分村级经办人员政策掌握不够准确。
"""
FILE_TWO = """某县水利局2022年度农村供水工程项目绩效自评报告
一、项目概况
本项目新建供水管网12公里，依据川水函〔2021〕15号文件实施。
二、绩效目标
确保农村群众喝上放心水。
"""


def test_build_runs_every_stage_and_is_incremental(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.txt").write_text(FILE_ONE, encoding="utf-8")
    (src / "two.txt").write_text(FILE_TWO, encoding="utf-8")
    seen: set[str] = set()
    first = build([src], tmp_path / "ix", progress=lambda stage, done, total: seen.add(stage))
    assert first.files_added == ("one.txt", "two.txt") and not first.errors
    assert seen == {"ingest", "tag", "extract", "boilerplate", "index"}
    engine = WhooshEngine.open(tmp_path / "ix")
    assert search(engine, '"按时足额发放"').total == 1
    assert [h.doc.file for h in search(engine, "川水函[2021]15号").hits] == ["two.txt"]
    assert not build([src], tmp_path / "ix").changed
    (src / "two.txt").write_text(FILE_TWO.replace("12公里", "15公里"), encoding="utf-8")
    again = build([src], tmp_path / "ix")
    assert again.files_replaced == ("two.txt",) and again.files_unchanged == 1


def test_build_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.txt").write_text(FILE_ONE, encoding="utf-8")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    summary = build([src], tmp_path / "ix")
    assert summary.files_added == ("one.txt",)
    assert [Path(e.path or "").name for e in summary.errors] == ["broken.pdf"]


def test_summary_is_a_frozen_record(tmp_path: Path, corpus_batches: list[FileBatch]) -> None:
    engine = WhooshEngine.open(tmp_path / "ix", create=True)
    summary = index_batches(engine, corpus_batches)
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.files_unchanged = 5  # type: ignore[misc]
    assert summary.recomputed == ("citation counts (computed at query time)",)
