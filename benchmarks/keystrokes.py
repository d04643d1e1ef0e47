"""Keystroke → updated frame, and bytes written per keystroke, against a bare Input.

Both apps run in an 80×24 pseudo-terminal with a probe at the frame (benchmarks.probe):
the time from the app receiving a key to the last write of the frame that follows it,
and the bytes written to the terminal for that key (what an SSH link carries). The
cursor does not blink during the run, so that only keystrokes cause writes.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_campaigns" / "seed-000.toml"
KEY_BYTES = {"backspace": b"\x7f", "tab": b"\t", "ctrl+q": b"\x11", "ctrl+e": b"\x05"}
WINDOW = 0.1
"""Writes more than this long after a key belong to something else (keys are 120 ms apart)."""
TYPED = ["2", ",", "5", " ", "%", "backspace", "backspace", "backspace", "backspace", "backspace"]


def _drain(fd: int, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                return


def run_probe(which: str, setup_keys: list[str], cycles: int) -> list:
    with tempfile.TemporaryDirectory() as folder:
        trace = Path(folder) / "trace.json"
        argv = [sys.executable, "-m", "benchmarks.probe", str(trace), which]
        if which == "socialroi":
            campaign = Path(folder) / "seed-000.toml"
            campaign.write_bytes(SAMPLE.read_bytes())
            argv += [str(campaign), "--screen", "budget", "--lang", "fr"]
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(ROOT)
            os.execvpe(argv[0], argv, {**os.environ, "TERM": "xterm-256color"})
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        _drain(fd, 2.5)
        for key in setup_keys:
            os.write(fd, KEY_BYTES.get(key, key.encode()))
            _drain(fd, 0.3)
        for _ in range(cycles):
            for key in TYPED:
                os.write(fd, KEY_BYTES.get(key, key.encode()))
                _drain(fd, 0.12)
        os.write(fd, b"\x1b")  # leave the field, then quit without saving
        _drain(fd, 0.3)
        os.write(fd, KEY_BYTES["ctrl+q"])
        _drain(fd, 0.5)
        os.write(fd, b"\x1b[C\r")  # "Discard" if asked
        _drain(fd, 1.0)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
        return json.loads(trace.read_text()) if trace.exists() else []


def per_key(trace: list, typed: int) -> tuple[list[float], list[int]]:
    """Latency (key → last write before the next key) and bytes, for the last ``typed`` keys.

    A key event seen twice by the probe (once by the app, once forwarded) counts once."""
    keys = []
    for index, entry in enumerate(trace):
        if entry[0] != "key":
            continue
        if keys and trace[keys[-1]][2] == entry[2] and entry[1] - trace[keys[-1]][1] < 0.002:
            continue
        keys.append(index)
    keys = [i for i in keys if trace[i][2] not in ("escape", "ctrl+q")][-typed:]
    latencies, sizes = [], []
    for position, index in enumerate(keys):
        end = keys[position + 1] if position + 1 < len(keys) else len(trace)
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


def bench_keystrokes(cycles: int = 10) -> None:
    bare = run_probe("bare", [], cycles)
    ours = run_probe("socialroi", ["tab", "tab", "tab", "ctrl+e"], cycles)  # into the CTR field
    typed = cycles * len(TYPED)
    bare_latency, bare_bytes = per_key(bare, typed)
    our_latency, our_bytes = per_key(ours, typed)
    if not bare_latency or not our_latency:
        print("keystrokes: no trace recorded")
        return
    print(f"keystroke -> updated frame, {len(our_latency)} keys typed in an 80x24 pty:")
    print(
        f"  bare Textual Input (echo)      median {statistics.median(bare_latency) * 1000:5.1f} ms"
        f"   p95 {_p95(bare_latency) * 1000:5.1f} ms   {statistics.median(bare_bytes):6.0f} B/key"
    )
    print(
        f"  socialroi budget CTR field     median {statistics.median(our_latency) * 1000:5.1f} ms"
        f"   p95 {_p95(our_latency) * 1000:5.1f} ms   {statistics.median(our_bytes):6.0f} B/key"
        f" (max {max(our_bytes)} B)"
    )
    ratio = _p95(our_latency) / _p95(bare_latency)
    print(f"  p95 ratio {ratio:.2f}x (target <= 1.5x), p95 target <= 16.7 ms")
