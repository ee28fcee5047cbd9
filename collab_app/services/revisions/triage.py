"""The team's work on the requests of a submitted round.

Triage, states, answers, internal notes, time spent and links to board tasks are the team's
(the round's messages are in ``messages``).

Triage of an item (managers and members): ``revision`` (part of the round), ``scope_change``
(outside the brief: a change order must be proposed and approved before work starts) or
``not_actionable`` (declined at once, with a reason the client reads). The triage may change
while the item is open and has no active change order.

States: ``open`` -> ``in_progress`` -> ``done``; ``open``/``in_progress`` -> ``declined``
(with a reason); ``in_progress`` -> ``open``. ``done`` and ``declined`` are final. An item
must be triaged before it starts; a scope change starts only once its change order is approved.
When the last item of a submitted round is resolved, the round closes and the client is told.

The team's first answer (a triage, a state change, a reply or a client-visible message) is the
round's response time. Items of a draft or closed round cannot be changed here.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from collab_app.models import (
    ChangeOrder,
    RevisionItem,
    RevisionItemTask,
    RevisionRound,
    RevisionTimeEntry,
)
from collab_app.models.revisions import ITEM_KINDS
from collab_app.services import clock, permissions
from collab_app.services.claims import claim
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.revisions.access import require_item
from collab_app.services.revisions.change_orders import ACTIVE
from collab_app.services.revisions.rounds import close_round_if_resolved, mark_first_response
from collab_app.services.revisions.text import (
    REASON_MAX,
    TEXT_MAX,
    clean_choice,
    clean_int,
    clean_text,
)
from collab_app.services.revisions.trace import record_item
from collab_app.services.viewer import Viewer

MAX_MINUTES = 24 * 60
TRANSITIONS = {
    "open": ("in_progress", "done", "declined"),
    "in_progress": ("open", "done", "declined"),
    "done": (),
    "declined": (),
}


def _answerable(found_round: RevisionRound) -> None:
    if found_round.status == "draft":
        raise Conflict("revisions.not_submitted")
    if found_round.status == "closed":
        raise Conflict("revisions.round_closed")


def _editable(item: RevisionItem, found_round: RevisionRound) -> None:
    _answerable(found_round)
    if item.status in ("done", "declined"):
        raise Conflict("revisions.item_final")


def _write(session: Session, item: RevisionItem, **values: object) -> None:
    """Update an item only if nobody changed it since it was read (version check)."""
    unchanged = RevisionItem.version == item.version
    written = claim(
        session,
        RevisionItem,
        RevisionItem.id == item.id,
        unchanged,
        version=RevisionItem.version + 1,
        **values,
    )
    if written != 1:
        session.rollback()
        raise Conflict("revisions.stale")
    for key, value in values.items():
        setattr(item, key, value)
    item.version += 1


def _answer(
    session: Session,
    viewer: Viewer,
    item: RevisionItem,
    found_round: RevisionRound,
    kind: str,
    values: dict[str, object],
    at: datetime,
    **detail: object,
) -> None:
    """Save a triage or a state: the team answered; the round closes once all is resolved."""
    _write(session, item, **values)
    record_item(session, item, viewer, kind, at, **detail)
    mark_first_response(session, found_round, viewer, at)
    close_round_if_resolved(session, found_round, viewer, at)
    session.commit()


def _active_change_order(session: Session, item_id: int) -> ChangeOrder | None:
    return session.exec(
        select(ChangeOrder)
        .where(ChangeOrder.item_id == item_id, ChangeOrder.status.in_(ACTIVE))
        .order_by(ChangeOrder.id.desc())
    ).first()


def triage_item(
    session: Session, viewer: Viewer, *, item_id: object, kind: object, reason: object = ""
) -> None:
    """Triage an item: revision, scope change, or not actionable (declined, with a reason).

    Args:
        viewer: A manager or member.
        kind: ``revision``, ``scope_change`` or ``not_actionable``.
        reason: Required for ``not_actionable``; the client reads it.

    Raises:
        NotFound: Unknown or invisible item.
        PermissionDenied: Not on the team.
        Conflict: Draft or closed round, final item, or an active change order.
        ValidationError: Bad kind or missing reason.
    """
    item, found_round, _ = require_item(session, viewer, item_id, roles=permissions.TEAM_ROLES)
    if kind in (None, ""):
        raise ValidationError("revisions.choose_kind", field="kind")
    chosen = clean_choice(kind, ITEM_KINDS, field="kind")
    text = clean_text(
        reason, field="reason", max_len=REASON_MAX, required=chosen == "not_actionable"
    )
    _editable(item, found_round)
    if item.status != "open":
        raise Conflict("revisions.triage_open_only")
    if chosen != item.kind and _active_change_order(session, item.id) is not None:
        raise Conflict("revisions.has_change_order")
    now = clock.now()
    values: dict[str, object] = {"kind": chosen, "triaged_by_id": viewer.user_id, "triaged_at": now}
    if chosen == "not_actionable":
        values.update(
            status="declined",
            reason=text,
            status_changed_at=now,
            status_changed_by_id=viewer.user_id,
        )
    _answer(
        session, viewer, item, found_round, "item_triaged", values, now, triage=chosen, reason=text
    )


def set_status(
    session: Session, viewer: Viewer, *, item_id: object, status: object, reason: object = ""
) -> None:
    """Move an item through its states (see the module's rules).

    Args:
        viewer: A manager or member.
        status: ``open``, ``in_progress``, ``done`` or ``declined``.
        reason: Required for ``declined``; the client reads it.

    Raises:
        NotFound: Unknown or invisible item.
        PermissionDenied: Not on the team.
        Conflict: Not allowed from the current state, not triaged, or awaiting approval.
        ValidationError: Bad status or missing reason.
    """
    item, found_round, _ = require_item(session, viewer, item_id, roles=permissions.TEAM_ROLES)
    target = clean_choice(status, tuple(TRANSITIONS), field="status")
    text = clean_text(reason, field="reason", max_len=REASON_MAX, required=target == "declined")
    _editable(item, found_round)
    if target == item.status:
        return
    if target not in TRANSITIONS[item.status]:
        raise Conflict("revisions.transition_invalid")
    if target in ("in_progress", "done"):
        if not item.kind:
            raise Conflict("revisions.triage_first")
        if item.kind == "scope_change":
            order = _active_change_order(session, item.id)
            if order is None or order.status != "approved":
                raise Conflict("revisions.awaiting_approval")
    now = clock.now()
    values: dict[str, object] = {
        "status": target,
        "status_changed_at": now,
        "status_changed_by_id": viewer.user_id,
    }
    if target == "declined":
        values["reason"] = text
    _answer(
        session, viewer, item, found_round, "item_status", values, now, status=target, reason=text
    )


def reply_to_item(session: Session, viewer: Viewer, *, item_id: object, reply: object) -> None:
    """Write the team's answer to an item (the client reads it).

    Args:
        viewer: A manager or member.
        reply: Up to 5000 characters (empty clears it).
    """
    item, found_round, _access = require_item(
        session, viewer, item_id, roles=permissions.TEAM_ROLES
    )
    text = clean_text(reply, field="reply", max_len=TEXT_MAX)
    _answerable(found_round)
    if text == item.reply:
        return
    now = clock.now()
    _write(session, item, reply=text)
    record_item(session, item, viewer, "item_reply", now, reply=text[:500])
    if text:
        mark_first_response(session, found_round, viewer, now)
    session.commit()


def set_internal_note(session: Session, viewer: Viewer, *, item_id: object, note: object) -> None:
    """Set an item's internal note (team only; never shown to the client or guests).

    Args:
        viewer: A manager or member.
        note: Up to 5000 characters.
    """
    item, _found_round, _access = require_item(
        session, viewer, item_id, roles=permissions.TEAM_ROLES
    )
    text = clean_text(note, field="internal_note", max_len=TEXT_MAX)
    if text == item.internal_note:
        return
    _write(session, item, internal_note=text)
    record_item(session, item, viewer, "item_note", clock.now(), client_visible=False)
    session.commit()


def log_time(session: Session, viewer: Viewer, *, item_id: object, minutes: object) -> int:
    """Record minutes the viewer spent on an item (team only).

    Args:
        viewer: A manager or member.
        minutes: 1 to 1440.

    Returns:
        The item's new total.
    """
    item, found_round, _access = require_item(
        session, viewer, item_id, roles=permissions.TEAM_ROLES
    )
    amount = clean_int(minutes, field="minutes", low=1, high=MAX_MINUTES)
    if found_round.status == "draft":
        raise Conflict("revisions.not_submitted")
    now = clock.now()
    session.add(
        RevisionTimeEntry(item_id=item.id, user_id=viewer.user_id, minutes=amount, created_at=now)
    )
    spent = RevisionItem.minutes_spent + amount
    claim(session, RevisionItem, RevisionItem.id == item.id, minutes_spent=spent)
    record_item(session, item, viewer, "item_time", now, client_visible=False, minutes=amount)
    total = item.minutes_spent + amount
    session.commit()
    return total


def link_task(session: Session, viewer: Viewer, *, item_id: object, task_id: object) -> None:
    """Link a board task of the same project, which the viewer sees, to an item (team).

    Args:
        viewer: A manager or member.

    Raises:
        NotFound: Unknown item or task, or a task of another project.
        ValidationError: No task chosen.
    """
    item, _found_round, _access = require_item(
        session, viewer, item_id, roles=permissions.TEAM_ROLES
    )
    if permissions.no_id_chosen(task_id):
        raise ValidationError("revisions.choose_task", field="task_id")
    try:
        task = permissions.require_task(session, viewer, task_id).task
    except NotFound as exc:
        raise NotFound(field="task_id") from exc
    if task.project_id != item.project_id:
        raise NotFound(field="task_id")
    exists = session.exec(
        select(RevisionItemTask.id).where(
            RevisionItemTask.item_id == item.id, RevisionItemTask.task_id == task.id
        )
    ).first()
    if exists is not None:
        return
    now = clock.now()
    session.add(
        RevisionItemTask(
            item_id=item.id, task_id=task.id, linked_by_id=viewer.user_id, linked_at=now
        )
    )
    record_item(
        session,
        item,
        viewer,
        "item_task_linked",
        now,
        client_visible=not task.hidden_from_client,
        task_id=task.id,
        title=task.title,
    )
    session.commit()


def unlink_task(session: Session, viewer: Viewer, *, item_id: object, task_id: object) -> None:
    """Remove a task link from an item (team).

    Args:
        viewer: A manager or member.
    """
    item, _found_round, _access = require_item(
        session, viewer, item_id, roles=permissions.TEAM_ROLES
    )
    tid = permissions.coerce_id(task_id)
    link = session.exec(
        select(RevisionItemTask).where(
            RevisionItemTask.item_id == item.id, RevisionItemTask.task_id == tid
        )
    ).first()
    if link is None:
        raise NotFound()
    session.delete(link)
    record_item(
        session,
        item,
        viewer,
        "item_task_unlinked",
        clock.now(),
        client_visible=False,
        task_id=tid,
    )
    session.commit()
