"""Bytes on the wire per card move: what the mover and one other viewer receive.

On a board of ``--cards`` cards (default 200), a mover drags a card to another column
``--moves`` times; for each move, the size of the update frames the mover received for it and
of the frames another tab of the board received until it showed the move (its live refresh).
Both are compared with the whole board as a tab receives it on load. The baseline is the
counter app's update frame for one ``increment``.

Goal (#9): a move sends the changed card(s), not the whole board. Met when each side of a move
stays under a tenth of the board's size and under ``--card-budget`` bytes per card moved.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness, ws_load
from testkit.reflex_ws import ReflexWsClient

BASELINE_INCREMENT = (
    "reflex___state____state.baseline_app___baseline_app____counter_state.increment"
)


async def measure(app, args) -> dict:
    """Connect a mover and a viewer, move cards, and count the bytes each receives."""
    board = ws_load.shared_boards(app, boards=1, users_per_board=2, cards=0)[0]
    mover = ReflexWsClient(app.base_url, session_token=board.tokens[0])
    viewer = ReflexWsClient(app.base_url, session_token=board.tokens[1])
    load_bytes = sum(u.size for u in await mover.connect(board.path))
    await viewer.connect(board.path)
    rng = random.Random(3)
    mover_bytes: list[int] = []
    viewer_bytes: list[int] = []
    sample = ""
    try:
        for index in range(args.moves + 1):
            layout = ws_load.board_layout(mover)
            task_id = rng.choice(board.card_ids)
            current = ws_load.card_column(layout, task_id)
            target = rng.choice([c for c in layout if c != current])
            viewer_before, frames_before = viewer.bytes_received, len(viewer.raw_frames)
            result = await ws_load.move_card(mover, task_id, target)
            await viewer.wait_until(
                lambda t=task_id, c=target: (
                    ws_load.card_column(ws_load.board_layout(viewer), t) == c
                ),
                timeout=10,
            )
            await asyncio.sleep(0.3)  # anything else the refresh sends
            if index == 0:
                continue  # warm-up
            mover_bytes.append(result.bytes_received)
            viewer_bytes.append(viewer.bytes_received - viewer_before)
            sample = sample or " ".join(viewer.raw_frames[frames_before:])[:600]
    finally:
        await ws_load.close_all([mover, viewer])
    return {"board": load_bytes, "mover": mover_bytes, "viewer": viewer_bytes, "sample": sample}


async def baseline(base_url: str) -> int:
    """Bytes of the counter app's update for one increment (median of 10)."""
    client = ReflexWsClient(base_url)
    await client.connect("/")
    sizes = []
    try:
        for _ in range(10):
            updates = await client.call(BASELINE_INCREMENT)
            sizes.append(sum(u.size for u in updates))
    finally:
        await client.close()
    return int(statistics.median(sizes))


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and append its table to RESULTS.md."""
    args = parse_args(argv)
    load = os.getloadavg()[0]
    base = None
    if not args.no_baseline:
        with harness.served_baseline() as base_url:
            base = asyncio.run(baseline(base_url))
    with harness.served_app(cards=args.cards) as app:
        found = asyncio.run(measure(app, args))
    mover = int(statistics.median(found["mover"]))
    viewer = int(statistics.median(found["viewer"]))
    board = found["board"]
    rows = [
        ["whole board, as a tab loads it", board, "1.00"],
        ["one move, mover's frames (median)", mover, f"{mover / board:.3f}"],
        ["one move, other viewer's frames (median)", viewer, f"{viewer / board:.3f}"],
        ["one move, max of mover + viewer", max(found["mover"]) + max(found["viewer"]), ""],
    ]
    if base is not None:
        rows.append(["baseline: counter increment update", base, ""])
    table = harness.markdown_table(["what", "bytes", "share of the board"], rows)
    notes = (
        f"Board of {args.cards} cards in 4 columns; {args.moves} moves between columns, "
        "each a drag-and-drop (one drop_on_column event). Sizes are the JSON text of the "
        "socket.io update frames. A move sends the column headers (counts), the id and version "
        "lists of the two columns it touched, and nothing of the cards themselves unless one "
        f"changed (e.g. its due state). Load average before the run: {load:.2f}.\n\n"
        f"A viewer's frames for one move, verbatim: `{found['sample'][:400]}`"
    )
    print(table + "\n" + notes)
    harness.append_results(f"Bytes on the wire per card move ({args.cards} cards)", table, notes)
    per_side = max(mover, viewer)
    harness.report_goal(
        f"bytes per card move ({args.cards} cards)",
        "the changed card(s), not the whole board (< 10 % of the board)",
        f"mover {mover} B, viewer {viewer} B, board {board} B ({per_side / board:.1%})",
        per_side < board / 10 and per_side < args.card_budget,
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--card-budget", type=int, default=8000)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    if os.environ.get("BENCH_QUICK") == "1":
        args.moves = 5
    return args


if __name__ == "__main__":
    main()
