"""Sentence tagging: target / indicator / amount / problem, multi-label, per unit.

>>> from corpus.load import from_text
>>> report = from_text("甲项目绩效自评报告\\n二、存在的问题\\n资金到位不及时，宣传力度有待加强。").reports[0]
>>> [t.labels for t in tag(report)][-1]
('problem',)

``tag(report)`` uses the shipped default model (``nlp/models/default.npz``); ``load_model(path)``
loads another one; ``tag_reports(reports)`` tags many reports in one batch.
"""

from __future__ import annotations

from nlp.tagging.resources import TAGS
from nlp.tagging.tagger import DEFAULT_MODEL, TaggedSentence, load_model, tag, tag_reports

__all__ = ["DEFAULT_MODEL", "TAGS", "TaggedSentence", "load_model", "tag", "tag_reports"]
