"""Atomic file writes: write to a temporary file beside the target, then rename over it.

A run that is killed or fails half-way leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from corpus.errors import OutputError


@contextlib.contextmanager
def atomic_write(path: str | Path, *, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file for writing; on success rename it to ``path``.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_write(p) as f:
    ...     _ = f.write("ok")
    >>> p.read_text()
    'ok'
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise output_error(target, exc) from exc
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; give the file the usual permissions
        with os.fdopen(fd, mode, encoding=encoding if "b" not in mode else None) as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def file_in_the_way(path: str | Path) -> Path | None:
    """The nearest existing part of ``path`` (itself excluded) that is a file, not a folder.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "f").write_text("x")
    1
    >>> file_in_the_way(d / "f" / "sub" / "out.csv") == d / "f"
    True
    >>> file_in_the_way(d / "new" / "out.csv") is None
    True
    """
    for part in Path(path).parents:
        if os.path.lexists(part):
            return None if part.is_dir() else part
    return None


def output_error(path: str | Path, exc: OSError | None = None) -> OutputError:
    """An OutputError for ``path`` saying what is wrong: which part is a file, or the OS reason."""
    blocker = file_in_the_way(path)
    if blocker is not None:
        return OutputError(f"cannot write: cannot create folder, {blocker} is a file", path=str(path))
    reason = (exc.strerror or str(exc)) if exc is not None else "not writable"
    return OutputError(f"cannot write: {reason}", path=str(path))


def check_output_folder(folder: str | Path) -> None:
    """Raise OutputError now, before any work, when files could not be written in ``folder``.

    Nothing is created: the folder, when absent, is made by the first write.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "f").write_text("x")
    1
    >>> check_output_folder(d / "new" / "tables")
    >>> check_output_folder(d / "f" / "tables")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    corpus.errors.OutputError: ...: cannot write: cannot create folder, ... is a file
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise OutputError(f"cannot write: {target} is a file, not a folder", path=str(target))
    existing = next((p for p in (target, *target.parents) if p.exists()), None)
    if existing is None or not existing.is_dir():
        raise OutputError(f"cannot write: cannot create folder, {existing} is a file", path=str(target))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write: permission denied ({existing})", path=str(target))


def check_output_file(path: str | Path) -> None:
    """Raise OutputError (naming ``path``) now when a file could not be written at ``path``.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_output_file(d / "new" / "model.npz")
    >>> check_output_file(d)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    corpus.errors.OutputError: ...: cannot write: this is a folder, not a file
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError("cannot write: this is a folder, not a file", path=str(target))
    try:
        check_output_folder(target.parent)
    except OutputError as exc:
        raise OutputError(exc.message, path=str(target)) from None


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
