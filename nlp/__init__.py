"""NLP over the corpus: tokenisation, extraction, sentence tagging and boilerplate detection.

Submodules are imported lazily so that ``import nlp.tokenize`` stays cheap:
``nlp.tag`` is :func:`nlp.tagging.tag`, ``nlp.extract`` and ``nlp.boilerplate`` are packages.
"""

from __future__ import annotations

import importlib
from typing import Any

_SUBPACKAGES = {"extract", "boilerplate", "tagging", "tokenize"}


def __getattr__(name: str) -> Any:
    if name == "tag":
        return importlib.import_module("nlp.tagging").tag
    if name in _SUBPACKAGES:
        return importlib.import_module(f"nlp.{name}")
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
