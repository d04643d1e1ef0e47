"""Actual results from CSV exports: Meta Ads Manager, LinkedIn Campaign Manager, X Ads and
Google Analytics 4, in English and in French, as real files come.

Handles UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode text"),
Windows-1252; comma, semicolon or tab separators; quoted fields; decimal commas,
thousands separators and currency signs; preamble lines (``#``) and summary rows.
An import is whole or nothing: a row that cannot be read stops it, with its line and
the reason. The same file imported twice is refused (each row keeps the file's digest).
Rows that read but look wrong (more clicks than impressions...) are not refused: the
preview lists them in ``warnings`` with their line.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from socialroi_tui import collector
from socialroi_tui.engine.actuals import MEASURES
from socialroi_tui.engine.plausibility import CEILINGS, PlausibilityWarning, check_measures
from socialroi_tui.model import OFF_SOCIAL, ActualResult, Campaign, Channel, ImportRecord
from socialroi_tui.model.campaign import NETWORK_NAMES, Origin
from socialroi_tui.store.headers import normalise
from socialroi_tui.text.numbers import NumberError, parse_number, plain_numbers
from socialroi_tui.text.words import Problem

MAX_CSV_BYTES = 64 * 1024 * 1024
FIELDS = ("date", "publication", "network", *MEASURES)

# Column names as the platforms export them (lower case, without accents or "(EUR)").
KNOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "publication": (
        "ad name",
        "nom de la publicite",
        "campaign name",
        "nom de la campagne",
        "campaign",
        "campagne",
        "creative name",
        "nom de la creation",
        "ad set name",
        "nom de l ensemble de publicites",
        "session campaign",
        "campagne de la session",
        "tweet text",
        "texte du tweet",
        "publication",
        "post",
    ),
    "date": (
        "reporting starts",
        "debut des rapports",
        "day",
        "jour",
        "date",
        "start date",
        "date de debut",
        "time period",
        "periode",
    ),
    "network": (
        "platform",
        "plateforme",
        "session source",
        "source de la session",
        "session source medium",
        "source support de la session",
        "first user source",
        "source du premier utilisateur",
        "first user source medium",
        "source support du premier utilisateur",
        "network",
        "reseau",
    ),
    "spend": (
        "amount spent",
        "montant depense",
        "total spent",
        "total depense",
        "spend",
        "depenses",
        "cost",
        "cout",
        "cout total",
        "total cost",
    ),
    "impressions": ("impressions",),
    "reach": ("reach", "couverture", "portee"),
    "clicks": (
        "link clicks",
        "clics sur un lien",
        "clicks",
        "clics",
        "url clicks",
        "clics sur l url",
        "sessions",
    ),
    "leads": ("leads", "prospects", "lead form completions", "formulaires remplis"),
    "bounces": ("bounces", "rebonds"),
    "conversions": (
        "purchases",
        "achats",
        "website purchases",
        "achats sur le site web",
        "conversions",
        "key events",
        "evenements cles",
        "results",
        "resultats",
    ),
    "revenue": (
        "purchase conversion value",
        "purchases conversion value",
        "valeur de conversion des achats",
        "conversion value",
        "valeur de conversion",
        "total revenue",
        "revenu total",
        "revenue",
        "chiffre d affaires",
    ),
}
FORMATS = {
    "meta": (
        "amount spent",
        "montant depense",
        "reach",
        "couverture",
        "link clicks",
        "clics sur un lien",
    ),
    "linkedin": ("total spent", "total depense"),
    "x": ("url clicks", "clics sur l url", "tweet text", "texte du tweet"),
    "ga4": (
        "session source",
        "source de la session",
        "session source medium",
        "source support de la session",
        "sessions",
    ),
}
DEFAULT_NETWORK = {"meta": "facebook", "linkedin": "linkedin", "x": "x", "ga4": OFF_SOCIAL}
ANALYTICS_FORMATS = ("ga4",)
"""Exports of what the site saw (sessions, key events, revenue), not of an ad platform."""
SOURCE_NETWORKS = {
    "facebook": "facebook",
    "fb": "facebook",
    "facebook.com": "facebook",
    "fb.me": "facebook",
    "instagram": "instagram",
    "ig": "instagram",
    "instagram.com": "instagram",
    "linkedin": "linkedin",
    "linkedin.com": "linkedin",
    "lnkd.in": "linkedin",
    "x": "x",
    "twitter": "x",
    "x.com": "x",
    "twitter.com": "x",
    "t.co": "x",
    "youtube": "youtube",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "tiktok": "tiktok",
    "tiktok.com": "tiktok",
    "pinterest": "pinterest",
    "pinterest.com": "pinterest",
    "pin.it": "pinterest",
    "other": "other",
}
"""A source as analytics and platforms write it (``facebook / paid``, ``m.facebook.com``,
``lnkd.in``, ``ig``) and its network; a site's subdomains (``l.instagram.com``) count."""
_SOURCE_WORDS = re.compile(r"[a-z0-9.-]+")


SUMMARY = re.compile(r"^(total|totaux|totals|results?|resultats?|grand total|somme)\b")


_HEADER_CURRENCY = re.compile(r"\(\s*([A-Za-z]{3}|€|\$|£)\s*\)")
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP"}


class CsvImportError(ValueError):
    """An import that cannot be done; ``problems`` lists each reason (with its line).
    ``headers`` is set when the columns are unknown (so that they can be mapped)."""

    def __init__(self, source: str, problems: list[Problem], headers: list[str] | None = None):
        self.source = source
        self.problems = problems
        self.headers = headers or []
        super().__init__(self.words("en"))

    def words(self, lang: str) -> str:
        """The reasons in ``lang``, one line each, after the file's name."""
        return "\n".join(
            Problem.of("problem_in_file", path=self.source, problem=problem).words(lang)
            for problem in self.problems
        )


class ImportedRow(NamedTuple):
    """One row of an export, read."""

    line: int
    network: str
    publication: str
    date: dt.date | None
    measures: dict[str, Decimal | None]


@dataclass(frozen=True)
class LineWarning:
    """A plausibility warning on one row of the file (``line`` counts from 1)."""

    line: int
    warning: PlausibilityWarning


@dataclass
class ImportPreview:
    """What an import would add, before anything changes."""

    source: str
    format: str
    columns: dict[str, str]
    """Each recognised column header → the field it feeds."""
    rows: list[ImportedRow] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    """Summary and empty rows left out, with their line."""
    digest: str = ""
    """What the rows hold (``import_into`` tags each row with it: never twice)."""
    file_digest: str = ""
    """The bytes' digest, as imports before the rows' digest tagged them."""
    warnings: list[LineWarning] = field(default_factory=list)
    """Figures that read but deserve a second look, row by row; they block nothing."""
    left_out: list[str] = field(default_factory=list)
    """The columns no field takes (shown, so that nothing is dropped in silence)."""

    @property
    def origin(self) -> Origin:
        """``analytics`` for a site's analytics export, else ``platform``."""
        return "analytics" if self.format in ANALYTICS_FORMATS else "platform"

    @property
    def currency(self) -> str | None:
        """The currency the amount columns' headers name (``Amount spent (USD)``)."""
        for header, name in self.columns.items():
            if name in ("spend", "revenue"):
                found = _HEADER_CURRENCY.search(header)
                if found:
                    return _SYMBOLS.get(found[1], found[1].upper())
        return None


def decode(data: bytes) -> str:
    """Text from the bytes of an export, whatever its encoding. A file mixing UTF-8 and
    Windows-1252 lines (rows pasted from two exports) is read line by line, so that
    ``Café`` never becomes ``CafÃ©``."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    elif data[:200].count(b"\x00") > 20:
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def _rows(numbered: list[tuple[int, str]], delimiter: str, source: str) -> list[tuple[int, list]]:
    """The file's rows, each with the line it starts on. A quote left open, or a field
    over the ``csv`` module's size limit, is reported with its line."""
    reader = csv.reader(
        io.StringIO("\n".join(line for _, line in numbered)), delimiter=delimiter, strict=True
    )
    rows = []
    start = 0
    try:
        for row in reader:
            rows.append((numbered[start][0], row))
            start = reader.line_num
    except csv.Error as error:
        line = numbered[min(start, len(numbered) - 1)][0]
        reason = Problem.of("problem_text", text=str(error))
        if "field larger than field limit" in str(error):
            reason = Problem.of("problem_csv_field_too_long", size=csv.field_size_limit() // 1024)
        elif "unexpected end of data" in str(error):
            reason = Problem.of("problem_csv_open_quote")
        raise CsvImportError(source, [_at_line(line, reason)]) from None
    return rows


HEADER_SEARCHED = 30
"""How many lines of report text an export may start with before its header."""


def _lines_without_preamble(text: str, mapped: Iterable[str] = ()) -> list[tuple[int, str]]:
    """The export's lines from its header on: blank and ``#`` lines, and the report lines
    some platforms write first (LinkedIn's "Campaign Performance Report", "Report Start:
    …"), are left out. The header is the first of the first lines that names a known or
    mapped measure; without one, the first line that is not blank."""
    lines = text.splitlines()
    numbered = [(index + 1, line) for index, line in enumerate(lines)]
    while numbered and (not numbered[0][1].strip() or numbered[0][1].lstrip().startswith("#")):
        numbered.pop(0)
    measures = {name for field in MEASURES for name in KNOWN_COLUMNS[field]}
    measures |= {normalise(name) for name in mapped}
    for position, (_number, line) in enumerate(numbered[:HEADER_SEARCHED]):
        cells = line.split(_delimiter(line))
        if any(normalise(cell.strip().strip('"')) in measures for cell in cells):
            return numbered[position:]
    return numbered


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", "\t", ",")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


_FRENCH_VALUE = re.compile(r"(?m)^[^\n]*?(?:\d,\d{1,2}(?:\D|$)|\d\.\d{3},)")
_ENGLISH_VALUE = re.compile(r"(?m)^[^\n]*?(?:\d\.\d{1,2}(?:\D|$)|\d,\d{3}\.)")


def _counted_cells(rows: list[list[str]], indexes: list[int]) -> Counter[str]:
    """How many times each text appears in the columns at ``indexes`` (a short row has no
    cell there). Counted column by column, at C speed where every row reaches it."""
    counts: Counter[str] = Counter()
    shortest = min(map(len, rows), default=0)
    for index in indexes:
        if index < shortest:
            counts.update(map(itemgetter(index), rows))
        else:
            counts.update(row[index] for row in rows if index < len(row))
    return counts


def _decimal_comma(values: Iterable[str] | Counter[str], delimiter: str) -> bool:
    """Whether numbers in the file are written the French way (``1 234,56``): the values
    that could only be French outnumber those that could only be English (``values``: as
    many times as the file holds each, or counted already)."""
    french = english = 0
    counts = values if isinstance(values, Counter) else Counter(values)
    for value, count in counts.items():
        # Each way needs a comma (and English a dot): most figures are tested once or not.
        if "," in value and _FRENCH_VALUE.match(value.replace("\n", " ")):
            french += count
        if "." in value and _ENGLISH_VALUE.match(value.replace("\n", " ")):
            english += count
    return french > english or (french == english and delimiter == ";")


def _network(value: str, default: str) -> str:
    """The network a platform or a source names (``facebook / paid``, ``m.facebook.com``);
    a source that names none (``google / organic``) keeps ``default``."""
    source = value.lower().split("/")[0]
    for word in _SOURCE_WORDS.findall(source):
        word = word.strip(".-")
        if word.startswith("www."):
            word = word[4:]
        if word in SOURCE_NETWORKS:
            return SOURCE_NETWORKS[word]
        parts = word.split(".")
        for start in range(1, len(parts) - 1):  # m.facebook.com, l.instagram.com
            domain = ".".join(parts[start:])
            if domain in SOURCE_NETWORKS:
                return SOURCE_NETWORKS[domain]
    return default


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(text: str, lang: str) -> dt.date | None:
    """ISO dates, or day/month/year in a French file and month/day/year in an English one."""
    text = text.strip()
    if _ISO_DATE.match(text):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(text[:10])
    slashed = ("%d/%m/%Y", "%m/%d/%Y") if lang == "fr" else ("%m/%d/%Y", "%d/%m/%Y")
    for pattern in ("%Y-%m-%d", *slashed, "%Y%m%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(
                text[:10] if pattern == "%Y-%m-%d" else text, pattern
            ).date()
        except ValueError:
            continue
    return None


def _columns_of(headers: list[str], wanted: dict[str, str]) -> dict[int, str]:
    """Which column holds which field: a column the mapping names first (it always wins
    over a guess), then, for each field still open, the column whose header comes first
    in that field's known names (with both "Campaign name" and "Ad name", the ad is the
    publication, whatever their order in the file)."""
    names = [normalise(header) for header in headers]
    columns: dict[int, str] = {}
    for index, name in enumerate(names):
        target = wanted.get(name)
        if target in FIELDS and target not in columns.values():
            columns[index] = target
    for guessed, known in KNOWN_COLUMNS.items():
        if guessed in columns.values():
            continue
        ranked = [
            (known.index(name), index)
            for index, name in enumerate(names)
            if name in known and index not in columns
        ]
        if ranked:
            columns[min(ranked)[1]] = guessed
    return dict(sorted(columns.items()))


@collector.held()
def read_export(
    data: bytes,
    source: str = "<csv>",
    mapping: dict[str, str] | None = None,
    progress: Callable[[float], None] | None = None,
) -> ImportPreview:
    """Read an export into a preview; ``mapping`` maps other headers to fields;
    ``progress`` is told how far the reading has come (0 to 1)."""
    told = progress or (lambda fraction: None)
    if len(data) > MAX_CSV_BYTES:
        limit = MAX_CSV_BYTES // (1024 * 1024)
        raise CsvImportError(source, [Problem.of("problem_csv_too_big", limit=limit)])
    numbered = _lines_without_preamble(decode(data), (mapping or {}).keys())
    if not numbered:
        raise CsvImportError(source, [Problem.of("problem_csv_empty")])
    told(0.15)
    delimiter = _delimiter(numbered[0][1])
    table_lines = _rows(numbered, delimiter, source)
    told(0.4)
    table = [row for _, row in table_lines]
    headers = table[0]
    if mapping is None:
        from socialroi_tui.store.mappings import mapping_for_headers

        mapping = mapping_for_headers(headers)
    columns = _columns_of(headers, {normalise(k): v for k, v in (mapping or {}).items()})
    if not any(f in MEASURES for f in columns.values()):
        unknown = Problem.of("problem_csv_no_column", fields=", ".join(FIELDS))
        raise CsvImportError(source, [unknown], headers)
    names = {normalise(h) for h in headers}
    file_format = next((f for f, marks in FORMATS.items() if names & set(marks)), "other")
    numeric = _counted_cells(table[1:], [i for i, f in columns.items() if f in MEASURES])
    lang = "fr" if _decimal_comma(numeric, delimiter) else "en"
    preview = ImportPreview(
        source=source,
        format=file_format,
        columns={headers[i]: f for i, f in columns.items()},
        left_out=[h for i, h in enumerate(headers) if i not in columns and h.strip()],
        file_digest=hashlib.sha256(data).hexdigest(),
    )
    problems = _read_rows(preview, table_lines[1:], columns, len(headers), lang, told)
    told(1.0)
    if problems:
        raise CsvImportError(
            source,
            problems[:50]
            + (
                [Problem.of("problem_and_more", count=len(problems) - 50)]
                if len(problems) > 50
                else []
            ),
        )
    if not preview.rows:
        raise CsvImportError(source, [Problem.of("problem_csv_no_rows")])
    return preview


_BLANK = ("", "-", "—", "--", "n/a", "N/A")
_SUMMARY_HINT = re.compile(r"(?i)tota|result|somme")
"""In a cell of ASCII, what any summary row's first cell holds (a cheap test first)."""


def _is_summary(first: str) -> bool:
    if first.isascii() and not _SUMMARY_HINT.search(first):
        return False
    return bool(SUMMARY.match(normalise(first)))


def _read_rows(
    preview: ImportPreview,
    table_lines: list[tuple[int, list]],
    columns: dict[int, str],
    header_width: int,
    lang: str,
    told: Callable[[float], None],
) -> list[Problem]:
    """Fill ``preview`` with the rows of the table (after its header) and its content
    digest; return the problems found, by line. The figures are read column by column,
    each distinct text once: 100 000 rows of an export repeat many of their figures, and
    all of their dates and networks. A row with more cells than the header (``1,234``
    written unquoted), or too few to hold every column read, is refused: its figures would
    be read from the wrong columns, or be missing without a word."""
    index_of = {name: index for index, name in columns.items()}
    publication_at, date_at = index_of.get("publication"), index_of.get("date")
    width = max(columns) + 1
    lines: list[int] = []
    rows: list[list[str]] = []
    found: list[tuple[int, int, Problem]] = []
    for line, row in table_lines:
        first = row[0] if row and row[0].strip() else next((c for c in row if c.strip()), None)
        if first is None:
            continue  # an empty row
        cells = len(row)
        if cells < width:
            row = row + [""] * (width - cells)
        if _is_summary(first) or (
            publication_at is not None
            and not row[publication_at].strip()
            and (date_at is None or not row[date_at].strip())
        ):
            preview.skipped.append(_at_line(line, Problem.of("problem_csv_summary")))
            continue
        if cells < width or (
            cells > header_width and any(cell.strip() for cell in row[header_width:])
        ):
            key = "problem_csv_row_too_short" if cells < width else "problem_csv_row_too_wide"
            uneven = Problem.of(key, cells=cells, header=header_width)
            found.append((line, -1, _at_line(line, uneven)))
        lines.append(line)
        rows.append(row)

    def texts(name: str) -> list[str]:
        index = index_of.get(name)
        if index is None:
            return [""] * len(rows)
        return list(map(str.strip, [row[index] for row in rows]))

    value_columns, written_columns = [], []
    numbers: dict[str, Decimal | None] = dict.fromkeys(_BLANK)
    written: dict[str, str] = dict.fromkeys(_BLANK, "")
    for order, name in enumerate(MEASURES):
        told(0.4 + 0.5 * order / len(MEASURES))
        column = texts(name)
        distinct = set(column)
        refused: dict[str, Problem] = {}
        unread = distinct.difference(numbers)
        plain = plain_numbers(unread, lang)
        numbers.update(plain)
        written.update((text, str(value.normalize())) for text, value in plain.items())
        for text in unread.difference(plain):
            try:
                value = parse_number(text, "number", lang=lang, field=name)
            except NumberError as error:
                refused[text] = error.problem()
                continue
            numbers[text] = value
            written[text] = str(value.normalize())
        if refused:
            found += [
                (line, order, _at_line(line, refused[text]))
                for line, text in zip(lines, column, strict=True)
                if text in refused
            ]
        value_columns.append(list(map(numbers.get, column)))
        pieces = {text: f"{name}={written.get(text, '')}" for text in distinct}
        written_columns.append(list(map(pieces.__getitem__, column)))

    dates: dict[str, dt.date | None] = {"": None}
    date_column = texts("date")
    for text in set(date_column).difference(dates):
        dates[text] = _date(text, lang)
    found += [
        (line, len(MEASURES), _at_line(line, Problem.of("problem_csv_date", text=text)))
        for line, text in zip(lines, date_column, strict=True)
        if text and dates[text] is None
    ]
    default = DEFAULT_NETWORK.get(preview.format, "other")
    networks = {"": default}
    network_column = texts("network")
    for text in set(network_column).difference(networks):
        networks[text] = _network(text, default)
        if preview.origin == "analytics" and networks[text] == "other":
            networks[text] = OFF_SOCIAL  # GA4's "(other)": many small sources, not a network

    network_of = list(map(networks.__getitem__, network_column))
    date_of = list(map(dates.__getitem__, date_column))
    publications = texts("publication")
    if preview.origin == "analytics":  # a row the site saw, named by its source if need be
        publications = [
            publication or source
            for publication, source in zip(publications, network_column, strict=True)
        ]
    digest_lines = map(
        "|".join,
        zip(
            network_of,
            publications,
            map(str, date_of),
            map(",".join, zip(*written_columns, strict=True)),
            strict=True,
        ),
    )
    # In any order: the same rows sorted otherwise (another view of the export) are the
    # same rows.
    preview.digest = hashlib.sha256(("\n".join(sorted(digest_lines)) + "\n").encode()).hexdigest()
    measures_of = [
        dict(zip(MEASURES, values, strict=True)) for values in zip(*value_columns, strict=True)
    ]
    preview.rows = list(map(ImportedRow, lines, network_of, publications, date_of, measures_of))
    preview.warnings = [
        LineWarning(lines[i], warning)
        for i in _rows_over_a_ceiling(value_columns)
        for warning in check_measures(measures_of[i])
    ]
    found.sort(key=lambda problem: problem[:2])
    return [problem for _, _, problem in found]


def _rows_over_a_ceiling(value_columns: list[list[Decimal | None]]) -> list[int]:
    """The rows (by position) where a measure exceeds its ceiling (clicks above
    impressions…): only they need ``check_measures``."""
    column_of = dict(zip(MEASURES, value_columns, strict=True))
    over = set()
    for name, ceiling in CEILINGS:
        over.update(
            i
            for i, (value, limit) in enumerate(
                zip(column_of[name], column_of[ceiling], strict=True)
            )
            if value is not None and limit is not None and value > limit
        )
    return sorted(over)


def read_export_file(
    path: Path,
    mapping: dict[str, str] | None = None,
    progress: Callable[[float], None] | None = None,
) -> ImportPreview:
    if "\x00" in str(path):
        name = str(path).replace("\x00", "\\x00")
        raise CsvImportError(name, [Problem.of("problem_file_name")])
    path = Path(path)
    if path.is_dir():
        raise CsvImportError(str(path), [Problem.of("problem_csv_folder")])
    if path.exists() and not path.is_file():
        raise CsvImportError(str(path), [Problem.of("problem_not_regular")])
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CsvImportError(str(path), [Problem.of("problem_no_file")]) from None
    except OSError as error:
        problem = Problem.of("problem_cannot_read", reason=error.strerror)
        raise CsvImportError(str(path), [problem]) from None
    return read_export(data, str(path), mapping, progress)


def refuse_repeat(campaign: Campaign, preview: ImportPreview) -> None:
    """``CsvImportError`` if the campaign holds these rows already (the same file, or the
    same rows saved again with other bytes)."""
    seen = {f"csv:{preview.digest[:16]}", f"csv:{preview.file_digest[:16]}"}
    # The same bytes read with another mapping are the same import too (while any of its
    # rows is still there).
    held = {actual.source for actual in campaign.actuals}
    recorded = {record.content for record in campaign.imports if record.id in held}
    if seen & (held | recorded):
        raise CsvImportError(preview.source, [Problem.of("problem_csv_already")])


@collector.held()
def import_into(campaign: Campaign, preview: ImportPreview) -> Campaign:
    """The campaign with the preview's rows added (channels created per network if needed)."""
    refuse_repeat(campaign, preview)
    channels = list(campaign.channels)
    by_network = {}
    for channel in channels:
        by_network.setdefault(channel.network, channel.id)
    actuals = list(campaign.actuals)
    # Rows copied from one, not validated again: every figure went through the number
    # parser, which accepts nothing that a result's fields would refuse.
    first_row = ActualResult.model_construct(
        channel="-",
        publication="",
        date=None,
        source=f"csv:{preview.digest[:16]}",
        **dict.fromkeys(MEASURES),
        origin=preview.origin,
    )
    by_network[OFF_SOCIAL] = OFF_SOCIAL
    for network in dict.fromkeys(row.network for row in preview.rows):
        if network not in by_network:
            taken = {c.id for c in channels}
            channel_id = network
            number = 1
            while channel_id in taken:  # an id already used by a channel of another network
                number += 1
                channel_id = f"{network}-{number}"
            label = NETWORK_NAMES.get(network, network.capitalize())
            channels.append(Channel(id=channel_id, network=network, label=label))
            by_network[network] = channel_id
    actuals += [
        first_row.model_copy(
            update={
                "channel": by_network[row.network],
                "publication": row.publication[:200],
                "date": row.date,
                **row.measures,
            }
        )
        for row in preview.rows
    ]
    record = ImportRecord(
        id=first_row.source,
        content=f"csv:{preview.file_digest[:16]}",
        file=Path(preview.source).name[:200],
        format=preview.format,
        origin=preview.origin,
        imported=dt.datetime.now().replace(microsecond=0),
        rows=len(preview.rows),
    )
    imports = [*(r for r in campaign.imports if r.id != record.id), record]
    return campaign.model_copy(
        update={"channels": channels, "actuals": actuals, "imports": imports}
    )


def import_records(campaign: Campaign) -> list[ImportRecord]:
    """Every import whose rows the campaign holds, with how many rows are left of each
    (an import of an older file, made before imports were recorded, is named by its tag)."""
    counts = Counter(actual.source for actual in campaign.actuals if actual.source)
    known = {record.id: record for record in campaign.imports}
    records = [
        known[tag].model_copy(update={"rows": count})
        if tag in known
        else ImportRecord(id=tag, rows=count)
        for tag, count in counts.items()
    ]
    return records


def _at_line(line: int, problem: Problem) -> Problem:
    return Problem.of("problem_at_line", line=line, problem=problem)
