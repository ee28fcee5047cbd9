"""Secrets planted in the served app's database for the security sweeps, and who may see each.

Everything is written through the services (as the demo people), so the rows are exactly what
the app would hold after real use. Each secret carries a marker unique to the run
(``LEAK-<8 hex>-<KIND>``; money as a random amount such as ``812.37``), and the set of roles the
product rules allow to see it (``collab_app/services/permissions/__init__.py``, ``invoice_views``,
``rates``, ``time_tracking``, ``feedback_results``, ``revisions_triage``):

- the team (managers, members) sees every task of its projects, and every comment;
- a guest (Chloé) sees only the tasks she is assigned to or watches, with their comments
  (internal ones included), her own time, her own share; no rate, nothing of other projects;
- a client (David) sees only tasks not hidden from the client, their ``client`` comments,
  the invoice lines and totals; never internal comments, rates, time, shares, feedback answers,
  internal revision notes or messages;
- money: the rates of a project are its managers'; a member sees their own share only;
- a user of another collective sees only that collective; an anonymous visitor sees nothing.

The guest's assignments are explicit below (``GUESTTASK`` assigned, ``WATCHEDTASK`` watched,
every other task neither), so the expectations do not depend on the demo data.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlmodel import Session, select

from collab_app.db import make_engine
from collab_app.models import (
    FeedbackSchedule,
    InvoiceShare,
    Project,
    RevisionItem,
    RevisionRound,
    User,
)
from collab_app.services import (
    board,
    clock,
    feedback,
    files,
    notifications,
    projects,
    revisions,
    time_tracking,
)
from collab_app.services.accounts import auth, collectives
from collab_app.services.accounts.auth import viewer_for
from collab_app.services.billing import deliverables, invoices, rates
from collab_app.services.board import comments
from collab_app.services.board import people as board_people
from collab_app.services.feedback import sending as feedback_schedule
from collab_app.services.projects import weekly
from collab_app.services.revisions import triage as revisions_triage
from testkit.reflex_ws import run_async
from tests.e2e.helpers import DEMO_USERS

ROLES = ("manager", "member", "guest", "client", "other", "anonymous")
TEAM = frozenset({"manager", "member"})
DEMO_PROJECT = "Boulangerie Dupont website"
INTERNAL_PROJECT = "Atelier Nord brand refresh"
# Demo people by sweep role (alice owns the collective: a manager of every project of it).
ROLE_EMAILS = {
    "manager": DEMO_USERS["owner"],
    "member": DEMO_USERS["member"],
    "guest": DEMO_USERS["guest"],
    "client": DEMO_USERS["client"],
}


@dataclass(frozen=True)
class Marker:
    """One planted secret: what to look for, and who may receive it.

    Attributes:
        name: e.g. ``HIDDENTASK``.
        pattern: Matches the secret in received text.
        allowed: The roles that must receive it (all others must not).
        money: An amount: looked for only in what depends on the viewer (websocket frames,
            rendered pages, downloads), not in the static bundles, where a random number may
            occur by chance.
        tolerated: Role -> a pattern that, found just before a hit, makes that hit a known,
            documented exposure rather than a leak (see ``SHAREGUEST``).
    """

    name: str
    pattern: re.Pattern[str]
    allowed: frozenset[str]
    money: bool = False
    tolerated: dict[str, re.Pattern[str]] = field(default_factory=dict)


@dataclass
class Planted:
    """What the sweeps need: the markers, the ids to fill routes with, and the sign-ins."""

    run: str
    markers: list[Marker] = field(default_factory=list)
    # Route argument -> candidate ids (every planted object, of every collective).
    ids: dict[str, list[int]] = field(default_factory=dict)
    # (argument, id) -> the project the object belongs to, for routes with a project_id too.
    parents: dict[tuple[str, int], int] = field(default_factory=dict)
    # Token argument -> role -> tokens to try (the real one for its right role, a wrong one).
    tokens: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # Role -> session token (the ``collab_session`` cookie); none for ``anonymous``.
    cookies: dict[str, str] = field(default_factory=dict)
    invoice_ids: list[int] = field(default_factory=list)
    project_ids: list[int] = field(default_factory=list)

    def marker(self, name: str) -> Marker:
        """Return the marker called ``name``."""
        return next(m for m in self.markers if m.name == name)


def _text_marker(run: str, kind: str, allowed: set[str]) -> tuple[str, Marker]:
    text = f"LEAK-{run}-{kind}"
    return text, Marker(kind, re.compile(re.escape(text)), frozenset(allowed))


def _money_marker(kind: str, cents: int, allowed: set[str]) -> Marker:
    euros, rest = divmod(cents, 100)
    assert 100 <= euros < 1000, "a money marker needs 3 digits of euros (no thousands separator)"
    # "812.37" (en) or "812,37" (fr), never inside a longer number.
    pattern = re.compile(rf"(?<![\d.,]){euros}[.,]{rest:02d}(?!\d)")
    return Marker(kind, pattern, frozenset(allowed), money=True)


def _amount(rng_hex: str, low: int, high: int) -> int:
    """A cents amount in [low, high) euros from hex digits, with non-round cents."""
    value = int(rng_hex, 16)
    cents = low * 100 + value % ((high - low) * 100)
    if cents % 10 == 0:
        cents += 3
    return cents


def plant(database_url: str) -> Planted:
    """Write the secrets into the served app's database; return what the sweeps need.

    Args:
        database_url: The served app's database (``AppServer.database_url``).

    Returns:
        The markers with their allowed roles, route ids, tokens and session cookies.
    """
    run = uuid.uuid4().hex[:8]
    planted = Planted(run=run)
    engine = make_engine(database_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            _plant(session, planted, uuid.uuid4().hex)
    finally:
        engine.dispose()
    return planted


def settle_notifications(database_url: str) -> None:
    """Run the notification jobs to the end now, as if two days had passed.

    Every pending notification becomes an outbox mail (or is skipped), so the served app's
    periodic job finds nothing left to change while a sweep runs, and the mails exist for
    the sweeps to check.

    Args:
        database_url: The served app's database.
    """
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            now = clock.now()
            notifications.run_jobs(
                session, now=now, steps=(("weekly updates", weekly.send_due_weekly_updates),)
            )
            notifications.deliver_pending(session, now=now + timedelta(days=2))
    finally:
        engine.dispose()


def _plant(session: Session, planted: Planted, entropy: str) -> None:
    run = planted.run
    users = {
        role: session.exec(select(User).where(User.email == email)).one()
        for role, email in ROLE_EMAILS.items()
    }
    v = {role: viewer_for(user) for role, user in users.items()}
    # Every role gets its notification mails right away, whatever an earlier browser test
    # chose (one unsubscribes the client from comments): the mail sweep needs real mails.
    for viewer in v.values():
        for category in notifications.CATEGORIES:
            notifications.set_mode(session, viewer, category=category, mode="immediate")
    project = session.exec(select(Project).where(Project.name == DEMO_PROJECT)).one()
    internal = session.exec(select(Project).where(Project.name == INTERNAL_PROJECT)).one()
    pid = project.id

    def text(kind: str, allowed: set[str]) -> str:
        value, marker = _text_marker(run, kind, allowed)
        planted.markers.append(marker)
        return value

    everyone_on_project = {"manager", "member", "guest", "client"}

    # --- Board: tasks and comments ---------------------------------------------------------
    hidden = board.create_task(
        session,
        v["manager"],
        project_id=pid,
        fields=board.TaskFields(
            title=text("HIDDENTASK", TEAM),
            description=text("HIDDENDESC", TEAM),
            hidden_from_client=True,
        ),
        assignee_ids=[users["member"].id],
    )
    guest_task = board.create_task(
        session,
        v["manager"],
        project_id=pid,
        fields=board.TaskFields(title=text("GUESTTASK", everyone_on_project)),
        assignee_ids=[users["guest"].id],
    )
    watched = board.create_task(
        session,
        v["member"],
        project_id=pid,
        fields=board.TaskFields(title=text("WATCHEDTASK", TEAM | {"guest"})),
        assignee_ids=[users["member"].id],
    )
    # Hidden from the client (managers only), and watched by the guest.
    watched = board.update_task(
        session,
        v["manager"],
        task_id=watched.id,
        expected_version=watched.version,
        fields=board.TaskFields(hidden_from_client=True),
    )
    board_people.set_watchers(
        session,
        v["member"],
        task_id=watched.id,
        user_ids=[users["guest"].id],
        expected_version=watched.version,
    )
    team_task = board.create_task(
        session,
        v["member"],
        project_id=pid,
        fields=board.TaskFields(title=text("TEAMTASK", TEAM | {"client"})),
        assignee_ids=[users["member"].id],
    )
    # The client watches two tasks it sees: its inbox and mails then hold the events it may
    # read, and must hold none of the others (the internal comment, the hidden task).
    board.set_watching(session, v["client"], task_id=team_task.id, watching=True)
    board.set_watching(session, v["client"], task_id=guest_task.id, watching=True)
    internal_comment = comments.add_comment(
        session,
        v["member"],
        task_id=guest_task.id,
        body=text("INTERNALCOMMENT", TEAM | {"guest"}),
        visibility="internal",
    )
    comments.add_comment(
        session,
        v["manager"],
        task_id=team_task.id,
        body=text("CLIENTCOMMENT", TEAM | {"client"}),
        visibility="client",
    )
    # A "client" comment on a task hidden from the client still never reaches the client.
    comments.add_comment(
        session,
        v["manager"],
        task_id=hidden.id,
        body=text("HIDDENTASKCOMMENT", TEAM),
        visibility="client",
    )
    # The demo's internal project predates its board: its columns come with the first visit.
    board.ensure_default_columns(session, internal.id)
    session.commit()
    internal_task = board.create_task(
        session,
        v["member"],
        project_id=internal.id,
        fields=board.TaskFields(title=text("INTERNALPROJECTTASK", TEAM)),
    )

    # --- Time and rates ----------------------------------------------------------------------
    today = clock.now().date().isoformat()
    time_tracking.log_time(
        session,
        v["member"],
        project_id=pid,
        work_date=today,
        duration="1:15",
        note=text("MEMBERTIMENOTE", {"manager", "member"}),
    )
    time_tracking.log_time(
        session,
        v["guest"],
        project_id=pid,
        work_date=today,
        duration="0:45",
        note=text("GUESTTIMENOTE", {"manager", "guest"}),
    )
    rate_cents = _amount(entropy[0:6], 700, 1000)
    rates.set_project_rate(
        session,
        v["manager"],
        project_id=pid,
        user_id=users["member"].id,
        rate=f"{rate_cents / 100:.2f}",
        rate_unit="day",
    )
    planted.markers.append(_money_marker("MEMBERRATE", rate_cents, {"manager"}))

    # --- An issued invoice with a split: 50 % Alice, 30 % Bruno, 20 % Chloé -----------------
    amount_cents = _amount(entropy[6:12], 600, 1000)
    people = {"manager": "50", "member": "30", "guest": "20"}
    milestone_id = deliverables.add_deliverable(
        session,
        v["manager"],
        project_id=pid,
        kind="milestone",
        # A guest's own share names the lines it comes from (no other money figure).
        name=text("MILESTONE", {"manager", "member", "guest", "client"}),
        amount=f"{amount_cents / 100:.2f}",
        split={users[role].id: share for role, share in people.items()},
    )
    invoice_id = invoices.create_draft(session, v["manager"], project_id=pid)
    data = invoices.load_draft(session, v["manager"], invoice_id=invoice_id)
    lines = tuple(line for line in data.draft.lines if line.source_id == milestone_id)
    assert len(lines) == 1, f"the draft should bill the planted milestone once: {lines}"
    invoices.save_draft(
        session,
        v["manager"],
        invoice_id=invoice_id,
        draft=replace(data.draft, lines=lines, fee_percent="0", title=f"Invoice {run}"),
    )
    invoices.issue(session, v["manager"], invoice_id=invoice_id)
    planted.markers.append(
        _money_marker("INVOICEAMOUNT", amount_cents, {"manager", "member", "client"})
    )
    shares = {
        share.user_id: share.base_cents
        for share in session.exec(
            select(InvoiceShare).where(InvoiceShare.invoice_id == invoice_id)
        ).all()
    }
    for role in people:
        planted.markers.append(
            _money_marker(f"SHARE{role.upper()}", shares[users[role].id], {"manager", role})
        )
    # Known exposure (reported): the invoice shows VAT by rate, and Chloé is the only VAT-exempt
    # person paid, so the invoice's "VAT-exempt (art. 293 B) on <base>" line is her share. It
    # is tolerated there only (the invoice's readers: members and clients), nowhere else.
    vat_exempt_line = re.compile(r"293\s*B[^\n]{0,80}$")
    planted.markers[-1] = replace(
        planted.markers[-1], tolerated={"member": vat_exempt_line, "client": vat_exempt_line}
    )
    planted.invoice_ids.append(invoice_id)

    # --- Feedback: an answer (team only), then a fresh link for the client to open ------------
    answered = send_feedback_link(session, project)
    feedback.submit_answer(
        session,
        token=answered,
        score=9,
        ranking="top10",
        appreciated=[text("FEEDBACKLIKED", TEAM)],
        comment=text("FEEDBACKCOMMENT", TEAM),
    )
    fresh = send_feedback_link(session, project)

    # --- Revisions: an internal note and messages on the demo's latest submitted round ----------
    rounds = session.exec(
        select(RevisionRound).where(RevisionRound.project_id == pid).order_by(RevisionRound.id)
    ).all()
    submitted = [r for r in rounds if r.status != "draft"]
    item = session.exec(
        select(RevisionItem)
        .where(RevisionItem.round_id == submitted[-1].id)
        .order_by(RevisionItem.id)
    ).first()
    revisions_triage.set_internal_note(
        session, v["member"], item_id=item.id, note=text("REVISIONNOTE", TEAM)
    )
    revisions.add_comment(
        session,
        v["manager"],
        round_id=submitted[-1].id,
        body=text("REVISIONINTERNALMSG", TEAM),
        visibility="internal",
    )
    revisions.add_comment(
        session,
        v["client"],
        round_id=submitted[-1].id,
        body=text("REVISIONCLIENTMSG", TEAM | {"client"}),
    )

    # --- Another collective, with its own person, project and task ----------------------------
    other_user = auth.sign_up(
        session,
        email=f"other-{run}@elsewhere.example",
        display_name=text("OTHERUSER", {"other"}),
        password="other-password-2026",
        locale="en",
    )
    other = viewer_for(other_user)
    other_collective = collectives.create_collective(
        session, other, name=text("OTHERCOLLECTIVE", {"other"})
    )
    other_project_id = projects.create_project(
        session,
        other,
        collective_id=other_collective.id,
        data=projects.ProjectInput(
            name=text("OTHERPROJECT", {"other"}),
            client_name="Elsewhere client",
            start_date=date.today(),
            quote_cents=0,
            included_rounds=1,
            billing_model="fixed",
        ),
    )
    other_task = board.create_task(
        session,
        other,
        project_id=other_project_id,
        fields=board.TaskFields(title=text("OTHERTASK", {"other"})),
    )
    other_round = revisions.add_item(
        session, other, project_id=other_project_id, description=text("OTHERREVISION", {"other"})
    )

    # --- Files and deliverables (#17) -------------------------------------------------------
    file_ids = _plant_files(
        session, planted, v, pid, text, hidden.id, guest_task.id, internal_comment.id
    )

    # --- An invitation to the demo project, for someone without an account yet ----------------
    invitation = projects.invite(
        session, v["manager"], project_id=pid, email=f"invitee-{run}@client.example", role="client"
    )

    # --- Route arguments and sign-ins -----------------------------------------------------------
    planted.project_ids = [pid, internal.id, other_project_id]
    planted.ids = {
        "project_id": list(planted.project_ids),
        "collective_id": [project.collective_id, other_collective.id],
        "task_id": [
            hidden.id,
            guest_task.id,
            watched.id,
            team_task.id,
            internal_task.id,
            other_task.id,
        ],
        "revision_round_id": [r.id for r in rounds] + [other_round],
        "file_id": file_ids,
    }
    for task_id, owner in (
        (hidden.id, pid),
        (guest_task.id, pid),
        (watched.id, pid),
        (team_task.id, pid),
        (internal_task.id, internal.id),
        (other_task.id, other_project_id),
    ):
        planted.parents[("task_id", task_id)] = owner
    for found in rounds:
        planted.parents[("revision_round_id", found.id)] = pid
    planted.parents[("revision_round_id", other_round)] = other_project_id
    wrong = f"wrong-{run}-token-0123456789abcdef"
    invite_token = invitation.link.rstrip("/").rsplit("/", 1)[-1]
    planted.tokens = {
        "feedback_token": {role: [wrong] for role in ROLES},
        "invite_token": {role: [wrong] for role in ROLES},
        "unsubscribe_token": {role: [wrong] for role in ROLES},
    }
    planted.tokens["feedback_token"]["client"].append(fresh)
    planted.tokens["invite_token"]["anonymous"].append(invite_token)
    for role, user in users.items():
        planted.cookies[role] = auth.start_session(session, user_id=user.id)
    planted.cookies["other"] = auth.start_session(session, user_id=other_user.id)


def send_feedback_link(session: Session, project: Project) -> str:
    """Send a feedback round of the project now; return the client's form token."""
    for _attempt in range(3):  # None: the app's own job claimed this round first; read again
        session.expire_all()
        schedule = session.exec(
            select(FeedbackSchedule).where(FeedbackSchedule.project_id == project.id)
        ).one()
        sent = feedback_schedule.send_round(
            session, schedule, project, now=clock.now(), manual=True
        )
        if sent is not None:
            break
    assert sent, "the demo's feedback schedule should have David as a contact"
    return next(s for s in sent if s.email == ROLE_EMAILS["client"]).token


async def _body(data: bytes):
    yield data


def _plant_files(
    session: Session, planted: Planted, v, pid: int, text, hidden_id, guest_task_id, comment_id
):
    """Plant files of every visibility, a folder, a deliverable and a trashed file.

    One is attached to the internal comment on the guest's task: the guest reads that comment
    and the client sees the task, yet neither may receive the file's name or bytes.

    Returns:
        The planted files' ids (the download and preview routes are swept with them).
    """
    storage = files.DatabaseStorage(
        sessions=lambda: Session(session.get_bind(), expire_on_commit=False)
    )
    team = set(TEAM)
    team_and_client = team | {"client"}

    def put(viewer, name: str, body: bytes, **target) -> int:
        ticket = files.prepare_upload(
            session,
            viewer,
            project_id=pid,
            name=name,
            size=len(body),
            target=files.UploadTarget(**target),
        )
        # Playwright's sync API may already run an event loop in this thread (browser tests).
        stored = run_async(files.stream_into(storage, _body(body), expected_size=len(body)))
        return files.finish_upload(session, viewer, ticket, stored)

    folder = files.create_folder(
        session, v["member"], project_id=pid, name=text("FILEFOLDER", team)
    )
    internal = put(
        v["member"],
        text("INTERNALFILE", team) + ".txt",
        text("INTERNALBODY", team).encode(),
        folder_id=folder,
    )
    shared = put(
        v["member"],
        text("SHAREDFILE", team_and_client) + ".txt",
        text("SHAREDBODY", team_and_client).encode(),
    )
    files.set_shared(session, v["member"], file_id=shared, shared=True)
    on_guest_task = put(
        v["member"],
        text("GUESTFILE", team | {"guest"}) + ".txt",
        b"guest task notes",
        task_id=guest_task_id,
    )
    on_hidden_task = put(
        v["manager"], text("HIDDENTASKFILE", team) + ".txt", b"hidden", task_id=hidden_id
    )
    files.set_shared(session, v["manager"], file_id=on_hidden_task, shared=True)
    trashed = put(v["member"], text("TRASHFILE", {"manager"}) + ".txt", b"trash")
    files.delete_file(session, v["member"], file_id=trashed)
    version = revisions.create_review_item(
        session, v["member"], project_id=pid, name=text("REVIEWNAME", team_and_client)
    )
    review_file = put(
        v["member"], text("REVIEWFILE", team_and_client) + ".txt", b"v1", review_version_id=version
    )
    on_internal_comment = put(
        v["member"],
        text("COMMENTFILE", team) + ".txt",
        text("COMMENTBODY", team).encode(),
        comment_id=comment_id,
    )
    return [
        internal,
        shared,
        on_guest_task,
        on_hidden_task,
        trashed,
        review_file,
        on_internal_comment,
    ]
