"""Run a command in a pseudo-terminal and time it until a marker shows on screen."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass

from benchmarks.screen import peak_memory_mb


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    output: bytes


def drain(fd: int, seconds: float) -> None:
    """Read and drop what the app writes to the terminal for ``seconds``."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                return


def time_to_marker(
    argv: list[str],
    marker: bytes,
    cols: int = 80,
    rows: int = 24,
    timeout: float = 20.0,
    env: dict | None = None,
    settle: float = 0.0,
) -> Run:
    """Start ``argv`` in a pty of ``cols``×``rows``; stop the clock when ``marker`` is
    written to the terminal; keep reading for ``settle`` seconds; then end the process
    and read its peak memory."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, {**os.environ, "TERM": "xterm-256color", **(env or {})})
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    output = b""
    seconds = float("nan")
    deadline = start + timeout
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if marker in output:
                seconds = time.perf_counter() - start
                break
    drain(fd, settle)
    memory = peak_memory_mb(pid)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return Run(seconds, memory, output)
