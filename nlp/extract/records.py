"""Typed records of the extracted facts; each carries offsets and the id of its sentence unit.

Offsets are into the text the extractor was given: for :func:`nlp.extract.extract_report`
that is :attr:`corpus.model.Document.text`, so ``doc.text[a.start:a.end] == a.text``.

>>> from decimal import Decimal
>>> Amount("55万元", Decimal(550000), "budget", 4, 9).yuan_str
'550000'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

#: Roles an amount can play in its sentence.
AMOUNT_ROLES: tuple[str, ...] = ("budget", "allocated", "spent", "balance", "standard", "other")
#: Indicator categories (二级指标), as named in the official templates.
INDICATOR_CATEGORIES: tuple[str, ...] = (
    "数量",
    "质量",
    "时效",
    "成本",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    "满意度",
)


@dataclass(frozen=True)
class Amount:
    """A sum of money as written, normalised to exact yuan (``None`` when it cannot be parsed)."""

    text: str
    yuan: Decimal | None
    role: str
    start: int
    end: int
    sentence_id: str | None = None
    unparsed: bool = False
    source: str = "inline"  # "inline" (number with its unit) or "table" (unit from a header cell)
    #: The table states no unit; the unit of the official forms (万元) was assumed.
    unit_assumed: bool = False

    @property
    def yuan_str(self) -> str | None:
        """The exact decimal as a string without exponent (``None`` when unparsed)."""
        if self.yuan is None:
            return None
        text = format(self.yuan, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Citation:
    """One citation of a policy document: a 《title》, a 文号, or both together."""

    title: str | None
    doc_number: str | None  # as written
    normalized: str | None  # GB/T 9704 form 机关代字〔年份〕序号号; None without a year
    issuer: str | None
    year: int | None
    serial: str | None  # as written (leading zeros kept), e.g. "984"
    start: int
    end: int
    sentence_id: str | None = None

    @property
    def key(self) -> str:
        """The identity of the cited document: its normalised number, else its normalised title."""
        from nlp.extract.citations import normalize_title

        if self.normalized:
            return self.normalized
        return normalize_title(self.title or self.doc_number or "")


@dataclass(frozen=True)
class Indicator:
    """One performance indicator: planned and/or achieved value, from prose or a score table."""

    category: str | None
    name: str
    operator: str | None  # "=", "≥", "≤", "定性" or None
    planned: str | None
    achieved: str | None
    unit: str | None
    weight: Decimal | None
    score: Decimal | None
    start: int
    end: int
    sentence_id: str | None = None
    source: str = "prose"  # "prose" or "table"
    section_type: str | None = None  # goal / completion / score-table … of the unit it stands in


@dataclass(frozen=True)
class IndicatorPair:
    """A planned indicator (goal section) paired with its achieved counterpart (completion section)."""

    planned: Indicator
    achieved: Indicator | None
    similarity: float
    repeated_plan: bool  # the achieved text merely repeats the planned text: an empty evaluation


@dataclass(frozen=True)
class ReportFacts:
    """All facts of one report, with offsets into Document.text and sentence ids."""

    report_id: str
    file: str
    amounts: tuple[Amount, ...] = ()
    citations: tuple[Citation, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    pairs: tuple[IndicatorPair, ...] = ()
    agency: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class CitedDocument:
    """A policy document as cited across the corpus (one row of the documents table)."""

    key: str
    normalized: str | None
    titles: tuple[str, ...]
    doc_numbers: tuple[str, ...]
    citations: int
    reports: int
    agencies: int
    first_year: int | None
    last_year: int | None
    report_ids: tuple[str, ...] = field(default=())
