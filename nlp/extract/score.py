"""Scoring the extractors against hand-made gold (``../shared/gold``), per file and per set.

Predictions and gold items are matched per file as multisets on the item's key (the text
of an amount; title and 文号 of a citation): gold lists are not always in document order.
A matched item whose value differs (``yuan``, ``normalized``) is counted in ``value_errors``;
the targets are precision and recall with no value error.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from nlp.extract import resources as R
from nlp.extract.amounts import amounts
from nlp.extract.citations import citations, normalize_title

#: The indicator gold of the seeds, kept with the tests (facts and offsets only, no text).
INDICATOR_GOLD = Path(__file__).resolve().parents[2] / "tests" / "nlp" / "extract" / "indicators_gold.json"


@dataclass
class SetScore:
    """Counts over a set of files, with the mismatches kept for inspection."""

    name: str
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    value_errors: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (file, gold key) not found
    extras: list[tuple[str, str]] = field(default_factory=list)  # (file, predicted key) not in gold
    wrong_values: list[tuple[str, str, str]] = field(default_factory=list)  # (file, key, value)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def summary(self) -> str:
        return (
            f"{self.name}: P={self.precision:.4f} R={self.recall:.4f} "
            f"(matched {self.matched}, predicted {self.predicted}, gold {self.gold}, "
            f"value errors {self.value_errors})"
        )


def match_file(predicted: Sequence[tuple[str, str]], gold: Sequence[tuple[str, str]]) -> FileMatch:
    """Match (key, value) items as multisets: on the key, then check the values of the matched.

    >>> m = match_file([("a", "1"), ("b", "2"), ("c", "3")], [("a", "1"), ("c", "9"), ("d", "4")])
    >>> m.matched, m.value_errors, m.misses, m.extras
    (2, 1, ['d'], ['b'])
    """
    want_keys = Counter(k for k, _ in gold)
    have_keys = Counter(k for k, _ in predicted)
    both = want_keys & have_keys
    full = Counter(gold) & Counter(predicted)
    value_errors = sum(both.values()) - sum(full.values())
    misses = list((want_keys - have_keys).elements())
    extras = list((have_keys - want_keys).elements())
    unmatched = Counter(predicted) - Counter(gold)
    bad: list[tuple[str, str]] = []
    for key, n in both.items():
        errors = n - sum(c for (k, _), c in full.items() if k == key)
        bad += [(k, v) for (k, v) in unmatched.elements() if k == key][:errors]
    return FileMatch(sum(both.values()), value_errors, misses, extras, bad)


@dataclass(frozen=True)
class FileMatch:
    """The outcome of :func:`match_file` for one file."""

    matched: int
    value_errors: int
    misses: list[str]
    extras: list[str]
    wrong_values: list[tuple[str, str]]


def read_report_text(path: Path) -> str:
    """A seed or dev file as the gold sees it (``[bookmark: …]`` markers removed)."""
    return R.BOOKMARK.sub("", path.read_text(encoding="utf-8"))


def _score(
    name: str,
    files: Iterable[tuple[str, str]],
    gold: dict[str, list[dict[str, Any]]],
    extract: Callable[[str], list[tuple[str, str]]],
    gold_item: Callable[[dict[str, Any]], tuple[str, str]],
) -> SetScore:
    """Align (key, value) items of each file; ``files`` yields (name, text)."""
    score = SetScore(name)
    for fname, text in files:
        pred = extract(text)
        want = [gold_item(g) for g in gold.get(fname, [])]
        m = match_file(pred, want)
        score.predicted += len(pred)
        score.gold += len(want)
        score.matched += m.matched
        score.value_errors += m.value_errors
        score.misses += [(fname, k) for k in m.misses]
        score.extras += [(fname, k) for k in m.extras]
        score.wrong_values += [(fname, k, v) for k, v in m.wrong_values]
    return score


def _gold_yuan(value: Any) -> str:
    return "None" if value is None else _decimal_str(Decimal(str(value)))


def _decimal_str(value: Decimal | None) -> str:
    if value is None:
        return "None"
    return format(value.normalize(), "f") if value != 0 else "0"


def amount_items(text: str) -> list[tuple[str, str]]:
    """(text, exact yuan) of every amount found in ``text``."""
    return [(a.text, _decimal_str(a.yuan)) for a in amounts(text)]


def citation_match_key(title: str | None, doc_number: str | None) -> str:
    """The matching key of a citation: normalised title and the number without spaces."""
    number = R.SPACES.sub("", doc_number or "")
    return f"{normalize_title(title or '')}|{number}"


def citation_items(text: str) -> list[tuple[str, str]]:
    """(key, normalized) of every citation found in ``text``."""
    return [(citation_match_key(c.title, c.doc_number), str(c.normalized)) for c in citations(text)]


def _set_files(shared: Path, which: str) -> tuple[list[tuple[str, str]], Path]:
    folder = shared / "corpus" / ("seeds" if which == "seeds" else "dev")
    gold_dir = shared / "gold" / ("" if which == "seeds" else "dev")
    files = [(p.name, read_report_text(p)) for p in sorted(folder.glob("*.txt"))]
    return files, gold_dir


def score_amounts(shared: Path, which: str) -> SetScore:
    """Amount P/R on ``which`` ("seeds" or "dev"): match on text, value = exact yuan.

    >>> score_amounts(Path("/nonexistent"), "seeds").gold
    0
    """
    files, gold_dir = _set_files(shared, which)
    path = gold_dir / "amounts.json"
    gold = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return _score(
        f"amounts/{which}", files, gold, amount_items, lambda g: (g["text"], _gold_yuan(g.get("yuan")))
    )


def score_citations(shared: Path, which: str) -> SetScore:
    """Citation P/R on ``which``: match on (title, 文号), value = normalized 文号."""
    files, gold_dir = _set_files(shared, which)
    path = gold_dir / "citations.json"
    gold = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return _score(
        f"citations/{which}",
        files,
        gold,
        citation_items,
        lambda g: (citation_match_key(g.get("title"), g.get("doc_number")), str(g.get("normalized"))),
    )


def _numeric(value: str | None, operator: str | None) -> str | None:
    if value is None or operator == "定性" or not R.PLAIN_NUMBER.fullmatch(value):
        return None
    return value


def indicator_fact(ind: Any) -> tuple[Any, ...]:
    """The facts of an indicator compared with the gold: category, operator, planned, unit, achieved."""
    unit = ind.unit if ind.operator != "定性" else None
    achieved = ind.achieved if ind.achieved and R.PLAIN_NUMBER.fullmatch(ind.achieved) else None
    return (ind.category, ind.operator, _numeric(ind.planned, ind.operator), unit, achieved)


def score_indicators(shared: Path, gold_path: Path) -> SetScore:
    """Indicator P/R on the seeds against ``gold_path`` (rows of facts + offsets into Document.text).

    A predicted row matches a gold row of the same file with the same facts whose span overlaps.
    """
    from corpus.load import load_documents
    from nlp.extract.documents import extract_report

    gold = json.loads(gold_path.read_text(encoding="utf-8"))["rows"]
    score = SetScore("indicators/seeds")
    docs = list(load_documents([shared / "corpus" / "seeds"]))
    for doc in docs:
        pred = [i for r in doc.reports for i in extract_report(r).indicators]
        want = [g for g in gold if g["file"] == doc.name]
        score.predicted += len(pred)
        score.gold += len(want)
        free = list(range(len(pred)))
        for g in want:
            facts = (g["category"], g["operator"], g["planned"], g["unit"], g["achieved"])
            hit = next(
                (
                    k
                    for k in free
                    if indicator_fact(pred[k]) == facts
                    and pred[k].start < g["end"]
                    and g["start"] < pred[k].end
                ),
                None,
            )
            if hit is None:
                score.misses.append((doc.name, f"{g['start']}:{facts}"))
            else:
                free.remove(hit)
                score.matched += 1
        score.extras += [(doc.name, f"{pred[k].start}:{indicator_fact(pred[k])}") for k in free]
    return score


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m nlp.extract.score [SHARED] [-v]``: print P/R of amounts and citations per set."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    shared = Path(args[0]) if args else Path(__file__).resolve().parents[2] / ".." / "shared"
    scores = [
        scorer(shared, which) for scorer in (score_amounts, score_citations) for which in ("seeds", "dev")
    ]
    if INDICATOR_GOLD.exists():
        scores.append(score_indicators(shared, INDICATOR_GOLD))
    for s in scores:
        print(s.summary())
        if verbose:
            for f, k in s.misses:
                print(f"  miss  {f} {k}")
            for f, k in s.extras:
                print(f"  extra {f} {k}")
            for f, k, got in s.wrong_values:
                print(f"  value {f} {k} got={got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
