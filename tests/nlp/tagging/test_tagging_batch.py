"""The batched feature and vectoriser paths give what the plain per-unit definitions give."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.load import from_text
from nlp.tagging import load_model
from nlp.tagging import resources as R
from nlp.tagging.context import derive_contexts
from nlp.tagging.features import FeatureSet, _char_features, text_features, unit_features
from nlp.tagging.model import FeatureVectorizer, Unit, _count_matrix, featurize
from nlp.tagging.tagger import tag_sentence_groups, units_of
from nlp.tokenize import normalize_width, tokenize

# Invented units; several texts repeat (a table header, a bare figure, a boilerplate sentence).
TEXTS = [
    "一、绩效目标",
    "计划开展培训12期，学员满意度≥90%。",
    "项目名称 | 金额(万元) | 备注",
    "12.50",
    "本单位严格按照规定使用资金。",
    "二、绩效目标完成情况",
    "实际开展培训12期，学员满意度95%。",
    "项目名称 | 金额(万元) | 备注",
    "12.50",
    "本单位严格按照规定使用资金。",
    "三、存在的问题",
    "宣传力度不够。",
]


def _reference_char_features(text: str) -> list[str]:
    """Character n-grams as first defined (whitespace filtered one character at a time)."""
    s = R.DIGITS.sub("0", normalize_width(text[:400]))
    s = "".join(ch for ch in s if not ch.isspace())
    return [f"c:{s[i : i + n]}" for n in (2, 3) for i in range(len(s) - n + 1)]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="资金万元 \t\u3000\x1c\x85\u2028１２3ａb，。|", max_size=30))
def test_char_ngrams_match_reference(text: str) -> None:
    assert _char_features(text) == _reference_char_features(text)


def test_featurize_shares_text_blocks_and_matches_unit_features() -> None:
    units = [Unit(t, c) for t, c in zip(TEXTS, derive_contexts(TEXTS), strict=True)]
    sets = featurize(units)
    assert sets[3].text is sets[8].text  # the same text: one block, computed once
    for u, fs in zip(units, sets, strict=True):
        words = [w for h in u.context.headings for w in _head_words(h)]
        alone = unit_features(u.text, u.context, tokens=tokenize(u.text), head_words=words)
        assert fs.text == alone.text
        assert sorted(fs.context) == sorted(alone.context)


def _head_words(heading: str) -> list[str]:
    return [t.feature for t in tokenize(R.HEADING_NUMBER.sub("", heading, count=1)) if t.kind == "word"]


def test_text_features_are_the_text_part_of_unit_features() -> None:
    ctx = derive_contexts(["资金55万元。"])[0]
    tf = text_features("资金55万元。")
    fs = unit_features("资金55万元。", ctx)
    assert fs.text == tf.block
    assert set(tf.flags) <= set(fs.context)


_FEATS = st.sampled_from(["a", "b", "c", "d", "zz", "unknown", "?"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_FEATS, max_size=6), max_size=6))
def test_count_matrix_counts_known_features(rows: list[list[str]]) -> None:
    vocab = {"a": 0, "b": 1, "c": 2, "d": 3, "zz": 4}
    m = _count_matrix(rows, vocab)
    assert m.shape == (len(rows), len(vocab))
    expected = np.zeros((len(rows), len(vocab)))
    for i, feats in enumerate(rows):
        for f in feats:
            if f in vocab:
                expected[i, vocab[f]] += 1
    assert np.array_equal(m.toarray(), expected)
    assert m.has_canonical_format


def test_transform_of_repeated_rows_equals_rows_one_by_one() -> None:
    units = [Unit(t, c) for t, c in zip(TEXTS, derive_contexts(TEXTS), strict=True)]
    sets = featurize(units)
    vec = FeatureVectorizer(min_df=1).fit(sets)
    batch = vec.transform(sets).toarray()
    # fresh, unshared tuples row by row: no row is deduplicated
    one_by_one = [vec.transform([FeatureSet(tuple(fs.text), fs.context)]).toarray()[0] for fs in sets]
    assert np.array_equal(batch, np.array(one_by_one))
    width = len(vec.text_vocab_)
    assert np.array_equal(batch[3, :width], batch[8, :width])  # one text, one text block


def test_tagged_scores_and_labels_follow_predict_proba() -> None:
    clf = load_model()
    doc = from_text("\n".join(["甲项目绩效自评报告", *TEXTS]), "batch.txt")
    groups = [r.sentences for r in doc.reports] + [doc.residue]
    tagged = list(itertools.chain.from_iterable(tag_sentence_groups(groups, clf)))
    probs = clf.predict_proba([u for g in groups for u in units_of(g)])
    assert len(tagged) == len(probs)
    for ts, p in zip(tagged, probs, strict=True):
        assert ts.scores == {t: round(float(p[j]), 4) for j, t in enumerate(R.TAGS)}
        assert ts.labels == tuple(t for j, t in enumerate(R.TAGS) if p[j] >= clf.thresholds_[j])


@pytest.mark.parametrize("text", ["", "  ", "一、绩效目标"])
def test_featurize_edge_texts(text: str) -> None:
    units = [Unit(text, c) for c in derive_contexts([text, text])]
    sets = featurize(units)
    assert sets[0].text is sets[1].text
