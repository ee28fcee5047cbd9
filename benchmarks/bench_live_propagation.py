"""Live propagation: a card moved in one tab, until each other tab of the board shows it.

One mover and ``--viewers`` other tabs (default 50, members of the project, each a real
session over socket.io) are on a board of ``--cards`` cards. The mover drags one card to
another column every ``--pause`` seconds; for each move and each viewer, the time from the
mover's first event until that viewer received the update placing the card in its new column
(``live.py``: the version poll, then each tab re-reads its own projection as its viewer).
Goal (issues #7 and #9): p95 <= 500 ms at 50 viewers. Measured single process (SQLite) and,
unless ``--no-redis``, PostgreSQL + Redis with ``--workers`` workers (the tabs spread over them).

The counter baseline has no live propagation, so there is no ratio here.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness, ws_load
from testkit.reflex_ws import ReflexWsClient


async def _seen_at(client: ReflexWsClient, task_id: int, column_id: int, timeout: float) -> float:
    """When the tab received the update showing the card in the column (perf_counter)."""
    await client.wait_until(
        lambda: ws_load.card_column(ws_load.board_layout(client), task_id) == column_id,
        timeout=timeout,
    )
    return client.updates[-1].received_at


async def measure(app, args) -> dict:
    """Open the tabs, move cards, and collect every viewer's delay."""
    board = ws_load.shared_boards(app, boards=1, users_per_board=args.viewers + 1, cards=0)[0]
    clients = await ws_load.connect_many(app.base_url, board.tokens, board.path)
    mover, viewers = clients[0], clients[1:]
    pids = app.pids()
    cpu_before, measure_from = (0.0, 0.0), time.perf_counter()
    rng = random.Random(7)
    delays: list[float] = []
    firsts: list[float] = []
    lasts: list[float] = []
    missed = 0
    redis_before: dict = {}
    try:
        for index in range(args.warmup_moves + args.moves):
            if index == args.warmup_moves:
                redis_before = _redis_stats(app.redis_url)
                cpu_before = (ws_load.cpu_seconds(pids), ws_load.own_cpu_seconds())
                measure_from = time.perf_counter()
            layout = ws_load.board_layout(mover)
            task_id = rng.choice(board.card_ids)
            current = ws_load.card_column(layout, task_id)
            target = rng.choice([c for c in layout if c != current])
            waits = [
                asyncio.ensure_future(_seen_at(v, task_id, target, args.timeout)) for v in viewers
            ]
            started = time.perf_counter()
            result = await ws_load.move_card(mover, task_id, target)
            seen = await asyncio.gather(*waits, return_exceptions=True)
            if index < args.warmup_moves:
                continue
            got = [s - started for s in seen if isinstance(s, float)]
            missed += len(seen) - len(got) + bool(result.error)
            delays += got
            if got:
                firsts.append(min(got))
                lasts.append(max(got))
            await asyncio.sleep(args.pause)
    finally:
        await ws_load.close_all(clients)
    redis_after = _redis_stats(app.redis_url)
    wall = time.perf_counter() - measure_from
    refreshes = args.moves * args.viewers
    return {
        "all": ws_load.stats_ms(delays),
        "first": ws_load.stats_ms(firsts),
        "last": ws_load.stats_ms(lasts),
        "missed": missed,
        # CPU in % of one core while measuring: the server's processes and this load generator.
        "server_cpu": 100 * (ws_load.cpu_seconds(pids) - cpu_before[0]) / wall,
        "loadgen_cpu": 100 * (ws_load.own_cpu_seconds() - cpu_before[1]) / wall,
        # Redis work per viewer refresh (the mover's own events included, a small share).
        "redis": {
            key: (redis_after[key] - redis_before[key]) / refreshes
            for key in redis_after
            if key in redis_before
        },
    }


def _redis_stats(url: str | None) -> dict:
    """Redis's counters of commands and bytes (empty without Redis)."""
    if not url:
        return {}
    import redis

    info = redis.Redis.from_url(url).info("stats")
    return {
        key: int(info[key])
        for key in ("total_commands_processed", "total_net_input_bytes", "total_net_output_bytes")
    }


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and append its table to RESULTS.md."""
    args = parse_args(argv)
    load = os.getloadavg()[0]
    setups = [("SQLite, 1 process", {})]
    if not args.no_redis:
        setups.append(
            (
                f"PostgreSQL + Redis, {args.workers} workers",
                {"database": "postgresql", "redis": True, "workers": args.workers},
            )
        )
    rows = []
    for label, options in setups:
        with harness.served_app(cards=args.cards, **options) as app:
            found = asyncio.run(measure(app, args))
        print(label, found, flush=True)
        rows.append((label, found))
    table = harness.markdown_table(
        [
            "setup",
            "viewers",
            "samples",
            "median",
            "p95",
            "p99",
            "last viewer p95",
            "missed",
            "server CPU",
            "loadgen CPU",
        ],
        [
            [
                label,
                args.viewers,
                r["all"]["n"],
                harness.fmt_ms(r["all"]["median_ms"]),
                harness.fmt_ms(r["all"]["p95_ms"]),
                harness.fmt_ms(r["all"]["p99_ms"]),
                harness.fmt_ms(r["last"]["p95_ms"]),
                r["missed"],
                f"{r['server_cpu']:.0f} %",
                f"{r['loadgen_cpu']:.0f} %",
            ]
            for label, r in rows
        ],
    )
    notes = (
        f"Board of {args.cards} cards; {args.moves} measured moves ({args.warmup_moves} warm-up), "
        f"one every {args.pause:g} s plus its propagation; each sample is one viewer for one "
        f"move, from the mover's first event to the update showing the card moved. "
        f"Load average before the run: {load:.2f}."
    )
    print(table + "\n" + notes)
    harness.append_results(f"Live propagation ({args.viewers} viewers)", table, notes)
    for label, r in rows:
        p95 = r["all"]["p95_ms"]
        harness.report_goal(
            f"live propagation p95, {args.viewers} viewers ({label})",
            "<= 500 ms",
            harness.fmt_ms(p95) + (f", {r['missed']} missed" if r["missed"] else ""),
            p95 <= 500 and r["missed"] == 0,
            cause=_cause(rows, label),
        )


def _cause(rows: list[tuple[str, dict]], label: str) -> str:
    """CPU and Redis work during the run, and the same load in one process (this run)."""
    found = dict(rows)[label]
    parts = [
        f"server CPU {found['server_cpu']:.0f} % and load generator {found['loadgen_cpu']:.0f} % "
        f"of one core, on a {os.cpu_count()}-core host"
    ]
    redis = found.get("redis")
    if redis:
        moved = (redis["total_net_input_bytes"] + redis["total_net_output_bytes"]) / 1024
        parts.append(
            f"{redis['total_commands_processed']:.0f} Redis commands and {moved:.0f} KB per "
            "viewer refresh"
        )
    single = next((r for name, r in rows if name.startswith("SQLite")), None)
    if single and single is not found:
        parts.append(
            f"one process, no Redis, same load: p95 {harness.fmt_ms(single['all']['p95_ms'])}"
        )
    return "; ".join(parts)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", type=int, default=50)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--warmup-moves", type=int, default=3)
    parser.add_argument("--pause", type=float, default=0.3)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--no-redis", action="store_true")
    args = parser.parse_args(argv)
    if os.environ.get("BENCH_QUICK") == "1":
        args.moves, args.warmup_moves = 8, 2
    return args


if __name__ == "__main__":
    main()
