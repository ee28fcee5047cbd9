"""Files attached to task comments, revision requests and change orders (#17).

Uploaded by the author through the same upload steps as every file; seen by whoever sees what
they are attached to (an internal comment's by the team only; a request's or change order's by
the team and the client, never a guest).
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from collab_app.i18n import translate
from collab_app.models import ProjectFile, RevisionItem
from collab_app.services import files, permissions, revisions
from collab_app.services.board import comments
from collab_app.services.errors import NotFound, PermissionDenied
from collab_app.services.revisions import change_orders
from collab_app.services.revisions import triage as revisions_triage
from tests.unit.files.support import upload
from tests.unit.revisions.support import GARBAGE_IDS, make_tasks, set_terms, submit_round

pytestmark = pytest.mark.usefixtures("use_test_db")


def _comment(session, viewer, task_id, visibility, body="See attached") -> int:
    return comments.add_comment(
        session, viewer, task_id=task_id, body=body, visibility=visibility
    ).id


def _on_comments(session, viewer, task_id, **kwargs) -> dict[int, list[str]]:
    found = files.list_comment_files(session, viewer, task_id=task_id, **kwargs)
    return {cid: [f.name for f in views] for cid, views in found.items()}


def _prepare(session, viewer, project_id, name="x.txt", **target) -> files.UploadTicket:
    """The upload route's first step for a one-byte file attached to ``target``."""
    return files.prepare_upload(
        session,
        viewer,
        project_id=project_id,
        name=name,
        size=1,
        target=files.UploadTarget(**target),
    )


def _names(session, viewer, world) -> list[str]:
    return sorted(f.name for f in files.list_files(session, viewer, project_id=world.project.id))


def test_an_internal_comments_file_is_the_teams_whatever_is_asked(session, world):
    tasks = make_tasks(session, world)
    note = _comment(session, world.member, tasks.shared, "internal")
    file_id = upload(
        session, world.member, world.project.id, "margins.xlsx", b"costs", comment_id=note
    )
    row = session.get(ProjectFile, file_id)
    assert (row.comment_id, row.task_id, row.visibility) == (note, tasks.shared, "internal")
    assert _on_comments(session, world.manager, tasks.shared) == {note: ["margins.xlsx"]}
    # The guest sees the task and the internal comment, the client the task: neither the file.
    for viewer in (world.guest, world.client):
        assert _on_comments(session, viewer, tasks.shared) == {}
        assert _names(session, viewer, world) == []
        with pytest.raises(NotFound):
            permissions.require_file(session, viewer, file_id)
    assert _on_comments(session, world.manager, tasks.shared, as_role="client") == {}
    # Listed on the Files page as internal, with no share button of its own.
    [listed] = files.list_files(session, world.member, project_id=world.project.id)
    assert listed.attached and not listed.shared
    # Sharing it on its own is refused: it follows the comment.
    with pytest.raises(PermissionDenied) as refused:
        files.set_shared(session, world.manager, file_id=file_id, shared=True)
    assert refused.value.code == "files.follows_attachment"
    assert "\u00a0:" in translate(refused.value.code, "fr")
    with pytest.raises(NotFound):
        permissions.require_file(session, world.client, file_id)


def test_a_client_visible_comments_file_is_seen_by_who_sees_the_task(session, world):
    tasks = make_tasks(session, world)
    shared = _comment(session, world.member, tasks.shared, "client")
    hidden_task_note = _comment(session, world.member, tasks.hidden, "client")
    banner = upload(session, world.member, world.project.id, "banner.png", b"b", comment_id=shared)
    upload(session, world.member, world.project.id, "m.txt", b"m", comment_id=hidden_task_note)
    assert session.get(ProjectFile, banner).visibility == "client"
    for viewer in (world.member, world.guest, world.client):
        assert _on_comments(session, viewer, tasks.shared) == {shared: ["banner.png"]}
        permissions.require_file(session, viewer, banner)
    # The task hidden from the client hides its comments' files too; the guest does not see it.
    assert _names(session, world.client, world) == ["banner.png"]
    assert _names(session, world.guest, world) == ["banner.png"]
    # A comment's files are listed under it, not with the task's own files.
    assert files.list_task_files(session, world.member, task_id=tasks.shared) == []


def test_a_comments_files_follow_its_later_visibility_and_deletion(session, world):
    tasks = make_tasks(session, world)
    note = _comment(session, world.member, tasks.shared, "client")
    file_id = upload(session, world.member, world.project.id, "v1.pdf", b"%PDF", comment_id=note)
    comments.edit_comment(
        session, world.member, comment_id=note, body="Team only now", visibility="internal"
    )
    for viewer in (world.guest, world.client):
        with pytest.raises(NotFound):
            permissions.require_file(session, viewer, file_id)
    [listed] = files.list_files(session, world.member, project_id=world.project.id)
    assert listed.attached and not listed.shared  # the team's list follows the comment too
    comments.edit_comment(
        session, world.member, comment_id=note, body="Shared again", visibility="client"
    )
    permissions.require_file(session, world.client, file_id)
    comments.delete_comment(session, world.member, comment_id=note)
    for viewer in (world.guest, world.client):
        with pytest.raises(NotFound):
            permissions.require_file(session, viewer, file_id)


def test_guests_and_clients_attach_to_their_own_comments_only(session, world):
    tasks = make_tasks(session, world)
    guest_note = _comment(session, world.guest, tasks.shared, "internal")
    client_note = _comment(session, world.client, tasks.shared, "client")
    team_note = _comment(session, world.member, tasks.shared, "client")
    upload(session, world.guest, world.project.id, "g.txt", b"g", comment_id=guest_note)
    upload(session, world.client, world.project.id, "photo.jpg", b"c", comment_id=client_note)
    assert _on_comments(session, world.client, tasks.shared) == {client_note: ["photo.jpg"]}
    assert _on_comments(session, world.guest, tasks.shared) == {client_note: ["photo.jpg"]}
    assert _on_comments(session, world.member, tasks.shared) == {
        guest_note: ["g.txt"],
        client_note: ["photo.jpg"],
    }
    for viewer in (world.client, world.guest, world.manager):
        with pytest.raises(PermissionDenied) as not_author:
            _prepare(session, viewer, world.project.id, comment_id=team_note)
        assert not_author.value.code == "files.author_only"


def test_hidden_foreign_and_garbage_comments_are_not_found(session, world):
    tasks = make_tasks(session, world)
    internal = _comment(session, world.member, tasks.shared, "internal")
    on_other_task = _comment(session, world.member, tasks.team_only, "client")
    # The client cannot see an internal comment: attaching to it answers "not found".
    with pytest.raises(NotFound):
        _prepare(session, world.client, world.project.id, comment_id=internal)
    # A task other than the comment's is refused as unknown.
    with pytest.raises(NotFound):
        _prepare(
            session, world.member, world.project.id, comment_id=on_other_task, task_id=tasks.shared
        )
    with pytest.raises(NotFound):
        _prepare(session, world.outsider, world.other_project.id, comment_id=internal)
    for raw in GARBAGE_IDS:
        if raw in (None, "", 0, "0"):
            continue
        with pytest.raises(NotFound):
            _prepare(session, world.member, world.project.id, comment_id=raw)


def _client_request(session, world, text="Darker background") -> int:
    """A request the client (the project's contact) writes in its draft round (not sent yet)."""
    set_terms(session, world, included=3)
    revisions.add_item(session, world.client, project_id=world.project.id, description=text)
    return session.exec(select(RevisionItem.id).where(RevisionItem.description == text)).one()


def _request_files(session, viewer, world) -> dict[int, list[str]]:
    view = revisions.overview(session, viewer, project_id=world.project.id)
    items = [*(view.draft.requests if view.draft else ()), *view.items]
    return {i.id: [f.name for f in i.files] for i in items if i.files}


def test_the_client_attaches_to_its_own_request_and_the_team_sees_it(session, world):
    item_id = _client_request(session, world)
    file_id = upload(
        session, world.client, world.project.id, "photo.jpg", b"jpeg", revision_item_id=item_id
    )
    row = session.get(ProjectFile, file_id)
    assert (row.revision_item_id, row.task_id, row.visibility) == (item_id, None, "client")
    assert _request_files(session, world.client, world) == {item_id: ["photo.jpg"]}
    assert _request_files(session, world.member, world) == {item_id: ["photo.jpg"]}
    draft = revisions.overview(session, world.client, project_id=world.project.id).draft
    assert draft.requests[0].can_attach is True
    team_view = revisions.overview(session, world.member, project_id=world.project.id)
    assert team_view.draft.requests[0].can_attach is False  # not the author
    with pytest.raises(PermissionDenied) as not_author:
        upload(session, world.member, world.project.id, "x.txt", b"x", revision_item_id=item_id)
    assert not_author.value.code == "files.author_only"
    with pytest.raises(PermissionDenied) as follows:
        files.set_shared(session, world.manager, file_id=file_id, shared=False)
    assert follows.value.code == "files.follows_attachment"


def test_a_requests_files_never_reach_a_guest_even_one_who_sees_the_request(session, world):
    tasks = make_tasks(session, world)
    item_id = _client_request(session, world, "Bigger banner")
    upload(session, world.client, world.project.id, "ref.png", b"png", revision_item_id=item_id)
    revisions.submit_round(
        session, world.client, round_id=session.get(RevisionItem, item_id).round_id
    )
    revisions_triage.link_task(session, world.member, item_id=item_id, task_id=tasks.shared)
    guest_view = revisions.overview(session, world.guest, project_id=world.project.id)
    assert [i.id for i in guest_view.items] == [item_id]  # the guest sees the request...
    assert guest_view.items[0].files == () and not guest_view.items[0].can_attach
    assert (
        sorted(f.name for f in files.list_files(session, world.guest, project_id=world.project.id))
        == []
    )
    file_id = session.exec(select(ProjectFile.id).where(ProjectFile.name == "ref.png")).one()
    with pytest.raises(NotFound):  # ...never its files
        permissions.require_file(session, world.guest, file_id)
    with pytest.raises(NotFound):
        _prepare(session, world.guest, world.project.id, name="g.txt", revision_item_id=item_id)


def _change_order(session, world) -> int:
    set_terms(session, world, included=3)
    rid = submit_round(session, world, ["Add a shop"])
    shop = session.exec(select(RevisionItem.id).where(RevisionItem.round_id == rid)).one()
    revisions_triage.triage_item(session, world.member, item_id=shop, kind="scope_change")
    return change_orders.propose(
        session, world.manager, item_id=shop, description="Online shop", price="1,200.00"
    )


def test_a_change_orders_files_are_the_teams_and_the_clients(session, world):
    order_id = _change_order(session, world)
    file_id = upload(
        session, world.manager, world.project.id, "quote.pdf", b"%PDF-1.4", change_order_id=order_id
    )
    assert session.get(ProjectFile, file_id).visibility == "client"
    for viewer in (world.manager, world.member, world.client):
        orders = revisions.overview(session, viewer, project_id=world.project.id).change_orders
        assert [[f.name for f in o.files] for o in orders] == [["quote.pdf"]]
        permissions.require_file(session, viewer, file_id)
    decisions = revisions.pending_decisions(session, world.client, project_id=world.project.id)
    assert [f.name for f in decisions[0].files] == ["quote.pdf"]
    assert not decisions[0].can_attach
    with pytest.raises(NotFound):
        permissions.require_file(session, world.guest, file_id)
    for viewer, error in ((world.member, PermissionDenied), (world.guest, NotFound)):
        with pytest.raises(error):
            _prepare(session, viewer, world.project.id, change_order_id=order_id)
    with pytest.raises(NotFound):  # another project's change order is unknown here
        _prepare(session, world.outsider, world.other_project.id, change_order_id=order_id)


def test_removing_a_draft_request_puts_its_files_in_the_trash(session, world):
    item_id = _client_request(session, world)
    file_id = upload(
        session, world.client, world.project.id, "photo.jpg", b"jpeg", revision_item_id=item_id
    )
    revisions.remove_item(session, world.client, item_id=item_id)
    session.expire_all()
    row = session.get(ProjectFile, file_id)
    assert row.revision_item_id is None and row.deleted_at is not None
    with pytest.raises(NotFound):
        permissions.require_file(session, world.client, file_id)
    trash = files.list_files(session, world.manager, project_id=world.project.id, trash=True)
    assert [f.name for f in trash] == ["photo.jpg"]


def test_an_attached_file_has_one_owner_so_no_wider_audience_shows_it(session, world):
    tasks = make_tasks(session, world)
    internal = _comment(session, world.manager, tasks.shared, "internal")
    set_terms(session, world, included=3)
    revisions.add_item(session, world.manager, project_id=world.project.id, description="Mine")
    item_id = session.exec(select(RevisionItem.id).where(RevisionItem.description == "Mine")).one()
    folder = files.create_folder(session, world.manager, project_id=world.project.id, name="Docs")
    for target in (
        {"comment_id": internal, "revision_item_id": item_id},
        {"comment_id": internal, "folder_id": folder},
        {"revision_item_id": item_id, "task_id": tasks.shared},
        {"revision_item_id": item_id, "folder_id": folder},
    ):
        with pytest.raises(NotFound):
            _prepare(session, world.manager, world.project.id, **target)
