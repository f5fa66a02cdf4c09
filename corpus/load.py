"""The load pipeline: read → clean → segment → split → structure → describe → typed records.

>>> doc = from_text("某局2023年度项目支出绩效自评报告\\n一、项目概况\\n项目资金5万元。\\n二、存在的问题\\n无")
>>> [(s.text, s.section_type) for s in doc.reports[0].sentences]
... # doctest: +NORMALIZE_WHITESPACE
[('某局2023年度项目支出绩效自评报告', 'other'), ('一、项目概况', 'overview'),
 ('项目资金5万元。', 'overview'), ('二、存在的问题', 'problem'), ('无', 'problem')]
>>> doc.reports[0].id, doc.reports[0].year
('<text>#0', 2023)

Files and names (:func:`list_files`, :func:`load_documents`, :func:`open_inputs`): every file is
read once, where first given (``a.txt ./a.txt``, or a folder and a file in it, by resolved path).
``Document.name`` — the prefix of every id — is the path relative to the folder given, or the
file name for a file given directly, so one folder or file gives the same names however it is
reached. When several paths are given and files of different ones would share a name
(``north/report.txt`` and ``south/report.txt`` both ``report.txt``), each of those files is named
relative to the common parent folder of the given paths instead (``north/report.txt``,
``south/report.txt``); files whose name is unique keep it (``seeds dev`` keeps the gold names).
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import TypeVar

from corpus.clean import CleanText, clean_text
from corpus.errors import EvalCorpusError, InputError
from corpus.meta import ReportMeta, attach_own_tables, describe, with_file_context
from corpus.model import Document, Report, Section, Sentence
from corpus.readers import RawText, iter_files, read_file
from corpus.segment import Unit, segment
from corpus.split import Split, cell_text, find_reports, is_title
from corpus.structure import (
    Heading,
    HeadingMatch,
    UnitPlace,
    find_headings,
    heading_paths,
    place_headings,
    place_units,
    section_ends,
    section_type_of,
)

#: Called with each file that cannot be read; return to go on with the next file.
ErrorHandler = Callable[[InputError], None]


class _LineIndex:
    """1-based line numbers of raw offsets."""

    def __init__(self, raw: str) -> None:
        self._starts = [0]
        find = raw.find
        pos = find("\n")
        while pos >= 0:
            self._starts.append(pos + 1)
            pos = find("\n", pos + 1)

    def line(self, offset: int) -> int:
        return bisect_right(self._starts, offset)


#: Field names of the records built per unit and per heading, in order (see :func:`_record`).
_SENTENCE_FIELDS = tuple(f.name for f in fields(Sentence))
_SECTION_FIELDS = tuple(f.name for f in fields(Section))

_R = TypeVar("_R", Sentence, Section)


def _record(cls: type[_R], names: tuple[str, ...], values: tuple[object, ...]) -> _R:
    """A frozen record from all its field values, in field order, built as ``pickle`` builds one.

    This is the hot path of ingest (a Sentence per unit, a Section per heading): a frozen
    dataclass ``__init__`` sets each field through ``object.__setattr__``, three times slower
    than filling the instance dict at once. The record is the same (equal, hashable, frozen);
    ``strict`` makes a field added to the class without a value here fail at once.

    >>> v = ("f#0#0", "f#0", 0, "甲。", 0, 2, 0, 2, 1, None, "other", (), False, False, 0.0)
    >>> _record(Sentence, _SENTENCE_FIELDS, v) == Sentence(*v)
    True
    """
    obj = object.__new__(cls)
    obj.__dict__.update(zip(names, values, strict=True))
    return obj


def _sources(units: Sequence[Unit], clean: CleanText, lines: _LineIndex) -> list[tuple[int, int, int]]:
    """(src_start, src_end, line) of each unit in the raw text."""
    out = []
    for u in units:
        a, b = clean.span_to_source(u.start, u.end)
        out.append((a, b, lines.line(a)))
    return out


def _sentences(
    units: Sequence[Unit],
    report_id: str,
    clean: CleanText,
    lines: _LineIndex | None,
    places: Sequence[UnitPlace] | None = None,
    paths: Sequence[tuple[str, ...]] = (),
    section_ids: Sequence[str] = (),
) -> tuple[Sentence, ...]:
    """The Sentence records of a report's units (``places`` None: residue, no report or section).

    ``lines`` None: the raw text is the cleaned text, so offsets and lines are the units' own.
    """
    last = max(len(units) - 1, 1)
    names = _SENTENCE_FIELDS
    out = []
    path: tuple[str, ...]
    sources = _sources(units, clean, lines) if lines is not None else None
    for n, u in enumerate(units):
        if sources is None:
            src_start, src_end, line = u.start, u.end, u.line + 1
        else:
            src_start, src_end, line = sources[n]
        if places is None:
            rid, sec, kind, path, is_heading, is_table = "", None, "other", (), False, u.row
        else:
            k, kind, is_heading, is_table = places[n]
            rid, sec, path = report_id, None if k is None else section_ids[k], () if k is None else paths[k]
        out.append(
            _record(
                Sentence,
                names,
                (
                    f"{report_id}#{n}",
                    rid,
                    n,
                    u.text,
                    u.start,
                    u.end,
                    src_start,
                    src_end,
                    line,
                    sec,
                    kind,
                    path,
                    is_heading,
                    is_table,
                    n / last,
                ),
            )
        )
    return tuple(out)


def _sections(
    units: Sequence[Unit],
    headings: Sequence[Heading],
    paths: Sequence[tuple[str, ...]],
    report_id: str,
    end: int,
) -> list[Section]:
    ids = [f"{report_id}#s{k}" for k in range(len(headings))]
    starts = [units[h.unit].start for h in headings]
    ends = section_ends(headings, starts, end)
    names = _SECTION_FIELDS
    return [
        _record(
            Section,
            names,
            (
                ids[k],
                report_id,
                units[h.unit].text,
                h.level,
                h.match.numbering,
                h.effective_type,
                starts[k],
                ends[k],
                ids[h.parent] if h.parent is not None else None,
                paths[k],
            ),
        )
        for k, h in enumerate(headings)
    ]


def _report(
    name: str,
    k: int,
    units: Sequence[Unit],
    meta: ReportMeta,
    text: str,
    end: int,
    clean: CleanText,
    lines: _LineIndex | None,
    candidates: Sequence[tuple[int, HeadingMatch]],
    titles: Sequence[int],
) -> Report:
    """One report's records; ``candidates`` and ``titles`` index ``units`` (the report's own)."""
    report_id = f"{name}#{k}"
    table_report = meta.table
    tables = [
        i
        for i in titles
        if i > 0 and "表" in units[i].text and section_type_of(cell_text(units[i])) == "score-table"
    ]
    found = find_headings(units, table_report=table_report, table_titles=tables, candidates=candidates)
    headings = place_headings(found)
    places = place_units(units, headings, default_type="score-table" if table_report else "other")
    paths = heading_paths(headings, {h.unit: units[h.unit].text for h in headings})
    sections = _sections(units, headings, paths, report_id, end)
    sentences = _sentences(units, report_id, clean, lines, places, paths, [s.id for s in sections])
    start = units[0].start if units else 0
    return Report(
        report_id,
        name,
        k,
        meta.title,
        meta.project,
        meta.agency,
        meta.year,
        meta.kind,
        start,
        end,
        text[start:end],
        tuple(sections),
        sentences,
        meta.region,
    )


def build_document(raw: RawText, name: str) -> Document:
    """Clean, split and structure a file's decoded text into a :class:`Document`."""
    clean = clean_text(raw.text)
    units = segment(clean.text)
    return structure_document(raw, name, clean, units, find_reports(units))


def structure_document(
    raw: RawText, name: str, clean: CleanText, units: Sequence[Unit], split: Split
) -> Document:
    """The records of a file once cleaned, segmented and split: metadata, headings, sections, units.

    (:func:`build_document` runs the whole pipeline; the stages are separate for the benchmark.)
    """
    text = clean.text
    # nothing cleaned away: raw offsets and lines are the cleaned ones
    lines = None if not clean.maps and raw.text == text else _LineIndex(raw.text)
    metas = [
        describe(units, lo, hi, furniture=split.residue if k == 0 else 0)
        for k, (lo, hi) in enumerate(split.reports)
    ]
    ranges, metas = attach_own_tables(units, split.reports, metas)
    metas = with_file_context(metas)
    reports = []
    heads = [i for i, _ in split.headings]
    titles = split.titles if split.titles is not None else [i for i, u in enumerate(units) if is_title(u)]
    for k, ((lo, hi), meta) in enumerate(zip(ranges, metas, strict=True)):
        a, b = bisect_left(heads, lo), bisect_left(heads, hi)
        candidates = [(i - lo, h) for i, h in split.headings[a:b]]
        own_titles = [i - lo for i in titles[bisect_left(titles, lo) : bisect_left(titles, hi)]]
        reports.append(
            _report(
                name, k, units[lo:hi], meta, text, units[hi - 1].end, clean, lines, candidates, own_titles
            )
        )
    residue = _sentences(units[: split.residue], f"{name}#residue", clean, lines)
    return Document(
        raw.path, name, raw.format, raw.encoding, raw.text, text, tuple(reports), residue, tuple(raw.warnings)
    )


def from_text(text: str, name: str = "<text>") -> Document:
    """A document from text in memory (for tests and notebooks); nothing is read from disk.

    >>> two = "甲项目绩效自评报告\\n一、项目概况\\n甲。\\n乙。\\n丙。\\n乙项目绩效自评报告\\n内容。"
    >>> len(from_text(two).reports)
    2
    """
    if not isinstance(text, str):
        raise EvalCorpusError(f"from_text expects str, got {type(text).__name__}", path=name)
    return build_document(RawText(name, "txt", None, text), name)


#: Per given path: the files it adds (not met under an earlier path) with their names, or its error.
_Listing = list[tuple[list[tuple[Path, str]], InputError | None]]


def _listing(items: Sequence[str | Path]) -> _Listing:
    """Files under each given path, each file once (by resolved path, the first as given), named.

    Names: relative to the folder given, the file name for a file given directly; names shared
    by files of different given paths are replaced by :func:`_unique_names`.
    """
    seen: set[Path] = set()
    out: _Listing = []
    roots: list[str] = []
    for given in items:
        p = Path(given)
        try:
            found = list(iter_files([p]))
        except InputError as exc:
            out.append(([], exc))
            continue
        is_dir = p.is_dir()
        roots.append(os.path.abspath(p) if is_dir else os.path.dirname(os.path.abspath(p)))
        files = []
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append((f, f.relative_to(p).as_posix() if is_dir else f.name))
        out.append((files, None))
    return _unique_names(out, roots)


def _unique_names(listing: _Listing, roots: Sequence[str]) -> _Listing:
    """``listing`` with every name shared by several files made relative to the common parent.

    Repeated until no name is shared: names relative to one folder are distinct for distinct
    files, so this ends with unique names, and a file whose name is unique keeps it.

    >>> a, b = Path("/x/north/r.txt"), Path("/x/south/r.txt")
    >>> [n for files, _ in _unique_names([([(a, "r.txt")], None), ([(b, "r.txt")], None)],
    ...  ["/x/north", "/x/south"]) for _, n in files]
    ['north/r.txt', 'south/r.txt']
    """
    entries = [(f, name) for files, _ in listing for f, name in files]
    names = [name for _, name in entries]
    kept = [True] * len(names)
    parent = _common_parent(roots)
    while True:
        counts = Counter(names)
        clash = [i for i, n in enumerate(names) if kept[i] and counts[n] > 1]
        if not clash:
            break
        for i in clash:
            names[i], kept[i] = _relative_name(entries[i][0], parent), False
    renamed = iter(names)
    return [([(f, next(renamed)) for f, _ in files], err) for files, err in listing]


def _common_parent(roots: Sequence[str]) -> str | None:
    try:
        return os.path.commonpath(roots) if roots else None
    except ValueError:  # folders on different drives
        return None


def _relative_name(path: Path, parent: str | None) -> str:
    full = os.path.abspath(path)
    return Path(os.path.relpath(full, parent) if parent else full).as_posix()


def _deliver(error: InputError | None, on_error: ErrorHandler | None) -> None:
    """Raise ``error``, or pass it to ``on_error`` (nothing when there is no error)."""
    if error is not None:
        if on_error is None:
            raise error
        on_error(error)


def list_files(
    paths: str | Path | Iterable[str | Path], *, on_error: ErrorHandler | None = None
) -> list[tuple[Path, str]]:
    """``(path, Document.name)`` of every file under ``paths``, folders recursively, in order.

    A file reached twice (``a.txt ./a.txt``, or a folder and a file in it) is listed once, where
    first given. A given path that does not exist (or is of an unsupported type) raises
    InputError, or is passed to ``on_error`` and skipped. Names as in :func:`load_documents`.

    >>> list_files([])
    []
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    out: list[tuple[Path, str]] = []
    for files, error in _listing(items):
        _deliver(error, on_error)
        out.extend(files)
    return out


def read_document(path: str | Path, name: str | None = None) -> Document:
    """Read and build one file (raises InputError when it cannot be read)."""
    return build_document(read_file(path), name or Path(path).name)


def _read_listed(
    files: Sequence[tuple[Path, str]], error: InputError | None, on_error: ErrorHandler | None
) -> Iterator[Document]:
    """Documents of one given path's listed files (its listing error first, if any)."""
    _deliver(error, on_error)
    for path, name in files:
        try:
            raw = read_file(path)
        except InputError as exc:
            _deliver(exc, on_error)
            continue
        yield build_document(raw, name)


def load_documents(
    paths: str | Path | Iterable[str | Path], *, on_error: ErrorHandler | None = None
) -> Iterator[Document]:
    """Documents of the files under ``paths`` (folders recursively), in order, each file once.

    A file that cannot be read raises :class:`InputError`, or, with ``on_error``, is passed to it
    and skipped. ``Document.name`` is the path relative to the folder given (the file name for a
    file given directly); when files of different given paths would share a name, each of them is
    named relative to the common parent folder of the given paths instead (see the module doc).

    >>> list(load_documents([], on_error=print))
    []
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    for files, error in _listing(items):
        yield from _read_listed(files, error, on_error)


def load(path_or_paths: str | Path | Iterable[str | Path]) -> list[Report]:
    """All reports of the files under ``path_or_paths`` (raises InputError on a bad file).

    >>> load([])
    []
    """
    return [r for doc in load_documents(path_or_paths) for r in doc.reports]


def open_inputs(
    paths: str | Path | Iterable[str | Path], *, on_error: ErrorHandler | None = None
) -> Iterator[Document]:
    """Documents from raw files or stored corpora (a folder holding ``manifest.json``), mixed freely.

    Every command takes its inputs through this, so ``evalcorpus tag DIR`` works on a folder of
    reports as on the output of ``evalcorpus ingest --out DIR``. A stored corpus is streamed; a
    corrupt one raises InputError (or goes to ``on_error``) where the damage is found. The raw
    files of all given paths are listed and named together, as by :func:`load_documents`.
    """
    from corpus.store import MANIFEST, iter_corpus

    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    stored = [Path(given).is_dir() and (Path(given) / MANIFEST).is_file() for given in items]
    raw = iter(_listing([given for given, s in zip(items, stored, strict=True) if not s]))
    for given, is_corpus in zip(items, stored, strict=True):
        if is_corpus:
            try:
                yield from iter_corpus(given)
            except InputError as exc:
                _deliver(exc, on_error)
        else:
            yield from _read_listed(*next(raw), on_error)
