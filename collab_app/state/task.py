"""A task's own page: details, edit, move, people, labels, watching, comments and history.

The task comes from ``board.get_task_detail`` (a hidden or unknown task is "not found"); every
handler sends the task id from the URL and the version last loaded (kept server-side) back to
the services, which check everything again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx

from collab_app.services import board, files, notifications, permissions
from collab_app.services.board import TaskDetail, WipLimitReached, comments
from collab_app.services.board.presenter import (
    ActivityLine,
    Choice,
    CommentLine,
    TaskPage,
    activity_line,
    choices,
    column_options,
    comment_line,
    task_page,
)
from collab_app.services.errors import Conflict, NotFound, PermissionDenied
from collab_app.services.files.views import FileView
from collab_app.services.shared_views import Option
from collab_app.services.viewer import Viewer
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, guarded, page_load

END = 10**6
# The checklists of the task page: service, and the name of its list of ids.
PICKERS: dict[str, tuple[Callable[..., Any], str]] = {
    "assignees": (board.set_assignees, "user_ids"),
    "watchers": (board.set_watchers, "user_ids"),
    "labels": (board.set_labels, "label_ids"),
}


def _ids(form_data: Any, prefix: str) -> list[int]:
    """Ids of the checked boxes named ``<prefix><id>`` (the services check each id)."""
    if not isinstance(form_data, dict):
        return []
    found = []
    for key, value in list(form_data.items())[:200]:
        if isinstance(key, str) and key.startswith(prefix) and value not in (False, "", None):
            rest = key[len(prefix) :]
            if rest.isascii() and rest.isdigit() and len(rest) < 10:
                found.append(int(rest))
    return found


# "@" at the start or after a space, then up to 40 characters of a name (no new "@", no line).
MENTION_TYPED = re.compile(r"(?:^|\s)@([^@\n]{0,40})$")


@dataclass(frozen=True, slots=True)
class MentionUI:
    """A person who may read the comment being written; ``insert_js`` types ``@Name``."""

    id: int
    name: str
    insert_js: str


def _mention_ui(person_id: int, name: str) -> MentionUI:
    # The name is JSON-encoded, so it is a string literal in the script, whatever it holds.
    text = json.dumps(f"@{name} ")
    script = (
        "(() => {const b = document.getElementById('body'); if (!b) return;"
        # The "@..." being typed (if any) is replaced by the whole name.
        f" b.value = b.value.replace(/@[^@\\n]*$/, '') + {text};"
        " b.focus();})()"
    )
    return MentionUI(person_id, name, script)


class TaskState(PageState):
    """Projection of one task for the viewer (or a manager's client preview)."""

    task: TaskPage | None = None
    project_name: str = ""
    comments: list[CommentLine] = []
    activity: list[ActivityLine] = []
    # Files attached to the task that the viewer may see (#17).
    task_files: list[FileView] = []
    # Team only: checklists to edit assignees, watchers and labels.
    assignee_choices: list[Choice] = []
    watcher_choices: list[Choice] = []
    label_choices: list[Choice] = []
    # Team and guests: columns to move the task to.
    column_options: list[Option] = []
    current_column: str = ""
    editing: bool = False
    editing_comment: int = 0
    # People who may read a new comment, per visibility, offered once "@" is typed.
    mentions_internal: list[MentionUI] = []
    mentions_client: list[MentionUI] = []
    draft_visibility: str = "internal"
    # What follows the "@" being typed (lower case), and whether one is being typed.
    mention_query: str = ""
    mention_open: bool = False
    wip_open: bool = False
    wip_message: str = ""
    _version: int = 0
    # The version when the edit form was opened: saving it after someone else's change is a
    # conflict, even if a live refresh showed the newer version meanwhile.
    _edit_version: int = 0
    _pending_column: int = 0

    def _task_id(self) -> str:
        return self._route_arg("task_id")

    def _as_role(self) -> str | None:
        as_role = self.router.url.query_parameters.get("as")
        return as_role if as_role in permissions.PREVIEW_ROLES else None

    def _reset_page(self) -> None:
        self.task = None
        self.project_name = ""
        self.comments, self.activity = [], []
        self.task_files = []
        self.assignee_choices, self.watcher_choices, self.label_choices = [], [], []
        self.column_options, self.current_column = [], ""
        self.editing, self.editing_comment, self.wip_open = False, 0, False
        self._version, self._pending_column = 0, 0

    load = page_load(clear_errors=True)

    def _load(self, session: Any, viewer: Viewer) -> None:
        self._watch_project(permissions.coerce_id(self._project_id()))
        try:
            detail = board.get_task_detail(
                session, viewer, task_id=self._task_id(), as_role=self._as_role(), locale=self.lang
            )
        except PermissionDenied:
            # "?as=client" from someone who cannot preview: their own view.
            detail = board.get_task_detail(
                session, viewer, task_id=self._task_id(), locale=self.lang
            )
        if permissions.coerce_id(self._project_id()) != detail.card.project_id:
            raise NotFound()
        self.project_name = detail.project_name
        as_role = permissions.CLIENT if detail.preview else None
        attached = files.list_comment_files(
            session, viewer, task_id=detail.card.id, as_role=as_role, locale=self.lang
        )
        self._show(session, viewer, detail, attached)
        self.task_files = files.list_task_files(
            session, viewer, task_id=detail.card.id, as_role=as_role, locale=self.lang
        )

    def _show(
        self,
        session: Any,
        viewer: Viewer,
        d: TaskDetail,
        attached: dict[int, list[FileView]],
    ) -> None:
        lang, zone = self.lang, viewer.timezone
        self._version = d.card.version
        self.task = task_page(d, lang, board.viewer_today(viewer), zone)
        self.comments = [
            comment_line(c, lang, zone, files=attached.get(c.id, []), preview=d.preview)
            for c in d.comments
        ]
        self.mentions_internal, self.mentions_client = [], []
        if d.comment_visibilities and not d.preview:
            offers = notifications.mention_offers(session, viewer, task_id=d.card.id)
            for visibility, offered in offers.items():
                people = [_mention_ui(p.id, p.name) for p in offered]
                if visibility == "client":
                    self.mentions_client = people
                else:
                    self.mentions_internal = people
            if self.draft_visibility not in d.comment_visibilities:
                self.draft_visibility = d.comment_visibilities[0]
        self.activity = [activity_line(a, lang, zone) for a in d.activity]
        self.current_column = str(d.card.column_id)
        self.column_options = column_options(d)
        self.assignee_choices, self.watcher_choices, self.label_choices = [], [], []
        if d.can_edit:
            people = board.list_assignable(session, viewer, project_id=d.card.project_id)
            self.assignee_choices = choices(people, d.card.assignees)
            self.watcher_choices = choices(people, d.watchers)
            labels = board.project_labels(session, d.card.project_id)
            self.label_choices = choices(labels, d.card.labels)

    def _write(self, service: Callable[..., Any], **arguments: Any) -> Any:
        """Run a write on this task; on a stale version, show the current task before the message.

        Args:
            service: A board service taking ``task_id`` and ``expected_version``.
            **arguments: Its other keyword arguments.

        Returns:
            What the service returns.
        """
        try:
            result = self._call(service, task_id=self._task_id(), **arguments)
        except Conflict as error:
            if not isinstance(error, WipLimitReached):
                self.editing = False
                self._reload()
            raise
        self._reload()
        return result

    # --- task fields ---------------------------------------------------------------------------

    @rx.event
    def toggle_edit(self):
        """Show or hide the edit form."""
        self.editing = not self.editing
        self._edit_version = self._version if self.editing else 0
        self._clear_errors()

    @rx.event
    @guarded
    def save(self, form_data: dict[str, Any]):
        """Save the task's fields (managers and members; the hidden flag: managers).

        Args:
            form_data: ``title``, ``description``, ``priority``, ``due_date``, ``blocked`` and
                ``hidden`` (checkboxes: present when checked).
        """
        fields: dict[str, Any] = {
            "title": form_text(form_data, "title"),
            "description": form_text(form_data, "description"),
            "priority": form_text(form_data, "priority"),
            "due_date": form_text(form_data, "due_date") or None,
            "is_blocked": bool(form_text(form_data, "blocked")),
        }
        if self.task is not None and self.task.can_set_hidden:
            fields["hidden_from_client"] = bool(form_text(form_data, "hidden"))
        version = self._edit_version or self._version
        self._write(board.update_task, expected_version=version, fields=board.TaskFields(**fields))
        self.editing = False
        return rx.toast.success(self._t("form.saved"))

    @rx.event
    @guarded
    def save_people(self, kind: str, form_data: dict[str, Any]):
        """Replace the assignees, watchers or labels with the checked ones (team).

        Args:
            kind: ``assignees``, ``watchers`` or ``labels``.
            form_data: One checkbox per person or label, named ``pick-<id>``.
        """
        if kind not in PICKERS:
            return None
        service, field = PICKERS[kind]
        self._write(service, expected_version=self._version, **{field: _ids(form_data, "pick-")})
        return rx.toast.success(self._t("form.saved"))

    @rx.event
    @guarded
    def toggle_watch(self):
        """Watch the task, or stop watching it."""
        wanted = not (self.task is not None and self.task.watching)
        self._call(board.set_watching, task_id=self._task_id(), watching=wanted)
        try:
            self._reload()
        except NotFound:
            # A guest who stops watching a task they are not assigned to no longer sees it.
            return rx.redirect(f"/projects/{self._project_id()}/board")
        return None

    # --- move and delete -----------------------------------------------------------------------

    def _move_to(self, column_id: object, confirm: bool):
        try:
            self._write(
                board.move_task,
                column_id=column_id,
                index=END,
                expected_version=self._version,
                confirm_over_limit=confirm,
                locale=self.lang,
                with_card=False,
            )
        except WipLimitReached as error:
            self._pending_column = int(str(column_id)) if str(column_id).isdigit() else 0
            self.wip_message = self._error_text(error)
            self.wip_open = True
            return None
        return rx.toast.success(self._t("boardui.moved"))

    @rx.event
    @guarded
    def move(self, form_data: dict[str, Any]):
        """Move the task to the bottom of another column.

        Args:
            form_data: ``task_column``.
        """
        self._clear_errors()
        column = form_text(form_data, "task_column")
        if column == self.current_column:
            return None
        return self._move_to(column, False)

    @rx.event
    @guarded
    def confirm_wip(self):
        """Move past the column's WIP limit after all."""
        self.wip_open = False
        column, self._pending_column = self._pending_column, 0
        return self._move_to(column, True) if column else None

    @rx.event
    def cancel_wip(self):
        """Keep the task where it is."""
        self.wip_open, self._pending_column = False, 0

    @rx.event
    @guarded
    def delete(self):
        """Delete the task; the board then offers to undo it."""
        try:
            self._call(board.delete_task, task_id=self._task_id(), expected_version=self._version)
        except Conflict:
            self._reload()
            raise
        return rx.redirect(f"/projects/{self._project_id()}/board?deleted={self._task_id()}")

    # --- comments ------------------------------------------------------------------------------

    @rx.event
    @guarded
    def add_comment(self, form_data: dict[str, Any]):
        """Post a comment (internal by default for the team and guests).

        Args:
            form_data: ``body`` and ``visibility``.
        """
        done = self._act(
            comments.add_comment,
            done="boardui.comment.posted",
            task_id=self._task_id(),
            body=form_text(form_data, "body"),
            visibility=form_text(form_data, "visibility") or None,
        )
        return [rx.set_value("body", ""), done]

    @rx.event
    def set_draft_visibility(self, visibility: str):
        """Follow the visibility chosen for the new comment (which people may be mentioned).

        Args:
            visibility: ``internal`` or ``client``; anything else is ignored.
        """
        if visibility in ("internal", "client"):
            self.draft_visibility = visibility

    @rx.event
    def watch_draft(self, text: str):
        """Follow the new comment's text: offer the people to mention while "@..." is typed.

        Args:
            text: The text so far (anything else closes the offer).
        """
        found = MENTION_TYPED.search(text[-80:]) if isinstance(text, str) else None
        self.mention_open = found is not None
        self.mention_query = found.group(1).casefold() if found else ""

    @rx.event
    def close_mentions(self):
        """Stop offering people to mention (one was just chosen)."""
        self.mention_open, self.mention_query = False, ""

    @rx.event
    def start_edit_comment(self, comment_id: int):
        """Open the edit form of one of the viewer's comments.

        Args:
            comment_id: The comment.
        """
        self._clear_errors()
        mine = {c.id for c in self.comments if c.can_edit}
        try:
            wanted = permissions.coerce_id(comment_id)
        except NotFound:  # any client may send anything: a list, a dict, a huge number
            wanted = 0
        self.editing_comment = wanted if wanted in mine else 0

    @rx.event
    def cancel_edit_comment(self):
        """Close the comment edit form."""
        self.editing_comment = 0

    @rx.event
    @guarded
    def save_comment(self, form_data: dict[str, Any]):
        """Change one's own comment (it is then marked as edited).

        Args:
            form_data: ``comment_id``, ``body`` and ``visibility``.
        """
        self._call(
            comments.edit_comment,
            comment_id=form_text(form_data, "comment_id"),
            body=form_text(form_data, "body"),
            visibility=form_text(form_data, "visibility") or None,
        )
        self.editing_comment = 0
        self._reload()
        return rx.toast.success(self._t("form.saved"))

    @rx.event
    @guarded
    def delete_comment(self, comment_id: int):
        """Delete one's own comment.

        Args:
            comment_id: The comment.
        """
        return self._act(
            comments.delete_comment, done="boardui.comment.deleted", comment_id=comment_id
        )
