"""Gold units: loading ``sentences.jsonl`` files, grouping them by file, and label matrices.

>>> import json, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.jsonl"
>>> row = {"file": "a.txt", "n": 0, "text": "资金5万元。", "labels": ["amount"]}
>>> _ = p.write_text(json.dumps(row) + "\\n")
>>> [u.labels for u in load_gold([p])]
[('amount',)]
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corpus.errors import InputError
from nlp.tagging.resources import TAGS


@dataclass(frozen=True, slots=True)
class GoldUnit:
    """One gold unit: ``file`` and ``n`` (index within the file), its text and tags."""

    file: str
    n: int
    text: str
    labels: tuple[str, ...]
    source: str = ""  # the gold file it came from

    @property
    def uid(self) -> str:
        """``file#n``, the id used in error summaries."""
        return f"{self.file}#{self.n}"


def _parse_line(line: str, path: Path, lineno: int) -> GoldUnit:
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise TypeError(f"expected a JSON object, got {type(obj).__name__}")
        labels = tuple(str(x) for x in obj.get("labels", []))
        unit = GoldUnit(str(obj["file"]), int(obj["n"]), str(obj["text"]), labels, str(path))
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"not a gold unit ({exc.__class__.__name__}: {exc})", path=str(path), line=lineno
        ) from None
    unknown = set(labels) - set(TAGS)
    if unknown:
        raise InputError(
            f"unknown tag(s) {sorted(unknown)}; tags are {list(TAGS)}", path=str(path), line=lineno
        )
    return unit


def load_gold(paths: Iterable[str | Path]) -> list[GoldUnit]:
    """All units of the given ``sentences.jsonl`` files, in file order then ``n`` order."""
    units: list[GoldUnit] = []
    for p in paths:
        path = Path(p)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read gold file: {exc}", path=str(path)) from None
        found = [_parse_line(line, path, i) for i, line in enumerate(lines, 1) if line.strip()]
        if not found:
            raise InputError("no gold units in this file", path=str(path))
        units.extend(found)
    return sorted(units, key=lambda u: (u.source, u.file, u.n))


def by_file(units: Sequence[GoldUnit]) -> dict[str, list[GoldUnit]]:
    """Units grouped by (gold source, file), each group in ``n`` order; keys are file names."""
    out: dict[str, list[GoldUnit]] = {}
    for u in units:
        out.setdefault(u.file, []).append(u)
    for v in out.values():
        v.sort(key=lambda u: u.n)
    return out


def label_matrix(labels: Sequence[Sequence[str]]) -> np.ndarray:
    """A 0/1 matrix, one row per unit, one column per tag of :data:`TAGS`.

    >>> label_matrix([("amount",), ()]).tolist()
    [[0, 0, 1, 0], [0, 0, 0, 0]]
    """
    y = np.zeros((len(labels), len(TAGS)), dtype=np.int8)
    for i, labs in enumerate(labels):
        for t in labs:
            y[i, TAGS.index(t)] = 1
    return y


def gold_hash(units: Sequence[GoldUnit]) -> str:
    """A SHA-256 over the gold units (file, n, text, labels): the model's training-data hash."""
    h = hashlib.sha256()
    for u in units:
        h.update(json.dumps([u.file, u.n, u.text, sorted(u.labels)], ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def read_index(path: str | Path) -> dict[str, dict[str, str]]:
    """``INDEX.tsv`` rows keyed by file (columns: file, url, agency, province, department, …)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def _squash(text: str) -> str:
    return "".join(text.split())


def align_units(gold: Sequence[GoldUnit], sentences: Sequence[Any]) -> list[Any | None]:
    """For each gold unit of one file, the corpus sentence with the same text (whitespace aside), in order.

    ``sentences`` are the file's units in document order (reports' sentences and residue).
    A gold unit with no match gets ``None``; matching never goes backwards, and looks at most
    50 units ahead, so one missed unit does not derail the rest.

    >>> from types import SimpleNamespace as S
    >>> g = [GoldUnit("f", 0, "甲 乙。", ()), GoldUnit("f", 1, "丙。", ())]
    >>> [s.n if s else None for s in align_units(g, [S(text="甲乙。", n=0), S(text="丁。", n=1)])]
    [0, None]
    """
    keys = [_squash(s.text) for s in sentences]
    out: list[Any | None] = []
    pos = 0
    for u in gold:
        key = _squash(u.text)
        hit = next((j for j in range(pos, min(pos + 50, len(keys))) if keys[j] == key), None)
        if hit is None:
            out.append(None)
            continue
        out.append(sentences[hit])
        pos = hit + 1
    return out
