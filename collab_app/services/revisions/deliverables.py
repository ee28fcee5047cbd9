"""Deliverables: parts of the work with their own revision terms (managers set them).

A deliverable may include its own number of rounds: a round holding a request about it is
billable once that many submitted rounds already held one (see ``counting``).
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from collab_app.models import RevisionDeliverable, RevisionItem, RevisionRound
from collab_app.services import clock, permissions
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.project_lock import lock_project
from collab_app.services.revisions.presenter.views import DeliverableView, Option
from collab_app.services.revisions.text import REASON_MAX, clean_int, clean_text
from collab_app.services.revisions.trace import record
from collab_app.services.shared_views import view_from
from collab_app.services.viewer import Viewer

DELIVERABLE_NAME_MAX = 80
MAX_DELIVERABLES = 50


def deliverable_rounds(session: Session, project_id: int) -> dict[int, int]:
    """Return, per deliverable, how many submitted rounds held an item of it.

    Args:
        project_id: The project.

    Returns:
        Deliverable id -> count.
    """
    rows = session.exec(
        select(RevisionItem.deliverable_id, func.count(func.distinct(RevisionItem.round_id)))
        .join(RevisionRound, RevisionRound.id == RevisionItem.round_id)
        .where(
            RevisionItem.project_id == project_id,
            RevisionItem.deliverable_id.is_not(None),
            RevisionRound.status != "draft",
        )
        .group_by(RevisionItem.deliverable_id)
    ).all()
    return dict(rows)


def deliverable_views(session: Session, project_id: int) -> tuple[DeliverableView, ...]:
    """Return the project's deliverables with the rounds each one used.

    Args:
        project_id: The project.

    Returns:
        Views by name.
    """
    used = deliverable_rounds(session, project_id)
    rows = session.exec(
        select(RevisionDeliverable)
        .where(RevisionDeliverable.project_id == project_id)
        .order_by(RevisionDeliverable.name)
    ).all()
    return tuple(
        view_from(
            DeliverableView,
            d,
            included_rounds=-1 if d.included_rounds is None else d.included_rounds,
            rounds_used=used.get(d.id, 0),
        )
        for d in rows
    )


def add_deliverable(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    name: object,
    included_rounds: object = "",
    note: object = "",
) -> int:
    """Add a deliverable, optionally with its own number of included rounds (managers).

    Args:
        viewer: A manager of the project.
        name: 1-80 characters, unique in the project.
        included_rounds: Empty (the project's count applies) or 0-50.
        note: What counts as a revision for this deliverable (shown to the client).

    Returns:
        The new deliverable's id.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    pid = access.project.id
    cleaned = clean_text(
        name, field="deliverable_name", max_len=DELIVERABLE_NAME_MAX, required=True
    )
    cleaned = " ".join(cleaned.split())
    rounds = None
    if str(included_rounds or "").strip():
        rounds = clean_int(included_rounds, field="deliverable_rounds", low=0, high=50)
    cleaned_note = clean_text(note, field="deliverable_note", max_len=REASON_MAX // 2)
    lock_project(session, pid, hold_references=True)
    existing = session.exec(
        select(RevisionDeliverable.name).where(RevisionDeliverable.project_id == pid)
    ).all()
    if any(n.lower() == cleaned.lower() for n in existing):
        raise Conflict("revisions.deliverable_exists", field="deliverable_name")
    if len(existing) >= MAX_DELIVERABLES:
        raise ValidationError("revisions.too_many_deliverables", field="deliverable_name")
    deliverable = RevisionDeliverable(
        project_id=pid, name=cleaned, included_rounds=rounds, note=cleaned_note
    )
    session.add(deliverable)
    session.flush()
    record(
        session,
        pid,
        viewer.user_id,
        "deliverable_added",
        clock.now(),
        name=cleaned,
        included_rounds=rounds,
    )
    new_id = deliverable.id
    session.commit()
    return new_id


def delete_deliverable(
    session: Session, viewer: Viewer, *, project_id: object, deliverable_id: object
) -> None:
    """Remove a deliverable no item refers to (managers).

    Args:
        viewer: A manager of the project.

    Raises:
        NotFound: Not a deliverable of this project.
        Conflict: Items refer to it.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    did = permissions.coerce_id(deliverable_id)
    deliverable = session.exec(
        select(RevisionDeliverable).where(
            RevisionDeliverable.id == did, RevisionDeliverable.project_id == access.project.id
        )
    ).first()
    if deliverable is None:
        raise NotFound()
    used = session.exec(select(RevisionItem.id).where(RevisionItem.deliverable_id == did)).first()
    if used is not None:
        raise Conflict("revisions.deliverable_in_use")
    record(
        session,
        access.project.id,
        viewer.user_id,
        "deliverable_removed",
        clock.now(),
        name=deliverable.name,
    )
    session.delete(deliverable)
    session.commit()


def deliverable_options(session: Session, project_id: int) -> tuple[Option, ...]:
    """Return the deliverables to choose from when adding an item.

    Args:
        project_id: The project.

    Returns:
        Options (value = id).
    """
    rows = session.exec(
        select(RevisionDeliverable.id, RevisionDeliverable.name)
        .where(RevisionDeliverable.project_id == project_id)
        .order_by(RevisionDeliverable.name)
    ).all()
    return tuple(Option(str(did), name) for did, name in rows)
