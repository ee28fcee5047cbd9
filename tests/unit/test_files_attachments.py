"""Files attached to task comments (#17): uploaded by the author, visible as the comment is."""

from __future__ import annotations

import pytest

from collab_app.i18n import translate
from collab_app.models import ProjectFile
from collab_app.services import comments, files, permissions
from collab_app.services.errors import NotFound, PermissionDenied
from tests.unit.files_support import upload
from tests.unit.test_revisions_support import GARBAGE_IDS, make_tasks

pytestmark = pytest.mark.usefixtures("use_test_db")


def _comment(session, viewer, task_id, visibility, body="See attached") -> int:
    return comments.add_comment(
        session, viewer, task_id=task_id, body=body, visibility=visibility
    ).id


def _on_comments(session, viewer, task_id, **kwargs) -> dict[int, list[str]]:
    found = files.list_comment_files(session, viewer, task_id=task_id, **kwargs)
    return {cid: [f.name for f in views] for cid, views in found.items()}


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
    # Sharing it on its own is refused: it follows the comment.
    with pytest.raises(PermissionDenied) as refused:
        files.set_shared(session, world.manager, file_id=file_id, shared=True)
    assert refused.value.code == "files.follows_comment"
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
            files.prepare_upload(
                session,
                viewer,
                project_id=world.project.id,
                name="x.txt",
                size=1,
                comment_id=team_note,
            )
        assert not_author.value.code == "files.comment_author_only"


def test_hidden_foreign_and_garbage_comments_are_not_found(session, world):
    tasks = make_tasks(session, world)
    internal = _comment(session, world.member, tasks.shared, "internal")
    on_other_task = _comment(session, world.member, tasks.team_only, "client")
    # The client cannot see an internal comment: attaching to it answers "not found".
    with pytest.raises(NotFound):
        files.prepare_upload(
            session,
            world.client,
            project_id=world.project.id,
            name="x",
            size=1,
            comment_id=internal,
        )
    # A task other than the comment's is refused as unknown.
    with pytest.raises(NotFound):
        files.prepare_upload(
            session,
            world.member,
            project_id=world.project.id,
            name="x",
            size=1,
            comment_id=on_other_task,
            task_id=tasks.shared,
        )
    with pytest.raises(NotFound):
        files.prepare_upload(
            session,
            world.outsider,
            project_id=world.other_project.id,
            name="x",
            size=1,
            comment_id=internal,
        )
    for raw in GARBAGE_IDS:
        if raw in (None, "", 0, "0"):
            continue
        with pytest.raises(NotFound):
            files.prepare_upload(
                session, world.member, project_id=world.project.id, name="x", size=1, comment_id=raw
            )
