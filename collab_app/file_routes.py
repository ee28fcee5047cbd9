"""Upload, download and preview routes of project files, next to the Reflex backend (#17).

Never Reflex's public upload directory: every request is authenticated with the session cookie
(as the revenue downloads are) and every id goes through the files services, hence through the
permission rule. Unknown, hidden and forbidden files all answer 404.

- ``POST /api/files/projects/{project_id}/upload?name=&size=`` with optional targets
  ``folder=&task=&version=&comment=&request=&order=`` (a revision request, a change order):
  the raw file as the body (the browser's ``XMLHttpRequest.send(file)``, which reports
  progress).
  Checked before any byte is stored (viewer, target, name, size, quota); then streamed into
  storage chunk by chunk; a thumbnail is made in a worker thread; answers JSON ``{"id": n}``
  or ``{"error": "message in the viewer's language"}``. Only the app's own origin may post.
- ``GET /api/files/{file_id}/download``: the file as an attachment;
- ``GET /api/files/{file_id}/view``: images and PDF inline (anything else as an attachment);
- ``GET /api/files/{file_id}/thumb``: the JPEG thumbnail or PDF first-page preview.

Answers carry the sniffed type (``application/octet-stream`` for HTML, SVG, XML and scripts),
``nosniff``, ``Content-Security-Policy: sandbox`` (the PDF viewer aside, which a sandbox stops)
and a sanitised file name, and are never cached by shared caches.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from collab_app.db import session_scope
from collab_app.i18n import translate
from collab_app.revenue_downloads import SESSION_COOKIE, plain_answer, request_locale
from collab_app.services import files, permissions
from collab_app.services.accounts import auth
from collab_app.services.errors import DomainError, NotFound, PermissionDenied
from collab_app.services.viewer import Viewer
from collab_app.settings import allowed_origins

PREFIX = files.API_PREFIX


def _viewer(request: Request) -> Viewer | None:
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token:
        return None
    with session_scope() as session:
        return auth.resolve_session(session, token)


def _json(status: int, payload: dict) -> Response:
    return Response(
        json.dumps(payload, ensure_ascii=False),
        status_code=status,
        media_type="application/json; charset=utf-8",
        headers={"Cache-Control": "no-store"},
    )


def _error(error: DomainError, locale: str) -> Response:
    if isinstance(error, NotFound | PermissionDenied) and error.code in (
        "error.not_found",
        "error.forbidden",
    ):
        return _json(404, {"error": translate("error.not_found", locale)})
    status = 413 if error.code in ("files.too_big", "files.over_quota") else 400
    return _json(status, {"error": translate(error.code, locale, **error.params)})


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser's cross-site request (those always name their origin)
    own = f"{request.url.scheme}://{request.url.netloc}"
    return origin.rstrip("/") in {own, *allowed_origins()}


async def upload_endpoint(request: Request) -> Response:
    """Receive one file into a project.

    Args:
        request: The HTTP request (raw body).

    Returns:
        JSON with the new file's id, or an error message (400, 401, 403, 404, 413).
    """
    viewer = await asyncio.to_thread(_viewer, request)
    if viewer is None:
        return _json(401, {"error": "Sign in first. / Connectez-vous d'abord."})
    locale = request_locale(request, viewer)
    if not _same_origin(request):
        return _json(403, {"error": translate("error.forbidden", locale)})
    query = request.query_params

    def prepare() -> files.UploadTicket:
        with session_scope() as session:
            return files.prepare_upload(
                session,
                viewer,
                project_id=request.path_params.get("project_id", ""),
                name=query.get("name", ""),
                size=query.get("size", ""),
                target=files.UploadTarget(
                    folder_id=query.get("folder") or None,
                    task_id=query.get("task") or None,
                    review_version_id=query.get("version") or None,
                    comment_id=query.get("comment") or None,
                    revision_item_id=query.get("request") or None,
                    change_order_id=query.get("order") or None,
                ),
                locale=locale,
            )

    storage = files.default_storage()
    try:
        ticket = await asyncio.to_thread(prepare)
        stored = await files.stream_into(storage, request.stream(), expected_size=ticket.size)
    except DomainError as error:
        return _error(error, locale)
    except ClientDisconnect:
        return _json(400, {"error": translate("files.unreadable", locale)})
    thumb_id = None
    try:
        mime = files.sniff(stored.head)
        thumb = await asyncio.to_thread(files.make_thumbnail, storage.read(stored.blob_id), mime)
        if thumb is not None:
            writer = await asyncio.to_thread(storage.writer)
            await asyncio.to_thread(writer.write, thumb)
            thumb_id, _, _ = await asyncio.to_thread(writer.finish)

        def finish() -> int:
            with session_scope() as session:
                return files.finish_upload(
                    session, viewer, ticket, stored, thumb_blob_id=thumb_id, locale=locale
                )

        file_id = await asyncio.to_thread(finish)
    except DomainError as error:
        return _error(error, locale)  # finish_upload already dropped the stored bytes
    except BaseException:
        # Nothing refers to these bytes: drop them rather than keep an invisible orphan.
        await asyncio.shield(asyncio.to_thread(_drop, [stored.blob_id, thumb_id]))
        raise
    return _json(200, {"id": file_id})


def _drop(blob_ids: list[int | None]) -> None:
    with session_scope() as session:
        for blob_id in blob_ids:
            if blob_id is not None:
                files.delete_blob(session, blob_id)
        session.commit()


def _file_answer(request: Request, kind: str) -> Response:
    viewer = _viewer(request)
    if viewer is None:
        return plain_answer(401, "Sign in first.")
    with session_scope() as session:
        try:
            found, _ = permissions.require_file(session, viewer, request.path_params["file_id"])
        except DomainError:
            return plain_answer(404, "Not found.")
        name, mime, blob_id, thumb_id = found.name, found.mime, found.blob_id, found.thumb_blob_id
    headers = {
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    }
    if kind == "thumb":
        if thumb_id is None:
            return plain_answer(404, "Not found.")
        headers["Content-Security-Policy"] = "sandbox"
        body = files.default_storage().read_all(thumb_id)
        return Response(body, media_type="image/jpeg", headers=headers)
    inline = kind == "view" and files.is_inline(mime)
    disposition = "inline" if inline else "attachment"
    headers["Content-Disposition"] = f"{disposition}; {files.header_filename(name)}"
    if mime != "application/pdf" or not inline:
        headers["Content-Security-Policy"] = "sandbox"
    served_type = "application/octet-stream" if files.is_active(mime) else mime
    chunks: Iterator[bytes] = files.default_storage().read(blob_id)
    return StreamingResponse(chunks, media_type=served_type, headers=headers)


def _endpoint(kind: str) -> Callable[[Request], Response]:
    """The GET endpoint serving files as ``kind``.

    ``download``: an attachment; ``view``: images and PDF inline, anything else as an
    attachment; ``thumb``: the thumbnail JPEG.

    Args:
        kind: How the file is served.

    Returns:
        The endpoint: the bytes, streamed, or 401/404.
    """

    def endpoint(request: Request) -> Response:
        return _file_answer(request, kind)

    endpoint.__name__ = f"{kind}_endpoint"
    return endpoint


def routes() -> list[Route]:
    """Return the file routes.

    Returns:
        The routes.
    """
    return [
        Route(f"{PREFIX}/projects/{{project_id}}/upload", upload_endpoint, methods=["POST"]),
        *(
            Route(f"{PREFIX}/{{file_id}}/{kind}", _endpoint(kind), methods=["GET"])
            for kind in ("download", "view", "thumb")
        ),
    ]


def api() -> Starlette:
    """Return a Starlette app holding the file routes, for ``rx.App(api_transformer=...)``.

    Returns:
        The app (Reflex mounts its own backend under it).
    """
    return Starlette(routes=routes())
