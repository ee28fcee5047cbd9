"""Security headers on every HTTP answer of the app, and a Content-Security-Policy on its pages.

Wraps the whole backend (the compiled pages it serves, the downloads, Reflex's own routes) as
the last of ``rx.App(api_transformer=[...])``; the websocket passes through untouched.

The policy is the strictest the built app works with:

- scripts only from the app's origin, plus the exact inline scripts of the page being served
  (React Router's hydration data): their SHA-256 are computed from the page itself, so an
  injected ``<script>`` or inline event handler never runs. ``'unsafe-eval'`` stays, because
  Reflex runs the server's own events (toasts, copy to clipboard, scripts the app sends) with
  ``eval`` in its frontend; it runs only code the server sent over the app's own websocket;
- styles from the app's origin and inline (Radix and the toasts set style attributes);
- connections only to the app's origin and its websocket (``APP_ORIGIN`` when set);
- no plugins, no ``<base>`` change, forms post only to the app, and no framing at all
  (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``).

Every answer also gets ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: same-origin``
(invitation and feedback pages carry their token in the URL: it never goes to another site).
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from collab_app.settings import allowed_origins

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COMMON_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)
_INLINE_SCRIPT = re.compile(
    rb"<script(?![^>]*\ssrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)
# Policies by page content: the compiled pages are a few static files.
_POLICY_CACHE_MAX = 256
_policies: OrderedDict[bytes, bytes] = OrderedDict()
_policies_lock = threading.Lock()


def _connect_sources() -> str:
    sources = ["'self'"]
    for origin in allowed_origins():
        sources.append(origin)
        if origin.startswith("https://"):
            sources.append("wss://" + origin.removeprefix("https://"))
        elif origin.startswith("http://"):
            sources.append("ws://" + origin.removeprefix("http://"))
    return " ".join(dict.fromkeys(sources))


def inline_script_hashes(html: bytes) -> list[str]:
    """Return the CSP source of each inline script of a page (``'sha256-…'``).

    Args:
        html: The page as served (decompressed).

    Returns:
        The sources, in page order, without duplicates.
    """
    hashes = (
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return list(dict.fromkeys(hashes))


def content_security_policy(html: bytes) -> str:
    """Return the Content-Security-Policy for one page of the app.

    Args:
        html: The page as served (decompressed).

    Returns:
        The header value.
    """
    scripts = " ".join(["'self'", "'unsafe-eval'", *inline_script_hashes(html)])
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src {_connect_sources()}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def _policy_for(body: bytes, encoding: bytes) -> bytes:
    key = hashlib.sha256(encoding + b"\0" + body).digest()
    with _policies_lock:
        cached = _policies.get(key)
        if cached is not None:
            _policies.move_to_end(key)
            return cached
    try:
        html = gzip.decompress(body) if encoding == b"gzip" else body
    except (OSError, EOFError):  # not the gzip it claims: no inline script is allowed
        html = b""
    policy = content_security_policy(html).encode()
    with _policies_lock:
        _policies[key] = policy
        while len(_policies) > _POLICY_CACHE_MAX:
            _policies.popitem(last=False)
    return policy


class SecurityHeaders:
    """ASGI middleware adding the headers above (pages are buffered to hash their scripts)."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap an ASGI app.

        Args:
            app: The app's backend.
        """
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve a request, adding the headers to its answer.

        Args:
            scope: ASGI scope.
            receive: ASGI receive.
            send: ASGI send.
        """
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_with_headers(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() not in {h for h, _ in COMMON_HEADERS}
                ]
                message = {**message, "headers": [*headers, *COMMON_HEADERS]}
                if not _is_html(headers):
                    await send(message)
                    return
                start = message  # held until the page is complete, to hash its scripts
                return
            if start is None:
                await send(message)
                return
            if message["type"] == "http.response.pathsend":
                # A static page the server sends straight from its file: hash that file.
                page = await asyncio.to_thread(Path(message["path"]).read_bytes)
                encoding = _header(start["headers"], b"content-encoding")
                await send(_with_policy(start, _policy_for(page, encoding)))
                await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            encoding = _header(start["headers"], b"content-encoding")
            await send(_with_policy(start, _policy_for(body, encoding)))
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, send_with_headers)


def _with_policy(start: Message, policy: bytes) -> Message:
    return {**start, "headers": [*start["headers"], (b"content-security-policy", policy)]}


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes:
    for key, value in headers:
        if key.lower() == name:
            return value.strip().lower()
    return b""


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return _header(headers, b"content-type").startswith(b"text/html")
