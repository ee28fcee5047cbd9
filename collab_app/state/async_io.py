"""Event handlers whose database work never blocks the event loop.

A Reflex worker serves every tab it holds from one event loop. A handler that waited for the
database on that loop would stall all of them for as long as its slowest query. Handlers run
through ``collab_app.db.run_with_async_io`` instead: their code, state changes included, still
runs on the loop under Reflex's state lock, but each PostgreSQL round trip suspends only this
handler (``guarded`` handlers get it from ``guarded``; page loads and the few other unguarded
handlers that read the database are decorated with ``with_async_io``). On SQLite, a local
file, the work runs inline.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from collab_app.db import run_with_async_io


def with_async_io(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a synchronous event handler into one whose database waits do not block the loop.

    Put it under ``@rx.event``. The handler's return value (events, a redirect) is returned
    as is.

    Args:
        handler: A synchronous state method (not a generator: its body would run later, outside
            the bridge).

    Returns:
        An async handler with the same signature.

    Raises:
        TypeError: ``handler`` is a coroutine or generator function.
    """
    if inspect.iscoroutinefunction(handler) or inspect.isgeneratorfunction(handler):
        raise TypeError(f"{handler.__qualname__}: only plain synchronous handlers")

    @functools.wraps(handler)
    async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        return await run_with_async_io(handler, self, *args, **kwargs)

    return wrapper
