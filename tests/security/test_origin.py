"""The event websocket accepts only the app's own origins (``APP_ORIGIN``; ``rxconfig.py``).

The harness serves the app with ``APP_ORIGIN=http://127.0.0.1:<port>,http://localhost:<port>``,
as production would with its public origin. A page of another site cannot open a tab's
websocket in the visitor's browser (which would carry the visitor's session cookie).
"""

from __future__ import annotations

import pytest
import socketio

from testkit.reflex_ws import ReflexWsClient, run_async
from testkit.served import websocket_accepts

FOREIGN = [
    "http://evil.example",
    "https://127.0.0.1.evil.example",
    "null",
    "http://127.0.0.1",  # right host, wrong port
]


def test_the_websocket_refuses_foreign_origins(app_server) -> None:
    """The raw websocket upgrade: 101 for the app's origins, refused for any other."""
    port = app_server.port
    assert websocket_accepts(port, app_server.base_url)
    assert websocket_accepts(port, f"http://localhost:{port}")
    for origin in FOREIGN:
        assert not websocket_accepts(port, origin), f"accepted Origin: {origin}"


def test_a_socketio_tab_from_a_foreign_origin_cannot_connect(app_server) -> None:
    """The same through socket.io, as a browser tab of another site would try."""

    async def scenario() -> None:
        own = ReflexWsClient(app_server.base_url)
        await own.connect("/signin")
        assert own.connected
        await own.close()
        foreign = ReflexWsClient(app_server.base_url, origin="http://evil.example")
        with pytest.raises((socketio.exceptions.ConnectionError, TimeoutError)):
            await foreign.connect("/signin", timeout=5)
        assert not foreign.raw_frames
        await foreign.close()

    run_async(scenario())
