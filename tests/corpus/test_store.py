"""The stored corpus: round trip, versioning, corruption, atomic replacement."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.errors import InputError, OutputError
from corpus.load import from_text, load_documents
from corpus.model import Document
from corpus.store import (
    DOCUMENTS,
    MANIFEST,
    CorpusWriter,
    check_writable,
    read_corpus,
    read_manifest,
    write_corpus,
)

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample"
TEXT = "附件1\n[bookmark: x]乙县2023年度项目支出绩效自评报告\n一、项目概况\n资金5万元。\n二、存在的问题\n无"


def test_round_trip_of_the_sample_corpus(tmp_path: Path) -> None:
    docs = list(load_documents(SAMPLE))
    manifest = write_corpus(docs, tmp_path, inputs=[str(SAMPLE)])
    assert manifest["counts"]["files"] == len(docs)
    assert manifest["counts"]["reports"] == sum(len(d.reports) for d in docs)
    assert read_corpus(tmp_path) == docs


def test_manifest_records_inputs_and_failures(tmp_path: Path) -> None:
    with CorpusWriter(tmp_path, inputs=["in"]) as w:
        w.add(from_text(TEXT, name="a.txt"))
        w.fail("b.pdf", "no text layer")
    m = read_manifest(tmp_path)
    assert (m["version"], m["inputs"], m["failures"]) == (
        1,
        ["in"],
        [{"file": "b.pdf", "error": "no text layer"}],
    )
    assert m["counts"] == {"files": 1, "failed": 1, "reports": 1, "sentences": 5, "residue": 1}


def test_version_mismatch_is_a_clear_error(tmp_path: Path) -> None:
    write_corpus([from_text(TEXT)], tmp_path)
    m = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    m["version"] = 99
    (tmp_path / MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(InputError, match="version 99 is not supported"):
        read_corpus(tmp_path)


def test_missing_manifest_and_corrupt_records(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no manifest\.json"):
        read_corpus(tmp_path)
    write_corpus([from_text(TEXT)], tmp_path)
    with open(tmp_path / DOCUMENTS, "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert err.value.line == 3


def test_a_failed_write_leaves_the_previous_corpus_intact(tmp_path: Path) -> None:
    write_corpus([from_text(TEXT, name="old.txt")], tmp_path)
    before = (tmp_path / DOCUMENTS).read_bytes()

    def docs() -> Iterator[Document]:
        yield from_text(TEXT, name="new.txt")
        raise RuntimeError("killed half-way")

    with pytest.raises(RuntimeError):
        write_corpus(docs(), tmp_path)
    assert (tmp_path / DOCUMENTS).read_bytes() == before
    assert [d.name for d in read_corpus(tmp_path)] == ["old.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unwritable_output(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError):
        write_corpus([from_text(TEXT)], blocker / "sub")


def test_open_inputs_reports_a_corrupt_corpus_to_on_error(tmp_path: Path) -> None:
    from corpus.load import open_inputs

    write_corpus([from_text(TEXT, name="a.txt"), from_text(TEXT, name="b.txt")], tmp_path)
    lines = (tmp_path / DOCUMENTS).read_text(encoding="utf-8").splitlines()
    (tmp_path / DOCUMENTS).write_text("\n".join([*lines[:3], "{broken", *lines[3:]]) + "\n", encoding="utf-8")
    errors: list[InputError] = []
    docs = list(open_inputs(tmp_path, on_error=errors.append))
    assert [d.name for d in docs] == ["a.txt"] and len(errors) == 1 and errors[0].line == 4


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"path": "a.txt"}', "missing field 'record' "),
        ("[1, 2]", "a line must be a JSON object, not list"),
        ('{"record": "summary"}', "unexpected record 'summary'"),
        ("{not json", "not JSON ("),
    ],
)
def test_a_corrupt_record_says_what_is_wrong_and_where(tmp_path: Path, line: str, expected: str) -> None:
    write_corpus([from_text(TEXT)], tmp_path)
    with open(tmp_path / DOCUMENTS, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert err.value.line == 3
    assert f"corrupt corpus record: {expected.strip()}" in str(err.value)


def test_output_under_a_file_names_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for call in (lambda: check_writable(blocker / "sub"), lambda: write_corpus([], blocker / "sub")):
        with pytest.raises(OutputError, match=f"cannot create folder, {blocker} is a file"):
            call()


@pytest.mark.parametrize(
    ("files", "refused"),
    [
        ({"r.txt": "x"}, True),
        ({"deep/er/r.DOCX": "x"}, True),
        ({"r.txt": "x", MANIFEST: "{}"}, False),  # an earlier corpus: replaced
        ({"notes.md": "x", ".hidden/r.txt": "x", "~$r.docx": "x"}, False),
        ({}, False),
    ],
)
def test_check_writable_refuses_a_folder_of_report_files(
    tmp_path: Path, files: dict[str, str], refused: bool
) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    if refused:
        with pytest.raises(OutputError, match="holds report files"):
            check_writable(tmp_path)
    else:
        check_writable(tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()} == set(files)


def test_a_malformed_document_names_its_own_line(tmp_path: Path) -> None:
    write_corpus([from_text(TEXT, name="a.txt"), from_text(TEXT, name="b.txt")], tmp_path)
    lines = (tmp_path / DOCUMENTS).read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    del first["encoding"]
    (tmp_path / DOCUMENTS).write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert err.value.line == 1 and "missing field 'encoding'" in str(err.value)
