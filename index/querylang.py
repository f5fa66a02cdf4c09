"""The query language: words, quoted phrases, AND/OR/NOT and parentheses, parsed into a small AST.

Engine-neutral: each engine turns the AST into its own query objects. Adjacent terms are ANDed.
Brackets inside a word are part of it, so ``川人社办发(2017)984号`` stays one word; a ``(`` only
opens a group at the start of a word, a ``)`` only closes one when the word holds no open ``(``.

>>> parse('社会保险 OR "按时足额发放"')
Or(items=(Word(text='社会保险', position=0), Phrase(text='按时足额发放', position=8)))
>>> parse('(资金 NOT 结余')
Traceback (most recent call last):
...
corpus.errors.QueryError: unclosed "(" at position 1
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.errors import QueryError
from index.resources import OPERATORS, QUOTES


@dataclass(frozen=True)
class Word:
    text: str
    position: int


@dataclass(frozen=True)
class Phrase:
    text: str
    position: int


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class Everything:
    """The empty query: every document (filters still apply)."""


Node = Word | Phrase | And | Or | Not | Everything


@dataclass(frozen=True)
class _Lexeme:
    kind: str  # "word", "phrase", "op", "(", ")"
    text: str
    position: int


def _error(message: str, position: int, query: str) -> QueryError:
    exc = QueryError(f"{message} at position {position + 1}", position=position, query=query)
    return exc


def _read_word(query: str, i: int) -> tuple[str, int]:
    depth = 0
    j = i
    while j < len(query) and not query[j].isspace() and query[j] not in QUOTES:
        ch = query[j]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        j += 1
    return query[i:j], j


def lex(query: str) -> list[_Lexeme]:
    """Split a query into words, phrases, operators and parentheses (positions 0-based)."""
    out: list[_Lexeme] = []
    i = 0
    while i < len(query):
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(_Lexeme(ch, ch, i))
            i += 1
        elif ch in QUOTES:
            close = query.find(QUOTES[ch], i + 1)
            if close < 0:
                raise _error("unclosed quote", i, query)
            out.append(_Lexeme("phrase", query[i + 1 : close], i))
            i = close + 1
        else:
            word, j = _read_word(query, i)
            out.append(_Lexeme("op" if word in OPERATORS else "word", word, i))
            i = j
    return out


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.items = lex(query)
        self.i = 0

    def peek(self) -> _Lexeme | None:
        return self.items[self.i] if self.i < len(self.items) else None

    def take(self) -> _Lexeme:
        lexeme = self.items[self.i]
        self.i += 1
        return lexeme

    def parse(self) -> Node:
        if not self.items:
            return Everything()
        node = self.or_expr()
        extra = self.peek()
        if extra is not None:
            raise _error(f'unexpected "{extra.text}"', extra.position, self.query)
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (nxt := self.peek()) is not None and nxt.kind == "op" and nxt.text == "OR":
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Node:
        items = [self.not_expr()]
        while (
            (nxt := self.peek()) is not None
            and nxt.kind != ")"
            and not (nxt.kind == "op" and nxt.text == "OR")
        ):
            if nxt.kind == "op" and nxt.text == "AND":
                self.take()
            items.append(self.not_expr())
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_expr(self) -> Node:
        nxt = self.peek()
        if nxt is not None and nxt.kind == "op" and nxt.text == "NOT":
            self.take()
            return Not(self.not_expr())
        return self.atom()

    def atom(self) -> Node:
        nxt = self.peek()
        if nxt is None:
            last = self.items[-1]
            raise _error(f'"{last.text}" needs a term after it', last.position, self.query)
        self.take()
        if nxt.kind == "word":
            return Word(nxt.text, nxt.position)
        if nxt.kind == "phrase":
            if not nxt.text.strip():
                raise _error("empty phrase", nxt.position, self.query)
            return Phrase(nxt.text, nxt.position)
        if nxt.kind == "(":
            if (close := self.peek()) is not None and close.kind == ")":
                raise _error("empty parentheses", nxt.position, self.query)
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != ")":
                raise _error('unclosed "("', nxt.position, self.query)
            self.take()
            return node
        raise _error(f'unexpected "{nxt.text}"', nxt.position, self.query)


def parse(query: str) -> Node:
    """Parse a user query into an AST; raises :class:`QueryError` with the position of the fault."""
    return _Parser(query).parse()


def positive_literals(node: Node) -> list[str]:
    """The words and phrases that a hit must or may contain (those under a NOT are left out).

    >>> positive_literals(parse('社保 NOT 医保 "足额发放"'))
    ['社保', '足额发放']
    """
    if isinstance(node, (Word, Phrase)):
        return [node.text]
    if isinstance(node, (And, Or)):
        return [lit for item in node.items for lit in positive_literals(item)]
    return []
