"""Reading, cleaning, splitting and structuring report files into typed records.

>>> import corpus
>>> doc = corpus.from_text("某项目绩效自评报告\\n一、项目概况\\n内容。")
>>> [r.title for r in doc.reports]
['某项目绩效自评报告']

The load functions are imported here because ``corpus.load`` must be the function, not its module
(a submodule import would otherwise bind the module to that name); the store functions load lazily.
"""

from __future__ import annotations

from typing import Any

from corpus.load import from_text, load, load_documents, open_inputs

_LAZY = {"read_corpus": "corpus.store", "write_corpus": "corpus.store"}

__all__ = ["from_text", "load", "load_documents", "open_inputs", "read_corpus", "write_corpus"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'corpus' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
