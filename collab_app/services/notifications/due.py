"""Due dates, raised by the jobs: "due tomorrow" and "overdue", once per task, person and date.

Each assignee's own time zone decides what "tomorrow" and "overdue" mean. The notification's
unique ``dedup_key`` makes a second pass (or a second app instance) write nothing more.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from collab_app.models import Task, TaskAssignee, User
from collab_app.services import clock, working_days
from collab_app.services.notifications.recipients import emit, task_path

# An overdue task is announced only within this many days after its due date (not years later
# when the feature is switched on over an old board).
OVERDUE_LOOKBACK_DAYS = 7


def raise_due_dates(session: Session, *, now: datetime | None = None) -> int:
    """Write the due-tomorrow and overdue notifications of open tasks for their assignees.

    Args:
        now: Current time (default the clock).

    Returns:
        How many notifications were written.
    """
    now = now or clock.now()
    utc_today = now.date()
    rows = session.exec(
        select(Task, TaskAssignee.user_id, User.timezone)
        .join(TaskAssignee, TaskAssignee.task_id == Task.id)
        .join(User, User.id == TaskAssignee.user_id)
        .where(
            Task.deleted_at.is_(None),
            Task.completed_at.is_(None),
            Task.due_date.is_not(None),
            Task.due_date >= utc_today - timedelta(days=OVERDUE_LOOKBACK_DAYS + 1),
            Task.due_date <= utc_today + timedelta(days=2),
        )
    ).all()
    written = 0
    for task, user_id, timezone in rows:
        today = now.astimezone(working_days.zone(timezone)).date()
        if task.due_date == today + timedelta(days=1):
            kind = "due_tomorrow"
        elif today - timedelta(days=OVERDUE_LOOKBACK_DAYS) <= task.due_date < today:
            kind = "overdue"
        else:
            continue
        written += len(
            emit(
                session,
                project_id=task.project_id,
                actor_id=None,
                kind=kind,
                user_ids=[user_id],
                task_id=task.id,
                path=task_path(task.project_id, task.id),
                dedup_key=f"{kind}:{task.id}:{task.due_date.isoformat()}",
                now=now,
            )
        )
    session.commit()
    return written
