"""Shared pieces of the socket-level benchmarks (concurrent users, live propagation, memory, bytes).

Every simulated tab is a :class:`testkit.reflex_ws.ReflexWsClient` (the app's one
socket.io client, speaking Reflex 0.10's protocol like the browser). A "move" is what the
browser sends for a drag-and-drop of a card onto a column: one ``drop_on_column(column_id,
task_id, version)`` carrying the card's version at pick-up; its latency runs from sending it
until its update arrived (the client's marker event proves nothing is still pending).

Also here: reading the board a tab holds (whatever the board state's var layout), process CPU
and RSS from ``/proc``, and percentiles.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import random
import statistics
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from testkit.reflex_ws import ReflexWsClient, event_name, mint_session

BOARD_STATE_SUFFIX = "____board_state"
TEAM_EMAILS = ("alice@atelier-nord.example", "bruno@atelier-nord.example")


def board_event(handler: str) -> str:
    """Wire name of a ``BoardState`` handler (imported lazily: it pulls in Reflex)."""
    from collab_app.state.board import BoardState

    return event_name(BoardState, handler)


def task_event(handler: str) -> str:
    """Wire name of a ``TaskState`` handler (the task page).

    Call it once before starting tasks that use it: importing the state registers it in a
    context variable that tasks created earlier would not see.
    """
    from collab_app.state.task import TaskState

    return event_name(TaskState, handler)


def move_dialog_event(handler: str) -> str:
    """Wire name of a handler of the board's "Move to…" dialog (``BoardMoveState``)."""
    from collab_app.state.board_move import BoardMoveState

    return event_name(BoardMoveState, handler)


def board_vars(client: ReflexWsClient) -> dict[str, Any]:
    """The board state's vars as the tab holds them (wire suffix removed)."""
    for name, values in client.state.items():
        if name.endswith(BOARD_STATE_SUFFIX):
            return {k.removesuffix("_rx_state_"): v for k, v in values.items()}
    return {}


def board_layout(client: ReflexWsClient) -> dict[int, list[int]]:
    """Column id -> the card ids the tab shows in it, in order.

    Reads either layout of the board state: one ``columns`` list holding each column's cards, or
    column metadata plus per-column card-id slots (``col_cards_<i>``).
    """
    values = board_vars(client)
    layout: dict[int, list[int]] = {}
    for index, column in enumerate(values.get("columns") or []):
        if "cards" in column:
            layout[int(column["id"])] = [int(card["id"]) for card in column["cards"]]
        else:
            layout[int(column["id"])] = [int(i) for i in values.get(f"col_cards_{index}") or []]
    return layout


def card_version(client: ReflexWsClient, task_id: int) -> int:
    """The version of a card as the tab shows it (what the browser's drop sends), or 0."""
    values = board_vars(client)
    for index in range(len(values.get("columns") or [])):
        ids = [int(i) for i in values.get(f"col_cards_{index}") or []]
        if task_id in ids:
            return int((values.get(f"col_versions_{index}") or [])[ids.index(task_id)])
    return 0


def card_column(layout: dict[int, list[int]], task_id: int) -> int | None:
    """The column a card is shown in, or None."""
    for column_id, ids in layout.items():
        if task_id in ids:
            return column_id
    return None


async def _timed_navigation(client: ReflexWsClient, path: str, kind: str) -> MoveResult:
    started = time.perf_counter()
    await client.navigate(path, timeout=30)
    return MoveResult(time.perf_counter() - started, kind=kind)


@dataclass
class MoveResult:
    """One step: its latency (seconds), any refusal, the bytes it cost and its kind.

    ``kind``: ``move``, ``task page``, ``comment`` or ``board page`` (the realistic load's steps).
    """

    latency: float
    error: str = ""
    bytes_received: int = 0
    kind: str = "move"


async def move_card(client: ReflexWsClient, task_id: int, column_id: int) -> MoveResult:
    """Drag a card onto a column, as the browser does, and wait for the result.

    Returns:
        Latency and any error text the app showed (a toast or the form error).
    """
    version = card_version(client, task_id)
    start = time.perf_counter()
    updates = await client.call(
        board_event("drop_on_column"),
        {"column_id": column_id, "task_id": task_id, "version": version},
    )
    latency = time.perf_counter() - start
    error = ""
    for update in updates:
        for event in update.events:
            text = str(event)
            if "toast" in text and "error" in text:
                error = text[:200]
        form_error = update.value(BOARD_STATE_SUFFIX.lstrip("_"), "form_error")
        if form_error:
            error = str(form_error)
    # The client's marker event's own update is not counted (``call`` leaves it out).
    return MoveResult(latency, error, sum(update.size for update in updates))


@contextlib.contextmanager
def tabs_out_of_gc() -> Iterator[None]:
    """Keep the open tabs out of this process's garbage collections while a load runs.

    The load generator holds hundreds of tabs' pages (a board each); a full collection scans
    them all while every tab's clock runs, which a browser, one process per tab, never does.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


async def connect_many(
    base_url: str,
    tokens: Sequence[str],
    path: str,
    *,
    parallel: int = 10,
    timeout: float = 60.0,
    keep_history: bool = True,
) -> list[ReflexWsClient]:
    """Open one tab per session token on ``path``, ``parallel`` at a time.

    Args:
        base_url: The app's origin.
        tokens: One session token per tab.
        path: The page every tab opens.
        parallel: How many tabs connect at once.
        timeout: Seconds each tab may take to load its page.
        keep_history: Whether the tabs keep every update (see ``ReflexWsClient``); a load of
            hundreds of tabs turns it off.

    Returns:
        The connected clients, in the order of ``tokens``.
    """
    gate = asyncio.Semaphore(parallel)
    clients = [
        ReflexWsClient(base_url, session_token=token, keep_history=keep_history) for token in tokens
    ]

    async def one(client: ReflexWsClient) -> None:
        async with gate:
            await client.connect(path, timeout=timeout)

    await asyncio.gather(*(one(c) for c in clients))
    return clients


async def close_all(clients: Iterable[ReflexWsClient]) -> None:
    """Close every tab (errors ignored: the server may already be gone)."""
    await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)


def mint_sessions(database_url: str, count: int, emails: Sequence[str] = TEAM_EMAILS) -> list[str]:
    """Open ``count`` real sessions, cycling through team accounts (they see every card)."""
    return [mint_session(database_url, emails[i % len(emails)]) for i in range(count)]


@dataclass
class SharedBoard:
    """A board of the served app and the signed-in members who will open it."""

    path: str
    card_ids: list[int]
    column_ids: list[int]
    tokens: list[str]


def shared_boards(app: Any, *, boards: int, users_per_board: int, cards: int) -> list[SharedBoard]:
    """Seed ``boards`` boards of ``cards`` cards, each with its own members, signed in.

    The harness's bench board is the first; the others are added on the same server.

    Args:
        app: The harness's ``AppUnderTest``.
        boards: How many boards.
        users_per_board: Members per board (each gets a real session).
        cards: Cards per added board (the first has what ``served_app`` seeded).

    Returns:
        The boards with their members' session tokens.
    """
    from sqlmodel import select

    from benchmarks import seed
    from collab_app.models import User
    from collab_app.services.accounts import auth

    found = [SharedBoard(app.board_path, list(app.card_ids), list(app.column_ids), [])]
    for _ in range(boards - 1):
        extra = app.add_board(cards=cards)
        found.append(SharedBoard(extra.board_path, extra.card_ids, extra.column_ids, []))
    with app._session() as holder:
        session = holder.session
        start = 0
        for board in found:
            project_id = int(board.path.split("/")[2])
            emails = seed.add_members(session, project_id, users_per_board, start=start)
            start += users_per_board
            ids = dict(
                session.exec(select(User.email, User.id).where(User.email.in_(emails))).all()
            )
            board.tokens = [auth.start_session(session, user_id=ids[e]) for e in emails]
    return found


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def stats_ms(values: Sequence[float]) -> dict[str, float]:
    """Median, p95, p99 and max of latencies in seconds, as milliseconds."""
    return {
        "n": len(values),
        "median_ms": statistics.median(values) * 1000 if values else float("nan"),
        "p95_ms": percentile(values, 95) * 1000,
        "p99_ms": percentile(values, 99) * 1000,
        "max_ms": max(values) * 1000 if values else float("nan"),
    }


# --- processes ---------------------------------------------------------------------------------

_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def children_of(pid: int) -> list[int]:
    """A process and all its descendants (from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(parents.get(current, []))
    return found


def cpu_seconds(pids: Iterable[int]) -> float:
    """User + system CPU seconds used so far by these processes."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / _TICKS
    return total


def rss_bytes(pids: Iterable[int]) -> int:
    """Resident set size of these processes, summed."""
    total = 0
    for pid in pids:
        try:
            resident = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except OSError:
            continue
        total += resident * _PAGE
    return total


def baseline_pids() -> list[int]:
    """The processes of the harness's baseline counter app (found by their working folder)."""
    from benchmarks import harness

    tree = str(harness.BUILD_ROOT / "baseline")
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.readlink(entry / "cwd") == tree:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def own_cpu_seconds() -> float:
    """CPU seconds used by this (load generator) process."""
    return time.process_time()


@dataclass
class Mover:
    """A simulated user who moves its own share of the cards (so users never collide)."""

    client: ReflexWsClient
    cards: list[int]
    results: list[MoveResult] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    async def act_once(self, rng: random.Random) -> list[MoveResult] | None:
        """One realistic action: a move (60 %), opening a task (20 %) or commenting one (20 %).

        Opening a task goes to its page and back to the board (two page loads, each timed);
        commenting also posts a comment on that page (timed too). The tab watches its board live
        again once back.

        Returns:
            Each step's result, or None when a step failed (noted in ``failures``).
        """
        roll = rng.random()
        if roll < 0.6:
            moved = await self.move_once(rng)
            return None if moved is None else [moved]
        board_path = self.client.path
        task_path = f"{board_path.rsplit('/', 1)[0]}/tasks/{rng.choice(self.cards)}"
        steps: list[MoveResult] = []
        try:
            steps.append(await _timed_navigation(self.client, task_path, "task page"))
            if roll >= 0.8:
                started = time.perf_counter()
                await self.client.call(
                    task_event("add_comment"),
                    {"form_data": {"body": f"Load comment {rng.random():.6f}", "visibility": ""}},
                )
                steps.append(MoveResult(time.perf_counter() - started, kind="comment"))
            steps.append(await _timed_navigation(self.client, board_path, "board page"))
        except Exception as exc:
            self.failures.append(f"{type(exc).__name__}: {exc}")
            if self.client.path != board_path:
                with contextlib.suppress(Exception):
                    await self.client.navigate(board_path, timeout=30)
            return None
        self.results += steps
        return steps

    async def move_once(self, rng: random.Random) -> MoveResult | None:
        layout = board_layout(self.client)
        task_id = rng.choice(self.cards)
        current = card_column(layout, task_id)
        targets = [c for c in layout if c != current]
        if current is None or not targets:
            self.failures.append(f"card {task_id} not on the tab's board")
            return None
        try:
            result = await move_card(self.client, task_id, rng.choice(targets))
        except Exception as exc:
            self.failures.append(f"{type(exc).__name__}: {exc}")
            return None
        self.results.append(result)
        return result
