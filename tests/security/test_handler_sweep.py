"""The handler sweep: every event handler of every state, as every role, over a real websocket.

Any client may call any non-underscore state method with any arguments, so each handler must
re-check the viewer and every id it receives. For each role (manager, member, guest, client, a
user of another collective, an anonymous visitor) one tab (``testkit/reflex_ws.py``)
opens the page of each state and calls each of its handlers:

- on a page whose object the role may not touch (another collective's project, a project the
  role is not on, a task hidden from the client or not assigned to the guest), every handler
  with plausible form values and forbidden ids, then with malformed values (wrong types, 100 KB
  strings, -1, 2**63, 1e308, RTL/zero-width/emoji text with HTML and script; each value from
  two roles, one inside and one outside the project, see ``malformed_for``);
- on a page the role may open, every handler taking an id, with only forbidden ids.

Then: no table changed (a snapshot of every row before and after; the few exceptions are in
``ALLOWED_CHANGES`` with their reason), no frame carries a marker the role may not see or an
error trace, every message shown is a translated one, and each tab still answers.

The handlers are read from Reflex's registry, so a handler added later is swept without edits;
a new id parameter fails the sweep until ``ID_TABLES`` says which table its ids come from. Only
Reflex's own states are exempt (``FRAMEWORK_STATES``, with the reason for each).
"""

from __future__ import annotations

import asyncio
import inspect
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
import reflex as rx
from sqlalchemy import MetaData, create_engine, text

from testkit.reflex_ws import (
    ReflexWsClient,
    Update,
    mint_session,
    run_async,
)
from tests.security.planted import ROLE_EMAILS, Planted, settle_notifications

pytestmark = pytest.mark.timeout(400)

SWEEP_BUDGET_SECONDS = 120
CALL_TIMEOUT = 20.0

# --- the registry -----------------------------------------------------------------------------

# Reflex's own states: the hydration protocol, not app code. Every other state is swept.
FRAMEWORK_STATES = {
    "reflex___state____state": (
        "Reflex's root state: hydrate/hydrate_and_load/set_is_hydrated boot the tab and apply "
        "only browser-storage vars (the session cookie, re-checked on every event); setvar "
        "finds no setter there"
    ),
    "reflex___state____state.reflex___state____on_load_internal_state": (
        "queues the current page's on_load handlers, which this sweep runs on every page"
    ),
    "reflex___state____state.reflex___state____update_vars_internal_state": (
        "writes browser-storage vars only (Reflex checks _is_client_storage); a forged session "
        "cookie is covered by test_sessions"
    ),
    "reflex___state____state.reflex___state____frontend_event_exception_state": (
        "logs an exception the browser reports; reads and writes no app data"
    ),
    "reflex___state____state.reflex___istate___shared____shared_state_base_internal": (
        "base of Reflex shared states (the app defines none); only setvar, with no setter"
    ),
}

# Handlers acting on the caller's own account. They are swept like the others, with what each
# is allowed to change listed in ALLOWED_CHANGES; sign_out runs last (it ends the tab's session).
LAST_HANDLERS = ("sign_out",)
# A valid form creates an account by design (public sign-up): only malformed values are sent.
NO_PLAUSIBLE = {
    "sign_up": "anyone may create an account: a valid form creates one by design",
    "create_collective": "any signed-in person may create a collective of their own",
    "set_mode": (
        "chooses how the caller's own notification mails arrive: no id, nobody else's data"
    ),
    "set_digest_hour": "chooses the caller's own digest hour: no id, nobody else's data",
    "save_profile": (
        "edits the caller's own profile (name, language, zone) or own billing profile (default "
        "rate, VAT): no id, nobody else's data"
    ),
}

# Id parameter (or form field) suffix -> the tables its ids come from.
ID_TABLES: dict[str, tuple[str, ...]] = {
    "task_id": ("task",),
    "column_id": ("boardcolumn",),
    "label_id": ("label",),
    "comment_id": ("comment",),
    "entry_id": ("timeentry",),
    "invoice_id": ("invoice",),
    "draft_id": ("invoice",),
    "deliverable_id": ("deliverable", "revisiondeliverable"),
    "contact_id": ("feedbackcontact",),
    "action_id": ("feedbackaction",),
    "review_item_id": ("reviewitem",),
    "item_id": ("revisionitem",),
    "file_id": ("projectfile",),
    "folder_id": ("filefolder",),
    "version_id": ("reviewversion",),
    "change_order_id": ("changeorder",),
    "invitation_id": ("invitation",),
    "user_id": ("user",),
    "member_id": ("user",),
    "round_id": ("revisionround",),
    "project_id": ("project",),
    "notification_id": ("notification",),
    "collective_id": ("collective",),
    "lead_id": ("user",),
    "answer_id": ("feedbackanswer",),
}
# Form fields holding an id without the ``_id`` suffix.
NAMED_IDS: dict[str, tuple[str, ...]] = {
    "task": ("task",),
    "task_column": ("boardcolumn",),
    "rate_user": ("user",),
    "report_user": ("user",),
}
# Parameters whose name ends in one of these are ids (``before_task_id``, ``contact_user_id``).
NOT_IDS = {"key", "delta", "kind", "name", "value", "status", "shared", "basis", "is_open"}

MALFORMED: list[tuple[str, Any]] = [
    ("list", [1, 2]),
    ("dict", {"id": 1}),
    ("none", None),
    ("bool", True),
    ("huge", "x" * 100_000),
    ("negative", -1),
    ("int64", 2**63),
    ("float", 1e308),
    ("unicode-html", "\u202e\u200b<script>alert(1)</script><b>é😀</b>\u200f"),
]


def malformed_for(role: str) -> list[tuple[str, Any]]:
    """A third of the malformed values, so that each value reaches every handler from two roles.

    Type handling does not depend on the role; rotating keeps the sweep within its budget while
    every handler still gets every malformed value, from roles inside and outside the project
    (manager+client, member+other, guest+anonymous).
    """
    turn = SWEEP_ROLES.index(role) % 3
    return [variant for index, variant in enumerate(MALFORMED) if index % 3 == turn]


TRACE_PATTERNS = re.compile(
    r"Traceback|\w+Error:|Exception:|File \"|site-packages|/collab_app/|\.py\b|"
    r"sqlalchemy|sqlite3|psycopg|\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|\bUPDATE\b.*\bSET\b"
)


def walk_states(cls: type[rx.State] = rx.State) -> Iterator[type[rx.State]]:
    """Every state class of the app's registry, depth first."""
    yield cls
    for sub in sorted(cls.get_substates(), key=lambda s: s.get_full_name()):
        yield from walk_states(sub)


@dataclass(frozen=True)
class Handler:
    """One event handler: its state, name and parameters."""

    state: type[rx.State]
    name: str
    params: tuple[str, ...]

    @property
    def wire_name(self) -> str:
        """The event name a client sends."""
        return f"{self.state.get_full_name()}.{self.name}"


def swept_handlers() -> list[Handler]:
    """Every handler of every non-framework state (an unknown framework state fails here)."""
    import collab_app.collab_app  # noqa: F401  (registers every state)

    found = []
    for cls in walk_states():
        full = cls.get_full_name()
        if full in FRAMEWORK_STATES:
            continue
        # (Reflex moves a state defined inside a function to ``reflex.istate.dynamic``.)
        framework = cls.__module__.startswith("reflex") and "dynamic" not in cls.__module__
        assert not framework, (
            f"{full} ({cls.__module__}) is a framework state not in FRAMEWORK_STATES: "
            "add it there with the reason it needs no sweep"
        )
        for name, handler in cls.event_handlers.items():
            if name == "setvar":
                params = ("var_name", "value")
            else:
                signature = inspect.signature(handler.fn)
                params = tuple(p for p in signature.parameters if p != "self")
            found.append(Handler(cls, name, params))
    return found


def id_tables(name: str) -> tuple[str, ...] | None:
    """The tables an id parameter refers to, or None when the parameter is not an id.

    Raises:
        AssertionError: An id-like parameter with no entry in ``ID_TABLES``.
    """
    if name in NAMED_IDS:
        return NAMED_IDS[name]
    if name in NOT_IDS or not (name.endswith("_id") or name.endswith("_ids")):
        return None
    base = name.removesuffix("s") if name.endswith("_ids") else name
    for suffix, tables in ID_TABLES.items():
        if base.endswith(suffix):
            return tables
    raise AssertionError(f"id parameter {name!r}: add its table to ID_TABLES")


# --- form fields: read from the states' source ------------------------------------------------

_FIELD_PATTERNS = (
    re.compile(r"form_text\(\s*form_data\s*,\s*\"(\w+)\""),
    re.compile(r"_checked\(\s*form_data\s*,\s*\"(\w+)\""),
    re.compile(r"form_data(?:\.get\(|\[)\s*\"(\w+)\""),
    re.compile(r"form_text\(\s*form_data\s*,\s*name\)"),
)


def form_fields() -> list[str]:
    """Every form field name any state reads (a new field is swept without edits)."""
    from collab_app import state as state_pkg
    from collab_app.state import collective_billing, forms

    names: set[str] = set()
    for module in _state_modules(state_pkg):
        source = inspect.getsource(module)
        for pattern in _FIELD_PATTERNS[:3]:
            names.update(pattern.findall(source))
    names.update(re.findall(r"form_text\(form_data, \"(\w+)\"\)", inspect.getsource(forms)))
    names.update(getattr(collective_billing, "FIELDS", ()))
    return sorted(names)


def _state_modules(package) -> list:
    import importlib
    import pkgutil

    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]


def plausible(name: str) -> str:
    """A valid-looking value for a non-id form field, so only a permission check can refuse."""
    lowered = name.lower()
    rules = (
        (("date", "start", "end", "from", "until"), date.today().isoformat()),
        (("email",), "sweep.person@example.org"),
        (("password",), "sweep-password-2026"),
        (("locale", "lang"), "fr"),
        (("timezone",), "Europe/Paris"),
        (("role",), "member"),
        (("visibility",), "client"),
        (("color",), "teal"),
        (("priority",), "high"),
        (("status",), "done"),
        (("unit",), "day"),
        (("model",), "fixed"),
        (("position",), "top"),
        (("ranking",), "top10"),
        (("score",), "9"),
        (("duration", "hours", "minutes"), "1:00"),
        (("percent", "share", "vat", "rate", "amount", "quote", "price", "fee"), "10"),
        (("days", "hour", "limit", "rounds", "count", "number", "wip"), "2"),
        (("hidden", "exempt", "shared", "client", "billable", "include"), "on"),
    )
    for needles, value in rules:
        if any(needle in lowered for needle in needles):
            return value
    return "Sweep text"


# --- the database snapshot --------------------------------------------------------------------


# (table, column) -> why it may change during the sweep. Everything else must stay identical.
ALLOWED_CHANGES: dict[tuple[str, str], str] = {
    ("authsession", "last_seen_at"): "resolving a session moves its last-seen time (idle expiry)",
    ("authsession", "revoked_at"): (
        "sign_out revokes the sweep's own session (checked: only the sweep's own rows)"
    ),
    ("loginattempt", "*"): (
        "a refused sign-in is counted for the rate limit by design; the sweep's rows are "
        "deleted afterwards so later sign-ins are not throttled"
    ),
    ("notification", "read_at"): (
        "mark_all_read marks the caller's own notifications as read (checked: only the roles' "
        "own rows)"
    ),
    ("user", "locale"): (
        "set_language saves the caller's own language (checked: only the roles' own rows; "
        "restored afterwards)"
    ),
}


@dataclass
class Snapshot:
    """Every row of every table, as comparable tuples keyed by primary key."""

    tables: dict[str, dict[tuple, dict[str, Any]]] = field(default_factory=dict)


def snapshot(database_url: str) -> Snapshot:
    """Read every row of every table of the database."""
    engine = create_engine(database_url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        result = Snapshot()
        with engine.connect() as connection:
            for table in metadata.sorted_tables:
                key_columns = [c.name for c in table.primary_key.columns] or [
                    c.name for c in table.columns
                ]
                rows = {}
                for row in connection.execute(table.select()).mappings():
                    values = {k: _plain(v) for k, v in row.items()}
                    rows[tuple(values[k] for k in key_columns)] = values
                result.tables[table.name] = rows
        return result
    finally:
        engine.dispose()


def _plain(value: Any) -> Any:
    return value if isinstance(value, int | str | float | type(None)) else str(value)


def changes(
    before: Snapshot, after: Snapshot, *, own_rows: dict[str, set[tuple]] | None = None
) -> list[str]:
    """Describe every difference between two snapshots not allowed by ``ALLOWED_CHANGES``.

    Args:
        before: The snapshot before.
        after: The snapshot after.
        own_rows: Table -> primary keys of the sweep's own rows, the only rows where a
            column listed in ``ALLOWED_CHANGES`` may change (tables with ``*`` may change
            anywhere).

    Returns:
        One line per unexplained change (empty: nothing changed).
    """
    own_rows = own_rows or {}
    found = []
    for name in sorted(set(before.tables) | set(after.tables)):
        if (name, "*") in ALLOWED_CHANGES:
            continue
        old, new = before.tables.get(name, {}), after.tables.get(name, {})
        for key in sorted(set(old) | set(new), key=str):
            if key not in old:
                found.append(f"{name}: row {key} added: {_short(new[key])}")
            elif key not in new:
                found.append(f"{name}: row {key} deleted: {_short(old[key])}")
            else:
                for column, value in new[key].items():
                    if old[key].get(column) == value:
                        continue
                    allowed = (name, column) in ALLOWED_CHANGES and (
                        column == "last_seen_at" or key in own_rows.get(name, set())
                    )
                    if not allowed:
                        found.append(
                            f"{name}: row {key} column {column}: "
                            f"{_short(old[key].get(column))} -> {_short(value)}"
                        )
    return found


def _short(value: Any) -> str:
    text_value = repr(value)
    return text_value if len(text_value) < 160 else text_value[:160] + "..."


# --- frames -----------------------------------------------------------------------------------


def trace_problems(frames: list[str]) -> list[str]:
    """Frames carrying a stack trace, an exception name, a source path or SQL."""
    problems = []
    for frame in frames:
        match = TRACE_PATTERNS.search(frame)
        if match:
            start = max(0, match.start() - 80)
            problems.append(f"...{frame[start : match.end() + 80]}...")
    return problems


def _message_patterns() -> list[re.Pattern[str]]:
    from collab_app.i18n import catalogue

    patterns = []
    for pair in catalogue().values():
        for template in pair:
            parts = re.split(r"\{[^{}]*\}", template)
            patterns.append(re.compile("(?s)" + ".*".join(re.escape(p) for p in parts)))
    return patterns


_TOAST = re.compile(r"__toast'\]\?\.\[\"(\w+)\"\]\((\"(?:[^\"\\]|\\.)*\")")


def shown_messages(update: Update) -> list[str]:
    """The texts an update shows: toasts, the form's message and field messages."""
    import json

    found = []
    for event in update.events:
        function = str((event.get("payload") or {}).get("function", ""))
        for _level, literal in _TOAST.findall(function):
            found.append(json.loads(literal))
    for values in update.delta.values():
        for name, value in values.items():
            if name.startswith("form_error") and isinstance(value, str) and value:
                found.append(value)
            elif name.startswith("field_errors") and isinstance(value, dict):
                found.extend(v for v in value.values() if isinstance(v, str) and v)
    return found


def untranslated(messages: list[str], patterns: list[re.Pattern[str]]) -> list[str]:
    """The messages that are not a rendering of a catalogue text (en or fr)."""
    bad = []
    for message in messages:
        pieces = message.split(" / ") if " / " in message else [message]
        if not all(any(p.fullmatch(piece) for p in patterns) for piece in pieces):
            bad.append(message[:200])
    return bad


# --- who may touch what -----------------------------------------------------------------------


@dataclass
class World:
    """The ids of the served database, and for each role what it may not touch."""

    demo: int
    internal: int
    other: int
    demo_collective: int
    other_collective: int
    users: dict[str, int]
    tasks: dict[str, int]
    # role -> table -> forbidden ids (most telling first)
    forbidden: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    rounds: dict[int, list[int]] = field(default_factory=dict)


SWEEP_ROLES = ("manager", "member", "guest", "client", "other", "anonymous")


def _project_resolver(database_url: str, snap: Snapshot):
    """Return ``project_of(table, row)``, following foreign keys up to a project."""
    engine = create_engine(database_url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
    finally:
        engine.dispose()
    parents = {
        table.name: [
            (fk.parent.name, fk.column.table.name)
            for fk in table.foreign_keys
            if fk.column.table.name not in ("user",)
        ]
        for table in metadata.sorted_tables
    }

    def project_of(table: str, row: dict[str, Any], depth: int = 0) -> int | None:
        if table == "project":
            return row["id"]
        if "project_id" in row and row["project_id"] is not None:
            return row["project_id"]
        if depth > 4:
            return None
        for column, parent in parents.get(table, []):
            parent_row = snap.tables.get(parent, {}).get((row.get(column),))
            if parent_row is not None:
                found = project_of(parent, parent_row, depth + 1)
                if found is not None:
                    return found
        return None

    return project_of


def plant_other_round(database_url: str, planted: Planted) -> None:
    """Give the other collective's project a revision round (a draft), through the services."""
    from sqlmodel import Session, select

    from collab_app.db import make_engine
    from collab_app.models import RevisionRound, User
    from collab_app.services import revisions
    from collab_app.services.accounts.auth import viewer_for

    other_project = planted.project_ids[-1]
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            exists = session.exec(
                select(RevisionRound.id).where(RevisionRound.project_id == other_project)
            ).first()
            if exists is None:
                user = session.exec(
                    select(User).where(User.email.startswith(f"other-{planted.run}@"))
                ).one()
                revisions.add_item(
                    session,
                    viewer_for(user),
                    project_id=other_project,
                    description="A request of the other collective (handler sweep)",
                )
    finally:
        engine.dispose()


def build_world(database_url: str, planted: Planted, snap: Snapshot) -> World:
    """Work out, from the served database, the ids each role may not touch."""
    users = {row["email"]: row["id"] for row in snap.tables["user"].values()}
    role_users = {role: users[email] for role, email in ROLE_EMAILS.items()}
    role_users["other"] = next(
        uid for email, uid in users.items() if email.startswith(f"other-{planted.run}@")
    )
    projects = snap.tables["project"]
    demo, internal, other = planted.project_ids
    world = World(
        demo=demo,
        internal=internal,
        other=other,
        demo_collective=projects[(demo,)]["collective_id"],
        other_collective=projects[(other,)]["collective_id"],
        users=role_users,
        tasks={},
    )
    tasks = snap.tables["task"]
    by_title = {row["title"]: row["id"] for row in tasks.values()}
    for kind in ("HIDDENTASK", "GUESTTASK", "WATCHEDTASK", "TEAMTASK", "OTHERTASK"):
        world.tasks[kind] = by_title[f"LEAK-{planted.run}-{kind}"]
    for row in snap.tables["revisionround"].values():
        world.rounds.setdefault(row["project_id"], []).append(row["id"])

    project_of = _project_resolver(database_url, snap)
    foreign_projects = {
        "manager": {other},
        "member": {other},
        "guest": {internal, other},
        "client": {internal, other},
        "other": {demo, internal},
        "anonymous": {demo, internal, other},
    }
    guest_tasks = {
        row["task_id"]
        for name in ("taskassignee", "taskwatcher")
        for row in snap.tables.get(name, {}).values()
        if row["user_id"] == role_users["guest"]
    }
    tables = {t for tables in ID_TABLES.values() for t in tables}
    for role in SWEEP_ROLES:
        me = role_users.get(role)
        extra: dict[str, list[int]] = {}
        demo_tasks = [r for r in tasks.values() if r["project_id"] == demo]
        if role == "guest":
            extra["task"] = [r["id"] for r in demo_tasks if r["id"] not in guest_tasks]
        if role == "client":
            extra["task"] = [r["id"] for r in demo_tasks if r["hidden_from_client"]]
        if role in ("member", "guest", "client"):
            extra["timeentry"] = [
                r["id"]
                for r in snap.tables["timeentry"].values()
                if r["project_id"] == demo and r["user_id"] != me
            ]
            extra["comment"] = [
                r["id"]
                for r in snap.tables["comment"].values()
                if project_of("comment", r) == demo and r.get("author_id") != me
            ]
        # Another person's notifications, even on the role's own projects.
        extra["notification"] = [
            r["id"] for r in snap.tables.get("notification", {}).values() if r["user_id"] != me
        ][:4]
        forbidden: dict[str, list[int]] = {}
        for table in tables:
            ids = list(extra.get(table, []))
            if table == "user":
                ids = [role_users["other"]] if role in ROLE_EMAILS else [role_users["manager"]]
            elif table == "collective":
                ids = [world.other_collective] if role in ROLE_EMAILS else []
                ids.append(world.demo_collective) if role in ("other", "anonymous") else None
            else:
                ids += sorted(
                    (
                        r["id"]
                        for r in snap.tables.get(table, {}).values()
                        if project_of(table, r) in foreign_projects[role]
                    ),
                    reverse=True,
                )
            forbidden[table] = list(dict.fromkeys(ids))
        world.forbidden[role] = forbidden
    return world


def candidates(world: World, role: str, param: str, count: int = 2) -> list[int]:
    """Up to ``count`` ids of ``param``'s tables that ``role`` may not touch (never empty)."""
    found: list[int] = []
    for table in id_tables(param) or ():
        found += world.forbidden[role].get(table, [])[:count]
    # No such row anywhere: an id that exists nowhere must be refused the same way.
    return found[: max(count, 1)] or [987_654]


# --- pages ------------------------------------------------------------------------------------


def state_routes() -> dict[str, str]:
    """State full name -> the route whose ``on_load`` opens it."""
    from collab_app.collab_app import app

    routes: dict[str, str] = {}
    for route in app._unevaluated_pages:
        path = "/" if route in ("index", "") else "/" + route.strip("/")
        for handler in app.get_load_events(path.replace("[", "").replace("]", "") or "/") or []:
            state_cls = getattr(getattr(handler, "handler", handler), "state", None)
            if state_cls is not None:
                routes.setdefault(state_cls.get_full_name(), path)
    return routes


def route_for(state_cls: type[rx.State], routes: dict[str, str]) -> str:
    """The route of a state, or of its nearest ancestor that has one."""
    cls: type[rx.State] | None = state_cls
    while cls is not None:
        if cls.get_full_name() in routes:
            return routes[cls.get_full_name()]
        cls = cls.get_parent_state()
    return "/"


def fill_route(route: str, values: dict[str, Any]) -> str:
    """Put the context's values in a route's ``[arguments]``."""

    def value(match: re.Match[str]) -> str:
        return str(values[match.group(1)])

    return re.sub(r"\[(\w+)\]", value, route)


def route_values(world: World, planted: Planted, role: str, *, foreign: bool) -> dict[str, Any]:
    """The route arguments of a foreign (forbidden) or own page of ``role``."""
    wrong = planted.tokens["feedback_token"][role][0]
    if foreign:
        project = {
            "manager": world.other,
            "member": world.other,
            "guest": world.internal,
            "client": world.internal,
        }.get(role, world.demo)
        task = {
            "manager": ("other", "OTHERTASK"),
            "member": ("other", "OTHERTASK"),
            "guest": ("demo", "TEAMTASK"),
            "client": ("demo", "HIDDENTASK"),
        }.get(role, ("demo", "HIDDENTASK"))
        collective = world.other_collective if role in ROLE_EMAILS else world.demo_collective
    else:
        project = world.other if role == "other" else world.demo
        task = {
            "other": ("other", "OTHERTASK"),
            "guest": ("demo", "GUESTTASK"),
        }.get(role, ("demo", "TEAMTASK"))
        collective = world.other_collective if role == "other" else world.demo_collective
    rounds = world.rounds.get(project) or world.rounds.get(world.other) or [987_654]
    return {
        "project_id": project,
        "collective_id": collective,
        "task_project": getattr(world, task[0]),
        "task_id": world.tasks[task[1]],
        "revision_round_id": rounds[-1],
        "feedback_token": wrong,
        "invite_token": wrong,
        "unsubscribe_token": wrong,
    }


def page_path(route: str, values: dict[str, Any]) -> str:
    """The page of a route in a context (a task page under its own project)."""
    if "[task_id]" in route:
        values = {**values, "project_id": values["task_project"]}
    return fill_route(route, values)


# --- calls ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One event to send: the handler, its arguments, and why (for failure messages)."""

    handler: Handler
    payload: dict[str, Any]
    why: str


_HANDLER_FIELDS = re.compile(r"(?:form_text|_checked)\(\s*form_data\s*,\s*\"(\w+)\"")


def handler_fields(handler: Handler, all_fields: list[str]) -> list[str]:
    """The form fields a handler reads (every known field when it passes the form on)."""
    try:
        source = inspect.getsource(handler.state.event_handlers[handler.name].fn)
    except (OSError, TypeError):
        return all_fields
    own = _HANDLER_FIELDS.findall(source)
    passed_on = set(re.findall(r"(\w+)\(\s*form_data\b", source)) - {"form_text", "_checked"}
    dynamic = re.search(r"form_text\(\s*form_data\s*,\s*[^\"\s]", source)
    if own and not passed_on and not dynamic:
        return list(dict.fromkeys(own))
    return all_fields


def takes_ids(handler: Handler) -> bool:
    """Whether a handler receives an id (a parameter, or a form)."""
    return any(p == "form_data" or id_tables(p) for p in handler.params)


def _form(fields: list[str], ids: dict[str, int], filler) -> dict[str, Any]:
    return {name: ids[name] if name in ids else filler(name) for name in fields}


def calls_for(
    handler: Handler, world: World, role: str, all_fields: list[str], *, foreign: bool
) -> list[Call]:
    """The events to send to one handler, on a foreign page or on the role's own page."""
    if handler.name == "setvar":
        if not foreign:
            return []
        setters = [n.removeprefix("set_") for n in handler.state.event_handlers if n[:4] == "set_"]
        # With Reflex's automatic setters off, setvar reaches only explicit ``set_*`` handlers.
        task = candidates(world, role, "task_id", 1)[0]
        names: list[Any] = [*setters, "auth_token", "_task_id", 7]
        return [
            Call(handler, {"var_name": name, "value": task}, f"setvar {name!r}") for name in names
        ]
    fields = handler_fields(handler, all_fields) if "form_data" in handler.params else []
    id_fields = [f for f in fields if id_tables(f)]
    id_params = [p for p in handler.params if id_tables(p)]
    calls = []
    rounds = 2 if (id_params or id_fields) else 1
    if foreign or id_params or id_fields:
        for index in range(rounds):
            ids = {
                name: candidates(world, role, name)[index % len(candidates(world, role, name))]
                for name in (*id_params, *id_fields)
            }
            if foreign and handler.name in NO_PLAUSIBLE:
                break
            filler = plausible if foreign else (lambda name: "")
            payload = {}
            for param in handler.params:
                if param == "form_data":
                    payload[param] = _form(fields, ids, filler)
                else:
                    payload[param] = ids.get(param, plausible(param))
            calls.append(Call(handler, payload, f"forbidden ids {ids}" if ids else "plausible"))
    if foreign and handler.params:
        for label, value in malformed_for(role):
            payload = {}
            for param in handler.params:
                if param != "form_data" or label in ("list", "none", "bool"):
                    payload[param] = value
                else:
                    payload[param] = {name: value for name in fields[:8]}
            calls.append(Call(handler, payload, f"malformed {label}"))
    return calls


@dataclass
class RolePlan:
    """What one role's tab does: pages in order, each with its calls."""

    role: str
    pages: list[tuple[str, list[Call]]] = field(default_factory=list)

    @property
    def size(self) -> int:
        """The number of calls."""
        return sum(len(calls) for _, calls in self.pages)


def plan_role(
    role: str, handlers: list[Handler], world: World, planted: Planted, all_fields: list[str]
) -> RolePlan:
    """Group a role's calls by page: foreign pages first, own pages, then the last handlers."""
    routes = state_routes()
    plan = RolePlan(role)
    contexts = [True] if role == "anonymous" else [True, False]
    last: list[Call] = []
    for foreign in contexts:
        values = route_values(world, planted, role, foreign=foreign)
        by_page: dict[str, list[Call]] = {}
        for handler in handlers:
            calls = calls_for(handler, world, role, all_fields, foreign=foreign)
            if handler.name in LAST_HANDLERS:
                if foreign:
                    last += calls or [Call(handler, {}, "last")]
                continue
            path = page_path(route_for(handler.state, routes), values)
            by_page.setdefault(path, []).extend(calls)
        plan.pages += [(path, calls) for path, calls in by_page.items() if calls]
    plan.pages.append(("/", last))
    return plan


# --- running ----------------------------------------------------------------------------------


@dataclass
class RoleResult:
    """What one role's tab received and what went wrong."""

    role: str
    client: ReflexWsClient
    stuck: list[str] = field(default_factory=list)
    messages: list[tuple[str, list[str]]] = field(default_factory=list)
    alive: bool = False
    seconds: float = 0.0


async def _quiet(client: ReflexWsClient, *, seconds: float, limit: float) -> None:
    """Wait until the tab has received nothing for ``seconds`` (at most ``limit`` in all)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        count = len(client.updates)
        await asyncio.sleep(seconds)
        if len(client.updates) == count:
            return


async def run_role(base_url: str, token: str | None, plan: RolePlan) -> RoleResult:
    """Open each page of the plan in one tab and send its calls, in order."""
    client = ReflexWsClient(base_url, session_token=token)
    first = plan.pages[0][0] if plan.pages else "/"
    await client.connect(first, timeout=CALL_TIMEOUT)
    return await run_plan(client, plan, navigate_first=False)


async def run_plan(
    client: ReflexWsClient, plan: RolePlan, *, navigate_first: bool = True
) -> RoleResult:
    """Send a plan's calls in a tab already open, page by page, then check it still answers."""
    started = time.perf_counter()
    result = RoleResult(plan.role, client)
    for index, (path, calls) in enumerate(plan.pages):
        if index or navigate_first:
            try:
                await client.navigate(path, timeout=CALL_TIMEOUT)
            except TimeoutError:
                result.stuck.append(f"opening {path}")
                continue
        for call in calls:
            try:
                updates = await client.call(
                    call.handler.wire_name, call.payload, timeout=CALL_TIMEOUT
                )
            except TimeoutError:
                result.stuck.append(f"{call.handler.wire_name} ({call.why}) on {path}")
                if not client.connected:
                    result.seconds = time.perf_counter() - started
                    return result
                continue
            shown = [m for u in updates for m in shown_messages(u)]
            if shown:
                result.messages.append((f"{call.handler.name} ({call.why}) on {path}", shown))
    # Handlers awaiting a thread (hashing, files) may answer after the marker: let them land.
    await _quiet(client, seconds=1.0, limit=15.0)
    # The tab still answers a harmless event after everything it was sent.
    try:
        await client.call("reflex___state____state.set_is_hydrated", {"value": True}, timeout=10)
        result.alive = client.connected
    except TimeoutError:
        result.alive = False
    result.seconds = time.perf_counter() - started
    return result


# --- the sweep --------------------------------------------------------------------------------


def _own_rows(database_url: str, tokens: dict[str, str | None], world: World) -> dict:
    from collab_app.services.tokens import hash_token

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            session_ids = {
                (row[0],)
                for token in tokens.values()
                if token
                for row in connection.execute(
                    text("SELECT id FROM authsession WHERE token_hash = :h"),
                    {"h": hash_token(token)},
                )
            }
            notification_ids = {
                (row[0],)
                for uid in world.users.values()
                for row in connection.execute(
                    text("SELECT id FROM notification WHERE user_id = :u"), {"u": uid}
                )
            }
    finally:
        engine.dispose()
    return {
        "authsession": session_ids,
        "user": {(uid,) for uid in world.users.values()},
        "notification": notification_ids,
    }


def _restore(database_url: str, before: Snapshot) -> None:
    """Put back the roles' language and forget the sweep's refused sign-ins."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            for (user_id,), row in before.tables["user"].items():
                connection.execute(
                    text('UPDATE "user" SET locale = :locale WHERE id = :id'),
                    {"locale": row["locale"], "id": user_id},
                )
            known = [key[0] for key in before.tables.get("loginattempt", {})]
            connection.execute(
                text(
                    "DELETE FROM loginattempt"
                    + (f" WHERE id NOT IN ({','.join(map(str, known))})" if known else "")
                )
            )
    finally:
        engine.dispose()


def tab_problems(
    who: str, result: RoleResult, frames: list[str], forbidden: list, patterns: list
) -> list[str]:
    """What went wrong in one swept tab: forbidden markers or traces in ``frames``, calls left
    unanswered, untranslated messages, a tab that stopped answering."""
    problems = [
        f"{who}: received {marker.name}"
        for marker in forbidden
        if any(marker.pattern.search(frame) for frame in frames)
    ]
    problems += [f"{who}: trace in a frame: {p}" for p in trace_problems(frames)]
    problems += [f"{who}: no answer to {s}" for s in result.stuck]
    for where, shown in result.messages:
        problems += [
            f"{who}: untranslated message {m!r} after {where}"
            for m in untranslated(shown, patterns)
        ]
    if not result.alive:
        problems.append(f"{who}: the tab no longer answers after the sweep")
    return problems


async def _sweep(base_url: str, tokens: dict[str, str | None], plans: dict[str, RolePlan]):
    return await asyncio.gather(
        *(run_role(base_url, tokens[role], plan) for role, plan in plans.items())
    )


def test_every_handler_refuses_what_each_role_may_not_touch(app_server, planted: Planted) -> None:
    """Every handler, every role, forbidden ids and malformed values: nothing changes or leaks."""
    database_url = app_server.database_url
    handlers = swept_handlers()
    all_fields = form_fields()
    plant_other_round(database_url, planted)
    world = build_world(database_url, planted, snapshot(database_url))
    emails = {**ROLE_EMAILS}
    other_email = next(
        row["email"]
        for row in snapshot(database_url).tables["user"].values()
        if row["id"] == world.users["other"]
    )
    emails["other"] = other_email
    tokens: dict[str, str | None] = {
        role: mint_session(database_url, email) for role, email in emails.items()
    }
    tokens["anonymous"] = None
    plans = {role: plan_role(role, handlers, world, planted, all_fields) for role in SWEEP_ROLES}
    # Every handler is called by every role at least once.
    for role, plan in plans.items():
        called = {call.handler for _, calls in plan.pages for call in calls}
        missing = [h.wire_name for h in handlers if h not in called]
        assert not missing, f"{role} would not call {missing}"

    settle_notifications(database_url)
    before = snapshot(database_url)
    own_rows = _own_rows(database_url, tokens, world)
    started = time.perf_counter()
    try:
        results = run_async(_sweep(app_server.base_url, tokens, plans))
        elapsed = time.perf_counter() - started
        after = snapshot(database_url)
    finally:
        _restore(database_url, before)

    problems = [f"database: {line}" for line in changes(before, after, own_rows=own_rows)]
    patterns = _message_patterns()
    for result in results:
        forbidden = [m for m in planted.markers if result.role not in m.allowed]
        problems += tab_problems(result.role, result, result.client.raw_frames, forbidden, patterns)
    calls = sum(plan.size for plan in plans.values())
    answered = sum(len(r.messages) for r in results)
    summary = ", ".join(f"{r.role} {r.seconds:.0f}s" for r in results)
    print(
        f"\nhandler sweep: {len(handlers)} handlers, {calls} calls ({answered} answered with a "
        f"message) in {elapsed:.1f}s ({summary})"
    )
    # The refusals were seen: most calls on forbidden objects answer "not found" or the like.
    assert answered > calls // 10, f"only {answered} of {calls} calls showed a message"
    assert not problems, "\n".join(problems[:60]) + (
        f"\n... and {len(problems) - 60} more" if len(problems) > 60 else ""
    )
    assert elapsed < SWEEP_BUDGET_SECONDS, f"the sweep took {elapsed:.0f}s"


# --- the sweep can fail: its detectors, checked on their own ------------------------------------


def test_the_snapshot_sees_every_change_but_the_listed_ones(tmp_path) -> None:
    """Added, deleted and edited rows are reported; only ALLOWED_CHANGES pass, on own rows."""
    url = f"sqlite:///{tmp_path / 'probe.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE task (id INTEGER PRIMARY KEY, title TEXT)"))
        connection.execute(
            text(
                "CREATE TABLE authsession (id INTEGER PRIMARY KEY, "
                "last_seen_at TEXT, revoked_at TEXT)"
            )
        )
        connection.execute(text("CREATE TABLE loginattempt (id INTEGER PRIMARY KEY, email TEXT)"))
        connection.execute(text("INSERT INTO task VALUES (1, 'a'), (2, 'b')"))
        connection.execute(text("INSERT INTO authsession VALUES (1, 't0', NULL), (2, 't0', NULL)"))
    before = snapshot(url)
    assert changes(before, snapshot(url)) == []
    with engine.begin() as connection:
        connection.execute(text("UPDATE task SET title = 'changed' WHERE id = 1"))
        connection.execute(text("DELETE FROM task WHERE id = 2"))
        connection.execute(text("INSERT INTO task VALUES (3, 'new')"))
        connection.execute(text("UPDATE authsession SET last_seen_at = 't1'"))
        connection.execute(text("UPDATE authsession SET revoked_at = 't1'"))
        connection.execute(text("INSERT INTO loginattempt VALUES (1, 'x@example.org')"))
    engine.dispose()
    found = changes(before, snapshot(url), own_rows={"authsession": {(1,)}})
    assert len(found) == 4, found
    assert any("task: row (1,) column title" in line for line in found)
    assert any("task: row (2,) deleted" in line for line in found)
    assert any("task: row (3,) added" in line for line in found)
    # Revoking the sweep's own session is allowed; someone else's is not.
    assert any("authsession: row (2,) column revoked_at" in line for line in found)


def test_a_new_handler_is_swept_with_forbidden_ids() -> None:
    """A handler added to any state is found in the registry and called with forbidden ids."""
    from reflex_base.registry import RegistrationContext

    import collab_app.collab_app  # noqa: F401

    context = RegistrationContext.get().fork()
    token = RegistrationContext._context_var.set(context)
    try:

        class SweepProbeState(rx.State):
            """A page state with an unchecked handler, as someone might add one."""

            @rx.event
            def delete_task(self, task_id: int) -> None:
                """Deletes whatever task id it is given (no check)."""

            @rx.event
            def rename_widget(self, widget_id: int) -> None:
                """Takes an id of a kind the sweep does not know yet."""

        handlers = {h.name: h for h in swept_handlers() if h.state is SweepProbeState}
    finally:
        RegistrationContext._context_var.reset(token)
    assert set(handlers) == {"setvar", "delete_task", "rename_widget"}
    world = World(
        demo=1, internal=2, other=3, demo_collective=1, other_collective=2, users={}, tasks={}
    )
    world.forbidden["client"] = {"task": [41, 42, 43]}
    calls = calls_for(handlers["delete_task"], world, "client", [], foreign=True)
    sent = [call.payload["task_id"] for call in calls]
    assert sent[:2] == [41, 42], sent
    assert {label for label, _ in malformed_for("client")} <= {
        c.why.removeprefix("malformed ") for c in calls
    }
    covered = {label for role in SWEEP_ROLES for label, _ in malformed_for(role)}
    assert covered == {label for label, _ in MALFORMED}
    with pytest.raises(AssertionError, match="widget_id"):
        calls_for(handlers["rename_widget"], world, "client", [], foreign=True)


def test_frame_checks_catch_traces_and_raw_messages() -> None:
    """A trace in a frame and an untranslated message are reported; translated ones pass."""
    from collab_app.i18n import translate

    assert trace_problems(['{"delta":{"s":{"form_error":"Traceback (most recent call last)"}}}'])
    assert trace_problems(['{"x":"KeyError: \'task\'"}'])
    assert trace_problems(['{"x":"(sqlite3.OperationalError) near SELECT id FROM task"}'])
    assert not trace_problems(['{"delta":{"s":{"title":"Fix the header"}}}'])
    patterns = _message_patterns()
    generic = f"{translate('error.generic', 'en')} / {translate('error.generic', 'fr')}"
    assert untranslated([generic, translate("auth.rate_limited", "fr", minutes=15)], patterns) == []
    assert untranslated(["invalid literal for int() with base 10: 'x'"], patterns)
