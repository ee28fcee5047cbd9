"""The follow-up call of a flagged answer: when it counts as done, and marking it done.

A flagged answer (score below 8 or ranking below the top 10%) asks for a 30-minute call; the
follow-up task on the board carries it. The call is done when either:

- the follow-up task is closed (moved to the board's done column, so ``completed_at`` is set;
  moving it back reopens the call), or
- someone of the team marks the call done on the answer, with a note of what came of it.

A done call leaves "Calls to offer" and is counted in "Calls held" in the results.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import Session

from collab_app.models import FeedbackAnswer, Task
from collab_app.services import clock, permissions
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.feedback.access import read_project
from collab_app.services.feedback.texts import clean_text
from collab_app.services.viewer import Viewer


def call_done_clause():  # noqa: ANN201 - a SQLAlchemy clause
    """Whether an answer's call is done; needs ``Task`` outer-joined on its follow-up task.

    Returns:
        A boolean SQL expression.
    """
    return or_(
        FeedbackAnswer.call_done_at.is_not(None),
        and_(Task.completed_at.is_not(None), Task.deleted_at.is_(None)),
    ).label("call_done")


def mark_call_done(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    answer_id: object,
    outcome: object,
    now: datetime | None = None,
) -> None:
    """Record that the follow-up call of an answer was held, with what came of it (team).

    Args:
        viewer: A manager or member of the project.
        answer_id: Id received from the client; an answer of this project.
        outcome: What came of the call (1-1,000 characters).
        now: Current time.

    Raises:
        NotFound: Unknown answer, or of another project.
        PermissionDenied: Guests and clients.
        ValidationError: No outcome, or the answer asks for no call.
        Conflict: The call was already marked done.
    """
    access = read_project(session, viewer, project_id)
    answer = session.get(FeedbackAnswer, permissions.coerce_id(answer_id))
    if answer is None or answer.project_id != access.project.id:
        raise NotFound()
    note = clean_text(outcome, "call_outcome")
    if not note:
        raise ValidationError("feedback.call_outcome_required", field="call_outcome")
    if not answer.needs_call:
        raise ValidationError("feedback.no_call_needed", field="call_outcome")
    if answer.call_done_at is not None:
        raise Conflict("feedback.call_already_done")
    answer.call_done_at = now or clock.now()
    answer.call_done_by_id = viewer.user_id
    answer.call_outcome = note
    session.add(answer)
    session.commit()
