"""An app in a pseudo-terminal, its output fed to a terminal emulator (pyte): what the
user's terminal shows, read from outside the process."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable

import pyte

KEY_BYTES = {
    "backspace": b"\x7f",
    "tab": b"\t",
    "enter": b"\r",
    "escape": b"\x1b",
    "left": b"\x1b[D",
    "right": b"\x1b[C",
    "ctrl+e": b"\x05",
    "ctrl+q": b"\x11",
}


class Terminal:
    """``argv`` running in a ``cols``×``rows`` pty; ``screen`` is what a terminal shows."""

    def __init__(self, argv: list[str], cols: int = 80, rows: int = 24, env=None) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.execvpe(argv[0], argv, {**os.environ, "TERM": "xterm-256color", **(env or {})})
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes_read = 0
        self.closed = False

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def read(self, timeout: float) -> bool:
        """Feed what the app wrote within ``timeout`` seconds to the screen."""
        if self.closed:
            return False
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            self.closed = True
            return False
        self.bytes_read += len(chunk)
        self.stream.feed(chunk)
        return True

    def wait_for(self, condition: Callable[[Terminal], bool], timeout: float) -> float | None:
        """The moment (``time.perf_counter()``) the screen first met ``condition``, or
        None after ``timeout`` seconds."""
        deadline = time.perf_counter() + timeout
        while not condition(self):
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or self.closed:
                return None
            self.read(min(remaining, 0.05))
        return time.perf_counter()

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> list[str]:
        """The screen once its text has not changed for ``quiet`` seconds (a blinking
        cursor changes only its style)."""
        deadline = time.perf_counter() + timeout
        shown, since = self.lines(), time.perf_counter()
        while time.perf_counter() - since < quiet and time.perf_counter() < deadline:
            self.read(0.02)
            if self.lines() != shown:
                shown, since = self.lines(), time.perf_counter()
        return shown

    def press(self, key: str) -> float:
        """Send a key as a terminal would; the moment it was sent."""
        os.write(self.fd, KEY_BYTES.get(key, key.encode()))
        return time.perf_counter()

    def close(self) -> float:
        """End the app; its peak memory in MB."""
        memory = peak_memory_mb(self.pid)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return memory


def peak_memory_mb(pid: int) -> float:
    """The peak resident memory of a running process since it started its program
    (``VmHWM``; the rusage of a forked child would count its parent's memory too)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")
