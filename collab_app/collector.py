"""The garbage collector of a backend worker, tuned for a server holding many tabs' states.

CPython collects its youngest generation every 700 net allocations by default. A worker
allocates that many objects several times per event (Reflex's state handling, SQLAlchemy's
rows, the deltas it sends), so under load it ran a collection every few events and a full one
every few seconds, each scanning every tab's state: 2.2 s of 60 in the collector and pauses of
up to 150 ms that every tab waited for (``bench_concurrent_users``, 300 tabs paced, 2026-12-05;
benchmarks/README.md). What start-up loaded (the app, its pages, Reflex) is moved out of the
collector's reach, and the youngest generation is collected every ``GC_YOUNG_THRESHOLD`` net
allocations: 0.4 s in the collector, no full collection in the same run. Reference counting
still frees everything without a cycle at once; the older generations keep CPython's ratios.
"""

from __future__ import annotations

import gc

from collab_app.settings import gc_young_threshold


def tune_collector() -> None:
    """Lifespan hook of each worker: freeze what start-up loaded, collect young objects less often.

    ``GC_YOUNG_THRESHOLD=700`` restores CPython's default.
    """
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(gc_young_threshold(), middle, old)
