"""While the database is away, the live-update loop logs the outage once, not every tick."""

import asyncio
import logging

import pytest

from collab_app.state import live


def test_an_outage_is_logged_once_and_its_end_once(monkeypatch, caplog):
    outcomes = iter([OSError("db away")] * 5 + [None, OSError("db away again"), None])

    async def tick(app):
        outcome = next(outcomes, asyncio.CancelledError())
        if outcome is not None:
            raise outcome

    monkeypatch.setattr(live, "_tick", tick)
    monkeypatch.setattr(live, "POLL_INTERVAL", 0.001)
    caplog.set_level(logging.WARNING, logger=live.logger.name)

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(live.watch_projects(app=None))

    messages = [record.getMessage() for record in caplog.records]
    assert messages == [
        "live updates paused: the tick failed",
        "live updates resumed",
        "live updates paused: the tick failed",
        "live updates resumed",
    ]
