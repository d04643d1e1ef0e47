"""Reading numbers the way people type them, and writing them the way they read them.

One parser serves every number a user types or a file holds as text:
``2%``, ``2 %``, ``2,5 %``, ``0.025``, ``0,025``, ``5 000``, ``5 000,50 €``,
``€5,000.50``, ``1.2k``, ``1,2 M``.

Rules
-----
* Spaces (also no-break and thin spaces) and apostrophes group thousands.
* With both a comma and a dot, the last one is the decimal separator.
* With several commas (or several dots), they group thousands.
* A single comma or dot is the decimal separator, **except** in English, where a
  single comma followed by exactly three digits (``1,234``) groups thousands.
  In French, ``1,234`` is one point two three four.
* ``k`` multiplies by a thousand, ``M`` by a million, ``Md`` or ``G`` by a billion.
* A rate written with ``%`` is a percentage; without it, a fraction from 0 to 1.
* Where a rate may be a ratio (a funnel's rates, ``parse_rate_or_ratio``): ``1 in 6``,
  ``1 sur 6``, ``30 out of 100`` or ``1/6``, in either language; it is kept as a
  :class:`Ratio`, which remembers both terms.
* Currency signs (``€``, ``$``, ``£``) and ISO codes (``EUR``) are ignored.
* Digits are ``0`` to ``9``: digits of other scripts (``١٢``, ``１２``) are refused, so
  that what is read is what a French or English reader sees.

What is accepted, and how exactly it is computed
------------------------------------------------
* Rates: 0, or from 0,0001 % (``MIN_RATE``) up; prices and amounts of money: at most six
  decimals; counts: whole; every value at most 10^15 and 28 significant digits.
* Figures are computed with 60 significant digits (``PRECISION``, set here for every
  thread): the largest result such inputs give (10^15 sales at 0,0001 % and 0,0001 %,
  bought at 10^15 per thousand) has 42 digits with its cents, so no accepted input can
  overflow or lose a digit before the result is rounded for display.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from socialroi_tui.text.safe import shortened
from socialroi_tui.text.words import THOUSANDS_SEPARATOR, Language, Problem, t

PRECISION = 60
for _context in (decimal.DefaultContext, decimal.getcontext()):
    _context.prec = PRECISION

NumberKind = Literal["rate", "money", "count", "number"]

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']+")
_GROUPED = re.compile(r"(?<=\d)[\s\u00a0\u202f\u2009\u2007']+(\d+)")
"""The digits after a space that groups thousands: three of them, always."""
_CURRENCY = re.compile(r"(€|\$|£|\b(?:EUR|USD|GBP|CHF|CAD)\b)", re.IGNORECASE)
_SUFFIX = re.compile(r"(?i)(md|k|m|g)$")
_MULTIPLIERS = {
    "k": Decimal(1000),
    "m": Decimal(1_000_000),
    "md": Decimal(1_000_000_000),
    "g": Decimal(1_000_000_000),
}
_DIGITS = re.compile(r"^(?=.*[0-9])(?!.*[.,]{2})[0-9.,]+$")
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


class NumberError(ValueError):
    """A typed value that is not a number of the expected kind."""

    def __init__(
        self,
        field: str,
        text: str,
        reason: str,
        kind: NumberKind,
        lang: Language,
        example: str = "",
    ):
        self.field = field
        self.text = text
        self.reason = reason
        """Why, as a key (``not_number``, ``too_large``…)."""
        self.kind = kind
        self.example = example or kind
        """What the example shown is of (``example_<this>`` in the catalogs)."""
        super().__init__(self.problem().words(lang))

    def problem(self) -> Problem:
        """The same message, to be worded in any language."""
        return Problem.of(
            "number_error",
            field=self.field,
            text=shortened(self.text, 40),
            reason=Problem.of(f"reason_{self.reason}"),
            example=Problem.of(f"example_{self.example}"),
        )


MAX_MAGNITUDE = Decimal("1e15")
MIN_RATE = Decimal("0.000001")
"""0,0001 %: the smallest rate other than zero."""
MONEY_DECIMALS = 6
MAX_DIGITS = 28


def out_of_range(value: Decimal, kind: NumberKind) -> str | None:
    """Why a (finite) ``value`` of ``kind`` is outside what socialroi accepts, as a reason
    key (``too_large``, ``rate_too_small``…), or None. Signs and the 100 % ceiling of
    rates are checked by the callers, who know whether they apply."""
    # By the exponent first: abs() of 1e999999999999999999 would overflow the context.
    if value.adjusted() > 15 or abs(value) > MAX_MAGNITUDE:
        return "too_large"
    if kind == "rate" and value and value.adjusted() < MIN_RATE.adjusted():
        return "rate_too_small"
    _sign, digits, exponent = value.as_tuple()
    if isinstance(exponent, int) and exponent >= -MONEY_DECIMALS and len(digits) <= MAX_DIGITS:
        return None  # without its trailing zeros it could only be shorter
    # Trailing zeros counted by hand: normalize() rounds to the context (1e-1000059 to 0).
    written = "".join(map(str, digits))
    significant = written.rstrip("0")
    if not significant or not isinstance(exponent, int):
        return None  # zero
    if (
        kind in ("money", "number")
        and -(exponent + len(written) - len(significant)) > MONEY_DECIMALS
    ):
        return "too_many_decimals"
    if len(significant) > MAX_DIGITS:
        return "too_many_digits"
    return None


def _normalise_digits(body: str, lang: Language, count: bool = False) -> str | None:
    """Turn ``1.234,5`` / ``1,234.5`` / ``2,5`` into ``1234.5`` style, or None. A count
    (``count``) in French reads ``1.000`` as a thousand, as English reads ``1,000``."""
    if not _DIGITS.match(body):
        return None
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        decimal_sep = "," if body.rfind(",") > body.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        if body.count(decimal_sep) > 1:
            return None
        whole, _, fraction = body.partition(decimal_sep)
        if not _valid_groups(whole, group_sep):
            return None
        return whole.replace(group_sep, "") + "." + fraction
    sep = "," if commas else "." if dots else ""
    if not sep:
        return body
    if body.count(sep) > 1:
        return body.replace(sep, "") if _valid_groups(body, sep) else None
    whole, _, fraction = body.partition(sep)
    grouping = "," if lang == "en" else "." if count else ""
    groups_thousands = sep == grouping and len(fraction) == 3 and whole not in ("", "0")
    if groups_thousands:
        return whole + fraction
    return (whole or "0") + "." + fraction


def _valid_groups(text: str, sep: str) -> bool:
    parts = text.split(sep)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


_PLAIN_NUMBER = {
    "en": re.compile(r"(?:0|[1-9][0-9]{0,14}|[1-9][0-9]{0,2}(?:,[0-9]{3}){1,4})(?:\.[0-9]{1,6})?"),
    "fr": re.compile(r"(?:0|[1-9][0-9]{0,14}|[1-9][0-9]{0,2}(?: [0-9]{3}){1,4})(?:,[0-9]{1,6})?"),
}
"""Amounts as exports mostly write them (``1,234.50``, ``1 234,50``): read at once."""


def _plain_number(text: str, lang: Language) -> Decimal | None:
    """``text`` as a Decimal if it is a plain amount of ``lang``, else None (the same
    value ``parse_number`` gives, found without its general rules)."""
    return plain_numbers((text,), lang).get(text)


def plain_numbers(texts: Iterable[str], lang: Language) -> dict[str, Decimal]:
    """The texts that are plain amounts of ``lang``, each with its value (what
    ``parse_number`` gives them); the others are left out, for ``parse_number`` to read
    or refuse. One pass for the many distinct figures of a large export."""
    pattern = _PLAIN_NUMBER[lang].fullmatch
    found = {}
    for text in texts:
        if pattern(text):
            cleaned = (
                text.replace(" ", "").replace(",", ".") if lang == "fr" else text.replace(",", "")
            )
            value = Decimal(cleaned)
            found[text] = value.normalize() if value == value.to_integral_value() else value
    return found


def _whole_normalised(value: Decimal) -> Decimal:
    """Whole numbers without trailing zeros (``1 000,00`` is ``1E+3``), as read."""
    return value.normalize() if value == value.to_integral_value() else value


def parse_number(
    text: str,
    kind: NumberKind = "number",
    *,
    lang: Language = "en",
    field: str = "",
    allow_negative: bool = False,
    allow_above_100: bool = False,
) -> Decimal:
    """Parse ``text`` as a number of ``kind``; raise :class:`NumberError` with a clear reason.

    Rates come back as fractions (``2 %`` gives ``0.02``).
    """
    if kind in ("number", "money"):
        plain = _plain_number(text, lang)
        if plain is not None:
            return plain
    return _read_number(text, kind, lang, field, allow_negative, allow_above_100)


def _read_number(
    text: str,
    kind: NumberKind,
    lang: Language,
    field: str,
    allow_negative: bool,
    allow_above_100: bool,
) -> Decimal:
    """``parse_number`` by its general rules."""
    field = field or t("value_field", lang)

    def fail(reason: str) -> NumberError:
        return NumberError(field, text, reason, kind, lang)

    raw = (text or "").strip()
    if not raw:
        raise fail("empty")
    body = _CURRENCY.sub("", raw) if kind in ("money", "number") else raw
    if any(len(group) != 3 for group in _GROUPED.findall(body)):
        raise fail("grouping")  # "1 0004000": digits typed after a grouped number
    body = _SPACES.sub("", body)
    negative = False
    if body[:1] in ("-", "−"):
        negative, body = True, body[1:]
    elif body[:1] == "+":
        body = body[1:]
    percent = body.endswith("%")
    if percent:
        body = body[:-1]
    multiplier = Decimal(1)
    suffix = _SUFFIX.search(body)
    if suffix and not percent:
        multiplier = _MULTIPLIERS[suffix.group(1).lower()]
        body = body[: suffix.start()]
    normalised = _normalise_digits(body, lang, count=kind == "count")
    if normalised is None:
        raise fail("not_number")
    try:
        value = Decimal(normalised) * multiplier
    except InvalidOperation:
        raise fail("not_number") from None
    if value > MAX_MAGNITUDE:
        raise fail("too_large")
    if percent:
        value = value / 100
    problem = out_of_range(value, "rate" if percent else kind)
    if problem:
        raise fail(problem)
    if negative:
        value = -value
    if value < 0 and not allow_negative:
        raise fail("negative")
    if percent:
        if kind not in ("rate", "number"):
            raise fail("percent_not_rate")
    elif kind == "rate" and abs(value) > 1:
        raise fail("rate_range")
    if kind == "rate" and value > 1 and not allow_above_100:
        raise fail("rate_above_100")
    if kind == "count" and value != value.to_integral_value():
        raise fail("not_whole")
    return _whole_normalised(value)


# --- ratios --------------------------------------------------------------------------


class Ratio(Decimal):
    """A rate known as one number out of another (``1 in 6``, ``30/100``).

    It *is* the quotient, worked out once with the module's precision (so every figure
    computed from it is the one a plain ``Decimal`` of that value gives), and it keeps
    both terms as they were typed, unreduced, so that a file or a field can write it
    back as ``1/6`` rather than ``0.1666…``. Arithmetic on it gives plain Decimals;
    it compares and hashes as its value."""

    __slots__ = ("denominator", "numerator")
    numerator: Decimal
    denominator: Decimal

    def __new__(cls, numerator: Decimal | int, denominator: Decimal | int) -> Ratio:
        numerator, denominator = Decimal(numerator), Decimal(denominator)
        if not (numerator.is_finite() and denominator.is_finite()) or denominator <= 0:
            raise ValueError(f"no ratio of {numerator} to {denominator}")
        self = super().__new__(cls, numerator / denominator)
        self.numerator = _whole_normalised(numerator)
        self.denominator = _whole_normalised(denominator)
        return self

    def __reduce__(self):
        return (Ratio, (self.numerator, self.denominator))

    def __repr__(self) -> str:
        return f"Ratio('{self.as_text()}')"

    def as_text(self) -> str:
        """How a file holds it: ``1/6``, ``30/100``, ``2.5/100`` (digits and a dot, in
        every language)."""
        return f"{_plain_digits(self.numerator)}/{_plain_digits(self.denominator)}"


def ratio_or_quotient(numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator / denominator`` as a ``Ratio`` when both terms are numbers a ratio can
    be written with and read back (from 0 to 10¹⁵, at most six decimals), else as a plain
    quotient of at most 28 significant digits, what a file holds (a count out of a top
    count set by hand in a file with more decimals)."""
    terms_readable = all(
        term >= 0 and out_of_range(term, "number") is None for term in (numerator, denominator)
    )
    if terms_readable and denominator > 0:
        return Ratio(numerator, denominator)
    return decimal.Context(prec=MAX_DIGITS).divide(numerator, denominator)


def _plain_digits(value: Decimal) -> str:
    """``value`` in plain digits without useless zeros: ``100``, ``2.5``."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_LETTER = r"[^\W\d_]"
_RATIO_SEPARATOR = re.compile(
    rf"/|(?<!{_LETTER})(?:in|sur|out[\s\u00a0\u202f]+of)(?!{_LETTER})", re.IGNORECASE
)
"""Between the two numbers of a ratio: ``/``, ``in``, ``sur`` or ``out of`` (a word
alone, not inside another one)."""
RATIO_WORDS = ("in", "sur", "out of")


def parse_rate_or_ratio(text: str, *, lang: Language = "en", field: str = "") -> Decimal:
    """A rate (``2,5 %``, ``0.025``) or a ratio (``1 in 6``, ``1 sur 6``, ``1/6``), from 0
    to 100 %; a ratio comes back as a :class:`Ratio`. ``NumberError`` says why not, with
    an example that shows both ways."""
    separator = _RATIO_SEPARATOR.search(text or "")
    if separator is None:
        try:
            return parse_number(text, "rate", lang=lang, field=field)
        except NumberError as error:
            raise NumberError(
                error.field, text, error.reason, "rate", lang, example="ratio"
            ) from None
    field = field or t("value_field", lang)

    def fail(reason: str) -> NumberError:
        return NumberError(field, text, reason, "rate", lang, example="ratio")

    terms = []
    for part in (text[: separator.start()], text[separator.end() :]):
        if "%" in part:  # "50 % in 6": a count out of a count, not a rate
            raise fail("not_number")
        try:
            terms.append(parse_number(part, "number", lang=lang, field=field))
        except NumberError as error:
            raise fail(error.reason) from None
    numerator, denominator = terms
    if denominator == 0:
        raise fail("ratio_zero")
    if numerator > denominator:
        raise fail("ratio_above_100")
    ratio = Ratio(numerator, denominator)
    if ratio and ratio.adjusted() < MIN_RATE.adjusted():
        raise fail("rate_too_small")
    return ratio


# --- formatting ---------------------------------------------------------------------

UNDEFINED = "—"


def _group(integer_digits: str, sep: str) -> str:
    groups = []
    while len(integer_digits) > 3:
        groups.insert(0, integer_digits[-3:])
        integer_digits = integer_digits[:-3]
    groups.insert(0, integer_digits)
    return sep.join(groups)


def format_decimal(value: Decimal | None, places: int, lang: Language, trim: bool = False) -> str:
    """``value`` rounded half-up to ``places``, grouped in the language's style."""
    if value is None or not value.is_finite():
        return UNDEFINED
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    digits = f"{abs(rounded):f}"
    whole, _, fraction = digits.partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    group_sep = THOUSANDS_SEPARATOR.get(lang, ",")
    decimal_sep = "," if lang == "fr" else "."
    text = _group(whole, group_sep)
    if fraction:
        text += decimal_sep + fraction
    return sign + text


def format_count(value: Decimal | None, lang: Language) -> str:
    """A number of people or events: whole, or one decimal for small expected values."""
    if value is None or not value.is_finite():
        return UNDEFINED
    if value == value.to_integral_value() or abs(value) >= 10:
        return format_decimal(value, 0, lang)
    return format_decimal(value, 1, lang, trim=True)


def format_money(value: Decimal | None, currency: str, lang: Language, places: int = 2) -> str:
    """``5 000,00 €`` in French, ``€5,000.00`` in English (``places``: 0 for whole units)."""
    if value is None or not value.is_finite():
        return UNDEFINED
    amount = format_decimal(abs(value), places, lang)
    sign = "-" if value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) < 0 else ""
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    if lang == "fr":
        return f"{sign}{amount}\u00a0{symbol or currency.upper()}"  # never cut from its figure
    if symbol:
        return f"{sign}{symbol}{amount}"
    return f"{sign}{currency.upper()} {amount}"


def format_rate(value: Decimal | None, lang: Language) -> str:
    """A fraction shown as a percentage: one decimal from 10 % up, two below."""
    if value is None or not value.is_finite():
        return UNDEFINED
    text = _hundredths(value, lang)
    return f"{text}\u00a0%" if lang == "fr" else f"{text}%"  # French: a no-break space


def format_points(value: Decimal | None, lang: Language) -> str:
    """The difference of two rates, in percentage points (24,8 % against 292 % is
    −267,2 pts, not −267,2 %), with the places of ``format_rate``."""
    if value is None or not value.is_finite():
        return UNDEFINED
    return f"{_hundredths(value, lang)}\u00a0{t('percentage_points', lang)}"


def _hundredths(value: Decimal, lang: Language) -> str:
    """``value`` × 100, to one decimal from 10 up, two below."""
    percent = value * 100
    return format_decimal(percent, 1 if abs(percent) >= 10 else 2, lang, trim=True)


def format_plain(value: Decimal | None, lang: Language, places: int = 2) -> str:
    """Any other number, trimmed of useless zeros."""
    return format_decimal(value, places, lang, trim=True)


def parse_for_unit(text: str, unit: str, *, lang: Language, field: str) -> Decimal:
    """Parse a KPI value by its unit (``rate``, ``money``, ``count``, ``duration``, ``score``)."""
    if unit == "rate":
        return parse_number(text, "rate", lang=lang, field=field, allow_above_100=True)
    if unit == "money":
        return parse_number(text, "money", lang=lang, field=field)
    if unit == "count":
        return parse_number(text, "count", lang=lang, field=field)
    return parse_number(text, "number", lang=lang, field=field)


def input_text(value: Decimal | None, kind: str, lang: Language, width: int | None = None) -> str:
    """A value as it reads back in a field: ``2,5 %``, ``5 000,00``, ``1 200``.

    ``kind`` is a number kind or a KPI unit; the parser reads the text back to ``value``.
    A ``Ratio`` shows as a ratio, ``1 sur 6`` (read back by ``parse_rate_or_ratio`` to the
    same terms); in a field of ``width`` characters that this would overflow, as
    ``1/250``, and if that does not fit either, as its percentage (``3 %``: the one case
    where the text is the value rounded, as for any long decimal).
    """
    if value is None or not value.is_finite():
        return ""
    if isinstance(value, Ratio):
        return _ratio_text(value, lang, width)
    if kind == "rate":
        return format_rate(value, lang)
    if kind == "money":  # cents, or every decimal the amount has (a CPC of 0,066667)
        exponent = value.normalize().as_tuple().exponent
        places = min(max(2, -exponent), MONEY_DECIMALS) if isinstance(exponent, int) else 2
        return format_decimal(value, places, lang)
    return format_decimal(value, 4, lang, trim=True)


def _ratio_text(ratio: Ratio, lang: Language, width: int | None) -> str:
    """``1 sur 6``, else ``1/6``, else ``16,7 %``: the first that fits in ``width``."""
    words = " ".join(
        (
            format_plain(ratio.numerator, lang, MONEY_DECIMALS),
            t("ratio_word", lang),
            format_plain(ratio.denominator, lang, MONEY_DECIMALS),
        )
    )
    if width is None or len(words) <= width:
        return words
    short = ratio.as_text().replace(".", ",") if lang == "fr" else ratio.as_text()
    if len(short) <= width:
        return short
    return format_rate(ratio, lang)
