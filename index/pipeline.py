"""The upstream stages a build runs, looked up when a build starts: ingest → tag → extract → boilerplate.

Each stage is a function of another package (``corpus``, ``nlp.tagging``, ``nlp.extract``,
``nlp.boilerplate``). When one is missing the build fails with a message naming it, rather than
silently indexing without tags or flags.

>>> stage("corpus.errors", "SearchIndexError").__name__
'SearchIndexError'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from corpus.errors import EvalCorpusError, SearchIndexError
from corpus.model import Document, Report


def stage(module: str, name: str, *fallbacks: str) -> Any:
    """``module.name``, else ``name`` from the first of ``fallbacks``; SearchIndexError if none has it."""
    for mod_name in (module, *fallbacks):
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not mod_name.startswith(exc.name):
                raise
            continue
        if hasattr(mod, name):
            return getattr(mod, name)
    raise SearchIndexError(f"cannot build: {module}.{name} is not available in this installation")


@dataclass(frozen=True)
class Stages:
    """The upstream functions a build calls."""

    open_inputs: Callable[..., Iterator[Document]]
    tag_reports: Callable[[Sequence[Report]], list[list[Any]]]
    extract_report: Callable[[Report], Any]
    detect: Callable[[Sequence[Report]], Any]

    @classmethod
    def load(cls) -> Stages:
        """Look every stage up now, so a missing one fails before any work is done."""
        return cls(
            open_inputs=stage("corpus", "open_inputs", "corpus.load"),
            tag_reports=stage("nlp.tagging", "tag_reports"),
            extract_report=stage("nlp.extract", "extract_report"),
            detect=stage("nlp.boilerplate", "detect"),
        )


def citation_keys(text: str) -> tuple[str, ...]:
    """Normalised 文号 found in ``text`` by ``nlp.extract.citations`` (any bracket or spacing style).

    Spaces are also tried removed (``川财社 (2022) 144号``). Empty when the extractor is not
    installed: a query then still matches through the bigrams.
    """
    try:
        parse = stage("nlp.extract", "citations")
    except EvalCorpusError:
        return ()
    found = [c.normalized for t in (text, "".join(text.split())) for c in parse(t)]
    return tuple(dict.fromkeys(n for n in found if n))


def collect(documents: Iterable[Document], errors: list[EvalCorpusError]) -> Iterator[Document]:
    """Documents, with library errors raised by the iterator recorded instead of stopping the run."""
    it = iter(documents)
    while True:
        try:
            yield next(it)
        except StopIteration:
            return
        except EvalCorpusError as exc:  # an input that on_error did not absorb
            errors.append(exc)
            return
