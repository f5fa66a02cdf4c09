"""Span-level alignment of two reports that share copied units.

Units of ``a`` and ``b`` in the same cluster are paired; pairs that follow each other on both
sides (only headings or short units in between) merge into one :class:`Passage`, like a
diagonal run in a dot plot. Offsets are into :attr:`corpus.model.Document.text`.

>>> from nlp.boilerplate.records import UnitFlag
>>> from corpus.model import Report, Sentence
>>> def rep(rid, texts):
...     ss = tuple(Sentence(f"{rid}#{i}", rid, i, t, 10 * i, 10 * i + len(t), 0, 0, 1)
...                for i, t in enumerate(texts))
...     return Report(rid, rid, 0, None, None, None, None, "project", 0, 30, "", sentences=ss)
>>> a, b = rep("a", ["x1", "x2", "own"]), rep("b", ["new", "x1", "x2"])
>>> flags = {s: UnitFlag(True, 0.25, 0, "within-agency") for s in ("a#0", "b#1")}
>>> flags.update({s: UnitFlag(True, 0.25, 1, "within-agency") for s in ("a#1", "b#2")})
>>> flags.update({s: UnitFlag(False, 0.0, None, None) for s in ("a#2", "b#0")})
>>> [(p.a_start, p.a_end, p.b_start, p.b_end, p.n_units) for p in align_units(a, b, flags)]
[(0, 12, 10, 22, 2)]
"""

from __future__ import annotations

from collections.abc import Mapping

from corpus.model import Report
from nlp.boilerplate.records import BoilerplateResult, Passage, UnitFlag

#: Copies of one unit in the other report paired at most (a text repeated fifty times in a
#: table must not make 2,500 pairs).
MAX_PAIRS_PER_UNIT = 16


def align_reports(a: Report, b: Report, result: BoilerplateResult) -> list[Passage]:
    """Passages of ``a`` copied in ``b``, in the order of ``a``; empty when they share nothing.

    >>> align_reports.__name__
    'align_reports'
    """
    return align_units(a, b, result.units)


def align_units(a: Report, b: Report, flags: Mapping[str, UnitFlag]) -> list[Passage]:
    """:func:`align_reports` over a plain mapping of sentence id to flag."""
    ranks_a = _ranks(a, flags)
    ranks_b = _ranks(b, flags)
    in_b: dict[int, list[int]] = {}
    for j, s in enumerate(b.sentences):
        flag = flags.get(s.id)
        if flag is not None and flag.cluster is not None:
            in_b.setdefault(flag.cluster, []).append(j)
    runs: list[list[tuple[int, int]]] = []
    ends: dict[tuple[int, int], int] = {}
    for i, s in enumerate(a.sentences):
        flag = flags.get(s.id)
        if flag is None or flag.cluster is None:
            continue
        for j in in_b.get(flag.cluster, ())[:MAX_PAIRS_PER_UNIT]:
            key = (ranks_a[i], ranks_b[j])
            run = ends.pop((key[0] - 1, key[1] - 1), None)
            if run is None:
                run = len(runs)
                runs.append([])
            runs[run].append((i, j))
            ends[key] = run
    return sorted((_passage(a, b, run) for run in runs), key=lambda p: (p.a_start, p.b_start))


def _ranks(report: Report, flags: Mapping[str, UnitFlag]) -> list[int]:
    """Rank of each unit among the compared units; skipped units share the rank before them."""
    ranks = []
    rank = -1
    for s in report.sentences:
        flag = flags.get(s.id)
        if flag is None or flag.skipped is None:
            rank += 1
        ranks.append(rank)
    return ranks


def _passage(a: Report, b: Report, run: list[tuple[int, int]]) -> Passage:
    (i0, j0), (i1, j1) = run[0], run[-1]
    sa, sb = a.sentences, b.sentences
    return Passage(
        a_report=a.id,
        b_report=b.id,
        a_start=sa[i0].start,
        a_end=sa[i1].end,
        b_start=sb[j0].start,
        b_end=sb[j1].end,
        pairs=tuple((sa[i].id, sb[j].id) for i, j in run),
    )
