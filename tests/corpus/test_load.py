"""The load pipeline: ids, offsets back to the raw text, names, errors, the sample corpus."""

from __future__ import annotations

import csv
from dataclasses import FrozenInstanceError, astuple, fields, replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import corpus
from corpus.errors import InputError
from corpus.load import build_document, from_text, list_files, load, load_documents, open_inputs
from corpus.model import REPORT_KINDS, SECTION_TYPES, Section, Sentence
from corpus.readers import RawText
from corpus.segment import document_units, split_units

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample"

TEXT = (
    "附件1\n[bookmark: _Toc1]甲县科技局2022年度科普项目支出绩效自评报告\n一、项目概况\n"
    "\u3000\u3000本项目资金12万元。[image: ]用于科普宣传。\n二、存在的问题\n宣传覆盖面不足。\n"
)


def test_ids_positions_and_sections() -> None:
    doc = from_text(TEXT, name="a.txt")
    (r,) = doc.reports
    assert r.id == "a.txt#0" and r.file == "a.txt" and r.index == 0
    assert [s.id for s in r.sentences][:2] == ["a.txt#0#0", "a.txt#0#1"]
    assert all(s.report_id == r.id for s in r.sentences)
    assert r.sentences[0].position == 0.0 and r.sentences[-1].position == 1.0
    assert [s.text for s in doc.residue] == ["附件1"] and doc.residue[0].report_id == ""
    assert [sec.heading for sec in r.sections] == ["一、项目概况", "二、存在的问题"]
    assert [sec.section_type for sec in r.sections] == ["overview", "problem"]
    problem = r.sentences[-1]
    assert (problem.section_type, problem.heading_path, problem.section_id) == (
        "problem",
        ("二、存在的问题",),
        r.sections[1].id,
    )


def test_offsets_into_clean_and_raw_text() -> None:
    doc = from_text(TEXT)
    assert "[bookmark" not in doc.text and "[image" not in doc.text
    for s in document_units(doc):
        assert doc.text[s.start : s.end] == s.text
        raw = doc.raw[s.src_start : s.src_end]
        assert raw.replace("[image: ]", "") == s.text
        assert doc.raw.count("\n", 0, s.src_start) + 1 == s.line
    r = doc.reports[0]
    assert r.text == doc.text[r.start : r.end] and r.text.startswith("甲县科技局")


def test_bad_input() -> None:
    with pytest.raises(Exception, match="expects str"):
        from_text(b"bytes")  # type: ignore[arg-type]
    long = from_text("资金" * 10_000)
    assert len(long.reports[0].sentences) == 1


def test_load_names_are_relative_to_the_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="gb18030")
    docs = list(load_documents(tmp_path))
    assert [d.name for d in docs] == ["a.txt", "sub/b.txt"]
    assert [d.name for d in load_documents([tmp_path / "sub" / "b.txt"])] == ["b.txt"]
    assert [r.id for r in load(tmp_path)] == ["a.txt#0", "sub/b.txt#0"]
    assert corpus.load is load


def test_bad_files_go_to_on_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    errors: list[InputError] = []
    docs = list(load_documents([tmp_path, tmp_path / "missing.txt"], on_error=errors.append))
    assert [d.name for d in docs] == ["good.txt"]
    assert len(errors) == 2 and all(isinstance(e, InputError) for e in errors)
    with pytest.raises(InputError):
        list(load_documents(tmp_path / "missing.txt"))
    assert list_files([tmp_path / "nothing"], on_error=errors.append) == []


def test_open_inputs_mixes_raw_files_and_stored_corpora(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "x.txt").write_text(TEXT, encoding="utf-8")
    corpus.write_corpus(load_documents(tmp_path / "raw"), tmp_path / "store")
    docs = list(open_inputs([tmp_path / "store", tmp_path / "raw" / "x.txt"]))
    assert [d.name for d in docs] == ["x.txt", "x.txt"]
    assert docs[0].reports == docs[1].reports


def _sample_index() -> list[dict[str, str]]:
    with open(SAMPLE / "INDEX.tsv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _tree(root: Path, files: list[str]) -> None:
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(TEXT, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "given", "names"),
    [
        # one folder or one file: the names of today, whatever else is in the tree
        (["d/a.txt", "d/s/b.txt"], ["d"], ["a.txt", "s/b.txt"]),
        (["d/s/b.txt"], ["d/s/b.txt"], ["b.txt"]),
        # each file once, where first given
        (["d/a.txt", "d/s/c.txt"], ["d/a.txt", "d/./a.txt", "d/s/../a.txt"], ["a.txt"]),
        (["d/a.txt", "d/b.txt"], ["d", "d/b.txt"], ["a.txt", "b.txt"]),
        (["d/a.txt", "d/b.txt"], ["d/b.txt", "d"], ["b.txt", "a.txt"]),
        # several paths, distinct names: kept
        (["d/a.txt", "e/b.txt"], ["d", "e"], ["a.txt", "b.txt"]),
        (["d/a.txt", "e/b.txt"], ["d/a.txt", "e/b.txt"], ["a.txt", "b.txt"]),
        # several paths, a shared name: those files relative to the common parent
        (["n/r.txt", "s/r.txt", "s/x.txt"], ["n", "s"], ["n/r.txt", "s/r.txt", "x.txt"]),
        (["p/n/r.txt", "q/s/r.txt"], ["p/n/r.txt", "q/s/r.txt"], ["p/n/r.txt", "q/s/r.txt"]),
        (["n/r.txt", "n/deep/s/r.txt"], ["n/r.txt", "n/deep/s"], ["r.txt", "deep/s/r.txt"]),
        # a renamed file meeting a name kept elsewhere: renamed too, until no name is shared
        (["n/r.txt", "s/r.txt", "t/n/r.txt"], ["n", "s", "t"], ["n/r.txt", "s/r.txt", "t/n/r.txt"]),
    ],
)
def test_list_files_names_and_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: list[str], given: list[str], names: list[str]
) -> None:
    _tree(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    listed = list_files(given)
    assert [name for _, name in listed] == names
    assert len({p.resolve() for p, _ in listed}) == len(listed)
    assert [d.name for d in load_documents(given)] == names
    assert [d.name for d in open_inputs(given)] == names


def test_two_reports_of_one_file_name_get_distinct_ids(tmp_path: Path) -> None:
    _tree(tmp_path, ["north/report.txt", "south/report.txt"])
    docs = list(load_documents([tmp_path / "north", tmp_path / "south"]))
    assert [r.id for d in docs for r in d.reports] == ["north/report.txt#0", "south/report.txt#0"]
    assert [d.name for d in load_documents(tmp_path / "north")] == ["report.txt"]


@given(st.lists(st.sampled_from(["a", "b", "a/b", "b/a", "a/a"]), min_size=1, max_size=5, unique=True))
def test_names_are_unique_and_stable_for_one_path(folders: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _tree(root, [f"{f}/r.txt" for f in folders])
        given = [root / f for f in folders]
        names = [name for _, name in list_files(given)]
        assert len(names) == len(set(names)) == len({p.resolve() for p, _ in list_files(given)})
        for f in folders:
            alone = [name for _, name in list_files(root / f)]
            assert alone == [p.relative_to(root / f).as_posix() for p, _ in list_files(root / f)]


def test_errors_come_in_the_order_of_the_given_paths(tmp_path: Path) -> None:
    _tree(tmp_path, ["d/a.txt", "e/a.txt"])
    seen: list[str] = []
    for doc in load_documents(
        [tmp_path / "d", tmp_path / "missing", tmp_path / "e"], on_error=lambda e: seen.append(str(e.path))
    ):
        seen.append(doc.name)
    assert seen == ["d/a.txt", str(tmp_path / "missing"), "e/a.txt"]
    with pytest.raises(InputError):
        list(load_documents([tmp_path / "d", tmp_path / "missing"]))


def test_open_inputs_names_raw_files_of_all_paths_together(tmp_path: Path) -> None:
    _tree(tmp_path, ["raw/n/r.txt", "raw/s/r.txt"])
    corpus.write_corpus(load_documents(tmp_path / "raw" / "n"), tmp_path / "store")
    docs = list(open_inputs([tmp_path / "raw" / "n", tmp_path / "store", tmp_path / "raw" / "s"]))
    assert [d.name for d in docs] == ["n/r.txt", "r.txt", "s/r.txt"]


def test_sample_corpus_matches_its_index() -> None:
    rows = _sample_index()
    got = [(d.name, r) for d in load_documents(SAMPLE) for r in d.reports]
    assert len(got) == len(rows)
    for (name, r), row in zip(got, rows, strict=True):
        assert (name, r.index) == (row["file"], int(row["report"]))
        assert (r.title or "", r.agency, r.year, r.kind) == (
            row["title"],
            row["agency"],
            int(row["year"]),
            row["kind"],
        )


_LINES = st.sampled_from(
    [
        "某县2022年度项目支出绩效自评报告",
        "部门预算项目支出绩效自评表（2022年度）",
        "附件1",
        "某县民政局",
        "一、项目概况",
        "1、 项目概况",
        "（一）项目绩效目标。",
        "（2）资金使用情况",
        "二、存在的问题",
        "第一部分 单位概况",
        "资金到位5万元。完成任务；效果良好！",
        "无",
        "指标\t目标值\t完成值",
        "名称 | 数值 | ||",
        "• 索引号",
        "",
        "  \t ",
    ]
)


@given(st.lists(_LINES, max_size=40))
def test_pipeline_invariants(lines: list[str]) -> None:
    doc = from_text("\n".join(lines))
    units = list(document_units(doc))
    assert [s.start for s in units] == sorted(s.start for s in units)
    assert len({s.id for s in units}) == len(units)
    for s in units:
        assert doc.text[s.start : s.end] == s.text and s.text
        assert s.section_type in SECTION_TYPES and 0.0 <= s.position <= 1.0
    for k, r in enumerate(doc.reports):
        assert r.index == k and r.sentences and r.kind in REPORT_KINDS
        assert [s.n for s in r.sentences] == list(range(len(r.sentences)))
        assert all(s.report_id == r.id for s in r.sentences)
        assert {s.section_id for s in r.sentences} <= {sec.id for sec in r.sections} | {None}
    expected = [u for line in lines for u in split_units(line)]
    assert [s.text for s in units] == expected


def test_reader_warnings_reach_the_document() -> None:
    raw = RawText(
        "w.txt",
        "txt",
        "gb18030",
        "某项目绩效自评报告\n一、项目概况\n内容。",
        warnings=("2 bad bytes replaced",),
    )
    assert build_document(raw, "w.txt").warnings == ("2 bad bytes replaced",)
    assert from_text("内容。").warnings == ()


@given(st.lists(_LINES, max_size=30), st.booleans())
def test_records_are_plain_frozen_dataclasses(lines: list[str], residue: bool) -> None:
    """Sentences and sections built on the fast path equal the ones their constructors build,
    and line numbers (taken from the units when nothing was cleaned) are the raw text's."""
    text = ("[image: ]附件1\n" if residue else "") + "\n".join(lines)
    doc = from_text(text)
    for s in document_units(doc):
        assert s == Sentence(**{f.name: getattr(s, f.name) for f in fields(Sentence)})
        assert doc.raw.count("\n", 0, s.src_start) + 1 == s.line
        with pytest.raises(FrozenInstanceError):
            s.text = ""  # type: ignore[misc]
    for r in doc.reports:
        for sec in r.sections:
            assert sec == replace(sec) and hash(sec) == hash(Section(*astuple(sec)))
