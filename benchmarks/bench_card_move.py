"""Card move round-trip in Chromium on a board of 200 cards, against the counter baseline.

The manager opens a card's "Move…" dialog, picks another column and submits; the clock runs in
the page from the submit click (capture listener) until the card is in the DOM of its new column
(MutationObserver), i.e. event sent, handler run (database write, board reloaded), update
received and rendered. Baseline, in the same run: the counter app's button click until the new
value is rendered. Also reported, for information: opening the dialog (click "Move…" until the
dialog shows the card's title), an event that reads the loaded board without writing.

Each card goes from "to do" to "in progress" (then the next card), so every measure is a real
move. Warm-up moves first, then the repetitions. Goal (issue #9): p95 <= 1.5x the baseline's.

Run alone: ``.venv/bin/python -m benchmarks.bench_card_move [--moves 40] [--cards 200]``.
"""

from __future__ import annotations

import argparse

from benchmarks import harness
from benchmarks.browser import QUICK, arm, elapsed, new_page

GOAL_RATIO = 1.5


def measure_counter(browser, base_url: str, clicks: int, warmup: int) -> list[float]:
    """Counter clicks until the new value is rendered, in ms."""
    page = new_page(browser, base_url)
    page.goto("/")
    page.wait_for_function(
        "() => document.getElementById('ready') !== null && "
        "document.getElementById('count').textContent === '0'"
    )
    samples = []
    for i in range(warmup + clicks):
        before = page.text_content("#count")
        changed = f"() => document.getElementById('count').textContent !== {before!r}"
        arm(page, "#increment", changed)
        page.click("#increment")
        took = elapsed(page)
        if i >= warmup:
            samples.append(took)
    page.context.close()
    return samples


def measure_moves(browser, app, moves: int, warmup: int) -> tuple[list[float], list[float]]:
    """Moves through the "Move…" dialog: (submit -> rendered, open dialog -> shown), in ms."""
    page = new_page(browser, app.base_url, app.cookie(app.users["manager"]))
    page.goto(app.board_path)
    source, target = app.column_ids[0], app.column_ids[1]
    page.wait_for_selector(f"#column-{source} .board-card")
    card_ids = page.eval_on_selector_all(
        f"#column-{source} .board-card", "cards => cards.map(c => c.id.slice(5))"
    )
    if len(card_ids) < warmup + moves:
        raise RuntimeError(f"only {len(card_ids)} cards in the first column")
    submits, opens = [], []
    for i, card_id in enumerate(card_ids[: warmup + moves]):
        title = page.text_content(f"#card-{card_id} .card-title")
        shown = (
            "() => { const d = document.querySelector('[role=dialog] .move-task-title');"
            f" return d !== null && d.textContent === {title!r}; }}"
        )
        arm(page, f"#card-{card_id} .card-move", shown)
        page.click(f"#card-{card_id} .card-move")
        opened = elapsed(page)
        page.select_option("#move_column_id", str(target))
        arm(
            page,
            "[role=dialog] button[type=submit]",
            f"() => document.querySelector('#column-{target} #card-{card_id}') !== null",
        )
        page.click("[role=dialog] button[type=submit]")
        moved = elapsed(page)
        page.wait_for_selector("[role=dialog]", state="detached")
        if i >= warmup:
            submits.append(moved)
            opens.append(opened)
    page.context.close()
    return submits, opens


def main(argv: list[str] | None = None) -> None:
    """Measure, print the table, append it to RESULTS.md and report the goal."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=12 if QUICK else 40)
    parser.add_argument("--warmup", type=int, default=3 if QUICK else 8)
    parser.add_argument("--cards", type=int, default=200)
    args = parser.parse_args(argv)
    with harness.chromium() as browser:
        with harness.served_baseline() as base_url:
            counter = measure_counter(browser, base_url, args.moves, args.warmup)
        with harness.served_app(cards=args.cards) as app:
            submits, opens = measure_moves(browser, app, args.moves, args.warmup)
    base = harness.summarize(counter)
    moved = harness.summarize(submits)
    opened = harness.summarize(opens)
    table = harness.markdown_table(
        harness.SUMMARY_HEADERS,
        [
            harness.summary_row("baseline: counter click → value rendered", base, None),
            harness.summary_row(
                f"card move ({args.cards} cards): submit → card in column", moved, base
            ),
            harness.summary_row("  for information: open “Move…” dialog", opened, base),
        ],
    )
    print(table)
    harness.append_results(
        f"Card move round-trip, Chromium, board of {args.cards} cards",
        table,
        notes=(
            f"{args.warmup} warm-up + {args.moves} measured moves (SQLite, 1 worker); times in the "
            "page from the click to the DOM commit showing the result."
        ),
    )
    limit = GOAL_RATIO * base["p95"]
    harness.report_goal(
        f"card move round-trip p95 ({args.cards} cards)",
        f"<= {GOAL_RATIO}x counter p95",
        f"{harness.fmt_ms(moved['p95'])} = {harness.ratio(moved['p95'], base['p95'])} "
        f"(counter {harness.fmt_ms(base['p95'])})",
        moved["p95"] <= limit,
    )


if __name__ == "__main__":
    main()
