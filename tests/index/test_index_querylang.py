"""The query language: parse table, error positions, literals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.errors import QueryError
from index.querylang import And, Everything, Not, Or, Phrase, Word, parse, positive_literals


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", Everything()),
        ("  ", Everything()),
        ("社保", Word("社保", 0)),
        ("社保 医保", And((Word("社保", 0), Word("医保", 3)))),
        ("社保 AND 医保", And((Word("社保", 0), Word("医保", 7)))),
        ("社保 OR 医保", Or((Word("社保", 0), Word("医保", 6)))),
        ("NOT 社保", Not(Word("社保", 4))),
        ("a OR b c", Or((Word("a", 0), And((Word("b", 5), Word("c", 7)))))),
        ("(a OR b) c", And((Or((Word("a", 1), Word("b", 6))), Word("c", 9)))),
        ('"按时足额 发放"', Phrase("按时足额 发放", 0)),
        ("“按时足额”", Phrase("按时足额", 0)),
        ("川人社办发(2017)984号", Word("川人社办发(2017)984号", 0)),
        ("(川人社办发(2017)984号)", Word("川人社办发(2017)984号", 1)),
        ("or and not", And((Word("or", 0), Word("and", 3), Word("not", 7)))),
    ],
)
def test_parse(query: str, expected: object) -> None:
    assert parse(query) == expected


@pytest.mark.parametrize(
    ("query", "position", "message"),
    [
        ('"社保', 0, "unclosed quote"),
        ("社保 (医保", 3, 'unclosed "("'),
        ("社保)", 2, 'unexpected ")"'),
        ("社保 OR", 3, '"OR" needs a term after it'),
        ("AND 社保", 0, 'unexpected "AND"'),
        ("社保 ()", 3, "empty parentheses"),
        ('社保 "  "', 3, "empty phrase"),
    ],
)
def test_errors_name_the_position(query: str, position: int, message: str) -> None:
    with pytest.raises(QueryError) as err:
        parse(query)
    assert err.value.position == position and err.value.query == query
    assert str(err.value) == f"{message} at position {position + 1}"


def test_positive_literals_leave_out_negated_terms() -> None:
    assert positive_literals(parse('(社保 OR "足额发放") NOT 医保')) == ["社保", "足额发放"]


@given(st.text(alphabet=st.sampled_from('社保 ()"ANDORT川[2017]'), max_size=20))
def test_parse_either_succeeds_or_raises_query_error(query: str) -> None:
    try:
        parse(query)
    except QueryError as exc:
        assert exc.position is not None and 0 <= exc.position < len(query)
