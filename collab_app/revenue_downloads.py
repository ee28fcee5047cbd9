"""File downloads of the revenue area, served next to the Reflex backend (Starlette routes).

Every request is authenticated with the session cookie (``collab_session``, resolved by
:func:`collab_app.services.accounts.auth.resolve_session`, exactly like the websocket events)
and every
id goes through the same services as the screens, so a download never shows more than the
page does. Unknown, hidden and forbidden documents all answer 404.

- ``GET /api/revenue/invoices/{invoice_id}/pdf``: the client invoice (managers, members,
  clients);
- ``GET /api/revenue/invoices/{invoice_id}/facturx.pdf``: the same document as a Factur-X
  e-invoice (PDF/A-3 with its EN 16931 XML), same readers as the PDF;
- ``GET /api/revenue/invoices/{invoice_id}/split.csv``: the split (managers: all shares; members
  and paid guests: their own);
- ``GET /api/revenue/time.csv?start=&end=&project=&user=``: the time report the viewer may read.

The language is the viewer's profile language, else the ``collab_lang`` cookie, else the
browser's ``Accept-Language``.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from collab_app.db import session_scope
from collab_app.i18n import negotiate, normalize_locale
from collab_app.services import time_tracking
from collab_app.services.accounts import auth
from collab_app.services.billing import exports, facturx
from collab_app.services.billing import pdf as invoice_pdf
from collab_app.services.errors import DomainError, NotFound, PermissionDenied
from collab_app.services.viewer import Viewer

SESSION_COOKIE = "collab_session"
LANG_COOKIE = "collab_lang"
PREFIX = "/api/revenue"


def request_locale(request: Request, viewer: Viewer) -> str:
    """Return a download answer's language: the profile's, the cookie's, or the browser's.

    Args:
        request: The HTTP request.
        viewer: The signed-in person.

    Returns:
        ``en`` or ``fr``.
    """
    if viewer.locale:
        return normalize_locale(viewer.locale)
    if request.cookies.get(LANG_COOKIE):
        return normalize_locale(request.cookies[LANG_COOKIE])
    return negotiate(request.headers.get("accept-language"))


def plain_answer(status: int, text: str) -> Response:
    """Return a short plain-text answer (sign in, not found, invalid) for the download routes.

    Args:
        status: HTTP status.
        text: The answer's text.

    Returns:
        The response.
    """
    return Response(
        text,
        status_code=status,
        media_type="text/plain; charset=utf-8",
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


def _serve(
    request: Request,
    produce: Callable[..., tuple[str, bytes]],
    media_type: str,
    *,
    inline: bool,
) -> Response:
    token = request.cookies.get(SESSION_COOKIE, "")
    with session_scope() as session:
        viewer = auth.resolve_session(session, token) if token else None
        if viewer is None:
            return plain_answer(401, "Sign in first.")
        try:
            name, body = produce(session, viewer, request_locale(request, viewer))
        except (NotFound, PermissionDenied):
            return plain_answer(404, "Not found.")
        except DomainError:
            return plain_answer(400, "Invalid request.")
    disposition = "inline" if inline else "attachment"
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _invoice_endpoint(
    produce: Callable[..., tuple[str, bytes]], media_type: str, *, inline: bool
) -> Callable[[Request], Response]:
    """Return the endpoint serving one file of an invoice (checked by ``produce``'s service).

    Args:
        produce: A service ``(session, viewer, *, invoice_id, locale) -> (name, bytes)``.
        media_type: The file's media type.
        inline: Shown in the browser rather than saved.

    Returns:
        The endpoint: the file, or 401/404.
    """

    def endpoint(request: Request) -> Response:
        invoice_id = request.path_params.get("invoice_id", "")
        return _serve(
            request,
            lambda session, viewer, locale: produce(
                session, viewer, invoice_id=invoice_id, locale=locale
            ),
            media_type,
            inline=inline,
        )

    return endpoint


# The client invoice; the same document as a Factur-X e-invoice (same readers); the split.
invoice_pdf_endpoint = _invoice_endpoint(invoice_pdf.invoice_pdf, "application/pdf", inline=True)
facturx_endpoint = _invoice_endpoint(facturx.facturx_pdf, "application/pdf", inline=False)
split_csv_endpoint = _invoice_endpoint(exports.split_csv, "text/csv; charset=utf-8", inline=False)


def time_csv_endpoint(request: Request) -> Response:
    """Serve the time report as CSV.

    Args:
        request: The HTTP request.

    Returns:
        The CSV, or 400/401/404.
    """
    query = request.query_params
    return _serve(
        request,
        lambda session, viewer, locale: exports.time_csv(
            session,
            viewer,
            criteria=time_tracking.ReportCriteria(
                start=query.get("start", ""),
                end=query.get("end", ""),
                project_id=query.get("project") or None,
                user_id=query.get("user") or None,
            ),
            locale=locale,
        ),
        "text/csv; charset=utf-8",
        inline=False,
    )


def routes() -> list[Route]:
    """Return the download routes (sync endpoints run in Starlette's thread pool).

    Returns:
        The routes.
    """
    return [
        Route(f"{PREFIX}/invoices/{{invoice_id}}/pdf", invoice_pdf_endpoint, methods=["GET"]),
        Route(f"{PREFIX}/invoices/{{invoice_id}}/facturx.pdf", facturx_endpoint, methods=["GET"]),
        Route(f"{PREFIX}/invoices/{{invoice_id}}/split.csv", split_csv_endpoint, methods=["GET"]),
        Route(f"{PREFIX}/time.csv", time_csv_endpoint, methods=["GET"]),
    ]


def api() -> Starlette:
    """Return a Starlette app holding the download routes, for ``rx.App(api_transformer=...)``.

    Returns:
        The app (Reflex mounts its own backend under it).
    """
    return Starlette(routes=routes())
