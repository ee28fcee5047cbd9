"""Project files in a real browser (#17): uploads at desktop and phone sizes, the client's
review of a deliverable on a phone, and internal files that never reach a guest or the client.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from sqlmodel import Session, create_engine, select

from collab_app.models import ProjectFile, RevisionItem, User
from collab_app.services import revisions
from collab_app.services.accounts.auth import viewer_for
from tests.e2e.helpers import DEMO_USERS, collect_ws_frames, sign_in


@pytest.fixture(autouse=True)
def _patient_expectations() -> Iterator[None]:
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=5_000)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def _open_files(page: Page, base_url: str, role: str) -> str:
    sign_in(page, base_url, DEMO_USERS[role])
    page.goto("/")
    page.get_by_role("heading", name="Boulangerie Dupont website").click()
    page.wait_for_url(re.compile(r"/projects/\d+/?$"))
    project_url = page.url.rstrip("/")
    page.goto(project_url + "/files")
    expect(page.locator(".files-page")).to_be_visible()
    return project_url


def _no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def _file_id(app_server, name: str) -> int:
    engine = create_engine(app_server.database_url)
    try:
        with Session(engine) as session:
            return session.exec(select(ProjectFile.id).where(ProjectFile.name == name)).one()
    finally:
        engine.dispose()


def test_member_uploads_two_files_at_desktop_and_one_on_a_phone(new_page, base_url, app_server):
    unique = f"{int(time.time() * 1000) % 10**8}"
    internal = f"INTERNE-devis-{unique}.txt"
    photo = f"vitrine-{unique}.png"
    member = new_page("desktop")
    _open_files(member, base_url, "member")
    member.locator("#files-upload-picker").set_input_files(
        [
            {"name": internal, "mimeType": "text/plain", "buffer": b"marge 42 %"},
            {"name": photo, "mimeType": "image/png", "buffer": _png()},
        ]
    )
    zone = member.locator("#files-upload")
    expect(zone.locator(".upload-row.done")).to_have_count(2)
    rows = member.locator("#file-list .file-row")
    expect(rows.filter(has_text=internal)).to_have_count(1)
    expect(rows.filter(has_text=photo)).to_have_count(1)
    expect(rows.filter(has_text=photo).locator("img.file-thumb")).to_be_visible()
    expect(rows.filter(has_text=internal)).to_contain_text("Interne")  # Bruno reads French

    phone = new_page("phone")
    _open_files(phone, base_url, "member")
    from_phone = f"photo-chantier-{unique}.png"
    phone.locator("#files-upload-camera").set_input_files(
        {"name": from_phone, "mimeType": "image/png", "buffer": _png()}
    )
    expect(phone.locator("#file-list .file-row").filter(has_text=from_phone)).to_have_count(1)
    # The desktop tab sees it live.
    expect(member.locator("#file-list .file-row").filter(has_text=from_phone)).to_have_count(1)
    _no_horizontal_scroll(phone)

    # A refused file shows its message while the others of the batch go through.
    member.locator("#files-upload-picker").set_input_files(
        [
            {"name": f"vide-{unique}.txt", "mimeType": "text/plain", "buffer": b""},
            {"name": f"ok-{unique}.txt", "mimeType": "text/plain", "buffer": b"ok"},
        ]
    )
    expect(zone.locator(".upload-row.failed")).to_contain_text("Ce fichier est vide.")
    expect(rows.filter(has_text=f"ok-{unique}.txt")).to_have_count(1)


def test_internal_files_never_reach_the_guest_or_the_client(new_page, base_url, app_server):
    unique = f"{int(time.time() * 1000) % 10**8}"
    secret = f"SECRET-marges-{unique}.txt"
    shared = f"partage-{unique}.txt"
    client = new_page("phone")
    client_frames = collect_ws_frames(client)
    _open_files(client, base_url, "client")
    guest = new_page("phone")
    guest_frames = collect_ws_frames(guest)
    _open_files(guest, base_url, "guest")

    member = new_page("desktop")
    _open_files(member, base_url, "member")
    member.locator("#files-upload-picker").set_input_files(
        [
            {"name": secret, "mimeType": "text/plain", "buffer": b"cout interne 900"},
            {"name": shared, "mimeType": "text/plain", "buffer": b"pour le client"},
        ]
    )
    rows = member.locator("#file-list .file-row")
    expect(rows.filter(has_text=shared)).to_have_count(1)
    expect(rows.filter(has_text=secret)).to_have_count(1)
    rows.filter(has_text=shared).locator(".file-share").click()
    expect(client.locator("#file-list .file-row").filter(has_text=shared)).to_have_count(1)
    # Taken back: it leaves the client's open page live.
    rows.filter(has_text=shared).locator(".file-share").click()
    expect(client.locator(".file-row").filter(has_text=shared)).to_have_count(0)

    secret_id = _file_id(app_server, secret)
    for page in (client, guest):
        for kind in ("download", "view", "thumb"):
            answer = page.request.get(f"/api/files/{secret_id}/{kind}")
            assert answer.status == 404
            assert b"cout interne" not in answer.body()
    assert member.request.get(f"/api/files/{secret_id}/download").body() == b"cout interne 900"
    client.reload()
    guest.reload()
    expect(client.locator(".files-page")).to_be_visible()
    expect(guest.locator(".files-page")).to_be_visible()
    for frames in (client_frames, guest_frames):
        joined = "\n".join(frames)
        assert secret not in joined
        assert f"SECRET-marges-{unique}" not in joined


def test_client_approves_version_1_and_requests_changes_on_version_2(
    new_page, base_url, app_server
):
    unique = f"{int(time.time() * 1000) % 10**8}"
    name = f"Logo {unique}"
    member = new_page("desktop")
    _open_files(member, base_url, "member")
    member.locator("#review_name").fill(name)
    member.locator("#review_name").press("Enter")
    card = member.locator(f'.review-card[data-review="{name}"]')
    expect(card).to_be_visible()
    card.locator('input[data-files-input="picker"]').set_input_files(
        {"name": f"logo-v1-{unique}.png", "mimeType": "image/png", "buffer": _png()}
    )
    expect(card.locator(".file-row")).to_have_count(1)

    client = new_page("phone")
    _open_files(client, base_url, "client")
    client_card = client.locator(f'.review-card[data-review="{name}"]')
    expect(client_card.locator(".file-row")).to_have_count(1)
    client_card.locator(".review-approve").click()
    expect(client_card).to_contain_text("Validé")
    expect(client_card.locator(".review-history-line")).to_contain_text("a validé la version 1")
    expect(card).to_contain_text("Validé")  # live on the team's page
    expect(card.locator(".file-delete")).to_have_count(0)  # locked
    _no_horizontal_scroll(client)

    owner = new_page("desktop")
    _open_files(owner, base_url, "owner")
    owner_card = owner.locator(f'.review-card[data-review="{name}"]')
    owner_card.locator("#reason").fill("Le client veut une variante sombre")
    owner_card.locator(".review-reopen").click()
    expect(owner_card).to_contain_text("En relecture")
    owner_card.locator(".review-publish").click()
    expect(owner_card.locator(".review-version")).to_have_count(2)

    expect(client_card.locator(".review-version")).to_have_count(2)
    request = f"Fond plus sombre {unique}"
    client_card.locator("textarea#changes").fill(request)
    client_card.locator(".review-request-changes").click()
    expect(client_card).to_contain_text("Modifications demandées")
    engine = create_engine(app_server.database_url)
    try:
        with Session(engine) as session:
            item = session.exec(
                select(RevisionItem).where(RevisionItem.description.contains(request))
            ).one()
            assert item.description.startswith(f"[{name}, version 2]")
    finally:
        engine.dispose()
    client.goto(client.url.rsplit("/files", 1)[0] + "/revisions")
    expect(client.get_by_text(request, exact=False)).to_be_visible()
    # Leave the demo's draft round as it was for the revision journeys that follow: the client,
    # the request's author, takes it back out of the draft.
    engine = create_engine(app_server.database_url)
    try:
        with Session(engine) as session:
            author = session.exec(select(User).where(User.email == DEMO_USERS["client"])).one()
            revisions.remove_item(session, viewer_for(author), item_id=item.id)
    finally:
        engine.dispose()


def test_a_file_attached_on_a_task_page(new_page, base_url, app_server):
    from collab_app.models import Task

    unique = f"{int(time.time() * 1000) % 10**8}"
    member = new_page("phone")
    project_url = _open_files(member, base_url, "member")
    project_id = int(project_url.rsplit("/", 1)[1])
    engine = create_engine(app_server.database_url)
    try:
        with Session(engine) as session:
            task_id = session.exec(
                select(Task.id).where(Task.project_id == project_id, Task.deleted_at.is_(None))
            ).first()
    finally:
        engine.dispose()
    member.goto(f"{project_url}/tasks/{task_id}")
    name = f"croquis-{unique}.png"
    member.locator("#task-upload-picker").set_input_files(
        {"name": name, "mimeType": "image/png", "buffer": _png()}
    )
    expect(member.locator("#task-files .file-row").filter(has_text=name)).to_have_count(1)
    _no_horizontal_scroll(member)


def _client_visible_task(app_server, project_id: int) -> int:
    from collab_app.models import Task

    engine = create_engine(app_server.database_url)
    try:
        with Session(engine) as session:
            return session.exec(
                select(Task.id).where(
                    Task.project_id == project_id,
                    Task.deleted_at.is_(None),
                    Task.hidden_from_client.is_(False),
                )
            ).first()
    finally:
        engine.dispose()


def test_a_file_attached_to_an_internal_comment_stays_with_the_team(new_page, base_url, app_server):
    unique = f"{int(time.time() * 1000) % 10**8}"
    note = f"Note interne {unique}"
    name = f"marges-commentaire-{unique}.txt"
    member = new_page("desktop")
    project_url = _open_files(member, base_url, "member")
    task_id = _client_visible_task(app_server, int(project_url.rsplit("/", 1)[1]))
    task_url = f"{project_url}/tasks/{task_id}"
    client = new_page("phone")
    client_frames = collect_ws_frames(client)
    sign_in(client, base_url, DEMO_USERS["client"])
    client.goto(task_url)
    expect(client.locator(".task-grid")).to_be_visible()

    member.goto(task_url)
    member.locator("#body").fill(note)
    member.locator("#new-comment button[type=submit]").click()
    comment = member.locator(".comment").filter(has_text=note)
    expect(comment).to_have_count(1)
    comment.locator(".attach-summary").click()
    comment.locator('input[data-files-input="picker"]').set_input_files(
        {"name": name, "mimeType": "text/plain", "buffer": b"marge interne 35 %"}
    )
    expect(comment.locator(".upload-row.done")).to_have_count(1)
    expect(comment.locator(".attached-files .file-row").filter(has_text=name)).to_have_count(1)
    file_id = _file_id(app_server, name)
    assert member.request.get(f"/api/files/{file_id}/download").body() == b"marge interne 35 %"

    # The client's open page never receives the comment's file, live or on reload.
    client.reload()
    expect(client.locator(".task-grid")).to_be_visible()
    expect(client.get_by_text(name)).to_have_count(0)
    answer = client.request.get(f"/api/files/{file_id}/download")
    assert answer.status == 404 and b"marge interne" not in answer.body()
    assert name not in "\n".join(client_frames)


def test_the_client_attaches_a_photo_to_its_revision_request_on_a_phone(
    new_page, base_url, app_server
):
    unique = f"{int(time.time() * 1000) % 10**8}"
    request_text = f"Photo de la vitrine en bannière {unique}"
    name = f"vitrine-{unique}.png"
    client = new_page("phone")
    project_url = _open_files(client, base_url, "client")
    client.goto(project_url + "/revisions")
    client.get_by_label("Votre demande").fill(request_text)
    client.get_by_role("button", name="Ajouter au tour").click()
    request = client.locator("#rev-composer .rev-item").filter(has_text=request_text)
    expect(request).to_have_count(1)
    request.locator(".attach-summary").click()
    request.locator('input[data-files-input="camera"]').set_input_files(
        {"name": name, "mimeType": "image/png", "buffer": _png()}
    )
    expect(request.locator(".upload-row.done")).to_have_count(1)
    expect(request.locator(".attached-files .file-row").filter(has_text=name)).to_have_count(1)
    _no_horizontal_scroll(client)

    # The team downloads it; a guest, who never sees a request's files, gets "not found".
    file_id = _file_id(app_server, name)
    member = new_page("desktop")
    sign_in(member, base_url, DEMO_USERS["member"])
    assert member.request.get(f"/api/files/{file_id}/download").body() == _png()
    guest = new_page("phone")
    sign_in(guest, base_url, DEMO_USERS["guest"])
    assert guest.request.get(f"/api/files/{file_id}/download").status == 404

    # Taken out of the draft again (the other tests' rounds stay as they were): to the trash.
    engine = create_engine(app_server.database_url)
    try:
        with Session(engine) as session:
            item = session.exec(
                select(RevisionItem).where(RevisionItem.description.contains(request_text))
            ).one()
            author = session.exec(select(User).where(User.email == DEMO_USERS["client"])).one()
            revisions.remove_item(session, viewer_for(author), item_id=item.id)
    finally:
        engine.dispose()
    client.reload()
    expect(client.locator("#rev-composer .rev-item").filter(has_text=request_text)).to_have_count(0)
    assert client.request.get(f"/api/files/{file_id}/download").status == 404
