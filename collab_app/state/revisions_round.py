"""One revision round's page: its requests and their answers; triage for the team; messages.

The team's item views (time spent, internal notes) go into ``rr_team_items`` only when the service
built them, i.e. for managers and members; everyone else gets ``rr_items`` without those fields.
Every handler passes the ids it receives to the services, which check them again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from collab_app.services import permissions, revisions
from collab_app.services.errors import DomainError, NotFound
from collab_app.services.revisions import (
    Abilities,
    ChangeOrderView,
    CommentView,
    ItemTeamView,
    ItemView,
    Option,
    RoundSummary,
)
from collab_app.services.viewer import Viewer
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, guarded, page_load


def _item_id(form_data: Any) -> int:
    """The request a per-item form is about (``item_id`` hidden field); 0 when absent."""
    raw = form_text(form_data, "item_id")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 13 else 0


class RevisionRoundState(PageState):
    """Projection of one round for the viewer."""

    rr_project_id: int = 0
    rr_project_name: str = ""
    rr_abilities: Abilities | None = None
    rr_round: RoundSummary | None = None
    rr_items: list[ItemView] = []
    rr_team_items: list[ItemTeamView] = []
    rr_change_orders: list[ChangeOrderView] = []
    rr_comments: list[CommentView] = []
    rr_task_options: list[Option] = []
    # The request whose form produced the current error (0: none), and that error's text.
    error_item: int = 0
    item_error: str = ""

    @rx.var
    def has_pending_decision(self) -> bool:
        """Whether a change order of this round awaits the client's decision."""
        return any(o.status == "proposed" for o in self.rr_change_orders)

    def _round_id(self) -> str:
        return self._route_arg("revision_round_id")

    def _reset_page(self) -> None:
        self.rr_project_id, self.rr_project_name, self.rr_abilities = 0, "", None
        self.rr_round = None
        self.rr_items, self.rr_team_items, self.rr_change_orders = [], [], []
        self.rr_comments, self.rr_task_options = [], []
        self.error_item, self.item_error = 0, ""

    load = page_load(clear_errors=True)

    def _load(self, session: Any, viewer: Viewer) -> None:
        detail = revisions.round_detail(
            session, viewer, round_id=self._round_id(), locale=self.lang
        )
        try:
            same_project = permissions.coerce_id(self._route_arg("project_id")) == (
                detail.project_id
            )
        except NotFound:
            same_project = False
        if not same_project:
            raise NotFound()
        self._watch_project(detail.project_id)
        self.rr_project_id, self.rr_project_name = detail.project_id, detail.project_name
        self.rr_abilities, self.rr_round = detail.abilities, detail.round
        if detail.team_items:
            self.rr_team_items, self.rr_items = list(detail.team_items), []
        else:
            self.rr_team_items, self.rr_items = [], list(detail.items)
        self.rr_change_orders, self.rr_comments = list(detail.change_orders), list(detail.comments)
        self.rr_task_options = list(detail.task_options)

    def _show_error(self, error: DomainError):
        """Show an error of a request's form above that request's forms.

        Args:
            error: The error a service raised.

        Returns:
            A toast event.
        """
        if not self.error_item:
            return super()._show_error(error)
        self.item_error = self._error_text(error)
        return rx.toast.error(self.item_error, id="domain-error")

    def _item_write(self, service: Callable[..., Any], /, *, item_id: object, **arguments: Any):
        """Run a write about one request; its field errors show under that request's forms.

        Args:
            service: The service taking ``item_id`` and ``arguments``.
            item_id: The request, as the client sent it (checked by the service).
            **arguments: The service's other keyword arguments.

        Returns:
            The success toast.
        """
        self.error_item, self.item_error = item_id if isinstance(item_id, int) else 0, ""
        try:
            self._call(service, item_id=item_id, **arguments)
        except DomainError:
            self._reload()
            raise
        self.error_item = 0
        self._reload()
        return rx.toast.success(self._t("form.saved"))

    @rx.event
    @guarded
    def triage(self, form_data: dict[str, Any]):
        """Triage a request.

        Args:
            form_data: ``item_id``, ``kind``, ``reason``.
        """
        return self._item_write(
            revisions.triage_item,
            item_id=_item_id(form_data),
            kind=form_text(form_data, "kind"),
            reason=form_text(form_data, "reason"),
        )

    @rx.event
    @guarded
    def set_status(self, form_data: dict[str, Any]):
        """Move a request to another state.

        Args:
            form_data: ``item_id``, ``status``, ``status_reason``.
        """
        return self._item_write(
            revisions.set_status,
            item_id=_item_id(form_data),
            status=form_text(form_data, "status"),
            reason=form_text(form_data, "status_reason"),
        )

    @rx.event
    @guarded
    def reply(self, form_data: dict[str, Any]):
        """Save the answer the client reads.

        Args:
            form_data: ``item_id``, ``reply``.
        """
        return self._item_write(
            revisions.reply_to_item,
            item_id=_item_id(form_data),
            reply=form_text(form_data, "reply"),
        )

    @rx.event
    @guarded
    def save_note(self, form_data: dict[str, Any]):
        """Save the internal note (team only).

        Args:
            form_data: ``item_id``, ``internal_note``.
        """
        return self._item_write(
            revisions.set_internal_note,
            item_id=_item_id(form_data),
            note=form_text(form_data, "internal_note"),
        )

    @rx.event
    @guarded
    def log_time(self, form_data: dict[str, Any]):
        """Record minutes spent on a request.

        Args:
            form_data: ``item_id``, ``minutes``.
        """
        return self._item_write(
            revisions.log_time, item_id=_item_id(form_data), minutes=form_text(form_data, "minutes")
        )

    @rx.event
    @guarded
    def link_task(self, form_data: dict[str, Any]):
        """Link a board task to a request.

        Args:
            form_data: ``item_id``, ``task_id``.
        """
        return self._item_write(
            revisions.link_task,
            item_id=_item_id(form_data),
            task_id=form_text(form_data, "task_id"),
        )

    @rx.event
    @guarded
    def unlink_task(self, item_id: int, task_id: int):
        """Remove a task link.

        Args:
            item_id: The request.
            task_id: The task.
        """
        return self._item_write(revisions.unlink_task, item_id=item_id, task_id=task_id)

    @rx.event
    @guarded
    def propose_change(self, form_data: dict[str, Any]):
        """Propose a change order for a scope change.

        Args:
            form_data: ``item_id``, ``co_description``, ``co_price``, ``co_delay``.
        """
        return self._item_write(
            revisions.propose,
            item_id=_item_id(form_data),
            description=form_text(form_data, "co_description"),
            price=form_text(form_data, "co_price"),
            delay_days=form_text(form_data, "co_delay") or "0",
        )

    @rx.event
    @guarded
    def post_comment(self, form_data: dict[str, Any]):
        """Post a message on the round.

        Args:
            form_data: ``comment`` and, for the team, ``visibility``.
        """
        self.error_item, self.item_error = 0, ""
        toast = self._act(
            revisions.add_comment,
            done="revisions.ui.posted",
            round_id=self._round_id(),
            body=form_text(form_data, "comment"),
            visibility=form_text(form_data, "visibility") or "internal",
        )
        return [rx.set_value("comment", ""), toast]
