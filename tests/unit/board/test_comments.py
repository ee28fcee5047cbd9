"""Comments: internal vs client, who reads what, authors edit and delete, safe rendering."""

from __future__ import annotations

import pytest
from sqlmodel import select

from collab_app.models import Activity
from collab_app.services import board
from collab_app.services.board import comments
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.unit.board.support import GARBAGE_IDS, change_version, make_board


@pytest.fixture
def b(session, world):
    return make_board(session, world)


def bodies(session, viewer, task_id):
    return [c.body_html for c in comments.list_comments(session, viewer, task_id=task_id)]


def test_team_comments_default_to_internal(session, world, b):
    for role in ("manager", "member", "guest"):
        made = comments.add_comment(
            session, getattr(world, role), task_id=b.shared.id, body=f"from {role}"
        )
        assert made.visibility == "internal"


def test_client_comments_are_client_visible(session, world, b):
    made = comments.add_comment(session, world.client, task_id=b.shared.id, body="Looks good")
    assert made.visibility == "client"
    with pytest.raises(PermissionDenied) as info:
        comments.add_comment(
            session, world.client, task_id=b.shared.id, body="psst", visibility="internal"
        )
    assert info.value.code == "board.client_comments_only"


def test_client_reads_only_client_comments(session, world, b):
    comments.add_comment(session, world.member, task_id=b.shared.id, body="internal margin talk")
    comments.add_comment(
        session, world.member, task_id=b.shared.id, body="Draft ready", visibility="client"
    )
    comments.add_comment(session, world.client, task_id=b.shared.id, body="Thanks")
    assert bodies(session, world.client, b.shared.id) == ["<p>Draft ready</p>\n", "<p>Thanks</p>\n"]
    assert len(bodies(session, world.guest, b.shared.id)) == 3
    assert len(bodies(session, world.manager, b.shared.id)) == 3
    detail = board.get_task_detail(session, world.client, task_id=b.shared.id)
    assert [c.visibility for c in detail.comments] == ["client", "client"]
    assert detail.comment_visibilities == ("client",)
    assert "internal" not in {a.kind.split("_")[-1] for a in detail.activity}


def test_internal_comment_id_is_not_found_for_client(session, world, b):
    internal = comments.add_comment(session, world.member, task_id=b.shared.id, body="secret")
    with pytest.raises(NotFound):
        comments.edit_comment(session, world.client, comment_id=internal.id, body="x")
    with pytest.raises(NotFound):
        comments.delete_comment(session, world.client, comment_id=internal.id)
    on_hidden = comments.add_comment(session, world.member, task_id=b.hidden.id, body="x")
    for viewer in (world.client, world.guest, world.outsider):
        with pytest.raises(NotFound):
            comments.delete_comment(session, viewer, comment_id=on_hidden.id)
    for raw in GARBAGE_IDS:
        with pytest.raises(NotFound):
            comments.edit_comment(session, world.member, comment_id=raw, body="x")


def test_authors_edit_and_delete_their_own_comments(session, world, b):
    mine = comments.add_comment(session, world.member, task_id=b.shared.id, body="first")
    assert mine.can_edit and mine.body == "first" and not mine.edited
    others_view = comments.list_comments(session, world.manager, task_id=b.shared.id)[0]
    assert others_view.can_edit is False and others_view.body == ""
    for viewer in (world.manager, world.owner, world.guest):
        with pytest.raises(PermissionDenied) as info:
            comments.edit_comment(session, viewer, comment_id=mine.id, body="hijack")
        assert info.value.code == "board.comment_author_only"
        with pytest.raises(PermissionDenied):
            comments.delete_comment(session, viewer, comment_id=mine.id)
    edited = comments.edit_comment(session, world.member, comment_id=str(mine.id), body="second")
    assert edited.edited is True and edited.edited_at is not None
    assert edited.body_html == "<p>second</p>\n"
    same = comments.edit_comment(session, world.member, comment_id=mine.id, body="second")
    assert same.edited_at == edited.edited_at
    comments.delete_comment(session, world.member, comment_id=mine.id)
    assert comments.list_comments(session, world.member, task_id=b.shared.id) == ()
    with pytest.raises(NotFound):
        comments.edit_comment(session, world.member, comment_id=mine.id, body="back")


def test_author_may_share_an_internal_comment_with_the_client(session, world, b):
    mine = comments.add_comment(session, world.member, task_id=b.shared.id, body="now public")
    comments.edit_comment(
        session, world.member, comment_id=mine.id, body="now public", visibility="client"
    )
    assert bodies(session, world.client, b.shared.id) == ["<p>now public</p>\n"]


def test_client_cannot_make_its_comment_internal(session, world, b):
    mine = comments.add_comment(session, world.client, task_id=b.shared.id, body="hello")
    with pytest.raises(PermissionDenied):
        comments.edit_comment(
            session, world.client, comment_id=mine.id, body="hello", visibility="internal"
        )


@pytest.mark.parametrize(
    "body,visibility,code",
    [
        ("", None, "board.comment_required"),
        ("   \n ", None, "board.comment_required"),
        (None, None, "board.comment_required"),
        ("x" * 10_001, None, "board.comment_too_long"),
        ("ok", "everyone", "board.visibility_invalid"),
        ("ok", ["client"], "board.visibility_invalid"),
    ],
)
def test_comment_validation(session, world, b, body, visibility, code):
    with pytest.raises(ValidationError) as info:
        comments.add_comment(
            session, world.member, task_id=b.shared.id, body=body, visibility=visibility
        )
    assert info.value.code == code


def test_comments_render_safely(session, world, b):
    made = comments.add_comment(
        session,
        world.client,
        task_id=b.shared.id,
        body='<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))',
    )
    assert "<script" not in made.body_html and "<img" not in made.body_html
    assert "href" not in made.body_html
    assert "&lt;script&gt;" in made.body_html


def test_comment_history_and_change_signal(session, world, b):
    before = change_version(session, world.project.id)
    internal = comments.add_comment(session, world.member, task_id=b.shared.id, body="i")
    public = comments.add_comment(
        session, world.member, task_id=b.shared.id, body="p", visibility="client"
    )
    comments.edit_comment(session, world.member, comment_id=internal.id, body="i2")
    comments.delete_comment(session, world.member, comment_id=public.id)
    assert change_version(session, world.project.id) == before + 4
    lines = session.exec(
        select(Activity.kind, Activity.client_visible)
        .where(Activity.task_id == b.shared.id, Activity.kind.like("comment%"))
        .order_by(Activity.id)
    ).all()
    assert lines == [
        ("comment_added_internal", False),
        ("comment_added_client", True),
        ("comment_edited", False),
        ("comment_deleted", True),
    ]


def test_comment_counts_on_cards_follow_visibility(session, world, b):
    comments.add_comment(session, world.member, task_id=b.watched.id, body="internal")
    deleted = comments.add_comment(
        session, world.member, task_id=b.watched.id, body="gone", visibility="client"
    )
    comments.delete_comment(session, world.member, comment_id=deleted.id)
    comments.add_comment(session, world.client, task_id=b.watched.id, body="client")

    def count(viewer):
        view = board.load_board(session, viewer, project_id=world.project.id)
        return next(
            c.comment_count for col in view.columns for c in col.cards if c.id == b.watched.id
        )

    assert (count(world.manager), count(world.guest), count(world.client)) == (2, 2, 1)
