"""Key press to frame with nothing between the bench and the app: a pseudo-terminal.

tmux adds its own round trip to every figure of bench_keys' first method (send-keys, the
terminal, capture-pane, polled): about 11-16 ms for a program that answers at once. Here the
app (``tests.bench.key_probe app``) runs in a pty the bench holds: the bench writes the key and
reads every byte the app writes. The bench answers the app's question whether the terminal
brackets frames (synchronized output, DEC mode 2026), so each frame ends in a mark the reader
sees; the probe says which frame was the first after the cursor moved. The figure: the key's
write to the read of the end of that frame.
"""

from __future__ import annotations

import bisect
import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_SUPPORTED = b"\x1b[?2026;2$y"
FRAME_END = b"\x1b[?2026l"


class PtyApp:
    """One program in a pseudo-terminal; the times at which its frames ended."""

    def __init__(self, argv: list[str], env: dict[str, str], width: int, height: int) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the program, with the pty as its terminal
            os.execve(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.frames: list[float] = []
        self._stop = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        tail = b""
        while not self._stop:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:  # the program ended
                return
            now = time.monotonic()
            seen = tail + data
            if SYNC_QUERY in seen:
                os.write(self.fd, SYNC_SUPPORTED)
            if FRAME_END in seen:
                self.frames.append(now)
            tail = seen[-(len(FRAME_END) - 1) :]

    def key(self, key: bytes) -> float:
        """Write ``key``; the monotonic time of the write."""
        sent = time.monotonic()
        os.write(self.fd, key)
        return sent

    def frame_after(self, moment: float, limit_s: float) -> float | None:
        """The end of the first frame read at or after ``moment``."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            frames = self.frames  # only grows, in time order
            at = bisect.bisect_left(frames, moment)
            if at < len(frames):
                return frames[at]
            time.sleep(0.002)
        return None

    def wait_quiet(self, quiet_s: float, limit_s: float) -> None:
        """Until no frame has ended for ``quiet_s`` (at most ``limit_s``)."""
        start = time.monotonic()
        while time.monotonic() - start < limit_s:
            last = self.frames[-1] if self.frames else start
            if time.monotonic() - last >= quiet_s:
                return
            time.sleep(0.02)

    def close(self, quit_key: bytes = b"q", limit_s: float = 15.0) -> None:
        with contextlib.suppress(OSError):
            os.write(self.fd, quit_key)
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                break
            time.sleep(0.05)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self._stop = True
        self._reader.join(2)
        os.close(self.fd)


@dataclass
class Probe:
    """The probe's lines: (cursor moved, frame handed over, refresh running)."""

    path: Path

    def lines(self) -> list[tuple[float, float, bool]]:
        if not self.path.exists():
            return []
        out = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            moved, shown, refreshing = line.split()
            out.append((float(moved), float(shown), refreshing == "1"))
        return out

    def after(self, moment: float, limit_s: float) -> tuple[float, float, bool] | None:
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            for entry in self.lines():
                if entry[0] >= moment:
                    return entry
            time.sleep(0.005)
        return None


def sample(
    app: PtyApp,
    probe: Probe,
    presses: int,
    settle_s: float,
    *,
    during_refresh: bool,
    limit_s: float = 600.0,
) -> tuple[list[float], int]:
    """Latencies (ms) of up to ``presses`` presses of j and k, and how many changed nothing
    within 5 s. With ``during_refresh``, only presses made while a refresh ran count, and the
    sampling ends with the refresh; otherwise only presses made while none ran."""
    out: list[float] = []
    lost = 0
    seen_refresh = False
    start = time.monotonic()
    i = 0
    while len(out) < presses and time.monotonic() - start < limit_s:
        time.sleep(settle_s)  # the article's preview loads after the highlight moved
        sent = app.key(b"jk"[i % 2 : i % 2 + 1])
        i += 1
        entry = probe.after(sent, 5.0)
        if entry is None:
            lost += 1
            continue
        frame = app.frame_after(entry[1], 5.0)
        if frame is None:
            lost += 1
            continue
        if entry[2] != during_refresh:
            if during_refresh and seen_refresh:
                break  # the refresh ended
            continue
        seen_refresh = seen_refresh or entry[2]
        out.append((frame - sent) * 1000)
    return out, lost
