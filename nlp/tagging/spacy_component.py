"""spaCy integration: the ``evalcorpus_tagger`` pipeline component, and a ``textcat_multilabel`` baseline.

The component needs no spaCy model download; it works on ``spacy.blank("zh")`` with the jieba
segmenter. It cuts the doc into sentence units (。！？ and line breaks, as the annotation guide
says), tags them with the evalcorpus model, and sets ``doc.spans["evalcorpus"]`` with
``Span._.labels`` (tuple of tags) and ``Span._.scores`` (dict tag → score).

>>> import spacy
>>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
>>> _ = nlp.add_pipe("evalcorpus_tagger")
>>> doc = nlp("二、存在的问题\\n培训场地不足，课程安排不够合理。")
>>> [s._.labels for s in doc.spans["evalcorpus"]][-1]
('problem',)
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from nlp.tagging.context import derive_contexts
from nlp.tagging.model import TagClassifier, Unit
from nlp.tagging.resources import TAGS

SPAN_KEY = "evalcorpus"
_UNIT_END = re.compile(r"[^。！？\n]*(?:[。！？]+|\n|$)")

if not Span.has_extension("labels"):
    Span.set_extension("labels", default=())
if not Span.has_extension("scores"):
    Span.set_extension("scores", default=None)


def unit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentence units of ``text`` (blank units skipped, whitespace trimmed).

    >>> unit_spans("甲。乙\\n丙")
    [(0, 2), (2, 3), (4, 5)]
    """
    out: list[tuple[int, int]] = []
    for m in _UNIT_END.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


class EvalCorpusTagger:
    """The pipeline component; ``model`` is a model path ("" for the shipped default)."""

    def __init__(self, nlp: Language, name: str, model: str) -> None:
        self.name = name
        self.model_path = model or None
        self._clf: TagClassifier | None = None

    @property
    def classifier(self) -> TagClassifier:
        if self._clf is None:
            from nlp.tagging.tagger import load_model

            self._clf = load_model(self.model_path)
        return self._clf

    def __call__(self, doc: Doc) -> Doc:
        spans = unit_spans(doc.text)
        texts = [doc.text[s:e] for s, e in spans]
        units = [Unit(t, c) for t, c in zip(texts, derive_contexts(texts), strict=True)]
        clf = self.classifier
        probs = clf.predict_proba(units) if units else np.zeros((0, len(TAGS)))
        out: list[Span] = []
        for (s, e), p in zip(spans, probs, strict=True):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            span._.labels = tuple(t for j, t in enumerate(TAGS) if p[j] >= clf.thresholds_[j])
            span._.scores = {t: float(p[j]) for j, t in enumerate(TAGS)}
            out.append(span)
        doc.spans[SPAN_KEY] = out
        return doc


@Language.factory("evalcorpus_tagger", default_config={"model": ""})
def make_evalcorpus_tagger(nlp: Language, name: str, model: str) -> EvalCorpusTagger:
    """Factory registered with spaCy: ``nlp.add_pipe("evalcorpus_tagger", config={"model": path})``."""
    return EvalCorpusTagger(nlp, name, model)


def blank_zh() -> Language:
    """``spacy.blank("zh")`` with the jieba segmenter (no download)."""
    import spacy

    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


class SpacyTextcat:
    """spaCy ``textcat_multilabel`` trained on unit texts (the comparison baseline), Tagger interface."""

    def __init__(self, *, epochs: int = 4, seed: int = 0, threshold: float = 0.5) -> None:
        self.epochs = epochs
        self.seed = seed
        self.threshold = threshold

    def fit(self, X: Sequence[Unit], Y: Any, groups: Any = None) -> SpacyTextcat:
        nlp = blank_zh()
        textcat: Any = nlp.add_pipe("textcat_multilabel")
        for t in TAGS:
            textcat.add_label(t)
        Y = np.asarray(Y)
        examples = [
            Example.from_dict(
                nlp.make_doc(u.text[:500]), {"cats": {t: float(y[j]) for j, t in enumerate(TAGS)}}
            )
            for u, y in zip(X, Y, strict=True)
        ]
        optimizer = nlp.initialize(lambda: examples)
        rng = random.Random(self.seed)
        for _ in range(self.epochs):
            rng.shuffle(examples)
            for i in range(0, len(examples), 64):
                nlp.update(examples[i : i + 64], sgd=optimizer, drop=0.2)
        self.nlp_ = nlp
        return self

    def predict(self, X: Sequence[Unit]) -> np.ndarray:
        out = np.zeros((len(X), len(TAGS)), dtype=np.int8)
        for i, doc in enumerate(self.nlp_.pipe(u.text[:500] for u in X)):
            for j, t in enumerate(TAGS):
                out[i, j] = doc.cats.get(t, 0.0) >= self.threshold
        return out
