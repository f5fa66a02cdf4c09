"""The on-disk corpus written by ``evalcorpus ingest --out DIR`` and read back by every command.

Format (version :data:`corpus.model.CORPUS_FORMAT_VERSION`), two files in ``DIR``:

``manifest.json``
    ``{"format": "evalcorpus-corpus", "version": 1, "created": ISO-8601 UTC, "inputs": [paths as
    given], "counts": {"files", "failed", "reports", "sentences", "residue"}, "failures": [{"file",
    "error"}], "documents": "documents.jsonl"}``. Written last: a corpus without it is incomplete.

``documents.jsonl``
    UTF-8 JSON Lines, in input order. For each file a ``{"record": "document", …}`` line (path,
    name, format, encoding, text, raw — ``null`` when equal to text —, warnings, residue units),
    then one ``{"record": "report", …}`` line per report with its metadata, ``sections`` and
    ``sentences`` (every field of :class:`~corpus.model.Section` / :class:`~corpus.model.Sentence`
    by name; tuples become lists).

Both files are written through :func:`corpus.atomic.atomic_write`, so a failed run leaves an
earlier corpus in ``DIR`` intact.

>>> import tempfile
>>> from corpus.load import from_text
>>> d = tempfile.mkdtemp()
>>> with CorpusWriter(d, inputs=["x.txt"]) as w:
...     w.add(from_text("某项目绩效自评报告\\n一、项目概况\\n内容。", name="x.txt"))
>>> [r.title for doc in read_corpus(d) for r in doc.reports]
['某项目绩效自评报告']
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from corpus.atomic import atomic_write, output_error
from corpus.errors import InputError, OutputError
from corpus.model import CORPUS_FORMAT_VERSION, Document, Report, Section, Sentence

MANIFEST = "manifest.json"
DOCUMENTS = "documents.jsonl"
FORMAT_NAME = "evalcorpus-corpus"

_REPORT_META = ("id", "file", "index", "title", "project", "agency", "year", "kind", "start", "end", "region")


def _record(obj: Any, names: Iterable[str]) -> dict[str, Any]:
    out = {}
    for name in names:
        value = getattr(obj, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def document_record(doc: Document) -> dict[str, Any]:
    """The ``document`` line of a file (its reports follow as ``report`` lines)."""
    return {
        "record": "document",
        "path": doc.path,
        "name": doc.name,
        "format": doc.format,
        "encoding": doc.encoding,
        "text": doc.text,
        "raw": None if doc.raw == doc.text else doc.raw,
        "warnings": list(doc.warnings),
        "residue": [vars(s) for s in doc.residue],
    }


def report_record(report: Report) -> dict[str, Any]:
    """The ``report`` line: metadata, sections and sentences (report text is sliced on reading)."""
    rec: dict[str, Any] = {"record": "report"}
    rec.update(_record(report, _REPORT_META))
    # a record's __dict__ holds every field by name, in order; json writes its tuples as lists
    rec["sections"] = [vars(s) for s in report.sections]
    rec["sentences"] = [vars(s) for s in report.sentences]
    return rec


class CorpusWriter:
    """Write documents to ``DIR/documents.jsonl`` as they come, then the manifest on success.

    Raises :class:`~corpus.errors.OutputError` when ``DIR`` cannot be written.
    """

    def __init__(self, out: str | Path, *, inputs: Iterable[str] = ()) -> None:
        self.out = Path(out)
        self.inputs = [str(p) for p in inputs]
        self.counts = {"files": 0, "failed": 0, "reports": 0, "sentences": 0, "residue": 0}
        self.failures: list[dict[str, str]] = []
        self._stack = ExitStack()
        self._handle: IO[str] | None = None

    def __enter__(self) -> CorpusWriter:
        self._handle = self._stack.enter_context(atomic_write(self.out / DOCUMENTS))
        return self

    def add(self, doc: Document) -> None:
        """Append one document and its reports."""
        assert self._handle is not None, "use CorpusWriter as a context manager"
        write = self._handle.write
        write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
        for report in doc.reports:
            write(json.dumps(report_record(report), ensure_ascii=False) + "\n")
        self.counts["files"] += 1
        self.counts["reports"] += len(doc.reports)
        self.counts["sentences"] += sum(len(r.sentences) for r in doc.reports)
        self.counts["residue"] += len(doc.residue)

    def fail(self, file: str, error: str) -> None:
        """Record an input that could not be read."""
        self.counts["failed"] += 1
        self.failures.append({"file": file, "error": error})

    def manifest(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": CORPUS_FORMAT_VERSION,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "inputs": self.inputs,
            "counts": dict(self.counts),
            "failures": list(self.failures),
            "documents": DOCUMENTS,
        }

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stack.__exit__(exc_type, exc, tb)  # renames documents.jsonl only on success
        if exc_type is None:
            with atomic_write(self.out / MANIFEST) as handle:
                json.dump(self.manifest(), handle, ensure_ascii=False, indent=1)


def _holds_report_files(folder: Path) -> bool:
    """Some report file (.txt, .docx, …) lies in ``folder`` or below it (hidden entries skipped)."""
    from corpus.readers import SUPPORTED_SUFFIXES

    for _root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if any(not f.startswith((".", "~$")) and Path(f).suffix.lower() in SUPPORTED_SUFFIXES for f in files):
            return True
    return False


def check_writable(out: str | Path) -> None:
    """Raise OutputError now, before any work, when ``out`` cannot take a corpus.

    A folder holding report files but no manifest is refused: once a manifest is written there,
    every command would read it as a stored corpus and skip those files.
    """
    folder = Path(out)
    if folder.is_dir() and not (folder / MANIFEST).is_file() and _holds_report_files(folder):
        raise OutputError(
            "holds report files and is not a stored corpus; give an empty or new folder for --out",
            path=str(folder),
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".probe.", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise output_error(folder / DOCUMENTS, exc) from None


def write_corpus(docs: Iterable[Document], out: str | Path, *, inputs: Iterable[str] = ()) -> dict[str, Any]:
    """Write ``docs`` as a corpus in ``out``; returns the manifest."""
    with CorpusWriter(out, inputs=inputs) as writer:
        for doc in docs:
            writer.add(doc)
    return writer.manifest()


def read_manifest(folder: str | Path) -> dict[str, Any]:
    """The manifest of a stored corpus; InputError when absent, unreadable or of another version."""
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"not a stored corpus (no {MANIFEST})", path=str(folder)) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"unreadable corpus manifest ({exc})", path=str(path)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise InputError("not an evalcorpus corpus manifest", path=str(path))
    if manifest.get("version") != CORPUS_FORMAT_VERSION:
        raise InputError(
            f"corpus format version {manifest.get('version')} is not supported (this evalcorpus reads "
            f"version {CORPUS_FORMAT_VERSION}); run `evalcorpus ingest` again on the source files",
            path=str(path),
        )
    return manifest


def _sentence(rec: dict[str, Any]) -> Sentence:
    rec["heading_path"] = tuple(rec["heading_path"])
    return Sentence(**rec)


def _section(rec: dict[str, Any]) -> Section:
    rec["heading_path"] = tuple(rec["heading_path"])
    return Section(**rec)


def _document(rec: dict[str, Any], reports: list[dict[str, Any]]) -> Document:
    text = rec["text"]
    built = []
    for r in reports:
        r.pop("record")
        sections = tuple(_section(s) for s in r.pop("sections"))
        sentences = tuple(_sentence(s) for s in r.pop("sentences"))
        built.append(Report(**r, text=text[r["start"] : r["end"]], sections=sections, sentences=sentences))
    raw = rec["raw"] if rec["raw"] is not None else text
    residue = tuple(_sentence(s) for s in rec["residue"])
    return Document(
        rec["path"],
        rec["name"],
        rec["format"],
        rec["encoding"],
        raw,
        text,
        tuple(built),
        residue,
        tuple(rec["warnings"]),
    )


def _what_is_wrong(exc: Exception) -> str:
    """``missing field 'record'``, ``not JSON (…)``, or the error's own text."""
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}" if exc.args else "missing field"
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON ({exc.msg} at column {exc.colno})"
    return str(exc)


def _corrupt(exc: Exception, path: Path, line: int) -> InputError:
    return InputError(f"corrupt corpus record: {_what_is_wrong(exc)}", path=str(path), line=line)


def _built(rec: dict[str, Any], reports: list[dict[str, Any]], path: Path, line: int) -> Document:
    """The document of the ``document`` record at ``line`` and its reports; InputError when malformed."""
    try:
        return _document(rec, reports)
    except (ValueError, KeyError, TypeError) as exc:
        raise _corrupt(exc, path, line) from None


def iter_corpus(folder: str | Path) -> Iterator[Document]:
    """Documents of a stored corpus, one at a time."""
    manifest = read_manifest(folder)
    path = Path(folder) / manifest.get("documents", DOCUMENTS)
    current: dict[str, Any] | None = None
    reports: list[dict[str, Any]] = []
    doc_line = 0
    try:
        with open(path, encoding="utf-8") as handle:
            for lineno, line in enumerate(handle, 1):
                try:
                    rec = json.loads(line)
                    if not isinstance(rec, dict):
                        raise ValueError(f"a line must be a JSON object, not {type(rec).__name__}")
                    kind = rec["record"]
                except (ValueError, KeyError, TypeError) as exc:
                    raise _corrupt(exc, path, lineno) from None
                if kind == "document":
                    if current is not None:
                        yield _built(current, reports, path, doc_line)
                    current, reports, doc_line = rec, [], lineno
                elif kind == "report" and current is not None:
                    reports.append(rec)
                else:
                    raise _corrupt(ValueError(f"unexpected record {kind!r}"), path, lineno)
    except OSError as exc:
        raise InputError(f"cannot read corpus ({exc.strerror or exc})", path=str(path)) from None
    if current is not None:
        yield _built(current, reports, path, doc_line)


def read_corpus(folder: str | Path) -> list[Document]:
    """All documents of a stored corpus (see the module docstring for the format)."""
    docs = list(iter_corpus(folder))
    expected = read_manifest(folder).get("counts", {}).get("files")
    if expected is not None and expected != len(docs):
        raise InputError(f"corpus holds {len(docs)} documents, manifest says {expected}", path=str(folder))
    return docs
