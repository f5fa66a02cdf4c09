"""Feature strings of a sentence unit: words, character n-grams, figures classes and context.

A unit is tokenised once (``nlp.tokenize.tokenize``); figures become class tokens
(``<MONEY>``, ``<PCT>`` …) so the model learns patterns, not values. Context features come from
:class:`nlp.tagging.context.UnitContext`. Features are split in two blocks, text and context,
which the vectoriser weighs separately.

>>> from nlp.tagging.context import derive_contexts
>>> fs = unit_features("资金55万元。", derive_contexts(["资金55万元。"])[0])
>>> "w:<MONEY>" in fs.text, "f:money" in fs.context
(True, True)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nlp.tagging import resources as R
from nlp.tagging.context import UnitContext, derive_contexts
from nlp.tokenize import Token, normalize_width, tokenize

#: Characters of a unit looked at for n-grams; longer units are cut (a 20,000-char line stays cheap).
MAX_CHARS = 400
#: Tokens of a unit used for word features.
MAX_TOKENS = 200

Tokenizer = Callable[[str], list[Token]]


@dataclass(frozen=True, slots=True)
class FeatureSet:
    """The two feature blocks of one unit."""

    text: tuple[str, ...]
    context: tuple[str, ...]


def _word_features(tokens: Sequence[Token]) -> list[str]:
    words = [t.feature for t in tokens[:MAX_TOKENS] if t.kind != "punct" or t.text in "：:；%≥≤＝=《》"]
    out = [f"w:{w}" for w in words]
    out.extend(f"b:{a}_{b}" for a, b in itertools.pairwise(words))
    return out


def _char_features(text: str) -> list[str]:
    s = "".join(R.DIGITS.sub("0", normalize_width(text[:MAX_CHARS])).split())  # whitespace dropped
    return ["c:" + s[i : i + 2] for i in range(len(s) - 1)] + ["c:" + s[i : i + 3] for i in range(len(s) - 2)]


def _figure_flags(tokens: Sequence[Token], text: str) -> list[str]:
    kinds = {t.kind for t in tokens}
    out = [f"f:{k}" for k in ("money", "pct", "date", "docno", "num") if k in kinds]
    n = len(text)
    out.append("len:" + ("1" if n <= 4 else "2" if n <= 12 else "3" if n <= 40 else "4" if n <= 120 else "5"))
    if text.rstrip().endswith(("。", "；", ";")):
        out.append("f:stop")
    out.extend(f"cue:{name}" for name in cue_names(text))
    out.extend(_value_flags(tokens))
    out.extend(_row_flags(text))
    return out


def money_row(text: str) -> bool:
    """A table row on one line with a bare figure cell (no unit, not a year): a money cell when the
    table's header names (万元) columns.

    >>> money_row("资金 | 12.50 | 11.00 | |"), money_row("年度 | 2023 | |")
    (True, False)
    """
    if text.count("|") < 2 and "\t" not in text:
        return False
    return any(R.BARE_FIGURE.match(c.strip()) for c in R.TABLE_SEPARATOR.split(text))


def _row_flags(text: str) -> list[str]:
    """A table row on one line: does it name an indicator category, how many value cells it holds."""
    if text.count("|") < 2 and "\t" not in text:
        return []
    cells = [c.strip() for c in R.TABLE_SEPARATOR.split(text) if c.strip()]
    values = sum(1 for c in cells if R.VALUE_CELL.match(c))
    out: list[str] = []
    if any(R.INDICATOR_CATEGORY.search(c) for c in cells[:3]):
        out.append("row:category")
        out.append(f"row:category_values{min(values, 3)}")
    return out


def _value_flags(tokens: Sequence[Token]) -> list[str]:
    """Coarse values of figures: full (100%) vs short (< 90%) percentages, zero sums — deviation cues."""
    out: set[str] = set()
    for t in tokens:
        if t.kind not in ("pct", "money"):
            continue
        m = R.LEADING_NUMBER.search(normalize_width(t.text))
        if not m:
            continue
        try:
            v = float(m.group(0).replace(",", "").replace("，", ""))
        except ValueError:
            continue
        if t.kind == "pct":
            out.add("v:pct100" if v >= 100 else "v:pct90" if v >= 90 else "v:pctlow")
        elif v == 0:
            out.add("v:money0")
    return sorted(out)


def cue_names(text: str) -> list[str]:
    """Names of the lexical cue families found in ``text``.

    >>> cue_names("资金管理有待加强。")
    ['problem', 'suggest']
    """
    head = text[:MAX_CHARS]
    return [name for name, rx in R.CUES if rx.search(head)]


def _context_features(ctx: UnitContext, head_words: Sequence[str], money: bool) -> list[str]:
    out = [
        f"sec:{ctx.section}",
        f"top:{ctx.top_section}",
        f"shape:{ctx.shape}",
        f"region:{ctx.region}",
        f"rowkey:{ctx.row_key}",
        f"pos:{min(int(ctx.position * 5), 4)}",
        f"sec*shape:{ctx.section}_{ctx.shape}",
        f"region*shape:{ctx.region}_{ctx.shape}",
        f"sec*money:{ctx.section}_{money}",
    ]
    if ctx.is_heading:
        out.append("is_heading")
        out.append(f"hsec:{ctx.section}")
    if ctx.cell_run >= 0:
        out.append(f"run:{ctx.cell_run}_{ctx.run_head}")
        out.append(f"run*region:{ctx.cell_run}_{ctx.region}")
    if ctx.column != "none":
        out.append(f"col:{ctx.column}")
        out.append(f"col*shape:{ctx.column}_{ctx.shape}")
    if ctx.is_table:
        out.append("is_table")
    if ctx.corpus_section:
        out.append(f"csec:{ctx.corpus_section}")
        out.append(f"csec*shape:{ctx.corpus_section}_{ctx.shape}")
        out.extend(f"cflag:{f}" for f in ctx.corpus_flags)
        out.extend(f"chcue:{c}" for c in cue_names(ctx.corpus_heading))
    out.extend(f"h:{w}" for w in head_words)
    out.extend(f"hcue:{c}" for h in ctx.headings[-1:] for c in cue_names(h))
    out.extend(f"n{v}" for v in ctx.neighbours)
    prev = next((v[3:] for v in ctx.neighbours if v.startswith("-1:")), "edge")
    out.append(f"prev*shape:{prev}_{ctx.shape}")
    return out


@dataclass(frozen=True, slots=True)
class TextFeatures:
    """What a unit's features owe to its text alone: computed once per distinct text of a batch."""

    block: tuple[str, ...]  # the text block (words, word bigrams, character n-grams)
    flags: tuple[str, ...]  # figure, length, cue, value and row flags (they open the context block)


def text_features(text: str, tokens: Sequence[Token] | None = None) -> TextFeatures:
    """The text-only features of a unit (``tokens`` default to ``tokenize(text)``).

    >>> tf = text_features("资金55万元。")
    >>> "w:<MONEY>" in tf.block, "f:money" in tf.flags
    (True, True)
    """
    toks = tokenize(text) if tokens is None else tokens
    return TextFeatures(tuple(_word_features(toks) + _char_features(text)), tuple(_figure_flags(toks, text)))


def unit_features(
    text: str,
    ctx: UnitContext,
    *,
    tokens: Sequence[Token] | None = None,
    head_words: Sequence[str] = (),
    parts: TextFeatures | None = None,
) -> FeatureSet:
    """The feature blocks of one unit (``tokens`` default to ``tokenize(text)``; ``parts``, when
    given, are ``text_features(text)`` computed beforehand)."""
    tf = text_features(text, tokens) if parts is None else parts
    flags = list(tf.flags)
    money = "f:money" in flags
    sections = {ctx.section, ctx.corpus_section or ctx.section}
    crossed = [f"sec*{f}:{sec}" for f in flags if f.startswith("cue:") for sec in sections]
    crossed.extend(f"region*{f}:{ctx.region}" for f in flags if f.startswith("row:"))
    if ctx.region == "money" and money_row(text):
        flags.append("f:moneyrow")
    if not ctx.is_heading:
        crossed.extend(f"body:{sec}" for sec in sections)
    return FeatureSet(
        text=tf.block, context=tuple(flags + crossed + _context_features(ctx, head_words, money))
    )


def sequence_features(
    texts: Sequence[str],
    contexts: Sequence[UnitContext] | None = None,
    *,
    tokenizer: Tokenizer = tokenize,
) -> list[FeatureSet]:
    """Feature blocks of every unit of one report, each unit tokenised once, headings cached.

    >>> [len(f.text) > 0 for f in sequence_features(["一、绩效目标", "完成培训20场。"])]
    [True, True]
    """
    ctxs = list(contexts) if contexts is not None else derive_contexts(texts)
    cache: dict[str, list[str]] = {}
    out: list[FeatureSet] = []
    for text, ctx in zip(texts, ctxs, strict=False):
        toks = tokenizer(text)
        if ctx.is_heading and ctx.headings and ctx.headings[-1] == text.strip():
            cache.setdefault(text.strip(), [t.feature for t in toks if t.kind == "word"])
        words: list[str] = []
        for h in ctx.headings:
            if h not in cache:
                cache[h] = [t.feature for t in tokenizer(h) if t.kind == "word"]
            words.extend(cache[h])
        out.append(unit_features(text, ctx, tokens=toks, head_words=words))
    return out
