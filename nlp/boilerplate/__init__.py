"""Boilerplate detection: units copied across reports, outline instructions, goals pasted as results.

>>> from nlp.boilerplate import detect, align_reports, is_template_instruction
>>> is_template_instruction("资金使用是否合规，有无截留、挪用等现象。")
True

See :func:`detect` for the pipeline and the README section on ``evalcorpus boilerplate`` for the command line.
"""

from __future__ import annotations

from nlp.boilerplate.align import align_reports
from nlp.boilerplate.pipeline import detect
from nlp.boilerplate.records import KINDS, BoilerplateResult, Cluster, Passage, ReportShare, UnitFlag
from nlp.boilerplate.templates import is_template_instruction

__all__ = [
    "KINDS",
    "BoilerplateResult",
    "Cluster",
    "Passage",
    "ReportShare",
    "UnitFlag",
    "align_reports",
    "detect",
    "is_template_instruction",
]
