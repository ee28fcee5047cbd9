"""The project's revision history as CSV (the team only: it holds time and internal facts).

One row per trace line, oldest first: when (UTC, ISO 8601), who, round number, item (id and
the start of its description), change order id, what happened (in the viewer's language) and
its details. Cells that a spreadsheet would read as a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io

from sqlmodel import Session, select

from collab_app.models import RevisionEvent, RevisionItem, RevisionRound
from collab_app.services import permissions
from collab_app.services.revisions.access import names_of
from collab_app.services.revisions.presenter.labels import history_header, history_row
from collab_app.services.viewer import Viewer

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export_history(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> tuple[str, str]:
    """Return the project's revision history as CSV, and a file name (managers and members).

    Args:
        viewer: A manager or member of the project.
        locale: Language of the headers and texts.

    Returns:
        (csv text with a header row, file name).

    Raises:
        NotFound: Unknown project or not on it.
        PermissionDenied: A guest or client.
    """
    access = permissions.require_project(session, viewer, project_id, roles=permissions.TEAM_ROLES)
    project = access.project
    events = session.exec(
        select(RevisionEvent)
        .where(RevisionEvent.project_id == project.id)
        .order_by(RevisionEvent.created_at, RevisionEvent.id)
    ).all()
    names = names_of(session, {e.actor_id for e in events})
    numbers = dict(
        session.exec(
            select(RevisionRound.id, RevisionRound.number).where(
                RevisionRound.project_id == project.id
            )
        ).all()
    )
    items = dict(
        session.exec(
            select(RevisionItem.id, RevisionItem.description).where(
                RevisionItem.project_id == project.id
            )
        ).all()
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(history_header(locale))
    for e in events:
        row = history_row(
            e,
            actor=names.get(e.actor_id, ""),
            number=numbers.get(e.round_id),
            item=items.get(e.item_id, "") if e.item_id else "",
            locale=locale,
            currency=project.currency,
        )
        writer.writerow([_cell(value) for value in row])
    safe = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in project.name.lower())
    safe = "-".join(part for part in safe.split("-") if part)[:40] or "project"
    return out.getvalue(), f"revisions-{safe}.csv"
