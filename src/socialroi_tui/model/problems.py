"""A refused campaign or edit, as problems the interface words in the user's language."""

from __future__ import annotations

import re

from pydantic import ValidationError

from socialroi_tui.text.safe import shortened
from socialroi_tui.text.words import Problem, Problems, at, explain

_EXPECTED = {
    "string_type": "problem_expected_text",
    "int_type": "problem_expected_whole",
    "int_parsing": "problem_expected_whole",
    "int_from_float": "problem_expected_whole",
    "bool_type": "problem_expected_boolean",
    "bool_parsing": "problem_expected_boolean",
    "list_type": "problem_expected_list",
    "dict_type": "problem_expected_table",
    "model_type": "problem_expected_table",
    "model_attributes_type": "problem_expected_table",
    "date_type": "problem_expected_date",
    "date_parsing": "problem_expected_date",
    "date_from_datetime_parsing": "problem_expected_date",
    "date_from_datetime_inexact": "problem_expected_date",
    "datetime_type": "problem_expected_datetime",
    "datetime_parsing": "problem_expected_datetime",
    "datetime_from_date_parsing": "problem_expected_datetime",
    "decimal_type": "problem_expected_number",
    "decimal_parsing": "problem_expected_number",
    "missing": "problem_missing",
    "extra_forbidden": "problem_unknown_key",
    "string_pattern_mismatch": "problem_pattern",
}
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]+")
"""A key shown as it is in a place (``budget.ctr``); any other is quoted."""
_BOUNDS = {
    "greater_than_equal": "problem_at_least",
    "less_than_equal": "problem_at_most",
    "greater_than": "problem_above",
    "less_than": "problem_below",
}
_LENGTHS = {
    "string_too_long": "problem_too_long",
    "string_too_short": "problem_too_short",
    "too_long": "problem_too_many",
    "too_short": "problem_too_few",
}


def describe_validation_error(
    error: ValidationError, prefix: tuple[str, ...] = (), offset: int = 0
) -> list[Problem]:
    """One problem per error: the key path, then what is wrong, to be worded. (A list
    checked in chunks gives its ``prefix`` and the ``offset`` of its chunk.)"""
    problems = []
    for item in error.errors():
        location = ""
        loc = list(item["loc"])
        if prefix and loc and isinstance(loc[0], int):
            loc = [*prefix, loc[0] + offset, *loc[1:]]
        for part in loc:
            if part == "[key]":  # pydantic's mark: the key before it is what is refused
                continue
            if isinstance(part, str) and not _PLAIN_KEY.fullmatch(part):
                # a key of the file's own (a network's id) may hold anything: quoted, escaped
                part = '"' + shortened(part.replace("\n", "\\n").replace("\t", "\\t"), 40) + '"'
            location += f"[{part}]" if isinstance(part, int) else f".{part}" if location else part
        for problem in _what(item):
            problems.append(at(location, problem) if location else problem)
    return problems


def _what(item: dict) -> list[Problem]:
    """What a pydantic error says, as problems of ours (a check of the whole campaign
    may find several, each at its own place)."""
    cause = (item.get("ctx") or {}).get("error")
    if isinstance(cause, Problems):
        return cause.problems
    return [_one(item)]


def _one(item: dict) -> Problem:
    """One pydantic error as a problem of ours where one fits, else its own words."""
    kind, context = item["type"], item.get("ctx") or {}
    cause = context.get("error")
    if isinstance(cause, ValueError) and cause.args and isinstance(cause.args[0], Problem):
        return cause.args[0]
    if kind in _EXPECTED:
        return Problem.of(_EXPECTED[kind])
    if kind == "literal_error":  # "'a' or 'b'": the "or" is pydantic's English
        expected = str(context.get("expected", "")).replace("' or '", "', '")
        return Problem.of("problem_one_of", expected=expected)
    if kind in _BOUNDS:
        limit = next((context[name] for name in ("ge", "le", "gt", "lt") if name in context), "")
        return Problem.of(_BOUNDS[kind], limit=limit)
    if kind in _LENGTHS:
        limit = context.get("max_length", context.get("min_length", ""))
        if isinstance(item.get("input"), str):  # a text, checked after a validator: "too_long"
            kind = kind if kind.startswith("string_") else f"string_{kind}"
            if kind == "string_too_short" and limit == 1:
                return Problem.of("problem_empty_text")
        return Problem.of(_LENGTHS[kind], limit=limit)
    return Problem.of("problem_text", text=item["msg"].removeprefix("Value error, "))


def refusal_words(error: Exception, lang: str) -> str:
    """Why ``error`` refused a campaign or an edit, one problem per line, in ``lang``."""
    if isinstance(error, ValidationError):
        return "\n".join(problem.words(lang) for problem in describe_validation_error(error))
    return explain(error, lang)
