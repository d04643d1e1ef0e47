"""Reading and writing campaign files.

Loading names every problem by file, line and column (for TOML syntax) or by key path
(for values). Saving is atomic — a temporary file in the same folder, flushed, synced,
then ``os.replace`` — and keeps the previous version as ``NAME.toml.bak``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import operator
import os
import re
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from socialroi_tui.model import SCHEMA_VERSION, ActualResult, Campaign
from socialroi_tui.model.campaign import MEASURES
from socialroi_tui.model.problems import describe_validation_error
from socialroi_tui.text.numbers import Ratio
from socialroi_tui.text.safe import one_line
from socialroi_tui.text.toml_layout import RESULTS_HEADER, plain_results_start
from socialroi_tui.text.words import Problem

COMPILED_READER_FROM = 256 * 1024
"""Texts from this size are read by tomli's compiled build; smaller ones by the standard
``tomllib`` (the same parser, uncompiled: as quick for them, and less memory), then by
tomli if ``tomllib`` refuses them (tomli reads TOML 1.1), so that what is read and what
is said does not depend on the size. (toml-rs, twice as quick, crashed the process now
and then once a campaign read earlier had been let go.)"""


def _decimal(text: str) -> Decimal:
    """A TOML float, exactly; one past what a Decimal holds (``1e9999999999999999999``) is
    NaN, which the campaign refuses as not finite, naming its key."""
    try:
        return Decimal(text)
    except ArithmeticError:
        return Decimal("NaN")


def _loads(text: str, parse_float: Callable[[str], Any]) -> dict[str, Any]:
    if len(text) < COMPILED_READER_FROM:
        try:
            return tomllib.loads(text, parse_float=parse_float)
        except ValueError:
            pass  # tomli reads TOML 1.1 too, and says the same of what it cannot read
    try:
        import tomli
    except ImportError:  # not installed: the standard library's reader alone
        return tomllib.loads(text, parse_float=parse_float)
    return tomli.loads(text, parse_float=parse_float)


def _is_syntax_error(error: ValueError) -> bool:
    """A TOML syntax error (not Python's limit on an int's digits)."""
    if isinstance(error, tomllib.TOMLDecodeError):
        return True
    try:
        from tomli import TOMLDecodeError
    except ImportError:
        return False
    return isinstance(error, TOMLDecodeError)


MAX_FILE_BYTES = 32 * 1024 * 1024
_TOML_POSITION = re.compile(r"^(?P<reason>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


class CampaignFileError(Exception):
    """A campaign file that cannot be read or written; ``problems`` lists each issue
    (``words(lang)`` says them in the user's language, ``str`` in English)."""

    def __init__(self, path: Path | str, problems: list[Problem | str]):
        self.path = Path(path)
        self.problems = [_problem(problem) for problem in problems]
        super().__init__(self.words("en"))

    def words(self, lang: str) -> str:
        return "\n".join(
            Problem.of("problem_in_file", path=str(self.path), problem=problem).words(lang)
            for problem in self.problems
        )


def _problem(problem: Problem | str) -> Problem:
    return problem if isinstance(problem, Problem) else Problem.of(problem)


@dataclass(frozen=True)
class LoadedCampaign:
    campaign: Campaign
    path: Path
    has_comments: bool
    """The file holds hand-written comments that a save would drop."""
    mtime_ns: int | None = None
    digest: str = ""
    """SHA-256 of the bytes read, to tell whether someone else changed the file since."""


_STRING_OR_COMMENT = re.compile(
    # Multi-line strings end at a run of three to five quotes (up to two belong to the
    # text: '''a'''' is "a'").
    r'"""(?:\\[\s\S]?|(?!""")[^\\])*(?:"{3,5}|\Z)'  # basic multi-line string, escapes
    r"|'''[\s\S]*?(?:'{3,5}|\Z)"  # literal multi-line string
    r'|"(?:\\[\s\S]?|[^"\\\n])*(?:"|\n|\Z)'  # basic string: ends at its line's end
    r"|'[^'\n]*(?:'|\n|\Z)"  # literal string
    r"|#"
)


_BRACKETS = re.compile(r"[\[\]{}]")
MAX_NESTING = 64
"""Arrays and tables nested deeper than this are refused before parsing (a campaign
nests three deep; a compiled parser given 10 000 levels overflows its stack)."""


def scan_toml(text: str) -> tuple[bool, int]:
    """Whether ``text`` holds a ``#`` comment outside strings, and how deep its brackets
    nest. Results written last and plainly (as saves write them: no ``#``, no bracket or
    brace but their headers', no multi-line string) are counted at once, the rest of the
    text by a regular expression (a third of a second for 100 000 results)."""
    first = text.find(RESULTS_HEADER)
    if first >= 0:
        results = text[first:]
        headers = results.count(RESULTS_HEADER)
        if (
            "#" not in results
            and "{" not in results
            and '"""' not in results
            and "'''" not in results
            and results.count("[") == results.count("]") == 2 * headers
        ):
            comments, deepest = _scan_toml(text[: first + 1])
            return comments, deepest + 2  # at most: a header opened within the head
    return _scan_toml(text)


def _scan_toml(text: str) -> tuple[bool, int]:
    """``scan_toml`` by a regular expression, token by token."""
    comments = False
    depth = deepest = 0
    position = 0
    for token in _STRING_OR_COMMENT.finditer(text):
        for bracket in _BRACKETS.findall(text, position, token.start()):
            depth += 1 if bracket in "[{" else -1
            deepest = max(deepest, depth)
        if token.group() == "#":
            comments = True
            end = text.find("\n", token.end())
            position = len(text) if end < 0 else end
        else:
            position = token.end()
    for bracket in _BRACKETS.findall(text, position):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return comments, deepest


def has_toml_comments(text: str) -> bool:
    """Whether ``text`` holds a ``#`` comment outside strings."""
    return scan_toml(text)[0]


Progress = Callable[[float], None]
"""Told how far a long load has come, from 0 to 1."""
ACTUALS_CHUNK = 5_000
"""Actual results are checked this many at a time: progress can be shown, and the rows
read from the file are let go as soon as they are checked."""


def read_toml(
    text: str,
    path: Path | str = "<text>",
    nesting: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The TOML document in ``text``, floats as ``Decimal``; ``CampaignFileError`` names
    the line and column of a syntax error.

    A long list of ``[[actuals]]`` at the end of a file (as saves write it) is read in
    pieces, so that progress can be shown and the interface keeps its turn."""
    if (scan_toml(text)[1] if nesting is None else nesting) > MAX_NESTING:
        raise CampaignFileError(path, [Problem.of("problem_nested")])
    try:
        pieces = _in_pieces(text, progress)
        if pieces is not None:
            return pieces
        return _loads(text, parse_float=_decimal)
    except RecursionError:
        raise CampaignFileError(path, [Problem.of("problem_nested")]) from None
    except ValueError as error:
        if not _is_syntax_error(error) and "digits" in str(error):  # Python's int limit
            raise CampaignFileError(path, [_long_int_problem(text)]) from None
        raise CampaignFileError(path, [_syntax_problem(str(error))]) from None


PIECE_BYTES = 1024 * 1024


def _in_pieces(text: str, progress: Progress | None) -> dict[str, Any] | None:
    """The document read in pieces of about a megabyte, cut before ``[[actuals]]``
    headers; None (read it whole) unless the results come last and plainly (no other
    table after them, no multi-line string among them) or if a piece does not read
    (the whole file then names the line of the problem)."""
    if len(text) <= PIECE_BYTES:
        return None
    first = plain_results_start(text)
    if first < 0:
        return None
    try:
        document = _loads(text[: first + 1], parse_float=_decimal)
        if "actuals" in document:
            return None
        actuals: list = []
        start = first
        while start < len(text):
            end = text.find(RESULTS_HEADER, start + PIECE_BYTES)
            end = len(text) if end < 0 else end
            actuals += _loads(text[start:end], parse_float=_decimal).get("actuals", [])
            start = end
            if progress:
                progress(0.3 * end / len(text))
    except (ValueError, RecursionError):
        return None
    document["actuals"] = actuals
    return document


def _long_int_problem(text: str) -> Problem:
    """Where the whole number too long for Python to read is (``line L, column C``)."""
    found = re.search(r"(?<![\w.])[+-]?\d[\d_]{4300,}", text)
    if found is None:
        return Problem.of("problem_long_int")
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - text.rfind("\n", 0, found.start())
    return Problem.of("problem_long_int_at", line=line, column=column)


def _syntax_problem(message: str) -> Problem:
    """``line L, column C: not valid TOML (reason)`` from the parser's message."""
    positioned = _TOML_POSITION.match(message)
    if positioned is None:
        return Problem.of("problem_not_toml_here", reason=_syntax_reason(message))
    return Problem.of(
        "problem_not_toml",
        line=positioned["line"],
        column=positioned["col"],
        reason=_syntax_reason(positioned["reason"]),
    )


_SYNTAX_REASONS = (
    # what the parser says (tomllib's words; some older toml-rs ones too) → our words
    (r"visible characters|Illegal character", "toml_control_character"),
    (r"unclosed (array )?table|Expected '\]\]?' at the end", "toml_unclosed_table"),
    (r"unclosed inline table|Unclosed inline table", "toml_unclosed_inline_table"),
    (r"unclosed array|Unclosed array", "toml_unclosed_array"),
    (r"duplicate key|Cannot overwrite a value|Cannot declare .* twice", "toml_duplicate_key"),
    (
        r"invalid (multi-line )?(basic|literal) string|Unterminated string|Expected \"'\"",
        "toml_string",
    ),
    (r"string values must be quoted|Invalid value", "toml_value"),
    (r"key with no value|Expected '=' after a key", "toml_no_value"),
    (
        r"unquoted keys cannot be empty|Invalid initial character for a key|Invalid statement",
        "toml_key",
    ),
    (r"leading zero|invalid (fraction|exponent|float|integer)|`_` may only go", "toml_number"),
    (r"invalid boolean", "toml_boolean"),
    (r"escaped value|unicode|Unescaped '\\'|Invalid hex value|not a Unicode scalar", "toml_escape"),
    (r"invalid (date|time)|Invalid date", "toml_date"),
    (r"extra comma", "toml_extra_comma"),
    (r"missing comma", "toml_missing_comma"),
    (r"unexpected key or value|Expected newline or end of document", "toml_after_value"),
)


def _syntax_reason(reason: str) -> Problem:
    """Why the parser stopped, in our words where we know its message (its own words,
    in English only, where we do not)."""
    for pattern, key in _SYNTAX_REASONS:
        if re.search(pattern, reason):
            return Problem.of(key)
    return Problem.of("toml_other", reason=one_line(reason.strip().rstrip("."), 120))


def _saved_results_pattern() -> re.Pattern[str] | None:
    """One ``[[actuals]]`` table exactly as saves write it (keys in the fields' order,
    texts without escapes, plain figures), or None if a field is of a kind it does not
    know."""
    parts = [re.escape(RESULTS_HEADER)]
    for name in ActualResult.model_fields:
        if name == "channel":
            parts.append(r'channel = "(?P<channel>[A-Za-z0-9_.-]{0,64})"\n')
        elif name in ("publication", "source"):
            parts.append(rf'(?:{name} = "(?P<{name}>[^"\\\x00-\x1f\x7f]{{1,200}})"\n)?')
        elif name == "origin":
            parts.append(r'(?:origin = "(?P<origin>analytics)"\n)?')
        elif name == "date":
            parts.append(r"(?:date = (?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\n)?")
        elif name in MEASURES:
            parts.append(
                rf"(?:{name} = (?P<{name}>(?:0|[1-9][0-9]{{0,14}})(?:\.[0-9]{{1,6}})?)\n)?"
            )
        else:
            return None
    return re.compile("".join(parts))


_SAVED_RESULT = _saved_results_pattern()
_BLANK_END = re.compile(r"[ \t\n]*\Z")


def _results_as_saved(text: str, first: int, progress: Progress | None) -> list | None:
    """The results from ``first`` to the end when every table is written exactly as saves
    write it, else None (the TOML reader and the model's checks then read them). Such a
    table holds nothing the model would refuse or change: an identifier, texts of at most
    200 characters without control characters, a date checked here, figures from 0 to
    10¹⁵ with at most 6 decimals. So each result is a copy of one with its fields: a
    campaign of 100 000 results opens in a third of the time."""
    if _SAVED_RESULT is None:
        return None
    blank = ActualResult.model_construct(_fields_set=set(), channel="-")
    rows = []
    position = first
    step = len(text) // 20 + 1
    next_report = first + step
    for found in _SAVED_RESULT.finditer(text, first):
        if found.start() != position:
            return None
        position = found.end()
        fields = {name: value for name, value in found.groupdict().items() if value is not None}
        for name in MEASURES:
            if name in fields:
                fields[name] = Decimal(fields[name])
        if "date" in fields:
            try:
                fields["date"] = dt.date.fromisoformat(fields["date"])
            except ValueError:
                return None
        rows.append(blank.model_copy(update=fields))
        if progress and position > next_report:
            progress(0.9 * position / len(text))
            next_report = position + step
    if not _BLANK_END.match(text, position):
        return None
    return rows


def parse_campaign(
    text: str,
    path: Path | str = "<text>",
    progress: Progress | None = None,
    nesting: int | None = None,
) -> Campaign:
    """A campaign from TOML text; :class:`CampaignFileError` names every problem.
    (``nesting``: how deep the text nests, when ``scan_toml`` already said.)"""
    first = plain_results_start(text) if len(text) > PIECE_BYTES else -1
    rows = _results_as_saved(text, first, progress) if first >= 0 else None
    if rows is not None and "actuals" not in read_toml(text[: first + 1], path, nesting):
        # (a head naming them too defines them twice: the whole reader says so)
        campaign = parse_campaign(text[: first + 1], path, None, nesting)
        if not campaign.actuals:
            campaign = campaign.model_copy(update={"actuals": rows})
            problems = campaign.reference_problems()
            if problems:
                raise CampaignFileError(path, problems)
            return campaign
    data = read_toml(text, path, nesting, progress)
    if progress:
        progress(0.3)
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        problem = Problem.of("problem_newer_schema", version=version, supported=SCHEMA_VERSION)
        raise CampaignFileError(path, [problem])
    meta = data.get("meta")
    language = meta.get("language") if isinstance(meta, dict) else None
    context = {"lang": language if language in ("fr", "en") else "en"}
    rows = data.get("actuals")
    if not isinstance(rows, list) or len(rows) <= ACTUALS_CHUNK:
        try:
            return Campaign.model_validate(data, context=context)
        except ValidationError as error:
            raise CampaignFileError(path, describe_validation_error(error)) from None
    try:
        campaign = Campaign.model_validate({**data, "actuals": []}, context=context)
    except ValidationError as error:
        raise CampaignFileError(path, describe_validation_error(error)) from None
    del data
    actuals = _checked_actuals(rows, path, context, progress)
    campaign = campaign.model_copy(update={"actuals": actuals})
    problems = campaign.reference_problems()
    if problems:
        raise CampaignFileError(path, problems)
    return campaign


def _checked_actuals(rows: list, path: Path | str, context: dict, progress: Progress | None):
    """The actual results, checked a chunk at a time (each chunk's rows are let go)."""
    from pydantic import TypeAdapter

    from socialroi_tui.model import ActualResult

    adapter = TypeAdapter(list[ActualResult])
    actuals: list = []
    problems: list[Problem] = []
    total = len(rows)
    for start in range(0, total, ACTUALS_CHUNK):
        chunk = rows[start : start + ACTUALS_CHUNK]
        rows[start : start + ACTUALS_CHUNK] = [None] * len(chunk)
        try:
            actuals.extend(adapter.validate_python(chunk, context=context))
        except ValidationError as error:
            problems += describe_validation_error(error, ("actuals",), start)
            if len(problems) > 20:
                break
        del chunk
        if progress:
            progress(0.3 + 0.6 * min(start + ACTUALS_CHUNK, total) / total)
    if problems:
        raise CampaignFileError(path, problems[:20])
    return actuals


def check_file_name(path: Path | str) -> None:
    """A name the system can use (a NUL byte pasted in a file name cannot be)."""
    if "\x00" in str(path):
        raise CampaignFileError(
            str(path).replace("\x00", "\\x00"), [Problem.of("problem_file_name")]
        )


def load_campaign(path: Path | str, progress: Progress | None = None) -> LoadedCampaign:
    """Read and validate a campaign file (``progress`` is told how far it has come)."""
    check_file_name(path)
    path = Path(path)
    try:
        if path.is_dir():
            raise CampaignFileError(path, [Problem.of("problem_folder")])
        if path.exists() and not path.is_file():
            raise CampaignFileError(path, [Problem.of("problem_not_regular")])
        stat = path.stat()
        if stat.st_size > MAX_FILE_BYTES:
            size, limit = stat.st_size // (1024 * 1024), MAX_FILE_BYTES // (1024 * 1024)
            problem = Problem.of("problem_file_too_big", size=size, limit=limit)
            raise CampaignFileError(path, [problem])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CampaignFileError(path, [Problem.of("problem_no_file")]) from None
    except PermissionError:
        raise CampaignFileError(path, [Problem.of("problem_read_denied")]) from None
    except IsADirectoryError:
        raise CampaignFileError(path, [Problem.of("problem_folder")]) from None
    except OSError as error:
        raise CampaignFileError(
            path, [Problem.of("problem_cannot_read", reason=error.strerror)]
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problem = Problem.of("problem_not_utf8", line=line, column=column)
        raise CampaignFileError(path, [problem]) from None
    text = text.removeprefix("\ufeff")
    digest = file_digest(raw)
    del raw
    comments, nesting = scan_toml(text)
    campaign = parse_campaign(text, path, progress, nesting)
    return LoadedCampaign(campaign, path, comments, stat.st_mtime_ns, digest)


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current_digest(path: Path) -> str | None:
    """The digest of the file as it is on disk now, or None if it cannot be read."""
    try:
        return file_digest(Path(path).read_bytes())
    except OSError:
        return None


def _plain(value: Any) -> Any:
    """Integral Decimals as ints, so that files read ``5000`` rather than ``5000.0``; a
    ``Ratio`` (a funnel rate typed ``1 in 6``, or a count out of another) as its terms,
    ``"1/6"``, never its endless quotient."""
    if isinstance(value, Ratio):
        return value.as_text()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def dump_campaign(campaign: Campaign) -> str:
    """The campaign as TOML text; defaults are left out to keep the file readable."""
    data = campaign.model_dump(mode="python", exclude_defaults=True, exclude={"actuals"})
    data = {"schema_version": SCHEMA_VERSION, **data}
    meta = campaign.meta
    data["meta"] = {
        "name": meta.name,
        "currency": meta.currency,
        "language": meta.language,
        **data.get("meta", {}),
    }
    results = "".join(_RESULTS_TEXT.render(campaign.actuals))
    return _dump_table(_plain(data), header="") + results


_NOT_PLAIN_TEXT = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')


def _dump_result(result: ActualResult) -> str:
    """One ``[[actuals]]`` table as ``_dump_table`` writes it, written directly when its
    texts need no escaping (the usual case: a campaign may hold 100 000 of them)."""
    lines = ["\n[[actuals]]\n"]
    for name, value in result.__dict__.items():
        if value is None or (value == "" and name != "channel"):
            continue  # a default, left out
        if name == "origin" and value == "platform":
            continue
        if isinstance(value, str):
            if _NOT_PLAIN_TEXT.search(value):
                return "\n" + _dump_table(
                    _plain(result.model_dump(mode="python", exclude_defaults=True)),
                    "[[actuals]]",
                )
            lines.append(f'{name} = "{value}"\n')
        elif isinstance(value, Decimal):
            if value == value.to_integral_value():
                lines.append(f"{name} = {int(value)}\n")
            else:
                lines.append(f"{name} = {str(value).lower()}\n")
        elif isinstance(value, dt.date):
            lines.append(f"{name} = {value.isoformat()}\n")
        else:
            return "\n" + _dump_table(
                _plain(result.model_dump(mode="python", exclude_defaults=True)), "[[actuals]]"
            )
    return "".join(lines)


class _RenderedResults:
    """The ``[[actuals]]`` tables last written, kept with the rows they were written from:
    the recovery copy of a campaign of 100 000 results, written after each pause in the
    typing, does not write them again, and an import writes only the rows it added.
    (Rows are never changed in place: an edit makes new ones.)"""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: tuple[ActualResult, ...] = ()
        self._texts: list[str] = []

    def render(self, rows: list[ActualResult]) -> list[str]:
        with self._lock:
            known = len(self._rows)
            if len(rows) >= known and all(map(operator.is_, self._rows, rows)):
                texts = self._texts + [_dump_result(row) for row in rows[known:]]
            else:
                texts = [_dump_result(row) for row in rows]
            self._rows, self._texts = tuple(rows), texts
            return texts


_RESULTS_TEXT = _RenderedResults()


def prepare_to_save(campaign: Campaign) -> None:
    """Write the campaign's results as TOML now, so that the next save or recovery copy
    only joins them (half a second for 100 000 results, best spent in a worker)."""
    _RESULTS_TEXT.render(campaign.actuals)


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _dump_table(table: dict[str, Any], header: str) -> str:
    """TOML with a ``[table]`` or ``[[array]]`` header for every nested table, never inline
    ones, so the file reads like a form."""
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict) and not _is_table_list(v)}
    # A table holding only tables needs no header of its own ([scenarios.channels] before
    # [scenarios.channels.linkedin]); an item of an array of tables always has one.
    only_tables = table and not scalars and not header.startswith("[[")
    import tomli_w  # the writer only once a file is written (start-up reads)

    chunks = [header + "\n" if header and not only_tables else ""]
    chunks.append(tomli_w.dumps(scalars, multiline_strings=True))
    prefix = header.strip("[]") + "." if header else ""
    for key, value in table.items():
        if isinstance(value, dict):
            chunks.append(
                ("" if only_tables and not chunks[-1] else "\n")
                + _dump_table(value, f"[{prefix}{key}]")
            )
        elif _is_table_list(value):
            for item in value:
                chunks.append("\n" + _dump_table(item, f"[[{prefix}{key}]]"))
    return "".join(chunks)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def create_temporary(path: Path, *, private: bool = False) -> tuple[int, str]:
    """A new, empty temporary file next to ``path``, opened for writing: ``(fd, name)``.

    Unlike :func:`tempfile.mkstemp` (always 0600), the file gets the mode an ordinary
    ``open(path, "w")`` would give — 0666 less the umask, applied by the system itself, so
    the umask is never changed, even for a moment — or 0600 when ``private``.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(temporary, flags, 0o600 if private else 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(path.parent))


def create_exclusively(path: Path, data: bytes) -> bool:
    """Write ``data`` to a new file at ``path``, whole or not at all (a temporary file,
    synced, then linked); never replace an existing one: False when a file is there. The
    file gets the mode ``open(path, "w")`` would give (0666 less the umask)."""
    handle, temporary = create_temporary(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.link(temporary, path)
        return True
    except FileExistsError:
        return False
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` to ``path`` through a synced temporary file and ``os.replace``.

    A new file gets the mode ``open(path, "w")`` would give (0666 less the umask), or 0600
    when ``private`` (backups, recovery copies, state files); a replaced file keeps its mode.
    """
    kept_mode = path.stat().st_mode & 0o777 if path.exists() else None
    # Private until renamed when replacing: the old file's mode may be stricter than the umask.
    handle, temporary = create_temporary(path, private=private or kept_mode is not None)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if kept_mode is not None:
            os.chmod(temporary, kept_mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def campaign_bytes(campaign: Campaign, path: Path | str) -> bytes:
    """The file a save writes; ``CampaignFileError`` when it would be over the size every
    read accepts (a file the app would then refuse to open is never written)."""
    data = dump_campaign(campaign).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        size, limit = len(data) // (1024 * 1024), MAX_FILE_BYTES // (1024 * 1024)
        problem = Problem.of("problem_would_be_too_big", size=size, limit=limit)
        raise CampaignFileError(path, [problem])
    return data


LOCK_WAIT = 10.0
"""Seconds a writer waits for another one (an import, a save) to finish."""
_held = threading.local()
"""The folders whose lock this thread holds, and how many times it entered each."""


@contextlib.contextmanager
def campaign_lock(path: Path | str, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the write lock of the campaign at ``path`` while it is read and written back
    (an import, a save): a second writer, in this process or another, waits for it, then
    gives up with a message. The lock is the folder's (``flock``), so it leaves no file
    behind; a lock already held by this process is entered again."""
    folder = os.path.realpath(Path(path).parent)
    held: dict[str, int] = _held.__dict__.setdefault("folders", {})
    if held.get(folder):
        held[folder] += 1
        try:
            yield
        finally:
            held[folder] -= 1
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except FileNotFoundError:
        raise CampaignFileError(path, [Problem.of("problem_folder_missing")]) from None
    except OSError as error:
        raise CampaignFileError(
            path, [Problem.of("problem_cannot_write", reason=error.strerror)]
        ) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    problem = Problem.of("problem_another_writer")
                    raise CampaignFileError(path, [problem]) from None
                time.sleep(0.05)
        held[folder] = 1
        try:
            yield
        finally:
            del held[folder]
    finally:
        os.close(fd)  # releases the lock


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files left next to ``path`` by a save that was killed half-way (call it
    with the campaign's lock held: no save is under way then)."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}(\.bak)?\.[0-9a-z_]{{8,12}}\.tmp$")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if pattern.match(name):
            with contextlib.suppress(OSError):
                (path.parent / name).unlink()


def tidy_after_killed_saves(path: Path) -> None:
    """On opening: remove what killed saves left, unless a save is under way."""
    with contextlib.suppress(CampaignFileError, OSError), campaign_lock(path, wait=0):
        remove_stale_temporaries(path)


def save_campaign(campaign: Campaign, path: Path | str) -> str:
    """Save atomically, keeping the previous file as ``NAME.toml.bak``; return the digest
    of what was written. Saving through a symbolic link writes the file it points to."""
    check_file_name(path)
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    data = campaign_bytes(campaign, path)
    try:
        if path.is_dir():
            raise CampaignFileError(path, [Problem.of("problem_folder_choose")])
        if path.exists() and not path.is_file():  # a pipe would block the backup's read
            raise CampaignFileError(path, [Problem.of("problem_not_regular_choose")])
        with campaign_lock(path):
            remove_stale_temporaries(path)
            if path.exists():
                write_atomically(backup_path(path), path.read_bytes(), private=True)
            write_atomically(path, data)
        return file_digest(data)
    except FileNotFoundError:
        raise CampaignFileError(path, [Problem.of("problem_folder_missing")]) from None
    except PermissionError:
        raise CampaignFileError(path, [Problem.of("problem_write_denied")]) from None
    except OSError as error:
        full = error.errno == errno.ENOSPC
        reason = Problem.of("problem_disk_full") if full else error.strerror
        raise CampaignFileError(path, [Problem.of("problem_cannot_write", reason=reason)]) from None
