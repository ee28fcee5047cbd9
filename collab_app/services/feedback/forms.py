"""The public feedback form: what a link shows, and recording the client's answer exactly once.

The client answers through the link alone: the token is the credential (256 random bits, only
its SHA-256 stored, single use, 30 days).

The form's rules: the score (0-10 without 7) and the ranking are required; all texts are
optional, because a two-tap answer is worth far more than no answer on a phone, and each is at
most 1,000 characters. Up to 3 "appreciated" and 3 "to improve" texts.

Follow-up rule: a score below 8, or a ranking below the top 10%, flags the answer "ask for a
30-minute call" and creates an internal task (hidden from the client) on the project's board
(see :mod:`collab_app.services.feedback.follow_up`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from collab_app.i18n import normalize_locale
from collab_app.models import (
    Collective,
    FeedbackAnswer,
    FeedbackRequest,
    FeedbackSchedule,
    Project,
)
from collab_app.services import clock, notifications, permissions
from collab_app.services.claims import claim
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.feedback.due_dates import local_date
from collab_app.services.feedback.follow_up import run_followup
from collab_app.services.feedback.links import request_status
from collab_app.services.feedback.texts import MAX_TEXT, clean_text, whole_number
from collab_app.services.tokens import hash_token

logger = logging.getLogger(__name__)

SCORES = (0, 1, 2, 3, 4, 5, 6, 8, 9, 10)
RANKINGS = ("top1", "top10", "top25", "top50", "bottom50")
GOOD_RANKINGS = ("top1", "top10")
CALL_BELOW_SCORE = 8
MAX_ITEMS = 3


@dataclass(frozen=True, slots=True)
class FormView:
    """What the public form page shows for a token (no sign-in)."""

    status: str  # "open" | "answered" | "expired" | "unknown"
    locale: str  # the recipient's language, or the fallback for unknown links
    project_name: str
    collective_name: str
    expires_on: date | None  # the link's last local day, None when unknown
    scores: tuple[int, ...] = SCORES
    rankings: tuple[str, ...] = RANKINGS
    max_items: int = MAX_ITEMS
    max_text_length: int = MAX_TEXT


@dataclass(frozen=True, slots=True)
class SubmitResult:
    """The thank-you page's facts; nothing internal (not the follow-up flag)."""

    locale: str
    project_name: str
    collective_name: str


# --- the public form --------------------------------------------------------------------------


def _find_request(session: Session, token: object) -> FeedbackRequest | None:
    if not isinstance(token, str) or not token or len(token) > 200 or not token.isascii():
        return None
    return session.exec(
        select(FeedbackRequest).where(FeedbackRequest.token_hash == hash_token(token))
    ).first()


def open_form(
    session: Session, *, token: object, fallback_locale: str = "en", now: datetime | None = None
) -> FormView:
    """Describe the form behind a link (no sign-in: the token is the credential).

    Args:
        token: The token from the link.
        fallback_locale: Language for an unknown link (e.g. negotiated from the browser).
        now: Current time.

    Returns:
        The view; ``status`` tells the page what to show.
    """
    now = now or clock.now()
    request = _find_request(session, token)
    if request is None:
        return FormView("unknown", normalize_locale(fallback_locale), "", "", None)
    project = session.get(Project, request.project_id)
    collective = session.get(Collective, request.collective_id)
    tz = session.get(FeedbackSchedule, request.schedule_id).timezone
    return FormView(
        status="open" if (s := request_status(request, now)) == "pending" else s,
        locale=normalize_locale(request.locale),
        project_name=project.name,
        collective_name=collective.name,
        expires_on=local_date(request.expires_at, tz),
    )


def _clean_items(raw: object, field: str) -> list[str]:
    if raw is None:
        items: list[object] = []
    elif isinstance(raw, str):
        items = [raw]
    elif isinstance(raw, Sequence):
        items = list(raw)
    else:
        raise ValidationError("feedback.text_invalid", field=field)
    cleaned = [clean_text(item, f"{field}_{i + 1}") for i, item in enumerate(items)]
    cleaned = [text for text in cleaned if text]
    if len(cleaned) > MAX_ITEMS:
        raise ValidationError("feedback.too_many_items", field=field, max=MAX_ITEMS)
    return cleaned + [""] * (MAX_ITEMS - len(cleaned))


def parse_score(raw: object) -> int:
    """Validate the recommendation score: a whole number 0-10, not 7.

    Args:
        raw: What the form sent (int, or digits as text).

    Returns:
        The score.

    Raises:
        ValidationError: Missing, not a whole number 0-10, or 7 (with its own message).
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValidationError("feedback.score_required", field="score")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    value = whole_number(raw, 3)
    if value is None or not 0 <= value <= 10:
        raise ValidationError("feedback.score_invalid", field="score")
    if value == 7:
        raise ValidationError("feedback.score_seven", field="score")
    return value


def needs_call(score: int, ranking: str) -> bool:
    """The follow-up rule: a score below 8, or a ranking below the top 10%.

    Args:
        score: 0-10.
        ranking: One of ``RANKINGS``.

    Returns:
        Whether to ask the client for a 30-minute call.
    """
    return score < CALL_BELOW_SCORE or ranking not in GOOD_RANKINGS


def submit_answer(
    session: Session,
    *,
    token: object,
    score: object,
    ranking: object,
    appreciated: object = (),
    improvements: object = (),
    comment: object = "",
    now: datetime | None = None,
) -> SubmitResult:
    """Record the client's answer to a form link, exactly once.

    The link's state is checked before the fields, so an expired or used link says so even if
    the form is incomplete. Two simultaneous submissions of one link: one wins, the other gets
    "already answered", and the first answer is kept.

    Args:
        token: The token from the link.
        score: 0-10 without 7 (required).
        ranking: ``top1``, ``top10``, ``top25``, ``top50`` or ``bottom50`` (required).
        appreciated: Up to 3 texts (optional), each at most 1,000 characters.
        improvements: Up to 3 texts (optional), each at most 1,000 characters.
        comment: Optional free text, at most 1,000 characters.
        now: Current time.

    Returns:
        What the thank-you page shows.

    Raises:
        NotFound: ``feedback.link_unknown``.
        ValidationError: ``feedback.link_expired``, or an invalid field (``field`` set).
        Conflict: ``feedback.already_answered``.
    """
    now = now or clock.now()
    request = _find_request(session, token)
    if request is None:
        raise NotFound("feedback.link_unknown")
    status = request_status(request, now)
    if status == "answered":
        raise Conflict("feedback.already_answered")
    if status == "expired":
        raise ValidationError("feedback.link_expired")
    value = parse_score(score)
    if ranking is None or ranking == "":
        raise ValidationError("feedback.ranking_required", field="ranking")
    if ranking not in RANKINGS:
        raise ValidationError("feedback.ranking_invalid", field="ranking")
    liked = _clean_items(appreciated, "appreciated")
    to_improve = _clean_items(improvements, "improvements")
    note = clean_text(comment, "comment")
    claimed = claim(
        session,
        FeedbackRequest,
        FeedbackRequest.id == request.id,
        FeedbackRequest.answered_at.is_(None),
        FeedbackRequest.expires_at > now,
        answered_at=now,
    )
    if claimed != 1:
        session.rollback()
        raise Conflict("feedback.already_answered")
    answer = FeedbackAnswer(
        request_id=request.id,
        project_id=request.project_id,
        collective_id=request.collective_id,
        submitted_at=now,
        locale=normalize_locale(request.locale),
        score=value,
        ranking=str(ranking),
        appreciated_1=liked[0],
        appreciated_2=liked[1],
        appreciated_3=liked[2],
        improve_1=to_improve[0],
        improve_2=to_improve[1],
        improve_3=to_improve[2],
        comment=note,
        needs_call=needs_call(value, str(ranking)),
    )
    session.add(answer)
    project = session.get(Project, request.project_id)
    if answer.needs_call:
        notifications.project_event(
            session,
            project_id=project.id,
            actor_id=None,
            kind="feedback_call",
            roles=permissions.MANAGER_ROLES,
            audience="managers",
            path=f"/projects/{project.id}/feedback",
        )
    session.commit()
    if answer.needs_call:
        # After the answer is safe: a board problem must never lose it (the job retries).
        try:
            run_followup(session, answer.id, now=now)
        except Exception:
            session.rollback()
            logger.exception("follow-up of feedback answer %s failed", answer.id)
    collective = session.get(Collective, project.collective_id)
    return SubmitResult(answer.locale, project.name, collective.name)
