"""Telling people about revisions: a mail to the one who must act, in-app news for the rest.

The texts are written by the presenter; the outbox sends them after the commit.
"""

from __future__ import annotations

from sqlmodel import Session

from collab_app.i18n.grammar import elide
from collab_app.models import Collective, Project, User
from collab_app.services import notifications
from collab_app.services.mail import outbox
from collab_app.services.revisions.presenter.labels import mail_text
from collab_app.settings import public_base_url


def notify(
    session: Session,
    *,
    project_id: int,
    user_id: int | None,
    kind: str,
    dedup_key: str,
    message: str,
    path: str,
    **params: object,
) -> None:
    """Queue a mail to one person of the project, in their language (once per ``dedup_key``).

    Args:
        session: Database session; the caller commits.
        project_id: The project.
        user_id: The recipient (nothing is sent for None).
        kind: Outbox kind.
        dedup_key: Unique key of this logical message.
        message: Message key prefix: ``<message>_subject`` and ``<message>_body``.
        path: Link path in the app.
        **params: Message parameters (``project``, ``collective`` and ``link`` are added;
            ``price_cents`` also gives ``price``, written in the recipient's language).
    """
    user = session.get(User, user_id) if user_id else None
    if user is None:
        return
    project = session.get(Project, project_id)
    collective = session.get(Collective, project.collective_id)
    link = f"{public_base_url()}{path}"
    subject, body = mail_text(
        message,
        user.locale,
        project.currency,
        {"project": project.name, "collective": collective.name, "link": link, **params},
    )
    outbox.enqueue(
        session,
        collective_id=project.collective_id,
        project_id=project_id,
        kind=kind,
        to_email=user.email,
        subject=elide(subject, user.locale),
        body=elide(body, user.locale),
        link=link,
        dedup_key=dedup_key,
    )


def tell(
    session: Session,
    *,
    project_id: int,
    actor_id: int,
    mail_to: int | None,
    mail_kind: str,
    dedup_key: str,
    message: str,
    event: str,
    roles: tuple[str, ...],
    path: str,
    audience: str = "everyone",
    params: dict[str, object] | None = None,
    mail_params: dict[str, object] | None = None,
) -> None:
    """Mail the one person who must act, and tell the others of ``roles`` in the app.

    Args:
        session: Database session; the caller commits.
        project_id: The project.
        actor_id: Who caused it.
        mail_to: The person mailed (their inbox gets no second line).
        mail_kind: Outbox kind.
        dedup_key: Unique key of the mail.
        message: Message key prefix of the mail.
        event: Notification kind of the in-app event.
        roles: Roles told in the app.
        path: Link path in the app.
        audience: Least role needed to read the event.
        params: Parameters of both the mail and the event.
        mail_params: Parameters of the mail only.
    """
    notify(
        session,
        project_id=project_id,
        user_id=mail_to,
        kind=mail_kind,
        dedup_key=dedup_key,
        message=message,
        path=path,
        **(params or {}),
        **(mail_params or {}),
    )
    notifications.project_event(
        session,
        project_id=project_id,
        actor_id=actor_id,
        kind=event,
        roles=roles,
        mailed_elsewhere=(mail_to,),
        audience=audience,
        path=path,
        params=params,
    )
