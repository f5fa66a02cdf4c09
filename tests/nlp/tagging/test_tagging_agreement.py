"""Weighted agreement between annotations (nlp.tagging.agreement) and the shipped second annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.errors import InputError
from nlp.tagging.agreement import agreement_table, load_second, weighted_metrics
from nlp.tagging.resources import TAGS

REPO = Path(__file__).resolve().parents[3]
SECOND = REPO / "benchmarks" / "data" / "dev_second_annotation.jsonl"


def _write(tmp_path: Path, rows: list[object]) -> Path:
    p = tmp_path / "second.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return p


def test_weights_count_a_unit_that_many_times() -> None:
    ref = {"a#0": ("problem",), "a#1": ()}
    other = {"a#0": ("problem",), "a#1": ("problem",)}
    light = weighted_metrics(ref, other, {"a#0": 1.0, "a#1": 1.0})
    heavy = weighted_metrics(ref, other, {"a#0": 1.0, "a#1": 9.0})
    assert light["problem"]["precision"] == pytest.approx(0.5)
    assert heavy["problem"]["precision"] == pytest.approx(0.1)
    assert heavy["problem"]["recall"] == 1.0


def test_identical_annotations_agree_fully() -> None:
    labels = {"a#0": ("target", "indicator"), "a#1": ("amount",), "a#2": ("problem",)}
    m = weighted_metrics(labels, labels, dict.fromkeys(labels, 2.5))
    assert all(m[t]["f1"] == 1.0 for t in TAGS)
    assert m["macro"]["f1"] == 1.0


def test_disjoint_annotations_score_zero_on_the_tags_they_use() -> None:
    m = weighted_metrics({"a#0": ("target",)}, {"a#0": ("problem",)}, {"a#0": 1.0})
    assert m["target"]["f1"] == 0.0 and m["problem"]["f1"] == 0.0
    assert m["amount"]["f1"] == 1.0  # neither uses it: nothing to disagree on


def test_load_and_table(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        [
            {"uid": "a#0", "labels": ["target"], "weight": 1.0, "sure": True, "stratum": "s1"},
            {"uid": "a#1", "labels": [], "weight": 4.0, "sure": False, "stratum": "s2"},
        ],
    )
    rows = load_second(p)
    assert [r.uid for r in rows] == ["a#0", "a#1"] and rows[1].weight == 4.0
    gold = {"a#0": ("target",), "a#1": ("target",)}
    table = agreement_table(rows, gold, {"a#0": ("target",), "a#1": ()})
    assert table["second vs gold"]["target"]["recall"] == pytest.approx(0.2)
    assert table["model vs second"]["target"]["f1"] == 1.0
    sure = agreement_table(rows, gold, sure_only=True)
    assert sure["second vs gold"]["target"]["f1"] == 1.0 and set(sure) == {"second vs gold"}


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("not json", "second-annotation line"),
        (json.dumps({"uid": "a#0", "labels": []}), "second-annotation line"),
        (json.dumps({"uid": "a#0", "labels": ["goal"], "weight": 1, "stratum": "s1"}), "unknown tag"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, needle: str) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text(
        '{"uid": "a#0", "labels": [], "weight": 1, "stratum": "s1"}\n' + line + "\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as exc:
        load_second(p)
    assert needle in str(exc.value) and "bad.jsonl" in str(exc.value) and "2" in str(exc.value)


def test_unit_missing_from_gold_is_an_input_error(tmp_path: Path) -> None:
    p = _write(tmp_path, [{"uid": "zz#9", "labels": [], "weight": 1.0, "stratum": "s1"}])
    with pytest.raises(InputError, match="zz#9"):
        agreement_table(load_second(p), {"a#0": ()})


def test_shipped_second_annotation_matches_dev_gold(shared_dir: Path) -> None:
    """Every unit of the shipped second annotation is a dev gold unit; weights sum to the dev size."""
    rows = load_second(SECOND)
    gold_ids = set()
    for line in (shared_dir / "gold" / "dev" / "sentences.jsonl").read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        gold_ids.add(f"{obj['file']}#{obj['n']}")
    assert {r.uid for r in rows} <= gold_ids
    assert len({r.uid for r in rows}) == len(rows)
    assert sum(r.weight for r in rows) == pytest.approx(len(gold_ids), rel=0.01)
