"""File routes (#17): cookie-checked streamed upload, downloads and previews through the rule."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlmodel import func, select
from starlette.testclient import TestClient

from collab_app import file_routes
from collab_app.models import FileBlob, ProjectFile
from collab_app.services import files
from collab_app.services.accounts import auth
from tests.unit.files.support import PNG_BYTES, pdf_bytes

pytestmark = pytest.mark.usefixtures("use_test_db")


@pytest.fixture
def http(session, world):
    tokens = {
        role: auth.start_session(session, user_id=getattr(world, role).user_id)
        for role in ("member", "manager", "guest", "client", "outsider")
    }
    with TestClient(file_routes.api(), base_url="http://localhost:3000") as client:
        client.tokens = tokens

        def as_(role):
            client.cookies.set("collab_session", tokens[role])
            return client

        client.as_ = as_
        yield client


def _post(http, project_id, name, data, **extra):
    query = f"name={quote(name)}&size={extra.pop('size', len(data))}"
    for key, value in extra.items():
        query += f"&{key}={value}"
    return http.post(f"/api/files/projects/{project_id}/upload?{query}", content=data)


def test_upload_then_download_view_and_thumbnail(session, world, http):
    answer = _post(http.as_("member"), world.project.id, "Logo final (v2) été.png", PNG_BYTES)
    assert answer.status_code == 200, answer.text
    file_id = answer.json()["id"]
    row = session.get(ProjectFile, file_id)
    assert row.name == "Logo final (v2) été.png" and row.mime == "image/png"
    assert row.thumb_blob_id is not None

    download = http.get(f"/api/files/{file_id}/download")
    assert download.status_code == 200 and download.content == PNG_BYTES
    assert download.headers["content-type"] == "image/png"
    assert download.headers["content-disposition"].startswith('attachment; filename="Logo final')
    assert (
        "UTF-8''Logo%20final%20%28v2%29%20%C3%A9t%C3%A9.png"
        in (download.headers["content-disposition"])
    )
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-security-policy"] == "sandbox"
    assert "no-store" in download.headers["cache-control"]
    view = http.get(f"/api/files/{file_id}/view")
    assert view.headers["content-disposition"].startswith("inline;")
    thumb = http.get(f"/api/files/{file_id}/thumb")
    assert thumb.status_code == 200 and thumb.content[:3] == b"\xff\xd8\xff"


def test_active_content_is_never_served_inline(session, world, http):
    page = b"<html><body><script>alert(document.cookie)</script></body></html>"
    file_id = _post(http.as_("member"), world.project.id, "photo.png", page).json()["id"]
    for kind in ("download", "view"):
        answer = http.get(f"/api/files/{file_id}/{kind}")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/octet-stream"
        assert answer.headers["content-disposition"].startswith("attachment;")
        assert answer.headers["content-security-policy"] == "sandbox"
    assert http.get(f"/api/files/{file_id}/thumb").status_code == 404


def test_pdf_view_is_inline_with_a_first_page_preview(session, world, http):
    file_id = _post(http.as_("member"), world.project.id, "mockup.pdf", pdf_bytes()).json()["id"]
    view = http.get(f"/api/files/{file_id}/view")
    assert view.headers["content-type"] == "application/pdf"
    assert view.headers["content-disposition"].startswith("inline;")
    assert http.get(f"/api/files/{file_id}/thumb").content[:3] == b"\xff\xd8\xff"


def test_hidden_files_answer_not_found_to_everyone_else(session, world, http):
    file_id = _post(http.as_("member"), world.project.id, "internal.txt", b"secret").json()["id"]
    for role in ("guest", "client", "outsider"):
        for kind in ("download", "view", "thumb"):
            answer = http.as_(role).get(f"/api/files/{file_id}/{kind}")
            assert answer.status_code == 404 and b"secret" not in answer.content
    http.cookies.clear()
    assert http.get(f"/api/files/{file_id}/download").status_code == 401
    http.as_("member")
    for bad in ("abc", "0", "-1", str(file_id + 50), "1%20OR%201=1"):
        assert http.get(f"/api/files/{bad}/download").status_code == 404
    files.set_shared(session, world.member, file_id=file_id, shared=True)
    assert http.as_("client").get(f"/api/files/{file_id}/download").content == b"secret"
    files.delete_file(session, world.member, file_id=file_id)
    assert http.as_("member").get(f"/api/files/{file_id}/download").status_code == 404


def _blobs(session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(FileBlob)).one()


def test_refusals_come_before_storing_in_the_viewers_language(session, world, http, monkeypatch):
    monkeypatch.setenv("FILES_MAX_BYTES", "10")
    answer = _post(http.as_("member"), world.project.id, "big.bin", b"x" * 11)
    assert answer.status_code == 413
    assert answer.json()["error"] == "This file is too big: at most 10\u00a0B per file."
    answer = _post(http.as_("client"), world.project.id, "vide.txt", b"", size=0)
    assert answer.status_code == 400
    assert answer.json()["error"] == "This file is empty."
    answer = _post(http.as_("member"), world.project.id, "short.bin", b"x" * 3, size=5)
    assert answer.status_code == 400
    assert _blobs(session) == 0
    assert _post(http.as_("outsider"), world.project.id, "a.txt", b"a").status_code == 404
    assert _post(http.as_("guest"), world.project.id, "a.txt", b"a").status_code == 400


def test_another_sites_page_cannot_post_a_file(session, world, http):
    answer = http.as_("member").post(
        f"/api/files/projects/{world.project.id}/upload?name=a.txt&size=1",
        content=b"a",
        headers={"Origin": "https://evil.example"},
    )
    assert answer.status_code == 403
    assert _blobs(session) == 0
    answer = http.post(
        f"/api/files/projects/{world.project.id}/upload?name=a.txt&size=1",
        content=b"a",
        headers={"Origin": "http://localhost:3000"},
    )
    assert answer.status_code == 200


def test_a_failure_after_storing_leaves_no_orphan_bytes(session, world, http, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(files, "finish_upload", broken)
    with pytest.raises(RuntimeError):
        _post(http.as_("member"), world.project.id, "logo.png", PNG_BYTES)
    assert _blobs(session) == 0
