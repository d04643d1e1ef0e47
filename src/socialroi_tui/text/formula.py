"""Tiny, safe arithmetic over named figures: ``(revenue - spend) / spend``.

Only numbers, names, ``+ - * /`` and parentheses; nothing is ever ``eval``-ed.
A division by zero or a missing figure gives ``None`` ("not defined").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([a-z_][a-z0-9_]*)|(.))")


class FormulaError(ValueError):
    """A formula that cannot be read."""


class Formula:
    """A parsed formula, evaluated against a mapping of figures."""

    def __init__(self, text: str):
        self.text = text
        self._tokens = self._tokenize(text)
        self._pos = 0
        self._tree = self._expression()
        if self._pos != len(self._tokens):
            raise FormulaError(f"unexpected {self._tokens[self._pos][1]!r} in {text!r}")

    @property
    def names(self) -> set[str]:
        return {value for kind, value in self._tokens if kind == "name"}

    @staticmethod
    def _tokenize(text: str) -> list[tuple[str, str]]:
        tokens = []
        for number, name, other in _TOKEN.findall(text.strip()):
            if number:
                tokens.append(("number", number))
            elif name:
                tokens.append(("name", name))
            elif other in "+-*/()":
                tokens.append(("op", other))
            elif other.strip():
                raise FormulaError(f"unexpected {other!r} in {text!r}")
        if not tokens:
            raise FormulaError("empty formula")
        return tokens

    def _peek(self) -> str | None:
        return self._tokens[self._pos][1] if self._pos < len(self._tokens) else None

    def _take(self) -> tuple[str, str]:
        if self._pos >= len(self._tokens):
            raise FormulaError(f"formula {self.text!r} ends too early")
        token = self._tokens[self._pos]
        self._pos += 1
        return token

    def _expression(self) -> tuple:
        node = self._term()
        while self._peek() in ("+", "-"):
            node = (self._take()[1], node, self._term())
        return node

    def _term(self) -> tuple:
        node = self._factor()
        while self._peek() in ("*", "/"):
            node = (self._take()[1], node, self._factor())
        return node

    def _factor(self) -> tuple:
        kind, value = self._take()
        if kind == "number":
            return ("num", Decimal(value))
        if kind == "name":
            return ("name", value)
        if value == "(":
            node = self._expression()
            if self._take()[1] != ")":
                raise FormulaError(f"missing ')' in {self.text!r}")
            return node
        if value == "-":
            return ("-", ("num", Decimal(0)), self._factor())
        raise FormulaError(f"unexpected {value!r} in {self.text!r}")

    def evaluate(self, figures: Mapping[str, Decimal | None]) -> Decimal | None:
        return _evaluate(self._tree, figures)


def _evaluate(node: tuple, figures: Mapping[str, Decimal | None]) -> Decimal | None:
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "name":
        return figures.get(node[1])
    left, right = _evaluate(node[1], figures), _evaluate(node[2], figures)
    if left is None or right is None:
        return None
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    return safe_divide(left, right)


def safe_divide(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """``numerator / denominator``, or ``None`` when either is missing or the divisor is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator
