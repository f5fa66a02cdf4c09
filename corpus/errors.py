"""The project's one exception root and its few subclasses.

The library raises these; only the CLI turns them into a one-line message and an exit code.
Each carries the file (and line or page, where known) so the message can name it.
"""

from __future__ import annotations


class EvalCorpusError(Exception):
    """Root of every error evalcorpus raises on purpose.

    >>> str(EvalCorpusError("cannot decode", path="a.txt", line=3))
    'a.txt:3: cannot decode'
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        page: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.page = page

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
        elif self.page is not None:
            where += f" (page {self.page})"
        return f"{where}: {self.message}" if where else self.message


class InputError(EvalCorpusError):
    """A file that cannot be read: missing, unsupported, undecodable, truncated, no text layer."""


class OutputError(EvalCorpusError):
    """An output location that cannot be written."""


class ModelError(EvalCorpusError):
    """A model file that is missing, corrupted or of another version."""


class SearchIndexError(EvalCorpusError):
    """An index that is missing, locked by another writer, or corrupted."""


class QueryError(EvalCorpusError):
    """A search query that cannot be parsed; ``position`` is the character offset of the fault."""

    def __init__(self, message: str, *, position: int | None = None, query: str | None = None) -> None:
        super().__init__(message)
        self.position = position
        self.query = query
