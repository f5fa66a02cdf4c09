"""The safe model format: round trip, corrupted and version-mismatched files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from corpus.errors import ModelError
from nlp.tagging.context import derive_contexts
from nlp.tagging.model import TagClassifier, Unit
from nlp.tagging.store import MODEL_FORMAT_VERSION, load_classifier, read_meta, save_classifier

TEXTS = ["一、绩效目标", "计划完成培训6期。", "安排资金9万元。", "二、存在的问题", "经费不足。", "无。"] * 3
Y = [[0, 0, 0, 0], [1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]] * 3


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TagClassifier, list[Unit]]:
    units = [Unit(t, c) for t, c in zip(TEXTS, derive_contexts(TEXTS), strict=True)]
    clf = TagClassifier(min_df=1, inner_folds=3).fit(units, Y, groups=[i // 6 for i in range(len(units))])
    path = tmp_path_factory.mktemp("m") / "tiny.npz"
    save_classifier(clf, path, {"heldout_metrics": {"macro": 0.5}})
    return path, clf, units


def test_round_trip_gives_same_scores(model_file: tuple[Path, TagClassifier, list[Unit]]) -> None:
    path, clf, units = model_file
    loaded, meta = load_classifier(path)
    assert np.allclose(loaded.predict_proba(units), clf.predict_proba(units), atol=1e-5)
    assert meta["format_version"] == MODEL_FORMAT_VERSION and meta["heldout_metrics"] == {"macro": 0.5}
    sidecar = json.loads(path.with_suffix(".npz.json").read_text(encoding="utf-8"))
    assert sidecar["libraries"]["scikit-learn"]


def test_no_pickle_inside(model_file: tuple[Path, TagClassifier, list[Unit]]) -> None:
    with np.load(model_file[0], allow_pickle=False) as npz:
        assert all(npz[k].dtype != object for k in npz.files)


def _rewrite_meta(src: Path, dst: Path, **changes: object) -> None:
    with np.load(src, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    meta.update(changes)
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    np.savez(dst, **arrays)  # type: ignore[arg-type]


def test_version_mismatch_names_file_and_version(
    model_file: tuple[Path, TagClassifier, list[Unit]], tmp_path: Path
) -> None:
    bad = tmp_path / "old.npz"
    _rewrite_meta(model_file[0], bad, format_version=MODEL_FORMAT_VERSION + 1)
    with pytest.raises(ModelError) as info:
        load_classifier(bad)
    assert str(bad) in str(info.value) and f"version {MODEL_FORMAT_VERSION}" in str(info.value)


@pytest.mark.parametrize("content", [b"", b"garbage bytes", b"PK\x03\x04broken zip"])
def test_corrupted_file(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(content)
    with pytest.raises(ModelError, match=r"bad\.npz"):
        load_classifier(bad)


def test_truncated_file(model_file: tuple[Path, TagClassifier, list[Unit]], tmp_path: Path) -> None:
    bad = tmp_path / "cut.npz"
    bad.write_bytes(model_file[0].read_bytes()[:200])
    with pytest.raises(ModelError):
        read_meta(bad)


def test_missing_arrays(tmp_path: Path) -> None:
    bad = tmp_path / "other.npz"
    with zipfile.ZipFile(bad, "w"):
        pass
    np.savez(bad, x=np.zeros(2))
    with pytest.raises(ModelError, match="missing"):
        load_classifier(bad)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        load_classifier(tmp_path / "nope.npz")
