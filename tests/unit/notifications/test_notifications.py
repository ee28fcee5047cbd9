"""Notifications: recipients per event and role, mentions, the inbox and its re-checks."""

from __future__ import annotations

import pytest
from sqlmodel import select

from collab_app.models import Notification
from collab_app.services import board, notifications
from collab_app.services.board import comments
from collab_app.services.errors import NotFound, ValidationError
from testkit import factories
from tests.unit.board.support import GARBAGE_IDS, QueryCounter, card, make_board


@pytest.fixture
def b(session, world):
    return make_board(session, world)


def told(session, kind=None):
    """(recipient id, kind) of every notification written, in order."""
    query = select(Notification.user_id, Notification.kind).order_by(Notification.id)
    rows = session.exec(query).all()
    return [(uid, k) for uid, k in rows if kind is None or k == kind]


def inbox_texts(session, viewer):
    view = notifications.load_inbox(session, viewer, locale="en")
    return [item.text for group in view.groups for item in group.items]


def test_assignment_notifies_the_new_assignees_but_never_the_actor(session, world, b):
    # make_board assigned the guest to "shared" when creating it.
    assert told(session, "assigned") == [(world.guest.user_id, "assigned")]
    board.create_task(
        session,
        world.member,
        project_id=world.project.id,
        fields=board.TaskFields(title="Logo"),
        assignee_ids=[world.member.user_id, world.manager.user_id],
    )
    assert told(session, "assigned")[1:] == [(world.manager.user_id, "assigned")]
    current = card(session, world.manager, b.team_only.id)
    board.set_assignees(
        session,
        world.manager,
        task_id=b.team_only.id,
        user_ids=[world.member.user_id],
        expected_version=current.version,
    )
    assert told(session, "assigned")[-1] == (world.member.user_id, "assigned")
    assert inbox_texts(session, world.member)[0] == "Manager assigned you to “Team chore”"


def test_comment_notifies_assignees_and_watchers_who_may_read_it(session, world, b):
    board.set_watching(session, world.client, task_id=b.shared.id, watching=True)
    board.set_watching(session, world.member, task_id=b.shared.id, watching=True)
    comments.add_comment(session, world.member, task_id=b.shared.id, body="margin is thin")
    # Internal: the guest (assignee) is told; the client (watcher) is not; the author neither.
    assert told(session, "comment") == [(world.guest.user_id, "comment")]
    comments.add_comment(
        session, world.manager, task_id=b.shared.id, body="Ready", visibility="client"
    )
    assert sorted(told(session, "comment")[1:]) == sorted(
        [
            (world.guest.user_id, "comment"),
            (world.member.user_id, "comment"),
            (world.client.user_id, "comment"),
        ]
    )
    assert notifications.unread_count(session, world.client) == 1
    assert inbox_texts(session, world.client) == ["Manager commented on “Shared homepage”"]


def test_own_comment_on_a_watched_task_notifies_nobody_else_than_others(session, world, b):
    comments.add_comment(session, world.guest, task_id=b.watched.id, body="on it")
    assert told(session, "comment") == []
    assert notifications.unread_count(session, world.guest) == 1  # the assignment only


def test_mentions_notify_once_and_refuse_who_cannot_read(session, world, b):
    board.set_watching(session, world.manager, task_id=b.shared.id, watching=True)
    comments.add_comment(
        session, world.member, task_id=b.shared.id, body="@manager please check, @Member too"
    )
    # The manager is mentioned (and watches): one mention, no second "comment" line.
    assert told(session, "mention") == [(world.manager.user_id, "mention")]
    assert (world.manager.user_id, "comment") not in told(session)
    with pytest.raises(ValidationError) as info:
        comments.add_comment(session, world.member, task_id=b.shared.id, body="cc @Client")
    assert info.value.code == "notifications.mention_cannot_read"
    assert info.value.params["name"] == "Client"
    # A guest who neither is assigned to nor watches the task cannot read it.
    with pytest.raises(ValidationError):
        comments.add_comment(
            session, world.member, task_id=b.team_only.id, body="@Guest", visibility="client"
        )
    comments.add_comment(
        session, world.member, task_id=b.shared.id, body="hi @Client", visibility="client"
    )
    assert told(session, "mention")[-1] == (world.client.user_id, "mention")
    assert notifications.mentions._mentions("@Clientele", {1: "Client"}) == set()


def test_mention_candidates_follow_the_comment_visibility(session, world, b):
    internal = notifications.mention_candidates(session, world.member, task_id=b.shared.id)
    names = [p.name for p in internal]
    assert "Client" not in names and "Member" not in names
    assert {"Guest", "Manager", "Owner"} <= set(names)
    public = notifications.mention_candidates(
        session, world.member, task_id=b.shared.id, visibility="client"
    )
    assert "Client" in [p.name for p in public]
    hidden = notifications.mention_candidates(
        session, world.manager, task_id=b.hidden.id, visibility="client"
    )
    assert "Client" not in [p.name for p in hidden]
    with pytest.raises(NotFound):
        notifications.mention_candidates(session, world.client, task_id=b.hidden.id)


def test_mention_offers_cost_the_same_queries_however_many_people(session, world, b):
    def offers_and_queries():
        session.expire_all()
        with QueryCounter(session) as counter:
            offers = notifications.mention_offers(session, world.member, task_id=b.watched.id)
        return offers, counter.count

    offers, queries = offers_and_queries()
    assert list(offers) == ["internal", "client"]
    assert offers["client"] == notifications.mention_candidates(
        session, world.member, task_id=b.watched.id, visibility="client"
    )
    for index in range(10):
        for role in ("member", "guest", "client"):
            person = factories.make_user(session, f"{role.title()} {index}")
            factories.add_project_member(session, world.project, person, role)
    more, more_queries = offers_and_queries()
    assert more_queries == queries
    # Ten more members may read an internal comment; the new guests watch nothing here.
    internal = {p.name for p in more["internal"]} - {p.name for p in offers["internal"]}
    assert internal == {f"Member {i}" for i in range(10)}
    public = {p.name for p in more["client"]} - {p.name for p in offers["client"]}
    assert public == {f"Member {i}" for i in range(10)} | {f"Client {i}" for i in range(10)}


def test_watched_task_moved_to_review_or_blocked_tells_watchers(session, world, b):
    current = card(session, world.manager, b.watched.id)
    board.move_task(
        session,
        world.manager,
        task_id=b.watched.id,
        column_id=b.todo,
        index=0,
        expected_version=current.version,
    )
    assert told(session, "task_moved") == []  # back to To do: nobody is told
    current = card(session, world.manager, b.watched.id)
    board.move_task(
        session,
        world.manager,
        task_id=b.watched.id,
        column_id=b.review,
        index=0,
        expected_version=current.version,
    )
    assert told(session, "task_moved") == [(world.guest.user_id, "task_moved")]
    assert inbox_texts(session, world.guest)[0] == "Manager moved “Watched logo” to Review"
    current = card(session, world.manager, b.watched.id)
    board.update_task(
        session,
        world.manager,
        task_id=b.watched.id,
        expected_version=current.version,
        fields=board.TaskFields(is_blocked=True),
    )
    assert told(session, "task_blocked") == [(world.guest.user_id, "task_blocked")]


def test_a_task_hidden_later_leaves_the_client_inbox_and_count(session, world, b):
    board.set_watching(session, world.client, task_id=b.shared.id, watching=True)
    comments.add_comment(
        session, world.member, task_id=b.shared.id, body="Ready", visibility="client"
    )
    assert notifications.unread_count(session, world.client) == 1
    current = card(session, world.manager, b.shared.id)
    board.update_task(
        session,
        world.manager,
        task_id=b.shared.id,
        expected_version=current.version,
        fields=board.TaskFields(hidden_from_client=True),
    )
    assert notifications.unread_count(session, world.client) == 0
    assert inbox_texts(session, world.client) == []
    assert notifications.unread_count(session, world.guest) == 2  # still sees it


def test_mark_read_one_and_all(session, world, b):
    board.set_watching(session, world.manager, task_id=b.shared.id, watching=True)
    for text in ("one", "two", "three"):
        comments.add_comment(session, world.member, task_id=b.shared.id, body=text)
    view = notifications.load_inbox(session, world.manager)
    assert view.unread == 3
    first = view.groups[0].items[0]
    notifications.mark_read(session, world.manager, notification_id=first.id)
    assert notifications.unread_count(session, world.manager) == 2
    with pytest.raises(NotFound):  # another person's notification is not found
        notifications.mark_read(session, world.guest, notification_id=first.id)
    for garbage in GARBAGE_IDS:
        with pytest.raises(NotFound):
            notifications.mark_read(session, world.manager, notification_id=garbage)
    assert notifications.mark_all_read(session, world.manager) == 2
    assert notifications.unread_count(session, world.manager) == 0
    assert notifications.unread_count(session, world.guest) == 4  # untouched: 1 + 3


def test_inbox_groups_by_project_and_loads_in_constant_queries(session, world, b):
    board.set_watching(session, world.manager, task_id=b.shared.id, watching=True)
    comments.add_comment(session, world.member, task_id=b.shared.id, body="first")
    with QueryCounter(session) as few:
        small = notifications.load_inbox(session, world.manager)
    for n in range(30):
        comments.add_comment(session, world.member, task_id=b.shared.id, body=f"more {n}")
    with QueryCounter(session) as many:
        large = notifications.load_inbox(session, world.manager)
    assert len(small.groups[0].items) == 1 and len(large.groups[0].items) == 31
    assert large.groups[0].project_name == "Website"
    assert many.count == few.count <= 6


def test_round_sent_notifies_managers_and_the_lead_is_not_mailed_twice(session, world):
    from tests.unit.revisions.support import make_tasks, set_terms, submit_round

    make_tasks(session, world)
    set_terms(session, world)
    submit_round(session, world)
    rows = session.exec(
        select(Notification.user_id, Notification.mail_state).where(
            Notification.kind == "round_submitted"
        )
    ).all()
    # The lead (the manager) already gets the revision mail: inbox only; the owner is mailed.
    assert sorted(rows) == sorted(
        [(world.owner.user_id, "pending"), (world.manager.user_id, "skipped")]
    )
    assert inbox_texts(session, world.manager)[0] == "Client sent revision round 1"
    assert notifications.unread_count(session, world.client) == 0  # the actor is not told


def test_an_edit_notifies_only_the_newly_mentioned_and_checks_them(session, world, b):
    made = comments.add_comment(session, world.member, task_id=b.shared.id, body="hi @Manager")
    comments.edit_comment(session, world.member, comment_id=made.id, body="hi @Manager and @Owner")
    assert told(session, "mention") == [
        (world.manager.user_id, "mention"),
        (world.owner.user_id, "mention"),
    ]
    with pytest.raises(ValidationError) as info:
        comments.edit_comment(session, world.member, comment_id=made.id, body="and @Client")
    assert info.value.code == "notifications.mention_cannot_read"
    assert comments.list_comments(session, world.member, task_id=b.shared.id)[0].body == (
        "hi @Manager and @Owner"
    )
