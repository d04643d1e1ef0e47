"""The words of the interface, in every language the package has a catalog for.

Each language is a gettext catalog, ``locale/<lang>.po`` (compiled to ``<lang>.mo``,
read here with the standard ``gettext``): a third language is a new file. A message is
named by a key (``save_help``); its words may hold ``{placeholders}``, and a message that
counts (``imported``) has its plural forms. ``python -m socialroi_tui.text.catalogs``
compiles and checks the catalogs (with Babel, a development tool).
"""

from __future__ import annotations

import functools
import gettext
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Language = Literal["fr", "en"]
THOUSANDS_SEPARATOR = {"fr": " ", "en": ","}
"""Between the groups of three digits of a large number, in each language."""
SECTIONS = ("objectives", "kpis", "funnel", "budget", "dashboard", "scenarios", "attribution")
"""The workbook's sections, in order (each named by the word ``section_<name>``)."""
LOCALE = Path(__file__).resolve().parent / "locale"
LANGUAGES: tuple[str, ...] = tuple(sorted(path.stem for path in LOCALE.glob("*.mo")))
FALLBACK = "en"


@functools.cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang``, English behind it for a word it lacks, and behind
    English ``_Missing``, which tells a message the catalogs lack (read once per language)."""
    try:
        with (LOCALE / f"{lang}.mo").open("rb") as stream:
            found = gettext.GNUTranslations(stream)
    except OSError:
        found = gettext.NullTranslations()
    found.add_fallback(_Missing() if lang == FALLBACK else catalog(FALLBACK))
    return found


def t(key: str, lang: str, **values: object) -> str:
    """The words for ``key`` in ``lang``, with ``{placeholders}`` filled (a key no catalog
    has stands for itself)."""
    text = catalog(lang).gettext(key)
    if text is MISSING:
        return key
    return text.format(**values) if values else text


def model_name(model: str, order: int, lang: str) -> str:
    """An attribution model's name, with the order of a Markov chain above the first."""
    if model == "markov" and order > 1:
        return t("model_markov_order", lang, order=order)
    return t(f"model_{model}", lang)


def tn(key: str, count: int, lang: str, **values: object) -> str:
    """The words for ``key`` counting ``count`` things, in the plural form ``lang`` gives
    that number (``{count}`` is filled too)."""
    grouped = f"{count:,}".replace(",", THOUSANDS_SEPARATOR.get(lang, ","))  # 100 000
    return catalog(lang).ngettext(key, key, count).format(count=grouped, **values)


class _Missing(gettext.NullTranslations):
    """Behind the English catalog: answers any message it lacks with ``MISSING`` (gettext's
    public way to tell a message it has from one it lacks)."""

    def gettext(self, message: str) -> str:
        return MISSING


MISSING = "\x00missing"


def has_words(key: str) -> bool:
    """Whether ``key`` names a message (a binding's description may be plain words);
    "" is the catalog's header, not words."""
    return bool(key) and catalog(FALLBACK).gettext(key) is not MISSING


def label(key: str, lang: str) -> str:
    """A field's name before its value: ``Text\u00a0: `` in French, ``Text: `` in English."""
    return t("label_with_value", lang, name=t(key, lang))


def detect_language(explicit: str | None = None) -> Language:
    """``explicit`` if given, else the environment's locale, else English."""
    if explicit in LANGUAGES:
        return explicit  # type: ignore[return-value]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")[:2].lower()
        if value:
            return value if value in LANGUAGES else FALLBACK  # type: ignore[return-value]
    return FALLBACK


@dataclass(frozen=True)
class Problem:
    """What is wrong, as a message key and its values: the interface words it in the
    user's language (``words``); ``str`` gives the English. A value that is itself a
    ``Problem`` is worded too (``at``: a key path, then what is wrong there)."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **values: object) -> Problem:
        return cls(key, tuple(values.items()))

    def words(self, lang: str) -> str:
        values = {
            name: value.words(lang) if isinstance(value, Problem) else value
            for name, value in self.values
        }
        return t(self.key, lang, **values)

    def __str__(self) -> str:
        return self.words(FALLBACK)


def at(where: str, problem: Problem | str) -> Problem:
    """``problem`` at a key path (``budget.ctr``) or a place (``line 3``)."""
    return Problem.of("problem_at", where=where, problem=_as_problem(problem))


def _as_problem(problem: Problem | str) -> Problem:
    return problem if isinstance(problem, Problem) else Problem.of("problem_text", text=problem)


class Problems(ValueError):
    """Refused, for these problems (an edit, a file): ``words(lang)`` says them."""

    def __init__(self, problems: list[Problem | str]):
        self.problems = [_as_problem(problem) for problem in problems]
        super().__init__("; ".join(map(str, self.problems)))

    def words(self, lang: str) -> str:
        return "; ".join(problem.words(lang) for problem in self.problems)


def explain(error: BaseException, lang: str) -> str:
    """Why ``error`` happened, in ``lang`` when it carries problems or is a file's error
    (else its message)."""
    words = getattr(error, "words", None)
    if callable(words):
        return words(lang)
    if isinstance(error, OSError) and error.strerror:
        if isinstance(error, FileNotFoundError):
            problem = Problem.of("problem_no_file")
        else:
            problem = Problem.of("problem_cannot_read", reason=error.strerror)
        name = Path(str(error.filename)).name if error.filename else ""
        return Problem.of("problem_in_file", path=name, problem=problem).words(lang)
    return str(error)
