"""The ``socialroi`` command: the planning engine without the app, and the app's launcher.

socialroi [FILE] [--screen S] [--lang fr|en]   open the app
socialroi plan ...                              the reverse plan
socialroi calc FILE [--json]                    the evaluated campaign
socialroi validate FILE...                      check campaign files
socialroi new FILE [--template NAME]            create a campaign
socialroi attribute FILE [--model M]            credit channels by attribution models
socialroi workshop release|status|collect ...   hand out workbooks, see where the room is

The commands (argparse and their code) are in ``cli.commands``, imported only when one
runs: the app starts without them.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from socialroi_tui.text.words import SECTIONS, detect_language

COMMANDS = (
    "plan",
    "solve",
    "sensitivity",
    "compare",
    "ranges",
    "calc",
    "validate",
    "new",
    "import",
    "report",
    "attribute",
    "workshop",
    "serve",
)


class UsageError(Exception):
    """Bad arguments: exit code 2, one line on stderr."""


ROOM_OPTIONS = ("--room", "--trainer")
"""The app's options in a workshop served to a room (``socialroi serve`` passes them)."""


def _app_arguments(argv: list[str]) -> tuple[Path | None, str | None, str | None, dict]:
    """``[FILE] [--screen S] [--lang L]`` (and a served room's ``--room DIR --trainer T``),
    read without argparse to keep start-up fast."""
    options: dict[str, str] = {}
    room: dict[str, Path] = {}
    files: list[str] = []
    words = iter(argv)
    for word in words:
        name, equals, value = word.partition("=")
        if name in ROOM_OPTIONS:
            value = value if equals else next(words, "")
            if not value:
                raise UsageError(f"argument {name}: expected one argument")
            room[name.removeprefix("--")] = Path(value)
        elif name in ("--screen", "--lang"):
            value = value if equals else next(words, "")
            choices = SECTIONS if name == "--screen" else ("fr", "en")
            if value not in choices:
                raise UsageError(
                    f"argument {name}: invalid choice: {value!r} (choose from {', '.join(choices)})"
                )
            options[name] = value
        elif word.startswith("-"):
            raise UsageError(f"unrecognized arguments: {word}")
        else:
            files.append(word)
    if len(files) > 1:
        raise UsageError(f"unrecognized arguments: {' '.join(files[1:])}")
    path = Path(files[0]) if files else None
    return path, options.get("--screen"), options.get("--lang"), room


def version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("socialroi-tui")
    except PackageNotFoundError:
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        with _visible_output():
            from socialroi_tui.cli.commands import run

            return run(argv)
    with _visible_output():
        for word in argv:  # as with argparse, help or version wins over the other arguments
            if word in ("-h", "--help"):
                from socialroi_tui.cli.commands import app_help

                app_help()
                return 0
            if word in ("-V", "--version"):
                print(f"socialroi {version()}")
                return 0
        try:
            path, screen, lang, room = _app_arguments(argv)
        except UsageError as error:
            print(f"socialroi: {error}", file=sys.stderr)
            return 2
    from socialroi_tui.tui.launch import run_app  # imports nothing heavy before the first frame

    if lang is None and path is not None:  # the campaign's own language, then the locale
        from socialroi_tui.quicklook import campaign_language

        lang = campaign_language(path)
    return run_app(path, screen=screen, lang=detect_language(lang), **room)


class _VisibleStream:
    """A text stream whose control characters (ESC…) are written in a visible form:
    a campaign's names and a file's contents never drive the terminal."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        from socialroi_tui.text.safe import visible

        return self._stream.write(visible(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def _visible_output():
    """Everything the command line prints goes through ``text.safe.visible``."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _VisibleStream(sys.stdout), _VisibleStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


if __name__ == "__main__":
    raise SystemExit(main())
