"""``make bench``: run every ``benchmarks/bench_*.py``, then print the goals' summary table.

Each benchmark runs in its own process (``python -m benchmarks.bench_<name>``), in name order,
with ``BENCH_GOALS_FILE`` set: the goals it reports through ``harness.report_goal`` end up in one
"goal / measured / met?" table, printed and appended to ``benchmarks/RESULTS.md``. A benchmark
that fails or runs past ``BENCH_TIMEOUT`` seconds (default 600) gets a "not measured" row and
the others still run. ``BENCH_ONLY=card_move,board_load`` runs a subset. The two frontends are
built first (or reused) so that no benchmark's figures include a build.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import harness

BENCH_DIR = Path(__file__).resolve().parent


def discover(only: str = "") -> list[str]:
    """Module names of the benchmarks, in name order (``BENCH_ONLY`` narrows them)."""
    names = sorted(p.stem for p in BENCH_DIR.glob("bench_*.py"))
    wanted = {f"bench_{n.strip().removeprefix('bench_')}" for n in only.split(",") if n.strip()}
    return [n for n in names if not wanted or n in wanted]


def summary_table(goals: list[dict]) -> str:
    """The "goal / measured / met? / measured cause of the gap" table."""
    verdicts = {True: "yes", False: "**no**", None: "not measured"}
    return harness.markdown_table(
        ["benchmark", "measure", "goal", "measured", "met?", "measured cause of the gap"],
        [
            [
                g["bench"],
                g["name"],
                g["goal"],
                g["measured"],
                verdicts[g["met"]],
                g.get("cause", "") if g["met"] is not True else "",
            ]
            for g in goals
        ],
    )


def main() -> int:
    """Build, run each benchmark, print and record the summary; exit 1 if one crashed."""
    timeout = float(os.environ.get("BENCH_TIMEOUT", "600"))
    names = discover(os.environ.get("BENCH_ONLY", ""))
    print(f"[bench] {len(names)} benchmarks: {', '.join(names)}", flush=True)
    print(f"[bench] machine: {harness.machine_description()}", flush=True)
    started = time.monotonic()
    harness.build("baseline")
    harness.build("app")
    goals: list[dict] = []
    crashed = False
    for name in names:
        handle, sink = tempfile.mkstemp(prefix="bench-goals-", suffix=".jsonl")
        os.close(handle)
        env = {**os.environ, "BENCH_GOALS_FILE": sink}
        print(f"\n[bench] === {name} ===", flush=True)
        began = time.monotonic()
        try:
            result = subprocess.run(
                [sys.executable, "-m", f"benchmarks.{name}"],
                cwd=harness.REPO_ROOT,
                env=env,
                timeout=timeout,
                check=False,
            )
            status = "" if result.returncode == 0 else f"exit {result.returncode}"
        except subprocess.TimeoutExpired:
            status = f"stopped after {timeout:.0f} s"
        text = Path(sink).read_text()
        Path(sink).unlink(missing_ok=True)
        reported = [json.loads(line) for line in text.splitlines() if line.strip()]
        goals += [{"bench": name, **g} for g in reported]
        if status:
            crashed = True
            goals.append(
                {"bench": name, "name": "(run)", "goal": "-", "measured": status, "met": None}
            )
        print(f"[bench] {name}: {time.monotonic() - began:.0f} s {status}", flush=True)
    table = summary_table(goals)
    minutes = (time.monotonic() - started) / 60
    print(f"\n[bench] summary ({minutes:.1f} min)\n\n{table}")
    harness.append_results(
        "Summary (make bench)",
        table,
        notes=f"{len(names)} benchmarks in {minutes:.1f} min; each table above has the details.",
    )
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
