"""Board load in Chromium: navigation until the board is interactive, 50 / 500 / 2,000 cards.

One server, one board per size (``AppUnderTest.add_board``), the manager signed in (cookie).
Each load is a full navigation to the board's URL in a warmed-up tab (the JavaScript bundles are
in the browser's cache, as for someone who used the app before). An init script stamps, with
``performance.now()`` (0 = navigation start), the moment the page holds all N cards: the
websocket is connected, the page hydrated, ``on_load`` answered and the cards are rendered, so
the board is interactive. Also stamped: the first websocket frame (what precedes it is the
document, the scripts and the connection; what follows, the server's load and the rendering).

Baseline, in the same run: the counter app's page until its ``on_load`` answer is rendered.
Goals (issue #9): 500 cards under 1.5 s (median); growth close to linear (ms per card between
sizes does not grow with the size).

Run alone: ``.venv/bin/python -m benchmarks.bench_board_load [--sizes 50,500,2000] [--loads 7]``.
"""

from __future__ import annotations

import argparse
import itertools
import time
from concurrent.futures import ThreadPoolExecutor

from benchmarks import harness
from benchmarks.browser import QUICK, load_probe, new_page

GOAL_500_MS = 1500.0
FIRST_FRAME_JS = """
(() => {
  window.__benchFirstFrame = null;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        if (window.__benchFirstFrame === null) window.__benchFirstFrame = performance.now();
      });
    }
  };
})();
"""


def load_times(page, path: str, selector_count: int, loads: int, warmup: int) -> dict:
    """Navigate ``loads`` times (after ``warmup``): total and first-frame times in ms."""
    totals, frames = [], []
    for i in range(warmup + loads):
        page.goto(path, wait_until="commit")
        page.wait_for_function(
            f"() => window.__benchSeen && window.__benchSeen[{selector_count}] !== undefined",
            timeout=120_000,
        )
        seen = page.evaluate(
            f"() => [window.__benchSeen[{selector_count}], window.__benchFirstFrame]"
        )
        if i >= warmup:
            totals.append(float(seen[0]))
            frames.append(float(seen[1] or 0.0))
    return {"total": totals, "first_frame": frames}


def server_times(app, path: str, loads: int) -> list[float]:
    """The server's share: a socket.io tab (no browser) connecting until ``on_load`` answered."""
    import asyncio

    from testkit.reflex_ws import ReflexWsClient

    token = app.session_token(app.users["manager"])

    async def run() -> list[float]:
        samples = []
        for _ in range(loads + 1):  # the first one warms up
            client = ReflexWsClient(app.base_url, session_token=token)
            began = time.perf_counter()
            await client.connect(path, timeout=120)
            samples.append((time.perf_counter() - began) * 1000)
            await client.close()
        return samples[1:]

    # Playwright's sync API holds this thread's event loop: run the client in its own thread.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


def main(argv: list[str] | None = None) -> None:
    """Measure, print the table, append it to RESULTS.md and report the goals."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=lambda s: [int(x) for x in s.split(",") if x], default=[50, 500, 2000]
    )
    parser.add_argument(
        "--loads", type=int, default=3 if QUICK else 7, help="per size (half above 500)"
    )
    parser.add_argument("--warmup", type=int, default=1 if QUICK else 2)
    args = parser.parse_args(argv)
    results: dict[int, dict] = {}
    with harness.chromium() as browser:
        with harness.served_baseline() as base_url:
            page = new_page(browser, base_url)
            page.context.add_init_script(FIRST_FRAME_JS)
            page.context.add_init_script(load_probe("#ready"))
            baseline = load_times(page, "/", 1, args.loads, args.warmup)
            page.context.close()
        with harness.served_app(cards=args.sizes[0]) as app:
            boards = {args.sizes[0]: app.board_path}
            for size in args.sizes[1:]:
                boards[size] = app.add_board(size).board_path
            page = new_page(browser, app.base_url, app.cookie(app.users["manager"]))
            page.context.add_init_script(FIRST_FRAME_JS)
            page.context.add_init_script(load_probe(".board-card"))
            for size, path in boards.items():
                # The largest boards take seconds per load: fewer of them keep make bench short.
                loads = args.loads if size <= 500 else max(3, args.loads // 2)
                warmup = args.warmup if size <= 500 else min(1, args.warmup)
                results[size] = load_times(page, path, size, loads, warmup)
                results[size]["server"] = server_times(app, path, loads)
            page.context.close()
    base = harness.summarize(baseline["total"])
    rows = [harness.summary_row("baseline: counter page → on_load rendered", base, None)]
    medians: dict[int, float] = {}
    for size, samples in results.items():
        stats = harness.summarize(samples["total"])
        medians[size] = stats["median"]
        rows.append(harness.summary_row(f"board of {size} cards → all cards rendered", stats, base))
        frame = harness.summarize(samples["first_frame"])
        rows.append(harness.summary_row("  of which until the first websocket frame", frame, base))
        server = harness.summarize(samples["server"])
        rows.append(
            harness.summary_row("  server alone: socket tab hydrated + on_load", server, base)
        )
    table = harness.markdown_table(harness.SUMMARY_HEADERS, rows)
    sizes = sorted(medians)
    slopes = [
        (low, high, (medians[high] - medians[low]) / (high - low))
        for low, high in itertools.pairwise(sizes)
    ]
    growth = harness.markdown_table(
        ["between", "ms per extra card (medians)"],
        [[f"{low} → {high} cards", f"{slope:.2f}"] for low, high, slope in slopes],
    )
    print(table)
    print(growth)
    harness.append_results(
        "Board load, Chromium (navigation → board interactive)",
        table + "\n" + growth,
        notes=(
            f"{args.warmup} warm-up + {args.loads} measured loads per size up to 500 cards (half "
            "as many above), manager's view "
            "(every card), SQLite, 1 worker, JavaScript bundles cached. Time from the navigation "
            "start until the page holds all N cards (websocket hydrated, on_load answered). "
            "'server alone': a Python socket.io tab (testkit/reflex_ws) connecting to the "
            "board until its on_load answered, without any browser: the rest is the browser's."
        ),
    )
    if 500 in medians:
        harness.report_goal(
            "board load, 500 cards (median)",
            f"< {GOAL_500_MS:.0f} ms",
            harness.fmt_ms(medians[500]),
            medians[500] < GOAL_500_MS,
        )
    if len(slopes) >= 2:
        first, last = slopes[0][2], slopes[-1][2]
        # Linear: a constant cost per card; quadratic: the cost per card grows with the size.
        linear = last <= max(2.0 * first, first + 0.5)
        harness.report_goal(
            "board load growth",
            "close to linear (ms/card stable)",
            ", ".join(f"{lo}→{hi}: {s:.2f} ms/card" for lo, hi, s in slopes),
            linear,
        )


if __name__ == "__main__":
    main()
