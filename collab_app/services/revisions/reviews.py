"""Deliverables the client reviews: versions, approval (locked), change requests, reopening.

- The team creates a deliverable (its version 1) and publishes versions 2, 3... Each version
  keeps its files (always shared with the client: they are what the client reviews); older
  versions stay readable.
- A client reviews the current version only: **approve** records who, when and which version
  and locks it (its files can no longer be deleted, no new version can be published), or
  **request changes**, which adds the request to the project's current revision round through
  the revisions service, so its rules apply (the designated contact, the draft, the
  confirmation before a billable round when the round is submitted).
- A manager reopens an approval only with a reason.
Every decision is also a line of the revision trace (history, revisions CSV, weekly recap).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, func, select

from collab_app.i18n import translate
from collab_app.i18n.moments import format_datetime
from collab_app.models import (
    ProjectFile,
    ReviewDecision,
    ReviewItem,
    ReviewVersion,
    RevisionItem,
    User,
)
from collab_app.models.revisions import ITEM_DESCRIPTION_MAX
from collab_app.services import clock, permissions
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from collab_app.services.files.names import add_named
from collab_app.services.files.views import FileView, file_views
from collab_app.services.revisions.requests import add_item
from collab_app.services.revisions.trace import record
from collab_app.services.shared_views import view_from
from collab_app.services.viewer import Viewer

NAME_MAX = 80
TEXT_MAX = 2_000
MAX_REVIEW_ITEMS = 200


@dataclass(frozen=True, slots=True)
class VersionView:
    """One version of a deliverable with its files."""

    id: int
    number: int
    published: str
    is_current: bool
    approved: bool
    files: list[FileView]


@dataclass(frozen=True, slots=True)
class DecisionView:
    """One line of a deliverable's history."""

    text: str


@dataclass(frozen=True, slots=True)
class ReviewView:
    """A deliverable as the viewer sees it."""

    id: int
    name: str
    status: str
    status_label: str
    current_version: int
    current_version_id: int
    versions: list[VersionView]
    history: list[DecisionView]


def _clean(raw: object, *, field: str, max_len: int, required: bool = True) -> str:
    text = raw.strip() if isinstance(raw, str) else ""
    if required and not text:
        raise ValidationError("files.text_required", field=field)
    if len(text) > max_len or "\x00" in text:
        raise ValidationError("files.text_too_long", field=field, max=max_len)
    return text


def _require_review_item(
    session: Session, viewer: Viewer, review_item_id: object, *, roles: tuple[str, ...]
) -> tuple[ReviewItem, permissions.ProjectAccess]:
    rid = permissions.coerce_id(review_item_id)
    project_id = session.exec(select(ReviewItem.project_id).where(ReviewItem.id == rid)).first()
    if project_id is None:
        raise NotFound()
    access = permissions.require_project(session, viewer, project_id)
    if access.role not in permissions.REVIEW_READ_ROLES:
        raise NotFound()
    if access.role not in roles:
        raise PermissionDenied()
    # Row lock on PostgreSQL so two decisions on one deliverable cannot cross.
    item = session.exec(
        select(ReviewItem)
        .where(ReviewItem.id == rid)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    return item, access


def _current(session: Session, item: ReviewItem) -> ReviewVersion:
    return session.exec(
        select(ReviewVersion).where(
            ReviewVersion.review_item_id == item.id, ReviewVersion.number == item.current_version
        )
    ).one()


def _new_version(session: Session, viewer: Viewer, item: ReviewItem, note: str) -> int:
    item.current_version += 1
    item.status = "in_review"
    version = ReviewVersion(
        review_item_id=item.id,
        number=item.current_version,
        note=note,
        created_by_id=viewer.user_id,
        created_at=clock.now(),
    )
    session.add(item)
    session.add(version)
    session.flush()
    return version.id


def create_review_item(
    session: Session, viewer: Viewer, *, project_id: object, name: object
) -> int:
    """Create a deliverable with its version 1 (files are then uploaded into it).

    Args:
        viewer: A manager or member.
        name: 1-80 characters, unique in the project.

    Returns:
        The id of version 1.

    Raises:
        NotFound: Unknown or hidden project.
        PermissionDenied: Not the team.
        ValidationError: A bad or taken name, or too many deliverables.
    """
    access = permissions.require_project(session, viewer, project_id, roles=permissions.TEAM_ROLES)
    text = _clean(name, field="review_name", max_len=NAME_MAX)
    item = add_named(
        session,
        ReviewItem,
        project_id=access.project.id,
        name=text,
        by=viewer.user_id,
        limit=MAX_REVIEW_ITEMS,
        field="review_name",
        too_many="files.too_many_reviews",
        taken="files.review_exists",
    )
    version_id = _new_version(session, viewer, item, "")
    session.commit()
    return version_id


def publish_version(session: Session, viewer: Viewer, *, review_item_id: object) -> int:
    """Publish the next version of a deliverable (the previous ones stay readable).

    Args:
        viewer: A manager or member.

    Returns:
        The new version's id.

    Raises:
        NotFound: Unknown or hidden deliverable.
        PermissionDenied: Not the team, or the deliverable is approved (reopen it first).
    """
    item, _access = _require_review_item(
        session, viewer, review_item_id, roles=permissions.TEAM_ROLES
    )
    if item.status == "approved":
        raise PermissionDenied("files.approved_locked")
    version_id = _new_version(session, viewer, item, "")
    session.commit()
    return version_id


def _decide(session: Session, item: ReviewItem, version_id: object) -> ReviewVersion:
    if item.status == "approved":
        raise Conflict("files.already_approved")
    current = _current(session, item)
    # The decision is about the version the client saw; a newer one must be looked at first.
    if permissions.coerce_id(version_id) != current.id:
        raise Conflict("files.version_changed", number=current.number)
    return current


def _record_decision(
    session: Session,
    viewer: Viewer,
    item: ReviewItem,
    version: ReviewVersion | None,
    *,
    kind: str,
    status: str,
    text: str = "",
    **history: object,
) -> ReviewDecision:
    """Record a decision on a version (``approved``, ``changes_requested``, ``reopened``).

    The deliverable takes ``status``; the decision and its history line (``review_<kind>``)
    are added to the session, the caller commits.
    """
    now = clock.now()
    item.status = status
    session.add(item)
    decision = ReviewDecision(
        review_item_id=item.id,
        project_id=item.project_id,
        version_id=version.id if version else item.approved_version_id,
        kind=kind,
        text=text,
        actor_id=viewer.user_id,
        at=now,
    )
    session.add(decision)
    record(
        session,
        project_id=item.project_id,
        actor_id=viewer.user_id,
        kind=f"review_{kind}",
        at=now,
        name=item.name,
        version=version.number if version else None,
        **history,
    )
    return decision


def approve(
    session: Session, viewer: Viewer, *, review_item_id: object, version_id: object
) -> None:
    """Approve the current version: recorded with who, when and which version, then locked.

    Args:
        viewer: A client of the project.
        version_id: The version the client reviewed (must still be the current one).

    Raises:
        NotFound: Unknown or hidden deliverable.
        PermissionDenied: Not a client.
        Conflict: Already approved, or a newer version was published meanwhile.
    """
    item, _ = _require_review_item(
        session, viewer, review_item_id, roles=permissions.REVIEW_DECIDE_ROLES
    )
    current = _decide(session, item, version_id)
    item.approved_version_id = current.id
    _record_decision(session, viewer, item, current, kind="approved", status="approved")
    session.commit()


def request_changes(
    session: Session,
    viewer: Viewer,
    *,
    review_item_id: object,
    version_id: object,
    text: object,
    locale: str = "en",
) -> int:
    """Ask for changes on the current version: a request in the project's current round.

    The request goes through ``revisions.add_item`` (the designated contact's draft round,
    submitted and confirmed as any round, billable rounds included).

    Args:
        session: Database session; committed here (one transaction with the request).
        viewer: A client of the project (the designated contact when one is set).
        version_id: The version the client reviewed.
        text: What to change, 1-2000 characters.
        locale: Language of the request's prefix.

    Returns:
        The draft round's id.

    Raises:
        NotFound: Unknown or hidden deliverable.
        PermissionDenied: Not a client, or not the designated contact.
        Conflict: Approved, or a newer version was published meanwhile.
        ValidationError: Empty or too long text.
    """
    item, _ = _require_review_item(
        session, viewer, review_item_id, roles=permissions.REVIEW_DECIDE_ROLES
    )
    current = _decide(session, item, version_id)
    body = _clean(text, field="changes", max_len=TEXT_MAX)
    prefix = translate("files.request_prefix", locale, name=item.name, number=current.number)
    # Written with the request: ``add_item`` commits them in its own transaction.
    decision = _record_decision(
        session,
        viewer,
        item,
        current,
        kind="changes_requested",
        status="changes_requested",
        text=body,
    )
    try:
        round_id = add_item(
            session,
            viewer,
            project_id=item.project_id,
            description=f"{prefix} {body}"[:ITEM_DESCRIPTION_MAX],
        )
    except Exception:
        session.rollback()
        raise
    decision.revision_item_id = session.exec(
        select(func.max(RevisionItem.id)).where(
            RevisionItem.round_id == round_id, RevisionItem.created_by_id == viewer.user_id
        )
    ).one()
    session.add(decision)
    session.commit()
    return round_id


def reopen(session: Session, viewer: Viewer, *, review_item_id: object, reason: object) -> None:
    """Reopen an approved deliverable, with a reason (recorded).

    Args:
        viewer: A manager.
        reason: Why, 1-2000 characters.

    Raises:
        NotFound: Unknown or hidden deliverable.
        PermissionDenied: Not a manager.
        Conflict: Not approved.
        ValidationError: No reason.
    """
    item, _ = _require_review_item(
        session, viewer, review_item_id, roles=permissions.REVIEW_MANAGE_ROLES
    )
    why = _clean(reason, field="reason", max_len=TEXT_MAX)
    if item.status != "approved" or item.approved_version_id is None:
        raise Conflict("files.not_approved")
    version = session.get(ReviewVersion, item.approved_version_id)
    _record_decision(
        session, viewer, item, version, kind="reopened", status="in_review", text=why, reason=why
    )
    item.approved_version_id = None
    session.commit()


def list_reviews(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> list[ReviewView]:
    """The project's deliverables with their versions, files and history (team and client).

    Args:
        locale: ``en`` or ``fr``.

    Returns:
        Deliverables by name; empty for a guest.

    Raises:
        NotFound: Unknown or hidden project.
    """
    access = permissions.require_project(session, viewer, project_id)
    if access.role not in permissions.REVIEW_READ_ROLES:
        return []
    items = session.exec(
        select(ReviewItem)
        .where(ReviewItem.project_id == access.project.id)
        .order_by(ReviewItem.name)
    ).all()
    if not items:
        return []
    item_ids = [i.id for i in items]
    versions = session.exec(
        select(ReviewVersion)
        .where(ReviewVersion.review_item_id.in_(item_ids))
        .order_by(ReviewVersion.number.desc())
    ).all()
    files = session.exec(
        select(ProjectFile)
        .where(
            permissions.visible_files_clause(access, viewer),
            ProjectFile.review_version_id.in_([v.id for v in versions]),
        )
        .order_by(ProjectFile.id)
    ).all()
    file_rows = file_views(session, viewer, access, list(files), locale=locale)
    by_version: dict[int, list[FileView]] = {}
    for found, view in zip(files, file_rows, strict=True):
        by_version.setdefault(found.review_version_id, []).append(view)
    decisions = session.exec(
        select(ReviewDecision)
        .where(ReviewDecision.review_item_id.in_(item_ids))
        .order_by(ReviewDecision.at, ReviewDecision.id)
    ).all()
    names = dict(
        session.exec(
            select(User.id, User.display_name).where(User.id.in_({d.actor_id for d in decisions}))
        ).all()
    )
    number_of = {v.id: v.number for v in versions}
    result = []
    for item in items:
        own = [v for v in versions if v.review_item_id == item.id]
        history = [
            DecisionView(
                text=translate(
                    f"files.history_{d.kind}",
                    locale,
                    who=names.get(d.actor_id, ""),
                    when=format_datetime(d.at, locale, viewer.timezone),
                    number=number_of.get(d.version_id, ""),
                    text=d.text,
                )
            )
            for d in decisions
            if d.review_item_id == item.id
        ]
        current_id = next((v.id for v in own if v.number == item.current_version), 0)
        result.append(
            view_from(
                ReviewView,
                item,
                status_label=translate(f"files.status_{item.status}", locale),
                current_version_id=current_id,
                versions=[
                    VersionView(
                        id=v.id,
                        number=v.number,
                        published=format_datetime(v.created_at, locale, viewer.timezone),
                        is_current=v.number == item.current_version,
                        approved=item.approved_version_id == v.id,
                        files=by_version.get(v.id, []),
                    )
                    for v in own
                ],
                history=history,
            )
        )
    return result
