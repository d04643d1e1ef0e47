"""Journeys for attribution, from two kinds of file.

* **Paths**, as ChannelAttribution reads them: one row per path,
  ``path;total_conversions;total_conversion_value;total_null``, channels separated by
  ``>`` (spaces around it optional), ``;``, ``,`` or tab between the columns. A plain
  UTF-8 file is read and grouped by polars's streaming engine straight from the file (no
  row becomes a Python object); an odd one (not UTF-8, comments above the header, numbers
  written ``1 234,50``, a bad row) is decoded whole and read with care, which says where.
* **Touchpoints**, as analytics and CRM exports give them: one row per contact, with a
  person (or journey) id, a timestamp, a channel and, on converting rows, a conversion
  flag and a value. Journeys are built per person, ordered by time, each ending at a
  conversion; touches older than the lookback window (30 days) before it are left out.

Channel names go through the imports' network aliases (``fb``, ``m.facebook.com``,
``lnkd.in``…); other names (e-mail, reviews, word of mouth) stay themselves, trimmed and
in lower case. Numbers as the imports read them (``1 234,50`` too). Whole or nothing:
a file with a bad row is refused, each problem with its line.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import polars as pl

from socialroi_tui.engine.attribution import Journeys
from socialroi_tui.store.csv_import import _decimal_comma, _delimiter, _network, decode
from socialroi_tui.store.headers import normalise
from socialroi_tui.text.numbers import NumberError, out_of_range, parse_number
from socialroi_tui.text.safe import has_control
from socialroi_tui.text.words import Problem

HEAD_BYTES = 1 << 16
"""What is read of a journeys file to find its header and format, before it is read."""
SAMPLE_ROWS = 5000
"""Rows whose numbers tell whether the file writes them the French way."""
MAX_PROBLEMS = 20
"""Problems listed before "and more" (a broken file of a million rows says enough)."""
PATH_COLUMNS = {
    "path": ("path", "paths", "var path", "chemin", "parcours", "journey path"),
    "conversions": (
        "total conversions",
        "conversions",
        "total conv",
        "var conv",
        "conv",
        "total des conversions",
    ),
    "value": (
        "total conversion value",
        "conversion value",
        "total value",
        "value",
        "var value",
        "valeur",
        "valeur de conversion",
        "revenue",
        "chiffre d affaires",
    ),
    "nulls": (
        "total null",
        "null",
        "nulls",
        "var null",
        "total non conversions",
        "non conversions",
        "sans conversion",
    ),
}
TOUCH_COLUMNS = {
    "person": (
        "user id",
        "user",
        "person",
        "person id",
        "journey id",
        "journey",
        "client id",
        "customer id",
        "visitor id",
        "id",
        "identifiant",
        "client",
        "personne",
        "parcours",
    ),
    "time": (
        "timestamp",
        "time",
        "datetime",
        "date",
        "event time",
        "event timestamp",
        "horodatage",
        "date heure",
        "heure",
    ),
    "channel": (
        "channel",
        "canal",
        "source",
        "network",
        "reseau",
        "medium",
        "source medium",
        "touchpoint",
        "point de contact",
    ),
    "conversion": (
        "conversion",
        "converted",
        "is conversion",
        "conversions",
        "achat",
        "purchase",
        "converti",
    ),
    "value": (
        "value",
        "conversion value",
        "revenue",
        "valeur",
        "valeur de conversion",
        "montant",
        "amount",
        "chiffre d affaires",
    ),
}
TRUE_WORDS = {"1", "true", "yes", "y", "oui", "o", "vrai", "x", "conversion", "converted"}
FALSE_WORDS = {"", "0", "false", "no", "n", "non", "faux"}
_PLAIN = r"^[0-9]{1,15}(?:\.[0-9]{1,12})?$"
_PLAIN_COMMA = r"^[0-9]{1,15}(?:,[0-9]{1,12})?$"
"""Numbers polars reads as they are: ASCII digits only (``\\d`` takes ``١٢`` too, which
its cast then refuses, or turns into nothing)."""
_SEPARATOR = re.compile(r"\s*>\s*")


class JourneyError(ValueError):
    """Journeys that cannot be read; ``problems`` lists each reason, with its line."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(self.words("en"))

    def words(self, lang: str) -> str:
        return "\n".join(
            Problem.of("problem_in_file", path=self.source, problem=problem).words(lang)
            for problem in self.problems
        )


def _at_line(line: int, problem: Problem) -> Problem:
    return Problem.of("problem_at_line", line=line, problem=problem)


def channel_name(raw: str) -> str:
    """A channel as the imports name its network (``fb`` → ``facebook``); another name
    (``E-mail``, ``Word of mouth``) trimmed, its spaces single, in lower case."""
    name = " ".join(raw.split())
    network = _network(name, "")
    return network or name.lower()


def _csv_options(delimiter: str, columns: int) -> dict:
    """How polars reads a paths file: every cell as text (our parser reads the numbers),
    the header kept, the columns named ``c0``, ``c1``…, a ragged row an error."""
    return {
        "separator": delimiter,
        "infer_schema": False,
        "has_header": True,
        "new_columns": [f"c{i}" for i in range(columns)],
        "truncate_ragged_lines": False,
        "comment_prefix": None,
        "quote_char": '"',
    }


def _header(text: str) -> tuple[int, str]:
    """The header's line number and text: the first line neither blank nor ``#``."""
    start = 0
    number = 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].rstrip("\r")
        if line.strip() and not line.lstrip().startswith("#"):
            return number, line
        start, number = end + 1, number + 1
    return 0, ""


def _columns(cells: list[str], known: dict[str, tuple[str, ...]]) -> dict[str, int]:
    found: dict[str, int] = {}
    names = [normalise(cell) for cell in cells]
    for field, words in known.items():
        for word in words:
            if word in names and names.index(word) not in found.values():
                found[field] = names.index(word)
                break
    return found


def _header_cells(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter))


def guess_format(text: str) -> str | None:
    """``paths`` or ``touchpoints`` from the header's columns, or None."""
    _number, line = _header(text)
    if not line:
        return None
    cells = _header_cells(line, _delimiter(line))
    if "path" in _columns(cells, PATH_COLUMNS):
        return "paths"
    if {"person", "time", "channel"} <= set(_columns(cells, TOUCH_COLUMNS)):
        return "touchpoints"
    return None


# --- paths -------------------------------------------------------------------------------


def read_paths(data: bytes, source: str = "<paths>") -> Journeys:
    """Journeys from a paths file (ChannelAttribution's format), aggregated by path."""
    return _paths_from_text(decode(data), source, data)


def _paths_from_text(text: str, source: str, data: bytes | None = None) -> Journeys:
    head = _utf8_head(data[:HEAD_BYTES]) if data is not None else None
    if head is not None:
        journeys = _paths_streamed(io.BytesIO(data), head)
        if journeys is not None:
            return journeys
    header_line, header = _header(text)
    if not header:
        raise JourneyError(source, [Problem.of("journeys_empty")])
    delimiter = _delimiter(header)
    cells = _header_cells(header, delimiter)
    columns = _columns(cells, PATH_COLUMNS)
    if "path" in columns and "conversions" not in columns:  # paths, without their count
        problem = Problem.of("journeys_missing_conversions", columns=", ".join(cells)[:200])
        raise JourneyError(source, [problem])
    if "path" not in columns:
        raise JourneyError(
            source, [Problem.of("journeys_unknown_columns", columns=", ".join(cells)[:200])]
        )
    body = text if header_line == 1 else "\n".join(text.splitlines()[header_line - 1 :])
    plain_utf8 = data is not None and header_line == 1 and data[:3] != b"\xef\xbb\xbf"
    if plain_utf8:  # decode() may have read it line by line (cp1252), or as UTF-16
        plain_utf8 = data.decode("utf-8", "replace") == text
    try:
        raw = pl.read_csv(
            io.BytesIO(data if plain_utf8 else body.encode("utf-8")),
            **_csv_options(delimiter, len(cells)),
        )
    except Exception:  # ragged or broken rows: the line by line reading says where
        raise JourneyError(source, _path_problems(body, header_line, delimiter, columns)) from None
    frame = raw.select(
        pl.col(f"c{columns['path']}").alias("path"),
        *(
            pl.col(f"c{columns[name]}").alias(name)
            if name in columns
            else pl.lit("0", dtype=pl.String).alias(name)
            for name in ("conversions", "value", "nulls")
        ),
    )
    blank = pl.all_horizontal(pl.col(name).is_null() for name in frame.columns)
    frame = frame.filter(~blank)
    if frame.height == 0:
        raise JourneyError(source, [Problem.of("journeys_empty")])
    frame = frame.with_columns(
        pl.col("path").str.replace_all(" > ", ">", literal=True).str.strip_chars(),
        *(
            pl.col(n).fill_null("").str.strip_chars().replace("", "0")
            for n in ("conversions", "value", "nulls")
        ),
    )
    if frame.get_column("path").str.contains(r"\s>|>\s").any():
        frame = frame.with_columns(pl.col("path").str.replace_all(r"\s*>\s*", ">"))
    french = _decimal_comma(_sample(frame), delimiter)
    plain = _PLAIN_COMMA if french else _PLAIN
    numbers = {}
    for name in ("conversions", "value", "nulls"):
        column = frame.get_column(name)
        fast = column.str.contains(plain)
        if french:
            column = column.str.replace(",", ".", literal=True)
        others = column.filter(~fast).unique().to_list()
        parsed = {}
        for text_value in others:
            number = _number(text_value, "fr" if french else "en")
            if number is None or number.as_tuple().exponent < -12:
                raise JourneyError(
                    source, _path_problems(body, header_line, delimiter, columns, french)
                )
            parsed[text_value] = f"{number:f}"
        if parsed:
            column = column.replace(parsed)
        numbers[name] = column
    scale = max(_decimals(column) for column in numbers.values())
    bad_path = (
        frame.get_column("path").str.contains(r"(^>|>$|>>|^$)").any()
        or frame.get_column("path").is_null().any()
    )
    if bad_path:
        raise JourneyError(source, _path_problems(body, header_line, delimiter, columns, french))
    typed = pl.DataFrame(
        {
            "path": frame.get_column("path"),
            **{name: column.cast(pl.Decimal(38, scale)) for name, column in numbers.items()},
        }
    )
    if typed.filter((pl.col("value") > 0) & (pl.col("conversions") == 0)).height:
        raise JourneyError(source, _path_problems(body, header_line, delimiter, columns, french))
    typed = typed.group_by("path").agg(pl.col(n).sum() for n in ("conversions", "value", "nulls"))
    return Journeys.from_frame(_named_channels(typed))


def _utf8_head(head: bytes) -> str | None:
    """The first lines of a file as text if they are plain UTF-8 (no BOM, no NUL of
    UTF-16), else None: the file is then decoded whole."""
    if head.startswith(b"\xef\xbb\xbf") or b"\x00" in head:
        return None
    try:
        return head[: head.rfind(b"\n") + 1 or len(head)].decode("utf-8")
    except UnicodeDecodeError:
        return None


def _paths_streamed(source: Path | io.BytesIO, head: str) -> Journeys | None:
    """The journeys of a plain UTF-8 paths file, read and aggregated by polars's
    streaming engine (ten million rows never become Python objects), or None for a file
    that the careful reading must take: not UTF-8, a header after comment lines, numbers
    not plainly written (``1 234,50``, spaces around them), a bad row of any kind (that
    reading then says where)."""
    header_line, header = _header(head)
    if header_line != 1:
        return None
    delimiter = _delimiter(header)
    cells = _header_cells(header, delimiter)
    columns = _columns(cells, PATH_COLUMNS)
    if "path" not in columns or "conversions" not in columns:
        return None
    names = ("conversions", "value", "nulls")

    def scan(rows: int | None = None) -> pl.LazyFrame:
        with contextlib.suppress(AttributeError):
            source.seek(0)  # type: ignore[union-attr]
        raw = pl.scan_csv(
            source,
            n_rows=rows,
            **_csv_options(delimiter, len(cells)),
        )
        frame = raw.select(
            pl.col(f"c{columns['path']}").alias("path"),
            *(
                pl.col(f"c{columns[name]}").alias(name)
                if name in columns
                else pl.lit("0", dtype=pl.String).alias(name)
                for name in names
            ),
        )
        return frame.filter(~pl.all_horizontal(pl.col(name).is_null() for name in ("path", *names)))

    try:
        sample = scan(2 * SAMPLE_ROWS).head(SAMPLE_ROWS).collect()
        if sample.height < SAMPLE_ROWS:  # blank rows at the top (or a short file)
            sample = scan().head(SAMPLE_ROWS).collect()
        sample = sample.with_columns(
            pl.col(n).fill_null("").str.strip_chars().replace("", "0") for n in names
        )
        french = _decimal_comma(_sample(sample), delimiter)
        plain = _PLAIN_COMMA if french else _PLAIN
        point = "," if french else "."

        def number(name: str) -> pl.Expr:
            column = pl.col(name).fill_null("0")
            if french:
                column = column.str.replace(",", ".", literal=True)
            return column.str.to_decimal(scale=12)

        odd = pl.any_horizontal(
            ~(pl.col(n).is_null() | pl.col(n).str.contains(plain)) for n in names
        ).alias("odd")
        decimals = pl.max_horizontal(
            (pl.col(n).str.len_bytes() - 1 - pl.col(n).str.find(point, literal=True)).fill_null(0)
            for n in names
        ).alias("decimals")
        rows = scan().select("path", *(number(n).alias(n) for n in names), odd, decimals)
        rows = rows.with_columns(
            ((pl.col("value") > 0) & (pl.col("conversions") == 0)).alias("unearned")
        )
        grouped = (
            rows.group_by("path")
            .agg(
                *(pl.col(n).sum() for n in names),
                pl.col("odd").any(),
                pl.col("decimals").max(),
                pl.col("unearned").any(),
            )
            .collect(engine="streaming")
        )
    except pl.exceptions.PolarsError:  # not UTF-8, ragged rows…: the careful reading says
        return None
    if grouped.height == 0:
        return None
    checks = grouped.select(
        pl.col("odd").any(),
        pl.col("unearned").any(),
        pl.col("path").is_null().any().alias("no_path"),
        pl.col("decimals").max(),
    ).row(0)
    if any(checks[:3]):
        return None
    scale = int(checks[3] or 0)
    frame = grouped.select(
        pl.col("path").str.split(">"), *(pl.col(n).cast(pl.Decimal(38, scale)) for n in names)
    )
    # Each written channel (`` fb ``, ``Facebook``) named once in Python, then a code.
    written = frame.get_column("path").explode().unique().to_list()
    named = {raw: channel_name(raw) for raw in written}
    if not all(named.values()):  # ``a >> b``, ``a >``: the careful reading says where
        return None
    channels = tuple(sorted(set(named.values()), key=lambda n: (n.casefold(), n)))
    number = {name: code for code, name in enumerate(channels)}
    code = {raw: number[name] for raw, name in named.items()}
    frame = frame.with_columns(
        pl.col("path").list.eval(pl.element().replace_strict(code, return_dtype=pl.UInt32))
    )
    # ``fb > e-mail`` and ``Facebook>E-mail`` are one path: added up, if the file has both
    # (counting the distinct paths takes a quarter of the time a new grouping would).
    if len(channels) < len(written) and frame.get_column("path").n_unique() < frame.height:
        frame = frame.group_by("path").agg(pl.col(n).sum() for n in names)
    return Journeys.from_codes(frame, channels)


def _sample(frame: pl.DataFrame) -> list[str]:
    sample = frame.head(SAMPLE_ROWS)
    return [
        value for name in ("value", "conversions") for value in sample.get_column(name).to_list()
    ]


def _decimals(column: pl.Series) -> int:
    fraction = column.str.extract(r"\.(\d+)$").str.len_chars().max()
    return int(fraction or 0)


def _number(text: str, lang: str) -> Decimal | None:
    try:
        number = parse_number(text, "number", lang=lang)
    except NumberError:
        return None
    if not number.is_finite() or number < 0 or out_of_range(number, "number"):
        return None
    return number


def _named_channels(frame: pl.DataFrame) -> pl.DataFrame:
    """Paths split into channels named as the imports name them; paths that become the
    same (``fb > email`` and ``Facebook > E-mail``) are added up."""
    frame = frame.with_columns(pl.col("path").str.split(">"))
    raw = frame.select(pl.col("path").explode().unique()).to_series().to_list()
    names = {name: channel_name(name) for name in raw}
    if any(name != named for name, named in names.items()):
        frame = frame.with_columns(
            pl.col("path").list.eval(pl.element().replace_strict(names, return_dtype=pl.String))
        )
    if len(set(names.values())) < len(names):
        frame = frame.group_by("path").agg(
            pl.col(n).sum() for n in ("conversions", "value", "nulls")
        )
    return frame


def _path_problems(
    body: str, header_line: int, delimiter: str, columns: dict[str, int], french: bool = False
) -> list[Problem]:
    """Each bad row, with its line: the slow reading, run only to say what is wrong."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    lang = "fr" if french else "en"
    width = len(next(reader, []))
    line = header_line
    try:
        for row in reader:
            line = header_line + reader.line_num - 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                problems.append(_at_line(line, Problem.of("journeys_cells", count=width)))
                continue
            path = row[columns["path"]].strip()
            channels = _SEPARATOR.split(path)
            if not path or any(not channel.strip() for channel in channels):
                problems.append(_at_line(line, Problem.of("journeys_empty_channel")))
            numbers = {}
            for name in ("conversions", "value", "nulls"):
                if name not in columns:
                    continue
                cell = row[columns[name]].strip()
                number = _number(cell, lang) if cell else Decimal(0)
                if number is None or number.as_tuple().exponent < -12:
                    problems.append(
                        _at_line(line, Problem.of("journeys_bad_number", column=name, text=cell))
                    )
                numbers[name] = number
            if numbers.get("value") and numbers.get("conversions") == 0:
                problems.append(_at_line(line, Problem.of("journeys_value_without_conversion")))
            if len(problems) >= MAX_PROBLEMS:
                break
    except csv.Error as error:
        problems.append(_at_line(line + 1, Problem.of("problem_text", text=str(error))))
    return problems or [Problem.of("journeys_unreadable")]


# --- touchpoints -------------------------------------------------------------------------


def read_touchpoints(
    data: bytes, source: str = "<touchpoints>", lookback_days: int = 30
) -> Journeys:
    """Journeys built from touchpoints: per person, by time, each ending at a conversion
    (the converting row's channel is its last touch), touches older than
    ``lookback_days`` before it left out; what follows a person's last conversion is a
    journey that did not convert (ages counted from its last touch)."""
    text = decode(data)
    header_line, header = _header(text)
    if not header:
        raise JourneyError(source, [Problem.of("journeys_empty")])
    delimiter = _delimiter(header)
    lines = text.splitlines()[header_line - 1 :]
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    cells = next(reader)
    columns = _columns(cells, TOUCH_COLUMNS)
    if not {"person", "time", "channel"} <= set(columns):
        raise JourneyError(
            source, [Problem.of("journeys_unknown_columns", columns=", ".join(cells)[:200])]
        )
    rows: list[tuple[int, str, dt.datetime, str, bool, Decimal]] = []
    problems: list[Problem] = []
    values = [
        row[columns["value"]]
        for row in csv.reader(io.StringIO("\n".join(lines[1:])), delimiter=delimiter)
        if "value" in columns and len(row) > columns["value"]
    ]
    lang = "fr" if _decimal_comma(values, delimiter) else "en"
    try:
        for row in reader:
            line = header_line + reader.line_num - 1
            if not any(cell.strip() for cell in row):
                continue
            problem = None
            if len(row) != len(cells):
                problem = Problem.of("journeys_cells", count=len(cells))
            else:
                person = row[columns["person"]].strip()
                moment = _timestamp(row[columns["time"]])
                channel = row[columns["channel"]].strip()
                flag = row[columns["conversion"]].strip().lower() if "conversion" in columns else ""
                cell = row[columns["value"]].strip() if "value" in columns else ""
                value = _number(cell, lang) if cell else Decimal(0)
                if not person:
                    problem = Problem.of("journeys_no_person")
                elif moment is None:
                    problem = Problem.of("journeys_bad_time", text=row[columns["time"]][:40])
                elif not channel:
                    problem = Problem.of("journeys_empty_channel")
                elif flag not in TRUE_WORDS and flag not in FALSE_WORDS:
                    problem = Problem.of("journeys_bad_flag", text=flag[:40])
                elif value is None or value.as_tuple().exponent < -12:
                    problem = Problem.of("journeys_bad_number", column="value", text=cell)
                else:
                    converted = flag in TRUE_WORDS
                    if value and not converted:
                        problem = Problem.of("journeys_value_without_conversion")
                    else:
                        rows.append((line, person, moment, channel, converted, value))
            if problem is not None:
                problems.append(_at_line(line, problem))
                if len(problems) >= MAX_PROBLEMS:
                    break
    except csv.Error as error:
        problems.append(Problem.of("problem_text", text=str(error)))
    if problems:
        raise JourneyError(source, problems)
    if not rows:
        raise JourneyError(source, [Problem.of("journeys_empty")])
    return _journeys_of(rows, lookback_days)


def _timestamp(text: str) -> dt.datetime | None:
    text = text.strip()
    moment = None
    with contextlib.suppress(ValueError):
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment is None:
        for pattern in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"):
            with contextlib.suppress(ValueError):
                moment = dt.datetime.strptime(text, pattern)
                break
    if moment is not None and moment.tzinfo is not None:
        try:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        except OverflowError:  # 9999-12-31T23:59:59-05:00 is after the last date
            return None
    return moment


def _journeys_of(rows, lookback_days: int) -> Journeys:
    window = dt.timedelta(days=lookback_days)
    rows.sort(key=lambda row: (row[1], row[2], row[0]))
    names: dict[str, str] = {}
    totals: dict[tuple, list[Decimal]] = {}

    def close(touches, end: dt.datetime, conversions: Decimal, value: Decimal) -> None:
        kept = [(moment, channel) for moment, channel in touches if end - moment <= window]
        if not kept:
            return
        path = tuple(channel for _, channel in kept)
        ages = tuple(_days(end - moment) for moment, _ in kept)
        entry = totals.setdefault((path, ages), [Decimal(0), Decimal(0), Decimal(0)])
        entry[0] += conversions
        entry[1] += value
        entry[2] += 1 - conversions

    person = None
    touches: list[tuple[dt.datetime, str]] = []
    for _line, who, moment, raw, converted, value in rows:
        if who != person:
            if touches:
                close(touches, touches[-1][0], Decimal(0), Decimal(0))
            person, touches = who, []
        if raw not in names:
            names[raw] = channel_name(raw)
        touches.append((moment, names[raw]))
        if converted:
            close(touches, moment, Decimal(1), value)
            touches = []
    if touches:
        close(touches, touches[-1][0], Decimal(0), Decimal(0))
    keys = sorted(totals)
    return Journeys(
        [path for path, _ in keys],
        [totals[key][0] for key in keys],
        [totals[key][1] for key in keys],
        [totals[key][2] for key in keys],
        ages=[ages for _, ages in keys],
    )


def _days(delta: dt.timedelta) -> Decimal:
    seconds = delta.days * 86400 + delta.seconds
    return (Decimal(seconds) / Decimal(86400)).quantize(Decimal("0.000001"))


# --- either ------------------------------------------------------------------------------


_BINARY_STARTS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x7fELF", b"\x89PNG")
"""How a workbook (xlsx, xls), a PDF, a program or an image starts: not a CSV file."""
_LONE_CR = re.compile(rb"\r(?!\n)")
"""A line ended by a carriage return alone (the old Mac's "CSV (Macintosh)")."""


def read_journeys(data: bytes, source: str = "<journeys>", lookback_days: int = 30) -> Journeys:
    """Paths or touchpoints, guessed from the header's columns. A file that is not text
    (a workbook, a program), or not CSV, is said so with its name."""
    if data.startswith(_BINARY_STARTS):
        raise JourneyError(source, [Problem.of("journeys_not_text")])
    data = _LONE_CR.sub(b"\n", data)
    try:
        text = decode(data)
    except UnicodeDecodeError:  # NUL bytes taken for UTF-16 that is not
        raise JourneyError(source, [Problem.of("journeys_not_text")]) from None
    _number, header = _header(text)
    if not header:
        raise JourneyError(source, [Problem.of("journeys_empty")])
    if "\x00" in header or has_control(header):
        raise JourneyError(source, [Problem.of("journeys_not_text")])
    try:
        kind = guess_format(text)
        if kind == "paths":
            return _paths_from_text(text, source, data)
        if kind == "touchpoints":
            return read_touchpoints(data, source, lookback_days)
    except csv.Error as error:  # the careful readers say a bad row's line; this is all
        problem = Problem.of("journeys_not_csv", text=str(error))
        raise JourneyError(source, [problem]) from None
    raise JourneyError(source, [Problem.of("journeys_unknown_columns", columns=header[:200])])


def read_journeys_file(path: Path, lookback_days: int = 30) -> Journeys:
    """``read_journeys`` on a file; an unreadable file is a ``JourneyError`` too, and so
    is anything but a regular file (a FIFO or a device would block or never end)."""
    try:
        if Path(path).exists() and not Path(path).is_file():
            raise JourneyError(str(path), [Problem.of("journeys_not_a_file")])
        with Path(path).open("rb") as stream:
            head = stream.read(HEAD_BYTES)
        text = None if _LONE_CR.search(head) else _utf8_head(head)
        if text is not None and guess_format(text) == "paths":
            journeys = _paths_streamed(Path(path), text)
            if journeys is not None:
                return journeys
        data = Path(path).read_bytes()
    except OSError as error:
        problem = Problem.of("problem_text", text=error.strerror or str(error))
        raise JourneyError(str(path), [problem]) from None
    return read_journeys(data, Path(path).name, lookback_days)


def journeys_path(campaign, campaign_file: Path | None) -> Path | None:
    """The journeys file the campaign names, from the campaign file's folder."""
    name = campaign.attribution.journeys
    if not name:
        return None
    path = Path(name).expanduser()
    if not path.is_absolute() and campaign_file is not None:
        path = Path(campaign_file).parent / path
    return path


def attributed_sales(campaign, path: Path, credit_by=None):
    """Each network's sales and revenue as the campaign's chosen model credits them from
    the journeys in ``path``, and the conversions credited in all (networks of the plan
    or not: e-mail, word of mouth…). ``JourneyError``, ``AttributionError`` or ``OSError``
    when they cannot be read. ``credit_by``: what credits them, ``attribute`` by default."""
    from socialroi_tui.engine.actuals import credited_totals
    from socialroi_tui.engine.attribution import attribute, to_hundredths

    settings = campaign.attribution
    journeys = read_journeys_file(path, settings.lookback_days)
    credit = (credit_by or attribute)(
        journeys, settings.model, order=settings.order, half_life_days=settings.half_life_days
    )
    credit = to_hundredths(credit)  # the figures the attribution screen shows
    by_network = credited_totals(credit.conversions, credit.value, campaign.channels)
    return by_network, sum(credit.conversions.values(), Decimal(0))
