"""A project's feedback contacts: the client members and extra addresses a round goes to.

Managers add and remove them; a contact with an account is asked at their current address, in
their current language, while they are still a client of the project.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from collab_app.i18n import SUPPORTED_LOCALES, normalize_locale
from collab_app.models import (
    FeedbackContact,
    FeedbackRequest,
    ProjectMember,
    User,
)
from collab_app.services import clock, permissions
from collab_app.services.accounts.auth import normalize_email
from collab_app.services.claims import claim
from collab_app.services.errors import NotFound, ValidationError
from collab_app.services.feedback.access import managed_project
from collab_app.services.feedback.schedule_settings import (
    ScheduleView,
    get_or_create_schedule,
    schedule_of,
    schedule_view,
)
from collab_app.services.viewer import Viewer


def add_contact(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    user_id: object = None,
    email: str = "",
    locale: str = "",
    now: datetime | None = None,
) -> ScheduleView:
    """Add a feedback contact (managers): a client member of the project, or an extra email.

    Creates the schedule with default settings if the project has none yet.

    Args:
        viewer: A manager of the project.
        user_id: A user with the client role on this project; or None with ``email``.
        email: An extra address (someone at the client without an account).
        locale: Language of the extra address's mails and form: ``en`` or ``fr``; default
            the manager's. Contacts with an account get their own language.
        now: Current time.

    Returns:
        The schedule.

    Raises:
        ValidationError: Neither or an invalid address, not a client, already a contact.
        NotFound: ``user_id`` is not a member of the project.
    """
    access = managed_project(session, viewer, project_id)
    now = now or clock.now()
    project = access.project
    contact_user: User | None = None
    if user_id not in (None, ""):
        uid = permissions.coerce_id(user_id)
        role = session.exec(
            select(ProjectMember.role).where(
                ProjectMember.project_id == project.id, ProjectMember.user_id == uid
            )
        ).first()
        if role is None:
            raise NotFound()
        if role != permissions.CLIENT:
            raise ValidationError("feedback.contact_not_client", field="user_id")
        contact_user = session.get(User, uid)
        address = contact_user.email
        language = normalize_locale(contact_user.locale)
    elif (email or "").strip():
        address = normalize_email(email)
        if locale and locale not in SUPPORTED_LOCALES:
            raise ValidationError("feedback.locale_invalid", field="locale")
        language = locale or normalize_locale(viewer.locale)
    else:
        raise ValidationError("feedback.contact_required", field="email")
    schedule = get_or_create_schedule(session, viewer, project, now)
    existing = session.exec(
        select(FeedbackContact).where(
            FeedbackContact.schedule_id == schedule.id, FeedbackContact.email == address
        )
    ).first()
    if existing is not None and existing.active:
        raise ValidationError("feedback.contact_exists", field="email")
    if contact_user is not None:
        # The same person may have been added before under their address, or with another one.
        duplicate = session.exec(
            select(FeedbackContact.id).where(
                FeedbackContact.schedule_id == schedule.id,
                FeedbackContact.user_id == contact_user.id,
                FeedbackContact.active.is_(True),
            )
        ).first()
        if duplicate is not None:
            raise ValidationError("feedback.contact_exists", field="user_id")
    contact = existing or FeedbackContact(schedule_id=schedule.id, email=address, created_at=now)
    contact.active = True
    contact.user_id = contact_user.id if contact_user else None
    contact.locale = language
    session.add(contact)
    schedule.updated_at = now
    session.add(schedule)
    session.commit()
    return schedule_view(session, access, schedule)


def remove_contact(
    session: Session, viewer: Viewer, *, project_id: object, contact_id: object
) -> ScheduleView:
    """Stop asking a contact (managers); their past requests and answers stay.

    Args:
        viewer: A manager of the project.

    Returns:
        The schedule.

    Raises:
        NotFound: Unknown contact or not of this project.
    """
    access = managed_project(session, viewer, project_id)
    cid = permissions.coerce_id(contact_id)
    schedule = schedule_of(session, access.project.id)
    contact = session.get(FeedbackContact, cid)
    if schedule is None or contact is None or contact.schedule_id != schedule.id:
        raise NotFound()
    contact.active = False
    session.add(contact)
    # Their pending reminders are not sent any more.
    claim(
        session,
        FeedbackRequest,
        FeedbackRequest.contact_id == contact.id,
        FeedbackRequest.reminded_at.is_(None),
        FeedbackRequest.answered_at.is_(None),
        reminder_due_at=None,
    )
    session.commit()
    return schedule_view(session, access, schedule)
