"""Keystroke → updated frame, and bytes written per keystroke, against a bare Input.

Both apps run in an 80×24 pseudo-terminal with a probe at the frame (benchmarks.probe):
the time from the app receiving a key to the last write of the frame that follows it,
and the bytes written to the terminal for that key (what an SSH link carries). The
cursor does not blink during the run, so that only keystrokes cause writes.

The floor is a bare Textual Input that only echoes the key. socialroi gets the same keys
in the budget calculator's CTR field, which holds ``2 %``, typed just after the ``2``:
``2,5 %``, ``2,57 %`` and back, so that keys change the figures; then ``%`` alone (not a
number: the figures stay, marked stale) and ``2 %`` again. The bare Input starts from the
same ``2 %``. The same keys go to a step rate of the funnel editor, where every stage
after it is recomputed.
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
    "left": b"\x1b[D",
}
INTO_THE_BARE_INPUT = ["2", " ", "%", "left", "left"]
SCENARIOS = [
    # From the mode selector to the CTR field (``2 %``), cursor just after the ``2``.
    ("socialroi budget, CTR field", "budget", ["tab", "tab", "tab", "ctrl+e", "left", "left"]),
    # To the second stage's step rate (``10 %``), cursor just after the ``10``.
    ("socialroi funnel, a step rate", "funnel", ["tab"] * 6 + ["ctrl+e", "left", "left"]),
]
WINDOW = 0.1
"""Writes more than this long after a key belong to something else (keys are 120 ms apart)."""
TYPED = [",", "5", "7", "backspace", "backspace", "backspace", "backspace", "2"]


def run_probe(screen: str | None, setup_keys: list[str], cycles: int) -> list:
    """Type into the bare app (``screen`` None) or into socialroi on ``screen``."""
    with tempfile.TemporaryDirectory() as folder:
        trace = Path(folder) / "trace.json"
        argv = [sys.executable, "-m", "benchmarks.probe", str(trace)]
        if screen is None:
            argv.append("bare")
        else:
            campaign = Path(folder) / "seed-000.toml"
            campaign.write_bytes(SAMPLE.read_bytes())
            argv += ["socialroi", str(campaign), "--screen", screen, "--lang", "fr"]
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(ROOT)
            os.execvpe(argv[0], argv, {**os.environ, "TERM": "xterm-256color"})
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        drain(fd, 2.5)
        for key in setup_keys:
            os.write(fd, KEY_BYTES.get(key, key.encode()))
            drain(fd, 0.3)
        for _ in range(cycles):
            for key in TYPED:
                os.write(fd, KEY_BYTES.get(key, key.encode()))
                drain(fd, 0.12)
        os.write(fd, b"\x1b")  # leave the field, then quit without saving
        drain(fd, 0.3)
        os.write(fd, KEY_BYTES["ctrl+q"])
        drain(fd, 0.5)
        os.write(fd, b"\x1b[C\r")  # "Discard" if asked
        drain(fd, 1.0)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
        return json.loads(trace.read_text()) if trace.exists() else []


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
    bare_latency, bare_bytes = per_key(run_probe(None, INTO_THE_BARE_INPUT, cycles), typed)
    if not bare_latency:
        print("keystrokes: no trace recorded")
        return
    print(f"keystroke -> updated frame, {typed} keys typed in an 80x24 pty:")
    _report("bare Textual Input (echo only)", bare_latency, bare_bytes)
    for name, screen, setup in SCENARIOS:
        latencies, sizes = per_key(run_probe(screen, setup, cycles), typed)
        if len(latencies) < typed:
            print(f"  {name}: {typed - len(latencies)} keys drew no frame")
        if not latencies:
            continue
        _report(name, latencies, sizes)
        ratio = _p95(latencies) / _p95(bare_latency)
        print(f"  {'':32s} p95 {ratio:.2f}x the bare Input's (target <= 1.5x, and <= 16.7 ms)")
