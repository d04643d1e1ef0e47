"""A refused campaign or edit, as problems the interface words in the user's language."""

from __future__ import annotations

from pydantic import ValidationError

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
            location += f"[{part}]" if isinstance(part, int) else f".{part}" if location else part
        problem = _what(item)
        problems.append(at(location, problem) if location else problem)
    return problems


def _what(item: dict) -> Problem:
    """What a pydantic error says, as a problem of ours where one fits."""
    kind, context = item["type"], item.get("ctx") or {}
    cause = context.get("error")
    if isinstance(cause, Problems) and len(cause.problems) == 1:
        return cause.problems[0]
    if isinstance(cause, ValueError) and cause.args and isinstance(cause.args[0], Problem):
        return cause.args[0]
    if kind in _EXPECTED:
        return Problem.of(_EXPECTED[kind])
    if kind == "literal_error":  # "'a' or 'b'": the "or" is pydantic's English
        expected = str(context.get("expected", "")).replace("' or '", "', '")
        return Problem.of("problem_one_of", expected=expected)
    if kind in ("greater_than_equal", "less_than_equal"):
        side = "at_least" if kind == "greater_than_equal" else "at_most"
        limit = context.get("ge", context.get("le", ""))
        return Problem.of(f"problem_{side}", limit=limit)
    if kind in ("string_too_long", "too_long"):
        return Problem.of("problem_too_long", limit=context.get("max_length", ""))
    return Problem.of("problem_text", text=item["msg"].removeprefix("Value error, "))


def refusal_words(error: Exception, lang: str) -> str:
    """Why ``error`` refused a campaign or an edit, one problem per line, in ``lang``."""
    if isinstance(error, ValidationError):
        return "\n".join(problem.words(lang) for problem in describe_validation_error(error))
    return explain(error, lang)
