"""Requests: what the client asks in a round, composed in the project's draft round.

The designated client contact, the lead or a manager adds requests to the draft (created by
the first one); a request's author, or a manager, takes it back out before the round is
submitted. The views of requests are built here for everyone allowed to see them, and the
team's own views (time spent, internal notes) only for the team.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from urllib.parse import urlsplit

from sqlalchemy import func
from sqlmodel import Session, select

from collab_app.models import (
    ProjectFile,
    RevisionDeliverable,
    RevisionEvent,
    RevisionItem,
    RevisionItemTask,
    RevisionRound,
    RevisionTerms,
    Task,
)
from collab_app.models.revisions import ITEM_DESCRIPTION_MAX, ITEM_PRIORITIES
from collab_app.services import clock, permissions
from collab_app.services.claims import claim
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from collab_app.services.files.views import attached_files
from collab_app.services.permissions import ProjectAccess
from collab_app.services.project_lock import lock_project
from collab_app.services.revisions.access import names_of, require_item
from collab_app.services.revisions.change_orders import ACTIVE, change_orders_by_item
from collab_app.services.revisions.presenter.records import ItemRecord
from collab_app.services.revisions.presenter.views import Option, TaskRef
from collab_app.services.revisions.terms import load_terms
from collab_app.services.revisions.text import clean_choice, clean_text
from collab_app.services.revisions.trace import (
    record_item,
    record_round,
)
from collab_app.services.viewer import Viewer

MAX_ITEMS_PER_ROUND = 100
URL_MAX = 500
TASK_OPTIONS_MAX = 500


def clean_url(value: object, *, field: str = "attachment_url") -> str:
    """Return an optional http(s) link, or "".

    Args:
        value: What the client sent.
        field: The form field, for errors.

    Returns:
        The URL as typed (trimmed), or "".

    Raises:
        ValidationError: Not an absolute http or https URL with a host.
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise ValidationError("revisions.url_invalid", field=field)
    url = value.strip()
    if not url:
        return ""
    if len(url) > URL_MAX or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise ValidationError("revisions.url_invalid", field=field)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise ValidationError("revisions.url_invalid", field=field) from exc
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise ValidationError("revisions.url_invalid", field=field)
    return url


def _draft_of(session: Session, project_id: int) -> RevisionRound | None:
    return session.exec(
        select(RevisionRound)
        .where(RevisionRound.project_id == project_id, RevisionRound.status == "draft")
        .order_by(RevisionRound.id)
        .execution_options(populate_existing=True)
    ).first()


def add_item(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    description: object,
    deliverable_id: object = None,
    priority: object = "normal",
    attachment_url: object = "",
) -> int:
    """Add a request to the project's draft round (created if needed).

    Args:
        viewer: The designated client contact, the lead or a manager.
        description: 1-2000 characters.
        deliverable_id: A deliverable of the project, or empty.
        priority: ``low``, ``normal`` or ``high``.
        attachment_url: Optional http(s) link.

    Returns:
        The draft round's id.

    Raises:
        PermissionDenied: Not the contact, the lead or a manager.
        NotFound: Unknown deliverable.
        ValidationError: A bad field, or the draft is full.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.REVISION_DRAFT_ROLES
    )
    pid = access.project.id
    terms = load_terms(session, pid)
    if not permissions.can_draft_round(terms, viewer, access):
        raise PermissionDenied("revisions.contact_only")
    text = clean_text(description, field="description", max_len=ITEM_DESCRIPTION_MAX, required=True)
    level = clean_choice(priority or "normal", ITEM_PRIORITIES, field="priority")
    url = clean_url(attachment_url)
    did = None
    if not permissions.no_id_chosen(deliverable_id):
        try:
            did = permissions.coerce_id(deliverable_id)
        except NotFound as exc:
            raise NotFound(field="deliverable_id") from exc
        found = session.exec(
            select(RevisionDeliverable.id).where(
                RevisionDeliverable.id == did, RevisionDeliverable.project_id == pid
            )
        ).first()
        if found is None:
            raise NotFound(field="deliverable_id")
    lock_project(session, pid, hold_references=True)
    now = clock.now()
    draft = _draft_of(session, pid)
    if draft is None:
        draft = RevisionRound(project_id=pid, status="draft", created_by_id=viewer.user_id)
        draft.created_at = now
        session.add(draft)
        session.flush()
        record_round(session, draft, viewer, "round_started", now)
    count = session.exec(
        select(func.count()).select_from(RevisionItem).where(RevisionItem.round_id == draft.id)
    ).one()
    if count >= MAX_ITEMS_PER_ROUND:
        raise ValidationError("revisions.round_full", field="description", max=MAX_ITEMS_PER_ROUND)
    item = RevisionItem(
        round_id=draft.id,
        project_id=pid,
        position=count,
        description=text,
        deliverable_id=did,
        priority=level,
        attachment_url=url,
        created_by_id=viewer.user_id,
        created_at=now,
    )
    session.add(item)
    session.flush()
    record_item(session, item, viewer, "item_added", now, description=text[:200], priority=level)
    draft_id = draft.id
    session.commit()
    return draft_id


def remove_item(session: Session, viewer: Viewer, *, item_id: object) -> None:
    """Take a request out of the draft round: its author's, or any of them for a manager.

    Files attached to it move to the project's trash.

    Args:
        viewer: Who may compose the round.

    Raises:
        NotFound: Unknown or invisible item.
        PermissionDenied: Not allowed to compose, or someone else's request (not a manager).
        Conflict: The round was already submitted.
    """
    item, found_round, access = require_item(
        session, viewer, item_id, roles=permissions.REVISION_DRAFT_ROLES
    )
    terms = load_terms(session, access.project.id)
    if not permissions.can_draft_round(terms, viewer, access):
        raise PermissionDenied("revisions.contact_only")
    if not permissions.can_remove_request(item, viewer, access):
        raise PermissionDenied("revisions.remove_own_only")
    if found_round.status != "draft":
        raise Conflict("revisions.already_submitted")
    lock_project(session, access.project.id, hold_references=True)
    record_round(
        session,
        found_round,
        viewer,
        "item_removed",
        clock.now(),
        description=item.description[:200],
    )
    # The trace keeps the request's text; its lines no longer point to the deleted row.
    claim(session, RevisionEvent, RevisionEvent.item_id == item.id, item_id=None)
    # Its attached files go to the project's trash (a manager may restore them for 30 days),
    # no longer pointing to the deleted row.
    attached = ProjectFile.revision_item_id == item.id
    claim(
        session,
        ProjectFile,
        attached,
        ProjectFile.deleted_at.is_(None),
        deleted_at=clock.now(),
        deleted_by_id=viewer.user_id,
    )
    claim(session, ProjectFile, attached, revision_item_id=None)
    session.delete(item)
    session.flush()
    remaining = session.exec(
        select(RevisionItem)
        .where(RevisionItem.round_id == found_round.id)
        .order_by(RevisionItem.position, RevisionItem.id)
    ).all()
    for position, other in enumerate(remaining):
        other.position = position
        session.add(other)
    session.commit()


def visible_items(
    session: Session, viewer: Viewer, access: ProjectAccess, round_ids: list[int] | None = None
) -> list[RevisionItem]:
    """Return the requests the viewer may see, by round and position.

    Args:
        access: Their access to the project.
        round_ids: Only these rounds' (None: all).

    Returns:
        The rows.
    """
    query = select(RevisionItem).where(permissions.visible_revision_items_clause(access, viewer))
    if round_ids is not None:
        query = query.where(RevisionItem.round_id.in_(round_ids))
    return list(session.exec(query.order_by(RevisionItem.round_id, RevisionItem.position)).all())


def item_records(
    session: Session,
    viewer: Viewer,
    access: ProjectAccess,
    items: list[RevisionItem],
    numbers: dict[int, int],
    locale: str,
) -> list[ItemRecord]:
    """Read what the views of items the viewer may see show around them.

    Args:
        access: Their access to the project.
        items: Items already filtered for the viewer.
        numbers: Round id -> number (0 for a draft).
        locale: For the attached files.

    Returns:
        Records in the same order.
    """
    ids = [i.id for i in items]
    tasks: dict[int, list[TaskRef]] = defaultdict(list)
    if ids:
        rows = session.exec(
            select(RevisionItemTask.item_id, Task.id, Task.title)
            .join(Task, Task.id == RevisionItemTask.task_id)
            .where(
                RevisionItemTask.item_id.in_(ids),
                permissions.visible_tasks_clause(access, viewer),
            )
            .order_by(Task.title, Task.id)
        ).all()
        for item_id, task_id, title in rows:
            tasks[item_id].append(TaskRef(task_id, title))
    deliverables = dict(
        session.exec(
            select(RevisionDeliverable.id, RevisionDeliverable.name).where(
                RevisionDeliverable.project_id == access.project.id
            )
        ).all()
    )
    names = names_of(session, {i.created_by_id for i in items})
    orders = {} if access.is_guest else change_orders_by_item(session, ids)
    on_items = attached_files(session, viewer, access, "request", ids, locale=locale)
    return [
        ItemRecord(
            row=i,
            round_number=numbers.get(i.round_id, 0),
            deliverable=deliverables.get(i.deliverable_id or 0, ""),
            created_by=names.get(i.created_by_id, ""),
            tasks=tuple(tasks.get(i.id, ())),
            change_order=orders.get(i.id),
            files=tuple(on_items.get(i.id, ())),
            can_attach=i.created_by_id == viewer.user_id and not access.is_guest,
        )
        for i in items
    ]


def team_item_records(
    session: Session,
    viewer: Viewer,
    access: ProjectAccess,
    terms: RevisionTerms,
    shared: list[ItemRecord],
) -> list[ItemRecord]:
    """Add what only the team reads to item records (never call this for a client or guest).

    Args:
        viewer: A manager or member.
        access: Their access.
        terms: The project's terms.
        shared: The items' shared records.

    Returns:
        The team's records, same order.

    Raises:
        PermissionError: Called for someone outside the team (a programming error).
    """
    if not permissions.can_see_revision_internals(access):
        raise PermissionError("team views are for the team only")
    names = names_of(session, {r.row.triaged_by_id for r in shared})
    may_price = permissions.can_price_changes(terms, viewer, access)
    return [
        replace(
            record,
            triaged_by=names.get(record.row.triaged_by_id or 0, ""),
            can_propose_change=may_price
            and record.row.kind == "scope_change"
            and record.row.status == "open"
            and (record.change_order is None or record.change_order.status not in ACTIVE),
        )
        for record in shared
    ]


def task_options(session: Session, viewer: Viewer, access: ProjectAccess) -> tuple[Option, ...]:
    """Return the tasks the viewer may link to items (team: the project's live tasks).

    Args:
        access: Their access.

    Returns:
        Options (value = task id).
    """
    if not access.is_team:
        return ()
    rows = session.exec(
        select(Task.id, Task.title)
        .where(permissions.visible_tasks_clause(access, viewer))
        .order_by(Task.title, Task.id)
        .limit(TASK_OPTIONS_MAX)
    ).all()
    return tuple(Option(str(tid), title) for tid, title in rows)
