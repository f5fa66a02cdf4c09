"""Score segmentation, splitting and metadata against the hand-made gold in ``../shared/gold``.

* units: per file, our unit texts and the gold ones are aligned in order (whitespace aside); the
  figures are the share of gold units we produce exactly and the share of ours that are in gold;
* reports: per seed file, the count, and each report's first unit against gold ``first_text``
  (a prefix, since gold may truncate it), in order;
* metadata: per field (title, agency, year, kind), the share of gold reports whose value we match
  (reports paired in order, only in files whose report count matches).

>>> a = unit_agreement({"f": ["甲。", "乙"]}, {"f": ["甲。", "乙", "丙"]})
>>> (a.gold_matched, a.gold_total, a.ours_matched, a.ours_total)
(2, 2, 2, 3)
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from corpus.errors import InputError
from corpus.model import Document
from corpus.segment import document_units

_SPACE = re.compile(r"\s+")
META_FIELDS: tuple[str, ...] = ("title", "agency", "year", "kind")


def squash(text: str | None) -> str:
    """Text without any whitespace (the comparison key of every scorer).

    >>> squash(" 1、 项目\\t概况 ")
    '1、项目概况'
    """
    return _SPACE.sub("", text or "")


@dataclass(frozen=True)
class UnitAgreement:
    """Counts of the unit comparison, with the files that differ."""

    gold_matched: int
    gold_total: int
    ours_matched: int
    ours_total: int
    differing: tuple[str, ...] = ()

    @property
    def recall(self) -> float:
        """Share of gold units we produce exactly."""
        return self.gold_matched / self.gold_total if self.gold_total else 1.0

    @property
    def precision(self) -> float:
        """Share of our units that are gold units."""
        return self.ours_matched / self.ours_total if self.ours_total else 1.0


def unit_agreement(gold: Mapping[str, Sequence[str]], ours: Mapping[str, Sequence[str]]) -> UnitAgreement:
    """Align gold and our units per file, in order (files absent from ``gold`` are ignored)."""
    gm = gt = om = ot = 0
    differing = []
    for name, gold_units in gold.items():
        a = [squash(t) for t in gold_units]
        b = [squash(t) for t in ours.get(name, ())]
        matched = sum(block.size for block in SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks())
        gm, gt, om, ot = gm + matched, gt + len(a), om + matched, ot + len(b)
        if matched != len(a) or matched != len(b):
            differing.append(name)
    return UnitAgreement(gm, gt, om, ot, tuple(differing))


@dataclass(frozen=True)
class ReportAgreement:
    """Report split figures: files with the right count, reports whose first unit matches."""

    files: int
    files_count_ok: int
    gold_reports: int
    our_reports: int
    first_text_ok: int
    mismatches: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        counts_ok = self.files == self.files_count_ok
        return counts_ok and self.gold_reports == self.first_text_ok == self.our_reports


def report_agreement(gold: Mapping[str, Sequence[Mapping]], docs: Mapping[str, Document]) -> ReportAgreement:
    """Compare each gold file's reports with ours: count, order and first_text (as a prefix)."""
    files_ok = first_ok = ours = total = 0
    mismatches = []
    for name, gold_reports in gold.items():
        doc = docs.get(name)
        reports = doc.reports if doc else ()
        ours += len(reports)
        total += len(gold_reports)
        files_ok += len(reports) == len(gold_reports)
        for k, g in enumerate(gold_reports):
            mine = squash(reports[k].first_text) if k < len(reports) else ""
            want = squash(g.get("first_text"))
            if mine.startswith(want) and want:
                first_ok += 1
            else:
                mismatches.append(f"{name}#{k}: gold {want[:30]!r}, ours {mine[:30]!r}")
    return ReportAgreement(len(gold), files_ok, total, ours, first_ok, tuple(mismatches))


@dataclass(frozen=True)
class MetaAgreement:
    """Per-field matches over the gold reports that could be paired."""

    paired: int
    matched: dict[str, int] = field(default_factory=dict)
    mismatches: tuple[str, ...] = ()

    def share(self, name: str) -> float:
        return self.matched.get(name, 0) / self.paired if self.paired else 0.0


def meta_agreement(gold: Mapping[str, Sequence[Mapping]], docs: Mapping[str, Document]) -> MetaAgreement:
    """Compare title (whitespace aside), agency, year and kind of reports paired in order."""
    matched: dict[str, int] = defaultdict(int)
    paired = 0
    mismatches = []
    for name, gold_reports in gold.items():
        doc = docs.get(name)
        if doc is None or len(doc.reports) != len(gold_reports):
            continue
        for k, (g, r) in enumerate(zip(gold_reports, doc.reports, strict=True)):
            paired += 1
            for f in META_FIELDS:
                want, got = g.get(f), getattr(r, f)
                ok = squash(str(want)) == squash(str(got)) if want is not None else got is None
                matched[f] += ok
                if not ok:
                    mismatches.append(f"{name}#{k}.{f}: gold {want!r}, ours {got!r}")
    return MetaAgreement(paired, dict(matched), tuple(mismatches))


def read_gold_units(path: str | Path) -> dict[str, list[str]]:
    """``{file: [unit text, …]}`` from a gold ``sentences.jsonl`` (in ``n`` order, else file order).

    A line that is not a JSON object with a string ``file`` and ``text`` (and an integer ``n``,
    when given) raises :class:`InputError` naming the file and line; so does an undecodable file.

    >>> import os, tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    ...     _ = f.write('{"file": "a.txt", "n": 0, "text": "甲。"}\\n[1, 2]\\n')
    >>> try:
    ...     read_gold_units(f.name)
    ... except InputError as exc:
    ...     exc.line, exc.message
    (2, 'a gold unit must be a JSON object, not list')
    >>> os.unlink(f.name)
    """
    rows: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    file, n, text = _gold_unit(line, str(path), number)
                    rows[file].append((number if n is None else n, number, text))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 ({exc.reason} at byte {exc.start})", path=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    return {f: [t for _, _, t in sorted(v)] for f, v in rows.items()}


def _gold_unit(line: str, path: str, number: int) -> tuple[str, int | None, str]:
    """``(file, n, text)`` of one ``sentences.jsonl`` line, or InputError at ``path:number``."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg}, column {exc.colno})", path=path, line=number) from exc
    if not isinstance(rec, dict):
        raise InputError(
            f"a gold unit must be a JSON object, not {type(rec).__name__}", path=path, line=number
        )
    for key in ("file", "text"):
        if not isinstance(rec.get(key), str):
            what = "missing" if key not in rec else f"not a string ({type(rec[key]).__name__})"
            raise InputError(f"field {key!r} is {what}", path=path, line=number)
    n = rec.get("n")
    if n is not None and (isinstance(n, bool) or not isinstance(n, int)):
        raise InputError(f"field 'n' must be an integer, not {type(n).__name__}", path=path, line=number)
    return rec["file"], n, rec["text"]


def our_units(docs: Iterable[Document]) -> dict[str, list[str]]:
    """``{Document.name: [unit text, …]}`` over residue and report units, in file order."""
    return {doc.name: [s.text for s in document_units(doc)] for doc in docs}


@dataclass(frozen=True)
class IndexRow:
    """One row of a corpus ``INDEX.tsv`` (file, agency, province, year as written there)."""

    file: str
    agency: str
    province: str
    year: str


def read_index(path: str | Path) -> dict[str, IndexRow]:
    """``{file: IndexRow}`` from a tab-separated ``INDEX.tsv`` with a header row.

    The header must name ``file``, ``agency``, ``province`` and ``year`` (other columns are ignored).
    """
    with open(path, encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        col = {name: header.index(name) for name in ("file", "agency", "province", "year")}
        rows = {}
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < len(header):
                continue
            row = IndexRow(*(cells[col[c]].strip() for c in ("file", "agency", "province", "year")))
            rows[row.file] = row
    return rows


#: A remark in brackets closing a descriptive INDEX agency: ``某局（委托某所评价）``.
_REMARK = re.compile(r"[（(][^（）()]*[）)]$")
#: Shortest name taken for a containment match (so ``|`` or ``某局`` match nothing).
MIN_CONTAINED_CHARS = 4


def agency_matches(want: str, got: str | None) -> tuple[bool, bool]:
    """(fair match, exact match) of our agency against a descriptive INDEX agency.

    Exact: equal once whitespace and a closing bracketed remark are stripped. Fair: exact, or one
    contains the other and the shorter holds at least :data:`MIN_CONTAINED_CHARS` characters.

    >>> agency_matches("甲县水利局（委托某所评价）", "甲县水利局")
    (True, True)
    >>> agency_matches("甲县水利局", "度甲县水利局"), agency_matches("甲县水利局", "|")
    ((True, False), (False, False))
    """
    if not got:
        return False, False
    a, b = squash(_REMARK.sub("", squash(want))), squash(got)
    if a == b:
        return True, True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= MIN_CONTAINED_CHARS and short in long_, False


def year_matches(want: str, got: int | None) -> bool | None:
    """Whether our year is the INDEX year, or inside its range (``2020-2022``); None when unknown.

    >>> year_matches("2021", 2021), year_matches("2020-2022", 2021), year_matches("不详（2024年发布）", 2024)
    (True, True, None)
    """
    if want.startswith("不详") or not want[:4].isdigit():
        return None
    years = [int(y) for y in re.findall(r"\d{4}", want)]
    return got is not None and min(years) <= got <= max(years)


@dataclass(frozen=True)
class IndexAgreement:
    """Reports compared with their file's INDEX row: fair and exact agency matches, year, region."""

    reports: int
    agency_fair: int
    agency_exact: int
    years: int  # reports whose INDEX year is known
    year_ok: int
    regions: int  # reports whose INDEX province is known
    region_ok: int
    mismatches: tuple[str, ...] = ()

    def share(self, name: str) -> float:
        """``agency`` (fair), ``agency_exact``, ``year`` or ``region`` as a share of its total."""
        num, den = {
            "agency": (self.agency_fair, self.reports),
            "agency_exact": (self.agency_exact, self.reports),
            "year": (self.year_ok, self.years),
            "region": (self.region_ok, self.regions),
        }[name]
        return num / den if den else 0.0


def index_agreement(index: Mapping[str, IndexRow], docs: Mapping[str, Document]) -> IndexAgreement:
    """Each report of each indexed file against the file's INDEX row (agency, year, province).

    >>> from corpus.load import from_text
    >>> doc = from_text("甲县水利局2022年度项目支出绩效自评报告\\n一、项目概况\\n内容。", "d.txt")
    >>> a = index_agreement({"d.txt": IndexRow("d.txt", "甲县水利局", "不详", "2022")}, {"d.txt": doc})
    >>> (a.reports, a.agency_exact, a.year_ok, a.regions)
    (1, 1, 1, 0)
    """
    n = fair = exact = years = year_ok = regions = region_ok = 0
    mismatches = []
    for name, row in index.items():
        doc = docs.get(name)
        for r in doc.reports if doc else ():
            n += 1
            f, e = agency_matches(row.agency, r.agency)
            fair, exact = fair + f, exact + e
            y = year_matches(row.year, r.year)
            years, year_ok = years + (y is not None), year_ok + bool(y)
            known = row.province not in ("", "不详")
            regions, region_ok = regions + known, region_ok + (known and r.region == row.province)
            for what, ok, want, got in (
                ("agency", f, row.agency, r.agency),
                ("year", y is not False, row.year, r.year),
                ("region", not known or r.region == row.province, row.province, r.region),
            ):
                if not ok:
                    mismatches.append(f"{r.id}.{what}: index {want!r}, ours {got!r}")
    return IndexAgreement(n, fair, exact, years, year_ok, regions, region_ok, tuple(mismatches))
