"""The examples in the boilerplate modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    f"nlp.boilerplate{suffix}"
    for suffix in ("", ".resources", ".normalize", ".shingles", ".lsh", ".clusters", ".templates",
                   ".goal_result", ".align", ".report", ".pipeline", ".export", ".evaluate")
]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
