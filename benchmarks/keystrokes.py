"""Keystroke → updated frame, and bytes written per keystroke, against a bare Input.

Each app runs in an 80×24 pseudo-terminal with a probe at the frame (benchmarks.probe):
the time from the app receiving a key to the last write of the frame that follows it,
and the bytes written to the terminal for that key (what an SSH link carries). The
cursor does not blink during the run, so that only keystrokes cause writes.

The floor is a bare Textual Input that only echoes the key. socialroi gets the same keys
in the budget calculator's CTR field, which holds ``2 %``, typed just after the ``2``:
``2,5 %``, ``2,57 %`` and back, so that keys change the figures; then ``%`` alone (not a
number: the figures stay, marked stale) and ``2 %`` again. The bare Input starts from the
same ``2 %``. The same keys go to the CTR field with the tornado shown (seed-000 holds
three plans: the base and two scenarios), and to a step rate of the funnel editor, where
every stage after it is recomputed.

The bare app and socialroi run side by side and get each key in turn, so that both
are measured under the same load of the machine (a busy moment slows both).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import signal
import statistics
import struct
import sys
import tempfile
import termios
from pathlib import Path

from benchmarks.terminal import drain

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_campaigns" / "seed-000.toml"
KEY_BYTES = {
    "backspace": b"\x7f",
    "tab": b"\t",
    "ctrl+q": b"\x11",
    "ctrl+e": b"\x05",
    "ctrl+t": b"\x14",
    "left": b"\x1b[D",
    "escape": b"\x1b",
    "discard": b"\x1b[C\r",
}
INTO_THE_BARE_INPUT = ["2", " ", "%", "left", "left"]
SCENARIOS = [
    # From the mode selector to the CTR field (``2 %``), cursor just after the ``2``.
    ("socialroi budget, CTR field", "budget", ["tab", "tab", "tab", "ctrl+e", "left", "left"]),
    # The same, the tornado of the budget shown below (each key works it out again; the
    # split's bars come first), in seed-000 with its two scenarios beside the base plan.
    (
        "socialroi budget, tornado shown",
        "budget",
        ["ctrl+t", "ctrl+t", "tab", "tab", "tab", "ctrl+e", "left", "left"],
    ),
    # To the second stage's step rate (``10 %``), cursor just after the ``10``.
    ("socialroi funnel, a step rate", "funnel", ["tab"] * 6 + ["ctrl+e", "left", "left"]),
]
WINDOW = 0.1
"""Writes more than this long after a key belong to something else (keys are 120 ms apart)."""
TYPED = [",", "5", "7", "backspace", "backspace", "backspace", "backspace", "2"]


class TypingSession:
    """One app in an 80×24 pty, with the probe; ``close`` quits it and gives its trace."""

    def __init__(self, folder: Path, screen: str | None) -> None:
        self.trace_path = folder / f"trace-{screen or 'bare'}.json"
        argv = [sys.executable, "-m", "benchmarks.probe", str(self.trace_path)]
        if screen is None:
            argv.append("bare")
        else:
            campaign = folder / f"seed-000-{screen}.toml"
            campaign.write_bytes(SAMPLE.read_bytes())
            argv += ["socialroi", str(campaign), "--screen", screen, "--lang", "fr"]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(ROOT)
            os.execvpe(argv[0], argv, {**os.environ, "TERM": "xterm-256color"})
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def press(self, key: str, settle: float) -> None:
        os.write(self.fd, KEY_BYTES.get(key, key.encode()))
        drain(self.fd, settle)

    def close(self) -> list:
        self.press("escape", 0.3)  # leave the field, then quit without saving
        self.press("ctrl+q", 0.5)
        self.press("discard", 1.0)  # "Discard" if asked
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return json.loads(self.trace_path.read_text()) if self.trace_path.exists() else []


def run_side_by_side(screen: str, setup_keys: list[str], cycles: int) -> tuple[list, list]:
    """Type the same keys into the bare app and into socialroi on ``screen``, in turn;
    each app gets a key every 120 ms. Returns both traces."""
    with tempfile.TemporaryDirectory() as folder:
        bare, app = TypingSession(Path(folder), None), TypingSession(Path(folder), screen)
        for session in (bare, app):
            drain(session.fd, 2.5)
        for key in INTO_THE_BARE_INPUT:
            bare.press(key, 0.3)
        for key in setup_keys:
            app.press(key, 0.3)
        for _ in range(cycles):
            for key in TYPED:
                bare.press(key, 0.06)
                app.press(key, 0.06)
        return bare.close(), app.close()


def per_key(trace: list, typed: int) -> tuple[list[float], list[int]]:
    """Latency (key → last write before the next key) and bytes, for the ``typed`` keys
    before the Escape that ends the typing."""
    keys = [index for index, entry in enumerate(trace) if entry[0] == "key"]
    names = [trace[index][2] for index in keys]
    typing_ends = names.index("escape") if "escape" in names else len(keys)
    latencies, sizes = [], []
    for position in range(max(typing_ends - typed, 0), typing_ends):
        index, end = keys[position], keys[position + 1] if position + 1 < len(keys) else None
        writes = [
            entry
            for entry in trace[index + 1 : end]
            if entry[0] == "write" and entry[1] - trace[index][1] < WINDOW
        ]
        if not writes:
            continue
        latencies.append(writes[-1][1] - trace[index][1])
        sizes.append(sum(entry[2] for entry in writes))
    return latencies, sizes


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def _report(name: str, latencies: list[float], sizes: list[int]) -> None:
    print(
        f"  {name:32s} median {statistics.median(latencies) * 1000:5.1f} ms"
        f"   p95 {_p95(latencies) * 1000:5.1f} ms   {statistics.median(sizes):6.0f} B/key"
        f" (max {max(sizes)} B)"
    )


def bench_keystrokes(cycles: int = 25) -> None:
    typed = cycles * len(TYPED)
    print(f"keystroke -> updated frame, {typed} keys typed in an 80x24 pty:")
    for name, screen, setup in SCENARIOS:
        bare_trace, app_trace = run_side_by_side(screen, setup, cycles)
        bare_latency, bare_bytes = per_key(bare_trace, typed)
        latencies, sizes = per_key(app_trace, typed)
        if not bare_latency or not latencies:
            print(f"  {name}: no trace recorded")
            continue
        for label, measured in (("bare Textual Input", bare_latency), (name, latencies)):
            if len(measured) < typed:
                print(f"  {label}: {typed - len(measured)} keys drew no frame")
        _report("bare Textual Input (echo only)", bare_latency, bare_bytes)
        _report(name, latencies, sizes)
        ratio = _p95(latencies) / _p95(bare_latency)
        print(f"  {'':32s} p95 {ratio:.2f}x the bare Input's (target <= 1.5x, and <= 16.7 ms)")
