"""One-click unsubscribe links: a random token per mail, only its hash stored, no login needed.

The link in a mail (and its ``List-Unsubscribe`` header) turns the mail's category to
``never``; a digest's link turns every category mailed in the digest to ``never``.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, select

from collab_app.models import UnsubscribeToken
from collab_app.services import clock, tokens
from collab_app.services.notifications.catalog import CATEGORIES
from collab_app.services.notifications.preferences import modes_of, set_mode_for_user
from collab_app.settings import public_base_url

DIGEST = "digest"  # the token category of a digest: every category mailed in digests
PREFERENCES_PATH = "/notifications/settings"


def new_link(session: Session, user_id: int, category: str) -> str:
    """Create the unsubscribe link of one mail (the caller commits with the mail).

    Args:
        user_id: The recipient.
        category: A category, or ``DIGEST``.

    Returns:
        The absolute link.
    """
    token = tokens.new_token()
    session.add(
        UnsubscribeToken(token_hash=tokens.hash_token(token), user_id=user_id, category=category)
    )
    return f"{public_base_url()}/unsubscribe/{token}"


def unsubscribe(session: Session, token: object) -> str | None:
    """Apply an unsubscribe link: its category (or every digest category) becomes ``never``.

    Opening the same link again is harmless and gives the same answer.

    Args:
        token: The token from the link, of any type.

    Returns:
        The category (or ``DIGEST``), or None for an unknown link.
    """
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    row = session.exec(
        select(UnsubscribeToken).where(UnsubscribeToken.token_hash == tokens.hash_token(token))
    ).first()
    if row is None:
        return None
    if row.category == DIGEST:
        modes = modes_of(session, row.user_id)
        chosen = [c for c in CATEGORIES if modes[c] == "digest"]
    else:
        chosen = [row.category] if row.category in CATEGORIES else []
    for category in chosen:
        set_mode_for_user(session, row.user_id, category, "never")
    session.exec(
        update(UnsubscribeToken)
        .where(UnsubscribeToken.id == row.id, UnsubscribeToken.used_at.is_(None))
        .values(used_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return row.category
