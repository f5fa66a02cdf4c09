"""The tagger's safe on-disk format: one ``.npz`` of plain arrays (no pickle) plus a JSON sidecar.

The ``.npz`` holds the vocabularies (unicode arrays), IDF, weights, Platt calibration and
thresholds, and a ``meta`` JSON blob (format version, parameters, training-data hash, library
versions, held-out metrics). It is read with ``allow_pickle=False``, so loading a file can never
run code. ``<model>.json`` beside it repeats ``meta`` for people to read.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "bad.npz"
>>> _ = p.write_bytes(b"not a model")
>>> try:
...     load_classifier(p)
... except ModelError as exc:
...     print("format version" in str(exc))
True
"""

from __future__ import annotations

import io
import json
import platform
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from corpus.atomic import atomic_write
from corpus.errors import ModelError, OutputError
from nlp.tagging.model import FeatureVectorizer, TagClassifier
from nlp.tagging.resources import TAGS

#: Version of the model file format; a file of another version is refused.
MODEL_FORMAT_VERSION = 1
_ARRAYS = ("text_vocab", "context_vocab", "idf", "coef", "intercept", "platt", "thresholds", "meta")
_PARAMS = ("C", "min_df", "max_features", "context_weight", "inner_folds", "class_weight", "money_rule")


def library_versions() -> dict[str, str]:
    """Versions of the libraries a model was trained with."""
    import jieba
    import scipy
    import sklearn

    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "jieba": getattr(jieba, "__version__", "unknown"),
    }


def _vocab_array(vocab: dict[str, int]) -> np.ndarray:
    words = [""] * len(vocab)
    for w, i in vocab.items():
        words[i] = w
    return np.array(words, dtype=str) if words else np.zeros(0, dtype="<U1")


def save_classifier(
    clf: TagClassifier, path: str | Path, meta: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Write ``clf`` to ``path`` (``.npz``) and ``path.json``; returns the metadata written."""
    clf._check_fitted()
    info = {
        "format": "evalcorpus-tagger",
        "format_version": MODEL_FORMAT_VERSION,
        "tags": list(TAGS),
        "params": {k: getattr(clf, k) for k in _PARAMS},
        "libraries": library_versions(),
        **(meta or {}),
    }
    arrays = {
        "text_vocab": _vocab_array(clf.vectorizer_.text_vocab_),
        "context_vocab": _vocab_array(clf.vectorizer_.context_vocab_),
        "idf": clf.vectorizer_.idf_.astype(np.float32),
        "coef": clf.coef_.astype(np.float32),
        "intercept": clf.intercept_.astype(np.float64),
        "platt": clf.platt_.astype(np.float64),
        "thresholds": clf.thresholds_.astype(np.float64),
        "meta": np.frombuffer(json.dumps(info, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
    }
    target = Path(path)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)  # type: ignore[arg-type]
    try:
        with atomic_write(target, mode="wb", encoding=None) as fh:
            fh.write(buf.getvalue())
        with atomic_write(target.with_suffix(target.suffix + ".json")) as fh:
            fh.write(json.dumps(info, ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        raise OutputError(f"cannot write model: {exc}", path=str(target)) from None
    return info


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    expect = f"expected an evalcorpus tagger .npz of format version {MODEL_FORMAT_VERSION}"
    if not path.is_file():
        raise ModelError(f"model file not found ({expect})", path=str(path))
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [k for k in _ARRAYS if k not in npz.files]
            if missing:
                raise ModelError(f"not a tagger model, missing {missing} ({expect})", path=str(path))
            return {k: npz[k] for k in _ARRAYS}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, KeyError) as exc:
        raise ModelError(
            f"corrupted model file ({exc.__class__.__name__}; {expect})", path=str(path)
        ) from None


def read_meta(path: str | Path) -> dict[str, Any]:
    """The metadata stored in a model file (raises ModelError on a bad file)."""
    arrays = _read_arrays(Path(path))
    return _meta(arrays, Path(path))


def _meta(arrays: dict[str, np.ndarray], path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ModelError("corrupted model metadata", path=str(path)) from None
    version = meta.get("format_version") if isinstance(meta, dict) else None
    if version != MODEL_FORMAT_VERSION:
        raise ModelError(
            f"model format version {version!r}, this evalcorpus reads version {MODEL_FORMAT_VERSION}; "
            "retrain with `evalcorpus train`",
            path=str(path),
        )
    if meta.get("tags") != list(TAGS):
        raise ModelError(f"model tags {meta.get('tags')} differ from {list(TAGS)}", path=str(path))
    return dict(meta)


def load_classifier(path: str | Path) -> tuple[TagClassifier, dict[str, Any]]:
    """A fitted :class:`TagClassifier` and its metadata from ``path``."""
    p = Path(path)
    a = _read_arrays(p)
    meta = _meta(a, p)
    n_text, n_ctx = len(a["text_vocab"]), len(a["context_vocab"])
    if a["coef"].shape != (len(TAGS), n_text + n_ctx) or a["idf"].shape != (n_text,):
        raise ModelError("corrupted model: array shapes do not match the vocabulary", path=str(p))
    clf = TagClassifier(**meta.get("params", {}))
    vec = FeatureVectorizer(
        min_df=clf.min_df, max_features=clf.max_features, context_weight=clf.context_weight
    )
    vec.text_vocab_ = {str(w): i for i, w in enumerate(a["text_vocab"].tolist())}
    vec.context_vocab_ = {str(w): i for i, w in enumerate(a["context_vocab"].tolist())}
    vec.idf_ = a["idf"].astype(np.float64)
    clf.vectorizer_ = vec
    clf.coef_ = a["coef"].astype(np.float64)
    clf.intercept_ = a["intercept"]
    clf.platt_ = a["platt"]
    clf.thresholds_ = a["thresholds"]
    return clf, meta
