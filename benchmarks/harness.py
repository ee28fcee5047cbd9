"""Benchmark harness: serve the production build of collab_app (and the baseline) and report.

Every benchmark uses these few pieces::

    from benchmarks.harness import served_app, served_baseline, summarize, append_results

    with served_app(cards=200) as app:          # SQLite, one worker
        app.base_url        # "http://127.0.0.1:41234"
        app.database_url    # the fresh database it serves
        app.project_id      # the bench project; app.board_path == "/projects/<id>/board"
        app.column_ids      # its 4 columns, board order
        app.card_ids        # its cards (app.hidden_ids: hidden from the client)
        app.users           # role -> email: manager, member, guest, client
        app.add_members(300)            # 300 more member accounts of the project -> emails
        app.session_token(email)        # a signed-in session (cookie ``collab_session``)
        app.add_board(cards=2000)       # another project on the same server -> BenchBoard
        app.pids()          # the server's processes (leader, granian workers), for RSS/CPU
    with served_app(cards=200, database="postgresql", redis=True, workers=2) as app: ...
    with served_app(database="postgresql", db_latency=0.05) as app: ...  # +50 ms per query
    with served_baseline() as base_url: ...     # the minimal counter app (framework floor)

    machine_description()  # CPU, cores, RAM, load, steal, OS, Python, Reflex, bun, Chromium
    summarize([12.5, 14.0, ...])  # {"n", "median", "p95", "p99", "min", "max"} in ms
    markdown_table(["a", "b"], [[1, 2]])
    append_results("Card move round-trip", table)   # benchmarks/RESULTS.md, with date + machine
    report_goal("card move p95", "<= 1.5x baseline", "1.2x (84 ms)", True)  # for `make bench`

How it serves, like production (``make build`` + ``python -m collab_app.serve``): the sources are
copied (rsync, without .git/.venv/.web/data) to ``benchmarks/.build/app`` (``BENCH_BUILD_DIR``
to move it, e.g. to /tmp), the frontend is built there once with ``reflex export`` and reused
while the sources are unchanged (a fingerprint of the copied files decides), then each
``served_app`` migrates a fresh database, seeds the demo plus a bench board (``benchmarks.seed``:
rows exactly like the board services write) and starts ``python -m collab_app.serve`` (the
backend serving the compiled frontend on one port). The built frontend names its backend
``localhost:<port>``, so a build serves on the port it was built for; one server at a time.

Databases: SQLite in a temporary folder; PostgreSQL database ``collab_bench``
(``BENCH_PG_ADMIN`` = admin URL, default ``postgresql://postgres@127.0.0.1:5432/postgres``);
Redis db 9 (``BENCH_REDIS_URL``), emptied at start. ``workers`` > 1 needs ``redis=True``.

Goals: each benchmark calls :func:`report_goal` for each goal; ``python -m benchmarks.run_all``
(``make bench``) collects them into the final "goal / measured / met?" table.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from testkit.served import free_port, http_get

REPO_ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = REPO_ROOT / "benchmarks"
BUILD_ROOT = Path(os.environ.get("BENCH_BUILD_DIR", BENCH_DIR / ".build"))
RESULTS_PATH = Path(os.environ.get("BENCH_RESULTS", BENCH_DIR / "RESULTS.md"))
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "collab_bench"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SESSION_COOKIE = "collab_session"
START_TIMEOUT = 180.0
BUILD_TIMEOUT = 900.0
# What the app build copies (and fingerprints); everything else of the repository is left out.
_APP_EXCLUDES = (
    ".git",
    ".venv",
    ".web",
    ".jsrt",
    "data",
    "test-artifacts",
    "benchmarks",
    "tests",
    "docs",
    "*.egg-info",
    "__pycache__",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    ".states",
    ".bench-build.json",
)
# The baseline has no lock file of its own: keep the one its first build wrote.
_BASELINE_EXCLUDES = (".web", "__pycache__", ".states", "data", "reflex.lock", ".bench-build.json")


# --- pure helpers ----------------------------------------------------------------------------


def percentile(samples: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least ``q`` % of samples <= it.

    Args:
        samples: The values (any order, at least one).
        q: 0-100.

    Returns:
        One of the samples.
    """
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summarize(samples_ms: Sequence[float]) -> dict[str, float]:
    """Summary of timings in milliseconds.

    Args:
        samples_ms: The measured values (at least one).

    Returns:
        ``n``, ``median``, ``p95``, ``p99``, ``min``, ``max``.
    """
    if not samples_ms:
        raise ValueError("no samples")
    ordered = sorted(float(s) for s in samples_ms)
    n = len(ordered)
    middle = n // 2
    median = ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return {
        "n": n,
        "median": median,
        "p95": percentile(ordered, 95),
        "p99": percentile(ordered, 99),
        "min": ordered[0],
        "max": ordered[-1],
    }


def fmt_ms(value: float) -> str:
    """``12.3`` -> ``"12.3 ms"`` (one decimal below 100 ms, none above)."""
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def ratio(value: float, base: float) -> str:
    """``value / base`` as ``"1.23x"`` (``"n/a"`` when the base is not positive)."""
    return f"{value / base:.2f}x" if base > 0 else "n/a"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; ``|`` inside a cell is escaped.

    Args:
        headers: Column titles.
        rows: One sequence of cells per row, as many as headers.

    Returns:
        The table, one line per row, ending with a newline.
    """

    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row {row!r} has {len(row)} cells, expected {len(headers)}")
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def summary_row(label: str, stats: dict[str, float], base: dict[str, float] | None) -> list[str]:
    """A table row: label, n, median, p95, p99, and the ratios to a baseline's median and p95."""
    row = [label, str(int(stats["n"])), fmt_ms(stats["median"]), fmt_ms(stats["p95"])]
    row.append(fmt_ms(stats["p99"]))
    if base is None:
        return [*row, "1.00x", "1.00x"]
    return [*row, ratio(stats["median"], base["median"]), ratio(stats["p95"], base["p95"])]


SUMMARY_HEADERS = ["measure", "n", "median", "p95", "p99", "median / baseline", "p95 / baseline"]


# --- results ---------------------------------------------------------------------------------


def _read(path: str) -> str:
    with contextlib.suppress(OSError):
        return Path(path).read_text(errors="replace")
    return ""


def cpu_time_mark() -> tuple[int, int]:
    """The host's CPU time so far, in ticks: (stolen by the hypervisor, all), from /proc/stat.

    On a virtual machine the hypervisor may run other guests on our cores ("steal"): a run
    whose cores were partly taken serves slower without the app's CPU time growing, so every
    result names the share that was taken (zeros where /proc/stat is missing).

    Returns:
        ``(steal, total)`` over every core since boot.
    """
    fields = _read("/proc/stat").split("\n", 1)[0].split()
    if len(fields) < 9 or fields[0] != "cpu":
        return 0, 0
    # user nice system idle iowait irq softirq steal (guest time is already inside user).
    ticks = [int(value) for value in fields[1:9]]
    return ticks[7], sum(ticks)


def steal_percent(since: tuple[int, int], until: tuple[int, int] | None = None) -> float | None:
    """Share of the host's CPU time the hypervisor took between two :func:`cpu_time_mark`.

    Args:
        since: The mark at the start.
        until: The mark at the end (now when None).

    Returns:
        A percentage, or None when nothing was measured.
    """
    end = until or cpu_time_mark()
    total = end[1] - since[1]
    return 100 * (end[0] - since[0]) / total if total > 0 else None


# Marked when a benchmark script starts: its results name the steal over the whole script.
_SCRIPT_STARTED = cpu_time_mark()


def _version(command: list[str]) -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    return "?"


def machine_description() -> str:
    """One line: CPU model, cores, RAM, load and steal, OS, Python, Reflex, bun, Chromium."""
    from importlib.metadata import PackageNotFoundError, version

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    mem_kb = next(
        (
            int(line.split()[1])
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        0,
    )
    os_name = next(
        (
            line.split("=", 1)[1].strip('"')
            for line in _read("/etc/os-release").splitlines()
            if line.startswith("PRETTY_NAME=")
        ),
        platform.system(),
    )
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    steal = steal_percent(_SCRIPT_STARTED)
    stolen = "" if steal is None else f", hypervisor steal {steal:.0f} % of CPU time during the run"
    try:
        reflex_version = version("reflex")
    except PackageNotFoundError:
        reflex_version = "?"
    bun = REPO_ROOT / ".jsrt" / "node_modules" / ".bin" / "bun"
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem_kb / 1024 / 1024:.1f} GiB RAM, "
        f"load {load[0]:.2f}/{load[1]:.2f}/{load[2]:.2f}{stolen}; "
        f"{os_name} ({platform.release()}); "
        f"Python {platform.python_version()}, Reflex {reflex_version}, "
        f"bun {_version([str(bun), '--version'])}, {_version([CHROMIUM_PATH, '--version'])}"
    )


def append_results(title: str, table_markdown: str, notes: str = "") -> None:
    """Append a dated section to ``benchmarks/RESULTS.md`` (``BENCH_RESULTS`` to redirect).

    Args:
        title: Section title, e.g. "Card move round-trip (200 cards)".
        table_markdown: The figures (see :func:`markdown_table`).
        notes: Optional text after the table (method, caveats).
    """
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    path = Path(os.environ.get("BENCH_RESULTS", RESULTS_PATH))
    if not path.exists():
        path.write_text(
            "# Benchmark results\n\nAppended by the scripts of `benchmarks/` (`make bench`); "
            "newest last. See `benchmarks/README.md` for what each figure measures.\n"
        )
    text = f"\n## {title}\n\n{stamp} · {machine_description()}\n\n{table_markdown.rstrip()}\n"
    if notes:
        text += f"\n{notes.rstrip()}\n"
    with path.open("a") as handle:
        handle.write(text)


def report_goal(name: str, goal: str, measured: str, met: bool | None, cause: str = "") -> None:
    """Record one goal's outcome for ``make bench``'s summary (and print it).

    Writes a JSON line to ``BENCH_GOALS_FILE`` when the runner set it.

    Args:
        name: What is measured, e.g. "card move round-trip p95 (200 cards)".
        goal: The target, e.g. "<= 1.5x baseline".
        measured: The figure, e.g. "1.21x (88 ms vs 73 ms)".
        met: True, False, or None when it could not be measured.
        cause: When not met, the gap's cause in figures measured by the same run (shown in
            the summary).
    """
    verdict = {True: "met", False: "NOT met", None: "not measured"}[met]
    because = f" (measured cause: {cause})" if cause and met is not True else ""
    print(f"goal: {name}: {goal}; measured {measured}: {verdict}{because}", flush=True)
    target = os.environ.get("BENCH_GOALS_FILE")
    if target:
        record = {"name": name, "goal": goal, "measured": measured, "met": met, "cause": cause}
        with open(target, "a") as handle:
            handle.write(json.dumps(record) + "\n")


# --- building --------------------------------------------------------------------------------


@dataclass
class Build:
    """A built copy of an app: its folder and the port its frontend was built for."""

    tree: Path
    port: int
    built_now: bool


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As a server binds: connections of the previous server in TIME_WAIT do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _sync(source: Path, target: Path, excludes: Sequence[str]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    command = ["rsync", "-a", "--delete"]
    for name in excludes:
        command += ["--exclude", name]
    subprocess.run([*command, f"{source}/", f"{target}/"], check=True)


def _fingerprint(tree: Path, skip: Sequence[str]) -> str:
    """Hash of the sources a build depends on (``skip``: top-level names written by builds)."""
    digest = hashlib.sha256()
    for path in sorted(tree.rglob("*")):
        relative = path.relative_to(tree)
        if relative.parts[0] in skip or "__pycache__" in relative.parts or not path.is_file():
            continue
        digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def tool_env(port: int, database_url: str | None = None) -> dict[str, str]:
    """Environment of a build or server: bun and the venv on PATH, prod mode, the port."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    jsrt_bin = REPO_ROOT / ".jsrt" / "node_modules" / ".bin"
    env.update(
        {
            "PATH": os.pathsep.join([str(jsrt_bin), str(Path(sys.executable).parent), env["PATH"]]),
            "REFLEX_USE_SYSTEM_BUN": "1",
            "PYTHONUNBUFFERED": "1",
            "PORT": str(port),
            "HOST": "127.0.0.1",
            "REFLEX_API_URL": f"http://localhost:{port}",
            "APP_ORIGIN": f"http://127.0.0.1:{port},http://localhost:{port}",
            "REFLEX_ENV_MODE": "prod",
            "TELEMETRY_ENABLED": "false",
        }
    )
    env.pop("REFLEX_REDIS_URL", None)
    env.pop("GRANIAN_WORKERS", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _log_path(name: str) -> Path:
    logs = BUILD_ROOT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    return logs / f"{name}.log"


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(_read(str(path)).splitlines()[-lines:])


def _run_logged(command: list[str], *, cwd: Path, env: dict[str, str], log: Path) -> None:
    with log.open("a") as handle:
        handle.write(f"$ {' '.join(command)}\n")
        handle.flush()
        result = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            timeout=BUILD_TIMEOUT,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed (exit {result.returncode}):\n{_tail(log)}")


def build(kind: str = "app") -> Build:
    """Copy and build an app (``app`` = collab_app, ``baseline`` = the counter app), or reuse.

    The build is reused while the copied sources are unchanged and its port is free.

    Args:
        kind: ``app`` or ``baseline``.

    Returns:
        The built tree and its port.
    """
    if kind == "app":
        tree = BUILD_ROOT / "app"
        _sync(REPO_ROOT, tree, _APP_EXCLUDES)
    elif kind == "baseline":
        tree = BUILD_ROOT / "baseline"
        _sync(BENCH_DIR / "baseline_app", tree, _BASELINE_EXCLUDES)
    else:
        raise ValueError(f"unknown build {kind!r}")
    meta_path = tree / ".bench-build.json"
    written = (".web", "data", ".states", meta_path.name)
    fingerprint = _fingerprint(tree, written if kind == "app" else (*written, "reflex.lock"))
    meta = json.loads(_read(str(meta_path)) or "{}")
    client = tree / ".web" / "build" / "client"
    if meta.get("fingerprint") == fingerprint and client.is_dir() and _port_free(meta["port"]):
        return Build(tree, int(meta["port"]), built_now=False)
    port = free_port()
    log = _log_path(f"build-{kind}")
    log.write_text("")
    (tree / "data").mkdir(exist_ok=True)
    env = tool_env(port, f"sqlite:///{tree / 'data' / 'build.db'}" if kind == "app" else None)
    started = time.monotonic()
    print(f"[bench] building the {kind} frontend in {tree} (port {port})...", flush=True)
    meta_path.unlink(missing_ok=True)
    _run_logged(
        [sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip"],
        cwd=tree,
        env=env,
        log=log,
    )
    meta_path.write_text(json.dumps({"fingerprint": fingerprint, "port": port}))
    print(f"[bench] built {kind} in {time.monotonic() - started:.0f} s", flush=True)
    return Build(tree, port, built_now=True)


# --- serving ---------------------------------------------------------------------------------


def _ready(port: int) -> bool:
    try:
        ping = http_get(port, "/ping")
        page = http_get(port, "/")
    except OSError:
        return False
    return ping[0] == 200 and page[0] == 200 and "<html" in page[1].lower()


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc), e.g. the server and its granian workers."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        stat = _read(f"/proc/{entry.name}/stat")
        if not stat:
            continue
        # The command name may hold spaces and parentheses: fields start after the last ')'.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        if current == pid and not Path(f"/proc/{pid}").exists():
            continue
        found.append(current)
        todo.extend(children.get(current, []))
    return found


class _Server:
    """A server process in its own process group, stopped with it."""

    def __init__(self, command: list[str], *, cwd: Path, env: dict[str, str], name: str):
        self.log = _log_path(name)
        self._handle = self.log.open("w")
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=self._handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

    def wait_ready(self, port: int) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited ({self.process.returncode}); log {self.log}:\n"
                    + _tail(self.log)
                )
            if _ready(port):
                return
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"server not ready after {START_TIMEOUT:.0f} s; log {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        self._handle.close()


@dataclass
class AppUnderTest:
    """A served collab_app with a bench board (see the module docstring)."""

    base_url: str
    port: int
    database_url: str
    project_id: int
    column_ids: list[int]
    card_ids: list[int]
    hidden_ids: list[int]
    users: dict[str, str]
    workers: int
    redis_url: str | None
    _server: _Server = field(repr=False)

    @property
    def board_path(self) -> str:
        """The bench board's page."""
        return f"/projects/{self.project_id}/board"

    def _session(self):
        from sqlmodel import Session

        from collab_app.db import make_engine

        engine = make_engine(self.database_url)
        return contextlib.closing(_EngineSession(Session(engine, expire_on_commit=False), engine))

    def add_members(self, count: int) -> list[str]:
        """Create ``count`` member accounts of the bench project (for load); their emails."""
        from benchmarks import seed
        from collab_app.models import User

        with self._session() as holder:
            session = holder.session
            from sqlmodel import func, select

            start = session.exec(
                select(func.count()).where(User.email.like(f"%@{seed.BENCH_MEMBER_DOMAIN}"))
            ).one()
            return seed.add_members(session, self.project_id, count, start=start)

    def session_token(self, email: str) -> str:
        """Open a signed-in session for an account, as the sign-in form would; the token."""
        from sqlmodel import select

        from collab_app.models import User
        from collab_app.services.accounts import auth

        with self._session() as holder:
            user = holder.session.exec(select(User).where(User.email == email.lower())).one()
            return auth.start_session(holder.session, user_id=user.id)

    def cookie(self, email: str) -> dict[str, str]:
        """A Playwright cookie signing ``email`` in (``context.add_cookies([app.cookie(e)])``)."""
        return {"name": SESSION_COOKIE, "value": self.session_token(email), "url": self.base_url}

    def add_board(self, cards: int, name: str | None = None):
        """Seed another project with ``cards`` cards on the running server's database."""
        from benchmarks import seed

        with self._session() as holder:
            return seed.seed_board(holder.session, cards=cards, name=name)

    def pids(self) -> list[int]:
        """The server's processes: ``collab_app.serve`` and its workers (for RSS and CPU)."""
        return process_tree(self._server.process.pid)

    def stop(self) -> None:
        """Stop the server (also done when leaving ``served_app``)."""
        self._server.stop()


@dataclass
class _EngineSession:
    session: object
    engine: object

    def close(self) -> None:
        self.session.close()
        self.engine.dispose()


def _fresh_database(database: str, folder: Path) -> str:
    if database == "sqlite":
        return f"sqlite:///{folder / 'bench.db'}"
    if database not in ("postgresql", "postgres"):
        raise ValueError(f"database must be 'sqlite' or 'postgresql', not {database!r}")
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    host = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{host}/{PG_DATABASE}"


def _create_schema(
    manage: list[str], tree: Path, env: dict[str, str], log: Path, database_url: str
) -> None:
    """Migrate; while the migrations lag behind the models (work in progress), use the models."""
    check = subprocess.run(
        [*manage, "check-migrations"], cwd=tree, env=env, capture_output=True, check=False
    )
    if check.returncode == 0:
        _run_logged([*manage, "migrate"], cwd=tree, env=env, log=log)
        return
    print("[bench] the migrations lag behind the models: schema created from the models")
    from sqlmodel import SQLModel

    import collab_app.models  # noqa: F401 - registers every table
    from collab_app.db import make_engine

    engine = make_engine(database_url)
    try:
        SQLModel.metadata.create_all(engine)
    finally:
        engine.dispose()


def _forget_tab_states(tree: Path) -> None:
    """Remove the tab states earlier runs left in the build (Reflex's disk state manager).

    They belong to sessions of databases that no longer exist, and Reflex stats every file of
    that folder after each write cycle: 14,000 files left by earlier runs took 10 % of the
    server's time in a card-move profile. A served app starts like a fresh install.
    """
    shutil.rmtree(tree / ".states", ignore_errors=True)


def _behind_proxy(database_url: str, latency: float, stack: contextlib.ExitStack) -> str:
    """The URL of ``database_url`` through a TCP proxy adding ``latency`` s per round trip."""
    from sqlalchemy.engine import make_url

    from testkit.tcp_proxy import TcpProxy

    url = make_url(database_url)
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432), latency=latency).start()
    stack.callback(proxy.stop)
    return url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)


@contextlib.contextmanager
def served_app(
    *,
    cards: int = 200,
    workers: int = 1,
    database: str = "sqlite",
    redis: bool = False,
    db_latency: float = 0.0,
    jobs: bool = False,
) -> Iterator[AppUnderTest]:
    """Serve the production build of collab_app on a fresh DB holding one board of ``cards``.

    Args:
        cards: Cards on the bench board.
        workers: Backend worker processes (more than one needs ``redis``).
        database: ``sqlite`` or ``postgresql`` (database ``collab_bench``, recreated).
        redis: Keep the states in Redis (``BENCH_REDIS_URL``, emptied first).
        db_latency: PostgreSQL only: the server reaches its database through a TCP proxy
            (``testkit/tcp_proxy.py``) adding this many seconds to every round trip; seeding
            and ``app.database_url`` stay direct.
        jobs: Keep the app's periodic jobs (``JOBS_INTERVAL_SECONDS``). Off by default: their
            first pass, 5 s after start, writes the due-date notifications of every seeded card
            and lands in the measured window (30 % of the server's CPU in a card-move
            saturation profile, and SQLite's write lock held against the moves), a start-up
            cost that a benchmark of events would charge to them.

    Yields:
        The running app.
    """
    if workers > 1 and not redis:
        raise ValueError("several workers share states through Redis: pass redis=True")
    if db_latency and database == "sqlite":
        raise ValueError("db_latency needs a database reached over TCP: database='postgresql'")
    built = build("app")
    if not _port_free(built.port):
        raise RuntimeError(f"port {built.port} of the build is busy: is another server running?")
    with tempfile.TemporaryDirectory(prefix="collab-bench-") as folder:
        database_url = _fresh_database(database, Path(folder))
        env = tool_env(built.port, database_url)
        env["GRANIAN_WORKERS"] = str(workers)
        if not jobs:
            env["JOBS_INTERVAL_SECONDS"] = "0"
        redis_url = None
        if redis:
            import redis as redis_lib

            redis_url = REDIS_URL
            redis_lib.Redis.from_url(redis_url).flushdb()
            env["REFLEX_REDIS_URL"] = redis_url
        log = _log_path("app-setup")
        log.write_text("")
        manage = [sys.executable, "-m", "collab_app.manage"]
        _create_schema(manage, built.tree, env, log, database_url)
        _run_logged([*manage, "seed-if-empty"], cwd=built.tree, env=env, log=log)
        from benchmarks import seed
        from collab_app.db import make_engine

        engine = make_engine(database_url)
        try:
            from sqlmodel import Session

            with Session(engine, expire_on_commit=False) as session:
                board = seed.seed_board(session, cards=cards)
        finally:
            engine.dispose()
        _forget_tab_states(built.tree)
        stack = contextlib.ExitStack()
        if db_latency:
            env["DATABASE_URL"] = _behind_proxy(database_url, db_latency, stack)
        server = _Server(
            [sys.executable, "-m", "collab_app.serve"], cwd=built.tree, env=env, name="app-server"
        )
        try:
            server.wait_ready(built.port)
            yield AppUnderTest(
                base_url=f"http://127.0.0.1:{built.port}",
                port=built.port,
                database_url=database_url,
                project_id=board.project_id,
                column_ids=board.column_ids,
                card_ids=board.card_ids,
                hidden_ids=board.hidden_ids,
                users=dict(seed.ROLE_EMAILS),
                workers=workers,
                redis_url=redis_url,
                _server=server,
            )
        finally:
            server.stop()
            stack.close()


_BASELINE_SERVE = (
    "import os; os.environ['__REFLEX_SKIP_COMPILE'] = 'true'; "
    "from reflex.utils.exec import run_backend_prod; "
    "run_backend_prod('127.0.0.1', int(os.environ['PORT']), mount_frontend_compiled_app=True)"
)


@contextlib.contextmanager
def served_baseline() -> Iterator[str]:
    """Serve the minimal counter app (``benchmarks/baseline_app``) like collab_app is served.

    Yields:
        Its origin, e.g. ``http://127.0.0.1:41235``; the page ``/`` has ``#count`` and
        ``#increment``.
    """
    built = build("baseline")
    if not _port_free(built.port):
        raise RuntimeError(f"port {built.port} of the baseline build is busy")
    env = tool_env(built.port)
    _forget_tab_states(built.tree)
    server = _Server(
        [sys.executable, "-c", _BASELINE_SERVE], cwd=built.tree, env=env, name="baseline-server"
    )
    try:
        server.wait_ready(built.port)
        yield f"http://127.0.0.1:{built.port}"
    finally:
        server.stop()


# --- browser ---------------------------------------------------------------------------------


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium, headless, with the browser tests' arguments (a Playwright Browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM_PATH).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM_PATH} (set CHROMIUM_PATH)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()
