"""A project's labels: managers create, rename, recolour and delete them; anyone reads them.

Which labels a task bears is changed with ``people.set_labels`` (like its assignees).
"""

from __future__ import annotations

from sqlalchemy import bindparam, delete, func
from sqlmodel import Session, select

from collab_app.models import Label, TaskLabel
from collab_app.services import clock, permissions
from collab_app.services.board.cards import LabelView
from collab_app.services.board.columns import require_managed
from collab_app.services.board.history import record_and_commit
from collab_app.services.board.limits import clean_ids, clean_name
from collab_app.services.errors import NotFound, ValidationError
from collab_app.services.project_lock import lock_project
from collab_app.services.viewer import Viewer

# Label colours: Radix colour names, usable directly as a Reflex ``color_scheme``.
LABEL_COLORS = (
    "gray",
    "red",
    "orange",
    "amber",
    "green",
    "teal",
    "blue",
    "indigo",
    "purple",
    "pink",
)
LABEL_NAME_MAX = 40
MAX_LABELS = 50


def _clean_label(
    session: Session, project_id: int, name: object, color: object, *, skip: int | None
) -> tuple[str, str]:
    cleaned = clean_name(
        name,
        required="board.label_name_required",
        too_long="board.label_name_too_long",
        limit=LABEL_NAME_MAX,
    )
    if color not in LABEL_COLORS:
        raise ValidationError("board.label_color_invalid", field="color")
    clash = session.exec(
        select(Label.id).where(
            Label.project_id == project_id,
            func.lower(Label.name) == cleaned.lower(),
            Label.id != (skip or 0),
        )
    ).first()
    if clash is not None:
        raise ValidationError("board.label_name_taken", field="name")
    return cleaned, str(color)


def create_label(
    session: Session, viewer: Viewer, *, project_id: object, name: str, color: str
) -> LabelView:
    """Create a project label (managers).

    Args:
        viewer: A manager of the project.
        name: 1-40 characters, unique in the project (case-insensitive).
        color: One of ``LABEL_COLORS``.

    Returns:
        The label.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.BOARD_MANAGE_ROLES
    )
    pid = access.project.id
    lock_project(session, pid)
    cleaned, color = _clean_label(session, pid, name, color, skip=None)
    count = session.exec(select(func.count()).select_from(Label).where(Label.project_id == pid))
    if count.one() >= MAX_LABELS:
        raise ValidationError("board.too_many_labels", field="name", max=MAX_LABELS)
    label = Label(project_id=pid, name=cleaned, color=color, created_at=clock.now())
    session.add(label)
    session.flush()
    view = LabelView(label.id, label.name, label.color)
    record_and_commit(
        session, project_id=pid, actor_id=viewer.user_id, kind="label_added", label=cleaned
    )
    return view


def update_label(
    session: Session, viewer: Viewer, *, label_id: object, name: str, color: str
) -> LabelView:
    """Rename or recolour a label (managers).

    Args:
        viewer: A manager of the project.
        name: 1-40 characters, unique in the project.
        color: One of ``LABEL_COLORS``.

    Returns:
        The label.
    """
    label, _ = require_managed(session, viewer, Label, label_id)
    lock_project(session, label.project_id)
    cleaned, color = _clean_label(session, label.project_id, name, color, skip=label.id)
    view = LabelView(label.id, cleaned, color)
    if (cleaned, color) != (label.name, label.color):
        old = label.name
        label.name, label.color = cleaned, color
        session.add(label)
        record_and_commit(
            session,
            project_id=label.project_id,
            actor_id=viewer.user_id,
            kind="label_updated",
            old=old,
            new=cleaned,
        )
    return view


def delete_label(session: Session, viewer: Viewer, *, label_id: object) -> None:
    """Delete a label and take it off every task (managers).

    Args:
        viewer: A manager of the project.
    """
    label, _ = require_managed(session, viewer, Label, label_id)
    pid, name = label.project_id, label.name
    lock_project(session, pid)
    session.exec(delete(TaskLabel).where(TaskLabel.label_id == label.id))
    session.delete(label)
    record_and_commit(
        session, project_id=pid, actor_id=viewer.user_id, kind="label_deleted", label=name
    )


# Built once: every board read and task page asks it.
_PROJECT_LABELS = (
    select(Label.id, Label.name, Label.color)
    .where(Label.project_id == bindparam("project_id"))
    .order_by(func.lower(Label.name), Label.id)
)


def project_labels(session: Session, project_id: int) -> tuple[LabelView, ...]:
    """Return a project's labels sorted by name (labels are visible to everyone on the project).

    Args:
        project_id: The project.

    Returns:
        The labels.
    """
    rows = session.exec(_PROJECT_LABELS, params={"project_id": project_id}).all()
    return tuple(LabelView(i, n, c) for i, n, c in rows)


def check_labels(
    session: Session, access: permissions.ProjectAccess, raw: object
) -> dict[int, str]:
    """Check label ids: labels of the project.

    Args:
        access: The viewer's access to the project.
        raw: The ids received from the client.

    Returns:
        Label id -> name, in the order given.

    Raises:
        NotFound: An id that is not a label of the project.
        ValidationError: Not a list, or too long.
    """
    ids = clean_ids(raw, "labels")
    if not ids:
        return {}
    rows = dict(
        session.exec(
            select(Label.id, Label.name).where(
                Label.id.in_(ids), Label.project_id == access.project.id
            )
        ).all()
    )
    if len(rows) != len(ids):
        raise NotFound(field="labels")
    return {lid: rows[lid] for lid in ids}
