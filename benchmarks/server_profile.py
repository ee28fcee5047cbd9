"""Where a served app's CPU goes: py-spy samples of its processes, sorted by layer and by work.

The goal tables say how much CPU an event costs; this says on what, from the same run, so a
gap's cause is measured rather than remembered. A benchmark keeps its load running for a few
seconds after its measured window and samples the server meanwhile (never inside the window:
sampling pauses the sampled process about 100 times a second)::

    profile = await server_profile.record(app.pids(), seconds=10)   # None: py-spy unavailable
    profile.describe()   # "3,012 samples: database layer 54 %, app code 12 %, ..."

Each sample is one on-CPU stack of a server thread (py-spy leaves idle threads out). Its
**layer** is the owner of the innermost frame that belongs to a known package (a query's own
work inside SQLAlchemy counts as the database layer even when app code started it); its
**work** is what the thread was doing: a live refresh (``state/live.py`` or a page state's
refresh on the stack), an event handler of the app (its state's public method, a page load,
or on PostgreSQL the loop's side of a handler's queries), Reflex storing tab states (its state
manager: disk writes on a thread, Redis reads and writes), Reflex's processing of an event
around the handler (state, delta, sending), or anything else (socket.io frames, the server,
timers).
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Innermost known owner of a frame's file -> layer. Order matters: the first match wins.
_LAYERS: tuple[tuple[str, str], ...] = (
    ("sqlalchemy/", "database"),
    ("sqlmodel/", "database"),
    ("sqlite3/", "database"),
    ("psycopg", "database"),
    ("collab_app/", "app code"),
    ("baseline_app/", "app code"),
    ("reflex_base/", "Reflex"),
    ("reflex/", "Reflex"),
    ("pydantic", "Reflex"),
    ("redis/", "Redis client"),
    ("socketio/", "socket.io + server"),
    ("engineio/", "socket.io + server"),
    ("granian/", "socket.io + server"),
    ("orjson", "socket.io + server"),
    ("json/", "socket.io + server"),
)
_OTHER_LAYER = "asyncio loop, threads, native"
LAYER_ORDER = (
    "database",
    "app code",
    "Reflex",
    "Redis client",
    "socket.io + server",
    _OTHER_LAYER,
)
# "BoardState.drop_on_column (collab_app/state/board.py:526)": an event handler's frame.
_HANDLER = re.compile(r"^(\w+State)\.([a-z]\w*) \(collab_app/state/")
_FILE = re.compile(r"\(([^()]+?):\d+\)$")
LIVE = "live refreshes"
STORE = "Reflex storing tab states (disk or Redis)"
PAGE_LOADS = "page loads"
AWAITED = "handlers' awaited queries"
_REFRESH = "PageState._live_refresh (collab_app/"
_PAGE_LOAD = "page_load.<locals>.load (collab_app/"
_HANDLER_WRAPPERS = (
    "guarded.<locals>.wrapper (collab_app/",
    "with_async_io.<locals>.wrapper (collab_app/",
)
AROUND = "Reflex around the handlers (state, delta, sending)"
OTHER_WORK = "other (socket.io frames, server, timers)"


# Innermost frames of a thread that waits: a pool thread waiting for work, a lock, a queue.
_WAITS = (
    "_worker (concurrent/futures/thread.py:81)",
    "_worker (concurrent/futures/thread.py:83)",
    "Condition.wait (threading.py:",
    "Event.wait (threading.py:",
    "Queue.get (queue.py:",
    "EpollSelector.select (selectors.py:",
)


def _waiting(innermost: str) -> bool:
    return innermost.startswith(_WAITS)


def _layer_of(frame: str) -> str | None:
    match = _FILE.search(frame)
    path = match.group(1) if match else frame
    for marker, layer in _LAYERS:
        if marker in path:
            return layer
    return None


def _work_of(frames: Sequence[str]) -> str:
    # On PostgreSQL a handler's or a refresh's code runs in a greenlet (the asyncio bridge of
    # ``collab_app.db``): its stack starts at the handler itself, and the loop's side of the
    # same work (awaiting the driver) shows the wrapper that started it, not the handler.
    if any("collab_app/state/live.py" in f or f.startswith(_REFRESH) for f in frames):
        return LIVE
    for frame in frames:
        if match := _HANDLER.match(frame):
            return f"{match.group(1)}.{match.group(2)}"
        if frame.startswith(_PAGE_LOAD):
            return PAGE_LOADS
    if any(f.startswith(_HANDLER_WRAPPERS) for f in frames):
        return AWAITED
    if any("reflex/istate/manager/" in f for f in frames):
        return STORE
    if any("reflex_base/event/" in f or "reflex/state.py" in f for f in frames):
        return AROUND
    return OTHER_WORK


@dataclass
class Profile:
    """Samples of a server, counted by layer and by work."""

    samples: int = 0
    by_layer: Counter[str] = field(default_factory=Counter)
    by_work: Counter[str] = field(default_factory=Counter)
    # (work, layer) -> samples: e.g. how much of the handlers' time is the database layer.
    by_work_layer: Counter[tuple[str, str]] = field(default_factory=Counter)
    seconds: float = 0.0
    # Samples left out of the shares: threads showing no Python frame (the server's own
    # threads, native code: not attributable) or waiting (py-spy does not always see that a
    # thread blocked on a lock or a queue is idle: an idle pool thread made up to a third of
    # a worker's samples).
    left_out: int = 0

    def add(self, frames: Sequence[str], count: int) -> None:
        """Count one stack (outermost frame first) seen ``count`` times."""
        if not frames or _waiting(frames[-1]):
            self.left_out += count
            return
        layer = next((found for f in reversed(frames) if (found := _layer_of(f))), _OTHER_LAYER)
        work = _work_of(frames)
        self.samples += count
        self.by_layer[layer] += count
        self.by_work[work] += count
        self.by_work_layer[(work, layer)] += count

    def share(self, counter: Counter, key: object) -> float:
        """``key``'s share of all samples, in percent."""
        return 100 * counter[key] / self.samples if self.samples else 0.0

    def handlers(self) -> list[tuple[str, int]]:
        """The app's event handlers seen, most samples first."""
        special = {LIVE, STORE, AROUND, OTHER_WORK}
        return [(w, n) for w, n in self.by_work.most_common() if w not in special]

    def layer_ms(self, cpu_ms: float) -> dict[str, float]:
        """Split ``cpu_ms`` (e.g. one event's CPU) by layer, in the samples' proportions."""
        return {
            layer: cpu_ms * self.by_layer[layer] / self.samples
            for layer in LAYER_ORDER
            if self.by_layer[layer]
        }

    def describe(self) -> str:
        """One line: the layers' shares, then the work's (the handlers together, the top two)."""
        if not self.samples:
            return "no sample"
        layers = ", ".join(
            f"{layer} {self.share(self.by_layer, layer):.0f} %"
            for layer in LAYER_ORDER
            if self.by_layer[layer]
        )
        handlers = self.handlers()
        in_handlers = sum(n for _, n in handlers)
        top = ", ".join(
            f"{name.split('.')[-1]} {100 * n / self.samples:.0f} %"
            for name, n in handlers[:2]
            if 100 * n / self.samples >= 1
        )
        database_in_handlers = sum(
            n
            for (work, layer), n in self.by_work_layer.items()
            if layer == "database" and work not in {LIVE, STORE, AROUND, OTHER_WORK}
        )
        works = [
            f"event handlers {100 * in_handlers / self.samples:.0f} %"
            + (
                f" ({top}; the database layer {100 * database_in_handlers / self.samples:.0f} %)"
                if handlers
                else ""
            ),
            f"{LIVE} {self.share(self.by_work, LIVE):.0f} %",
            f"{STORE} {self.share(self.by_work, STORE):.0f} %",
            f"{AROUND} {self.share(self.by_work, AROUND):.0f} %",
            f"{OTHER_WORK} {self.share(self.by_work, OTHER_WORK):.0f} %",
        ]
        left_out = (
            f" (and {self.left_out:,} of threads waiting or without a Python frame, left out)"
            if self.left_out
            else ""
        )
        return (
            f"py-spy, {self.samples:,} samples in {self.seconds:g} s after the measure"
            f"{left_out}: by layer {layers}; by work {', '.join(works)}"
        )


def parse(lines: Iterable[str], profile: Profile | None = None) -> Profile:
    """Count py-spy's raw (collapsed) output: ``frame;frame;... count`` per line."""
    profile = profile or Profile()
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if count.isdigit():
            # An empty stack: a thread in native code with no Python frame to show.
            profile.add(stack.split(";") if stack.strip() else [], int(count))
    return profile


def py_spy() -> str | None:
    """py-spy's executable (installed with the test dependencies), or None."""
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


async def record(pids: Sequence[int], *, seconds: float, rate: int = 100) -> Profile | None:
    """Sample ``pids`` (the server's processes) for ``seconds``; None when py-spy cannot.

    One py-spy per process, all at once. A process that has no Python frames to show (or
    has exited) adds nothing.
    """
    exe = py_spy()
    if exe is None or not pids:
        return None
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as folder:
        outputs = [Path(folder) / f"{pid}.txt" for pid in pids]
        procs = [
            await asyncio.create_subprocess_exec(
                exe,
                "record",
                "--format",
                "raw",
                "--rate",
                str(rate),
                "--duration",
                str(max(1, round(seconds))),
                "--output",
                str(out),
                "--pid",
                str(pid),
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            for pid, out in zip(pids, outputs, strict=True)
        ]
        await asyncio.gather(*(p.wait() for p in procs))
        profile = Profile(seconds=max(1, round(seconds)))
        for out in outputs:
            if out.exists():
                parse(out.read_text(errors="replace").splitlines(), profile)
    return profile if profile.samples else None
