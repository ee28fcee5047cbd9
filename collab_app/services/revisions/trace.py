"""How every revision change is written: serialized on the project, traced, then signalled.

A write takes the project's lock first (``project_lock.lock_project`` with
``hold_references=True``), adds a line to the revision trace (``record``; the CSV history reads
it) and commits; the change signal's session hook moves the project's change version at that
commit (open pages refresh).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session

from collab_app.models import RevisionEvent, RevisionItem, RevisionRound
from collab_app.services.viewer import Viewer


def record(
    session: Session,
    project_id: int,
    actor_id: int,
    kind: str,
    at: datetime,
    *,
    round_id: int | None = None,
    item_id: int | None = None,
    change_order_id: int | None = None,
    client_visible: bool = True,
    **detail: object,
) -> None:
    """Add a line to the revision trace.

    Args:
        session: Database session; the caller commits.
        project_id: The project.
        actor_id: Who did it.
        kind: What happened (``round_submitted``, ``item_triaged``...).
        at: When.
        round_id: The round concerned.
        item_id: The item concerned.
        change_order_id: The change order concerned.
        client_visible: False for internal facts.
        **detail: JSON-able parameters.
    """
    session.add(
        RevisionEvent(
            project_id=project_id,
            round_id=round_id,
            item_id=item_id,
            change_order_id=change_order_id,
            actor_id=actor_id,
            kind=kind,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
            client_visible=client_visible,
            created_at=at,
        )
    )


def record_round(
    session: Session,
    found_round: RevisionRound,
    viewer: Viewer,
    kind: str,
    at: datetime,
    **detail: object,
) -> None:
    """Add the trace line of the viewer's change to a round.

    Args:
        session: Database session; the caller commits.
        found_round: The round.
        viewer: Who did it.
        kind: What happened.
        at: When.
        **detail: ``client_visible`` and JSON-able parameters, as for ``record``.
    """
    record(
        session, found_round.project_id, viewer.user_id, kind, at, round_id=found_round.id, **detail
    )


def record_item(
    session: Session, item: RevisionItem, viewer: Viewer, kind: str, at: datetime, **detail: object
) -> None:
    """Add the trace line of the viewer's change to a request (and its round).

    Args:
        session: Database session; the caller commits.
        item: The request.
        viewer: Who did it.
        kind: What happened.
        at: When.
        **detail: ``change_order_id``, ``client_visible`` and JSON-able parameters.
    """
    record(
        session,
        item.project_id,
        viewer.user_id,
        kind,
        at,
        round_id=item.round_id,
        item_id=item.id,
        **detail,
    )
