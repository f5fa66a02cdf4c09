"""The exception root formats its location; atomic writes never leave a half-written file."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.atomic import atomic_write
from corpus.errors import EvalCorpusError, InputError, OutputError, QueryError


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "bad"),
        ({"path": "a.txt"}, "a.txt: bad"),
        ({"path": "a.txt", "line": 7}, "a.txt:7: bad"),
        ({"path": "b.pdf", "page": 2}, "b.pdf (page 2): bad"),
    ],
)
def test_error_message_names_the_place(kwargs: dict, expected: str) -> None:
    assert str(InputError("bad", **kwargs)) == expected


def test_query_error_is_an_evalcorpus_error() -> None:
    err = QueryError("unbalanced quote", position=4, query='a "b')
    assert isinstance(err, EvalCorpusError)
    assert err.position == 4


def test_atomic_write_keeps_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write("new, half")
        raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_replaces_on_success(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    with atomic_write(target) as handle:
        handle.write("新")
    assert target.read_text(encoding="utf-8") == "新"


def test_atomic_write_unwritable_folder_is_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError), atomic_write(blocker / "out.txt") as handle:
        handle.write("x")


def test_atomic_write_gives_usual_permissions(tmp_path: Path) -> None:
    import os

    target = tmp_path / "perm.txt"
    with atomic_write(target) as handle:
        handle.write("x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
