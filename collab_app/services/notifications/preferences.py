"""E-mail preferences: a mode per category, the digest hour, and projects muted by mail.

Without a stored choice a category is mailed right away. A muted project's notifications stay
in the inbox but are never mailed. The digest hour is in the person's own time zone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from collab_app.models import (
    NotificationMute,
    NotificationPreference,
    NotificationSettings,
    Project,
)
from collab_app.services import permissions
from collab_app.services.errors import ValidationError
from collab_app.services.notifications.catalog import CATEGORIES, MODES
from collab_app.services.viewer import Viewer

DEFAULT_MODE = "immediate"
DEFAULT_DIGEST_HOUR = 8


@dataclass(frozen=True, slots=True)
class CategoryChoice:
    """One category with the chosen mode."""

    category: str
    mode: str


@dataclass(frozen=True, slots=True)
class ProjectMuteChoice:
    """One of the person's projects, muted by mail or not."""

    project_id: int
    project_name: str
    muted: bool


@dataclass(frozen=True, slots=True)
class PreferencesView:
    """Everything the preferences page shows."""

    categories: tuple[CategoryChoice, ...]
    digest_hour: int
    timezone: str
    projects: tuple[ProjectMuteChoice, ...]


def modes_of(session: Session, user_id: int) -> dict[str, str]:
    """Return the mode of every category for one person (defaults filled in).

    Args:
        user_id: The person.

    Returns:
        Category -> mode.
    """
    stored = dict(
        session.exec(
            select(NotificationPreference.category, NotificationPreference.mode).where(
                NotificationPreference.user_id == user_id
            )
        ).all()
    )
    return {category: stored.get(category, DEFAULT_MODE) for category in CATEGORIES}


def digest_hour_of(session: Session, user_id: int) -> int:
    """Return a person's digest hour (local time).

    Args:
        user_id: The person.

    Returns:
        0-23.
    """
    hour = session.exec(
        select(NotificationSettings.digest_hour).where(NotificationSettings.user_id == user_id)
    ).first()
    return DEFAULT_DIGEST_HOUR if hour is None else hour


def muted_projects(session: Session, user_id: int) -> set[int]:
    """Return the projects a person muted by mail.

    Args:
        user_id: The person.

    Returns:
        Project ids.
    """
    return set(
        session.exec(
            select(NotificationMute.project_id).where(NotificationMute.user_id == user_id)
        ).all()
    )


def get_preferences(session: Session, viewer: Viewer) -> PreferencesView:
    """Return the viewer's e-mail preferences and their projects.

    Returns:
        The preferences.
    """
    modes = modes_of(session, viewer.user_id)
    muted = muted_projects(session, viewer.user_id)
    projects = session.exec(
        permissions.visible_projects_query(viewer).order_by(Project.name, Project.id)
    ).all()
    return PreferencesView(
        categories=tuple(CategoryChoice(c, modes[c]) for c in CATEGORIES),
        digest_hour=digest_hour_of(session, viewer.user_id),
        timezone=viewer.timezone,
        projects=tuple(ProjectMuteChoice(p.id, p.name, p.id in muted) for p in projects),
    )


def _upsert(session: Session, row: object, existing: object, **values: object) -> None:
    if existing is not None:
        for name, value in values.items():
            setattr(existing, name, value)
        session.add(existing)
        return
    nested = session.begin_nested()
    try:
        session.add(row)
        session.flush()
    except IntegrityError:  # written meanwhile by another tab: the next save wins
        nested.rollback()
        return
    nested.commit()


def set_mode(session: Session, viewer: Viewer, *, category: object, mode: object) -> None:
    """Choose how the viewer gets the mails of a category.

    Args:
        category: One of ``CATEGORIES``.
        mode: ``immediate``, ``digest`` or ``never``.

    Raises:
        ValidationError: Unknown category or mode.
    """
    if category not in CATEGORIES or mode not in MODES:
        raise ValidationError("notifications.mode_invalid", field="mode")
    set_mode_for_user(session, viewer.user_id, str(category), str(mode))
    session.commit()


def set_digest_hour(session: Session, viewer: Viewer, *, hour: object) -> int:
    """Choose the hour of the daily digest, in the viewer's time zone.

    Args:
        hour: 0-23 (an int or its digits).

    Returns:
        The hour kept.

    Raises:
        ValidationError: Not an hour.
    """
    text = str(hour).strip() if isinstance(hour, (int, str)) and not isinstance(hour, bool) else ""
    if not (text.isascii() and text.isdigit() and 0 <= int(text) <= 23):
        raise ValidationError("notifications.hour_invalid", field="digest_hour")
    value = int(text)
    existing = session.exec(
        select(NotificationSettings).where(NotificationSettings.user_id == viewer.user_id)
    ).first()
    _upsert(
        session,
        NotificationSettings(user_id=viewer.user_id, digest_hour=value),
        existing,
        digest_hour=value,
    )
    session.commit()
    return value


def set_muted(session: Session, viewer: Viewer, *, project_id: object, muted: bool) -> None:
    """Mute or unmute a project's mails for the viewer.

    Args:
        viewer: Anyone on the project.
        muted: Whether to mute.

    Raises:
        NotFound: Not a project of the viewer.
    """
    access = permissions.require_project(session, viewer, project_id)
    pid = access.project.id
    if muted:
        if pid not in muted_projects(session, viewer.user_id):
            _upsert(session, NotificationMute(user_id=viewer.user_id, project_id=pid), None)
    else:
        session.exec(
            delete(NotificationMute).where(
                NotificationMute.user_id == viewer.user_id, NotificationMute.project_id == pid
            )
        )
    session.commit()


def set_mode_for_user(session: Session, user_id: int, category: str, mode: str) -> None:
    """Store a mode for a person without a session (the unsubscribe link); the caller commits.

    Args:
        user_id: The person.
        category: A category.
        mode: A mode.
    """
    existing = session.exec(
        select(NotificationPreference).where(
            NotificationPreference.user_id == user_id,
            NotificationPreference.category == category,
        )
    ).first()
    _upsert(
        session,
        NotificationPreference(user_id=user_id, category=category, mode=mode),
        existing,
        mode=mode,
    )
