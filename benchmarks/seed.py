"""Benchmark data: a project board of N cards, as the app itself would have created them.

The demo (``collab_app.demo``) provides the collective, its people and their roles; this adds a
project "Bench board (N cards)" with the same four people (Alice manager, Bruno member, Chloé
guest, David client), the default columns and five labels (through the board services), then N
cards inserted in bulk with exactly the rows ``board.create_task`` writes for each card: the
task at a dense position in its column, its assignees, its labels and a ``task_created`` history
line. Going through ``create_task`` card by card rewrites the column's positions each time
(quadratic in N), far too slow for 2,000 cards; :func:`seed_board` checks the result through
``board.load_board`` instead.

The mix per card (deterministic): 40 % to do, 30 % in progress, 15 % review, 15 % done; one card
in ten hidden from the client; one in five assigned to the guest; 0-2 labels; some due dates,
blocked cards and comments (internal and client).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import insert
from sqlmodel import Session, select

from collab_app.models import (
    Activity,
    Collective,
    CollectiveMember,
    Comment,
    Project,
    ProjectMember,
    Task,
    TaskAssignee,
    TaskLabel,
    User,
)
from collab_app.services import board, clock
from collab_app.services.accounts.auth import viewer_for
from collab_app.services.board import column_ref

ROLE_EMAILS = {
    "manager": "alice@atelier-nord.example",
    "member": "bruno@atelier-nord.example",
    "guest": "chloe@freelance.example",
    "client": "david@client.example",
}
LABELS = (
    ("Design", "purple"),
    ("Content", "amber"),
    ("Development", "blue"),
    ("SEO", "green"),
    ("Client input", "orange"),
)
# Share of the cards per column (to do, in progress, review, done), in tenths of 100 %.
COLUMN_SHARES = (40, 30, 15, 15)
PRIORITIES = ("normal", "normal", "high", "low", "urgent", "normal")
WORDS = [
    "homepage",
    "hero",
    "photo",
    "pastry",
    "order",
    "form",
    "allergen",
    "list",
    "opening",
    "hours",
    "widget",
    "newsletter",
    "legal",
    "notice",
    "cookie",
    "banner",
    "mobile",
    "menu",
    "logo",
    "palette",
    "sitemap",
    "staging",
    "hosting",
    "invoice",
    "accessibility",
    "contrast",
    "alt",
    "texts",
    "local",
    "SEO",
    "profile",
    "click",
    "collect",
    "payment",
]
BENCH_MEMBER_DOMAIN = "bench.example"


@dataclass
class BenchBoard:
    """What :func:`seed_board` created."""

    project_id: int
    column_ids: list[int]
    card_ids: list[int]
    hidden_ids: list[int] = field(default_factory=list)
    guest_ids: list[int] = field(default_factory=list)

    @property
    def board_path(self) -> str:
        """The board's page, e.g. ``/projects/3/board``."""
        return f"/projects/{self.project_id}/board"


def _user_ids(session: Session) -> dict[str, int]:
    rows = session.exec(select(User.email, User.id).where(User.email.in_(ROLE_EMAILS.values())))
    by_email = dict(rows.all())
    missing = [e for e in ROLE_EMAILS.values() if e not in by_email]
    if missing:
        raise RuntimeError(f"demo users missing (run `manage seed-if-empty` first): {missing}")
    return {role: by_email[email] for role, email in ROLE_EMAILS.items()}


def _title(i: int) -> str:
    words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(3 + i % 6)]
    return f"#{i + 1} " + " ".join(words).capitalize()


def _column_of(i: int) -> int:
    """Column index of card ``i``: the shares of COLUMN_SHARES, interleaved."""
    slot = (i * 37) % 100  # a permutation of 0..99 spread over the cards
    bound = 0
    for index, share in enumerate(COLUMN_SHARES):
        bound += share
        if slot < bound:
            return index
    return len(COLUMN_SHARES) - 1


def seed_board(session: Session, *, cards: int, name: str | None = None) -> BenchBoard:
    """Create a project of the demo collective whose board holds ``cards`` cards.

    Args:
        session: Database session on a migrated database holding the demo; committed here.
        cards: How many cards (0 or more).
        name: Project name (default "Bench board (N cards)").

    Returns:
        The project's id, its column ids (board order) and card ids.
    """
    ids = _user_ids(session)
    manager = viewer_for(session.get(User, ids["manager"]))
    collective_id = session.exec(
        select(CollectiveMember.collective_id).where(CollectiveMember.user_id == ids["manager"])
    ).first()
    if collective_id is None or session.get(Collective, collective_id) is None:
        raise RuntimeError("the demo collective is missing")
    today = clock.now().date()
    project = Project(
        collective_id=collective_id,
        name=name or f"Bench board ({cards} cards)",
        client_name="Bench client",
        start_date=today - timedelta(days=30),
        quote_cents=1_000_000,
        included_rounds=3,
        billing_model="mixed",
    )
    session.add(project)
    session.flush()
    for role in ("manager", "member", "guest", "client"):
        session.add(ProjectMember(project_id=project.id, user_id=ids[role], role=role))
    session.commit()
    board.ensure_default_columns(session, project.id)
    session.commit()
    columns = list(board.load_board(session, manager, project_id=project.id).columns)
    column_rows = {c.id: c for c in board.project_columns(session, project.id)}
    label_ids = [
        board.create_label(session, manager, project_id=project.id, name=n, color=c).id
        for n, c in LABELS
    ]
    result = BenchBoard(project.id, [c.id for c in columns], [])
    _insert_cards(session, project.id, result, column_rows, label_ids, ids, cards)
    session.commit()
    view = board.load_board(session, manager, project_id=project.id)
    if view.card_count != cards:
        raise RuntimeError(f"seeded {cards} cards, the board shows {view.card_count}")
    return result


def _insert_cards(
    session: Session,
    project_id: int,
    result: BenchBoard,
    column_rows: dict,
    label_ids: list[int],
    ids: dict[str, int],
    cards: int,
) -> None:
    now = clock.now()
    today = now.date()
    done_id = result.column_ids[-1]
    next_position = dict.fromkeys(result.column_ids, 0)
    rows = []
    for i in range(cards):
        column_id = result.column_ids[_column_of(i)]
        position = next_position[column_id]
        next_position[column_id] += 1
        moment = now - timedelta(minutes=cards - i)
        rows.append(
            {
                "project_id": project_id,
                "column_id": column_id,
                "title": _title(i),
                "description": f"Card {i + 1} of the benchmark board.\n\n- step one\n- step two",
                "position": position,
                "priority": PRIORITIES[i % len(PRIORITIES)],
                "due_date": today + timedelta(days=(i % 30) - 10) if i % 3 == 0 else None,
                "hidden_from_client": i % 10 == 9,
                "is_blocked": i % 25 == 24,
                "version": 1,
                "created_by_id": ids["manager"] if i % 2 else ids["member"],
                "created_at": moment,
                "updated_at": moment,
                "completed_at": moment if column_id == done_id else None,
                "deleted_at": None,
            }
        )
    if not rows:
        return
    session.execute(insert(Task), rows)
    session.flush()
    tasks = session.exec(
        select(Task.id, Task.column_id).where(Task.project_id == project_id).order_by(Task.id)
    ).all()
    links_people, links_labels, history, notes = [], [], [], []
    for i, (task_id, column_id) in enumerate(tasks):
        result.card_ids.append(task_id)
        people = [ids["member"] if i % 2 else ids["manager"]]
        if i % 5 == 0:
            people.append(ids["guest"])
            result.guest_ids.append(task_id)
        if i % 10 == 9:
            result.hidden_ids.append(task_id)
        links_people += [{"task_id": task_id, "user_id": uid} for uid in people]
        links_labels += [
            {"task_id": task_id, "label_id": label_ids[(i + k) % len(label_ids)]}
            for k in range(i % 3)
        ]
        history.append(
            {
                "project_id": project_id,
                "task_id": task_id,
                "actor_id": rows[i]["created_by_id"],
                "kind": "task_created",
                "detail": json.dumps(
                    {"column": column_ref(column_rows[column_id])}, ensure_ascii=False
                ),
                "created_at": rows[i]["created_at"],
                "client_visible": True,
            }
        )
        if i % 7 == 3:
            notes.append(
                {
                    "task_id": task_id,
                    "author_id": ids["manager"],
                    "body": "Looks good, one detail to check with the client.",
                    "visibility": "client" if i % 2 else "internal",
                    "created_at": rows[i]["created_at"],
                }
            )
    for model, values in (
        (TaskAssignee, links_people),
        (TaskLabel, links_labels),
        (Activity, history),
        (Comment, notes),
    ):
        if values:
            session.execute(insert(model), values)


def add_members(session: Session, project_id: int, count: int, *, start: int = 0) -> list[str]:
    """Create ``count`` more member accounts of the collective, members of the project.

    They share one password hash (the demo password), so creating hundreds stays fast.

    Args:
        session: Database session; committed here.
        project_id: The bench project.
        count: How many accounts.
        start: First account number (``bench-member-<n>@bench.example``).

    Returns:
        Their emails.
    """
    project = session.get(Project, project_id)
    if project is None:
        raise RuntimeError(f"no project {project_id}")
    password_hash = session.exec(
        select(User.password_hash).where(User.email == ROLE_EMAILS["member"])
    ).one()
    emails = [f"bench-member-{n}@{BENCH_MEMBER_DOMAIN}" for n in range(start, start + count)]
    for email in emails:
        user = User(
            email=email, display_name=email.split("@")[0], password_hash=password_hash, locale="en"
        )
        session.add(user)
        session.flush()
        session.add(
            CollectiveMember(collective_id=project.collective_id, user_id=user.id, role="member")
        )
        session.add(ProjectMember(project_id=project_id, user_id=user.id, role="member"))
    session.commit()
    return emails
