"""Security headers and the pages' Content-Security-Policy (issue #15, hardening 9)."""

from __future__ import annotations

import base64
import gzip
import hashlib

from starlette.applications import Starlette
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from collab_app.security_headers import SecurityHeaders, content_security_policy

PAGE = (
    b"<!DOCTYPE html><html><head><script>window.__ctx = {a: 1};</script>"
    b'<script type="module" src="/assets/app.js"></script></head><body>'
    b'<script type="module" async="">import("/assets/entry.js");</script></body></html>'
)


def _sha(text: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text).digest()).decode() + "'"


def _client() -> TestClient:
    async def page(_request):
        return Response(PAGE, media_type="text/html")

    async def zipped(_request):
        return Response(
            gzip.compress(PAGE), media_type="text/html", headers={"content-encoding": "gzip"}
        )

    async def data(_request):
        return JSONResponse({"ok": True})

    app = Starlette(routes=[Route("/", page), Route("/zipped", zipped), Route("/data.json", data)])
    return TestClient(SecurityHeaders(app))


def test_pages_get_a_policy_allowing_exactly_their_inline_scripts():
    answer = _client().get("/")
    policy = answer.headers["content-security-policy"]
    script_src = next(p for p in policy.split("; ") if p.startswith("script-src"))
    assert _sha(b"window.__ctx = {a: 1};") in script_src
    assert _sha(b'import("/assets/entry.js");') in script_src
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "same-origin"
    assert answer.content == PAGE


def test_compressed_pages_are_hashed_from_their_content():
    client = _client()
    plain = client.get("/").headers["content-security-policy"]
    zipped = client.get("/zipped", headers={"accept-encoding": "gzip"})
    assert zipped.headers["content-security-policy"] == plain


def test_an_injected_script_is_not_allowed():
    injected = PAGE.replace(b"<body>", b"<body><script>alert(1)</script>")
    assert _sha(b"alert(1)") not in content_security_policy(PAGE)
    assert _sha(b"alert(1)") in content_security_policy(injected)


def test_other_answers_get_the_common_headers_only():
    answer = _client().get("/data.json")
    assert answer.json() == {"ok": True}
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert "content-security-policy" not in answer.headers


def test_pages_sent_from_their_file_are_hashed_too(tmp_path):
    """Servers with the ASGI "pathsend" extension send static pages without a body."""
    import asyncio

    page_file = tmp_path / "index.html"
    page_file.write_bytes(PAGE)
    sent: list[dict] = []

    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/html; charset=utf-8")],
            }
        )
        await send({"type": "http.response.pathsend", "path": str(page_file)})

    async def receive():
        return {"type": "http.request"}

    async def send(message):
        sent.append(message)

    asyncio.run(SecurityHeaders(app)({"type": "http"}, receive, send))
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.pathsend"]
    headers = dict(sent[0]["headers"])
    assert headers[b"content-security-policy"].decode() == content_security_policy(PAGE)


def test_session_cookie_is_secure_behind_https(monkeypatch):
    from collab_app import settings

    monkeypatch.setenv("APP_ORIGIN", "https://collab.example.org")
    assert settings.cookies_secure() is True
    monkeypatch.setenv("APP_ORIGIN", "http://localhost:3000")
    assert settings.cookies_secure() is False
    # The session cookie is declared with the flag the settings gave at start-up.
    from collab_app.state.session import SessionState

    cookie = SessionState.get_fields()["auth_token"].default_value()
    monkeypatch.delenv("APP_ORIGIN")
    assert cookie.secure == settings.cookies_secure() and cookie.same_site == "lax"
