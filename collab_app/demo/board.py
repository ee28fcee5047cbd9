"""Demo board of the "Boulangerie Dupont website" project: 19 cards with a believable history.

Everything goes through the board and comment services (so positions, history lines and
permissions are real), then each step's rows are dated in the past, so the board looks like a
project that has been running for six weeks:

- labels, a WIP limit on "In progress" (currently exceeded, to show the warning);
- cards across the four columns, due dates around today (some overdue, some due soon);
- several cards assigned to Chloé (guest) and one she only watches;
- three cards hidden from the client (margins, hosting costs, a subcontractor invoice);
- internal and client comments, one blocked card waiting for the client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, select

from collab_app.demo.world import DemoWorld
from collab_app.models import Activity, Comment, Task
from collab_app.services import board, clock
from collab_app.services.board import comments

LABELS = {
    "design": ("Design", "purple"),
    "content": ("Content", "amber"),
    "dev": ("Development", "blue"),
    "seo": ("SEO", "green"),
    "client": ("Client input", "orange"),
}


@dataclass(frozen=True)
class _Card:
    key: str
    title: str
    author: str
    created: int  # days ago
    moves: tuple[tuple[int, str], ...] = ()  # (days ago, column key)
    assignees: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    due: int | None = None  # days from today
    priority: str = "normal"
    hidden: bool = False
    description: str = ""


CARDS = (
    _Card("kickoff", "Kick-off workshop with the Dupont family", "alice", 42,
          ((41, "doing"), (38, "done")), ("alice",), ("client",), -38,
          description="Two hours at the shop: goals, audience, must-have pages, tone of voice."),
    _Card("moodboard", "Moodboard and colour palette", "alice", 40,
          ((36, "doing"), (33, "review"), (30, "done")), ("chloe",), ("design",), -30,
          description="Warm flour tones, **no pure white**; reference: old shop sign."),
    _Card("sitemap", "Sitemap and page list", "alice", 40, ((35, "doing"), (28, "done")),
          ("alice",), ("content",), -28),
    _Card("hosting", "Compare hosting offers against the quote", "alice", 30,
          ((29, "doing"), (25, "done")), ("bruno",), ("dev",), hidden=True,
          description="Quote assumed 15 €/month; cheapest EU option is 9 €/month."),
    _Card("logo", "Logo redraw in vector", "alice", 26,
          ((20, "doing"), (9, "review"), (5, "done")), ("chloe",), ("design",), -4, "high"),
    _Card("staging", "Set up hosting and staging site", "bruno", 24,
          ((22, "doing"), (3, "done")), ("bruno",), ("dev",), -2),
    _Card("homepage", "Homepage design mock-up", "alice", 22,
          ((15, "doing"), (2, "review")), ("chloe",), ("design",), 1, "high",
          description="Hero photo of the morning bake, opening hours above the fold, "
          "order button.\n\nStaging: https://staging.boulangerie-dupont.example"),
    _Card("photos", "Product photos retouching", "alice", 20, ((8, "doing"), (1, "review")),
          ("chloe",), ("design",), 3),
    _Card("ordering", "Online ordering for pastries (click & collect)", "alice", 18,
          ((10, "doing"),), ("bruno",), ("dev",), 6, "urgent",
          description="Orders until 6 pm for the next morning; pay online or at pick-up."),
    _Card("story", "Write the “Our story” page", "alice", 18, ((12, "doing"),), ("alice",),
          ("content", "client"), -2, "high",
          description="Three generations of bakers since 1962. Waiting for the family text."),
    _Card("hours", "Opening hours and holiday closures widget", "bruno", 16, ((6, "doing"),),
          ("bruno",), ("dev",), -1),
    _Card("mobile", "Mobile menu and navigation", "alice", 14, ((4, "doing"),),
          ("chloe", "bruno"), ("design", "dev"), 4),
    _Card("subcontractor", "Chase the photographer's invoice", "alice", 12, ((11, "doing"),),
          ("alice",), (), -4, hidden=True),
    _Card("allergens", "Allergen information for every product", "alice", 10, (),
          ("alice",), ("content", "client"), 10, "high",
          description="The 14 regulated allergens, per product, from the shop's recipe book."),
    _Card("margin", "Check margin on the extra ordering module", "alice", 9, (), ("alice",),
          (), 5, "high", hidden=True,
          description="Quoted at 1 800 €; Bruno's estimate is now 22 hours."),
    _Card("seo", "Google Business profile and local SEO", "bruno", 8, (), ("bruno",),
          ("seo",), 14),
    _Card("access", "Accessibility check (contrast, alt texts)", "alice", 6, (),
          ("chloe",), ("design",), 12),
    _Card("newsletter", "Newsletter sign-up (GDPR-compliant)", "bruno", 5, (), ("bruno",),
          ("dev",), None, "low"),
    _Card("legal", "Legal notice and cookie banner", "alice", 3, (), ("alice",),
          ("content",), 20),
)  # fmt: skip

# (days ago, card key, author, visibility, body)
COMMENTS = (
    (37, "kickoff", "alice", "client", "Thanks for the warm welcome (and the croissants)! "
     "Notes of the workshop are in the shared folder."),
    (31, "moodboard", "david", "client", "We love the flour tones. Maybe a bit more red, "
     "like the old shop sign?"),
    (26, "hosting", "bruno", "internal", "Going with the 9 €/month EU host: we keep 6 €/month "
     "of margin on the maintenance line."),
    (6, "logo", "david", "client", "The new logo is perfect, thank you!"),
    (2, "homepage", "chloe", "internal", "Uploaded v2 with the larger hero photo."),
    (2, "homepage", "alice", "client", "David, the homepage mock-up is ready for your review: "
     "[open the preview](https://staging.boulangerie-dupont.example)."),
    (1, "homepage", "david", "client", "Love it! Could the croissant photo be bigger on phones?"),
    (1, "homepage", "bruno", "internal", "Hero image must be served as WebP on mobile, "
     "the JPEG is 2.4 MB."),
    (11, "story", "alice", "client", "We still need the family history text and two or three "
     "old photos of the shop."),
    (9, "story", "david", "client", "My mother is writing it this weekend."),
    (3, "story", "alice", "internal", "Still blocked: follow up with David on Monday."),
    (9, "ordering", "bruno", "internal", "Payment provider: Stripe fees are lower than SumUp "
     "for their volume."),
    (8, "margin", "alice", "internal", "If we go past 24 hours we should talk about an "
     "amendment."),
    (7, "mobile", "chloe", "internal", "Burger menu or bottom bar? I'd go bottom bar for "
     "one-handed use."),
)  # fmt: skip


@dataclass
class DemoBoard:
    """Ids of what ``seed_board`` created, by key."""

    columns: dict[str, int] = field(default_factory=dict)
    labels: dict[str, int] = field(default_factory=dict)
    tasks: dict[str, int] = field(default_factory=dict)


class _Timeline:
    """Dates the rows written by each step: what the services stamp "now" moves to the past."""

    def __init__(self, session: Session, project_id: int, now: datetime) -> None:
        self.session, self.project_id, self.now = session, project_id, now
        self.last_activity = self._max(Activity.id)
        self.last_comment = self._max(Comment.id)
        self.step = 0

    def _max(self, column) -> int:  # noqa: ANN001
        return self.session.exec(select(func.coalesce(func.max(column), 0))).one()

    def moment(self, days_ago: int) -> datetime:
        self.step += 1
        day = (self.now - timedelta(days=days_ago)).date()
        when = datetime.combine(day, time(8, 0), tzinfo=self.now.tzinfo)
        return min(when + timedelta(minutes=7 * self.step), self.now - timedelta(minutes=1))

    def stamp(self, days_ago: int) -> None:
        """Give the rows written since the previous stamp a date ``days_ago`` days back."""
        when = self.moment(days_ago)
        s = self.session
        new_lines = s.exec(
            select(Activity.task_id, Activity.kind).where(
                Activity.project_id == self.project_id, Activity.id > self.last_activity
            )
        ).all()
        s.exec(
            update(Activity)
            .where(Activity.project_id == self.project_id, Activity.id > self.last_activity)
            .values(created_at=when)
        )
        touched = {task_id for task_id, kind in new_lines if kind.startswith("task_")}
        created = {task_id for task_id, kind in new_lines if kind == "task_created"}
        moved = {task_id for task_id, kind in new_lines if kind in ("task_created", "task_moved")}
        if touched:
            s.exec(update(Task).where(Task.id.in_(touched)).values(updated_at=when))
        if moved:
            s.exec(
                update(Task)
                .where(Task.id.in_(moved), Task.completed_at.is_not(None))
                .values(completed_at=when)
            )
        if created:
            s.exec(update(Task).where(Task.id.in_(created)).values(created_at=when))
        s.exec(update(Comment).where(Comment.id > self.last_comment).values(created_at=when))
        s.commit()
        self.last_activity = self._max(Activity.id)
        self.last_comment = self._max(Comment.id)


def seed_board(session: Session, world: DemoWorld) -> DemoBoard:
    """Fill the demo project's board.

    Args:
        session: Database session; committed here (many times).
        world: The foundation, whose client project gets the board.

    Returns:
        The ids of the columns, labels and tasks created.
    """
    project, users = world.project, world.users
    alice = users["alice"]
    today: date = clock.now().date()
    timeline = _Timeline(session, project.id, clock.now())
    result = DemoBoard()
    board.ensure_default_columns(session, project.id)
    session.commit()
    columns = board.load_board(session, alice, project_id=project.id).columns
    result.columns = dict(
        zip(("todo", "doing", "review", "done"), (c.id for c in columns), strict=True)
    )
    for key, (name, color) in LABELS.items():
        result.labels[key] = board.create_label(
            session, alice, project_id=project.id, name=name, color=color
        ).id
    timeline.stamp(43)
    board.set_wip_limit(session, alice, column_id=result.columns["review"], wip_limit=3)
    timeline.stamp(43)

    # Replay the project's life day by day: creations, moves and comments in date order.
    events: list[tuple[int, int, str, object]] = []
    for order, card in enumerate(CARDS):
        events.append((card.created, order, "create", card))
        events.extend((days, order, "move", (card, column)) for days, column in card.moves)
    for order, item in enumerate(COMMENTS):
        events.append((item[0], 1000 + order, "comment", item))
    versions: dict[str, int] = {}
    for days_ago, _, kind, payload in sorted(events, key=lambda e: (-e[0], e[1])):
        if kind == "create":
            card = payload
            made = board.create_task(
                session,
                users[card.author],
                project_id=project.id,
                fields=board.TaskFields(
                    title=card.title,
                    description=card.description,
                    priority=card.priority,
                    due_date=None if card.due is None else today + timedelta(days=card.due),
                    hidden_from_client=card.hidden,
                ),
                assignee_ids=[users[k].user_id for k in card.assignees],
                label_ids=[result.labels[k] for k in card.labels],
                confirm_over_limit=True,
            )
            result.tasks[card.key], versions[card.key] = made.id, made.version
        elif kind == "move":
            card, column = payload
            moved = board.move_task(
                session,
                users[card.assignees[0]] if card.assignees else alice,
                task_id=result.tasks[card.key],
                column_id=result.columns[column],
                index=0,
                expected_version=versions[card.key],
                confirm_over_limit=True,
            )
            versions[card.key] = moved.version
        else:
            _, key, author, visibility, body = payload
            comments.add_comment(
                session,
                users[author],
                task_id=result.tasks[key],
                body=body,
                visibility=visibility,
            )
        timeline.stamp(days_ago)

    # Blocked: waiting for the client's text. Bruno adds Chloé as a watcher of the ordering
    # card (she designs its screens): a guest sees the cards she watches.
    board.update_task(
        session,
        alice,
        task_id=result.tasks["story"],
        expected_version=versions["story"],
        fields=board.TaskFields(is_blocked=True),
    )
    timeline.stamp(10)
    board.set_watchers(
        session,
        users["bruno"],
        task_id=result.tasks["ordering"],
        user_ids=[users["bruno"].user_id, users["chloe"].user_id],
        expected_version=versions["ordering"],
    )
    timeline.stamp(9)
    board.set_wip_limit(session, alice, column_id=result.columns["doing"], wip_limit=4)
    timeline.stamp(4)
    return result
