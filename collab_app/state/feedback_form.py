"""The public feedback form, reached from a single-use link: no account, the token is the key.

The token is read from the route on every event and re-checked by the service; nothing the page
sends back is trusted. The frontend vars hold only what the form shows (project and collective
names, the link's state), never anything internal such as the follow-up flag.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.db import run_with_async_io, session_scope
from collab_app.services import feedback
from collab_app.services.errors import Conflict, DomainError, NotFound, ValidationError
from collab_app.services.feedback import FormView
from collab_app.services.feedback.presenter import expiry_shown
from collab_app.state.async_io import with_async_io
from collab_app.state.forms import form_text
from collab_app.state.session import SessionState

ITEM_FIELDS = ("appreciated", "improvements")
# Fields in the order they appear on the page (the first one in error is scrolled to).
FIELD_ORDER = (
    "score",
    "ranking",
    *(f"{name}_{i}" for name in ITEM_FIELDS for i in range(1, feedback.MAX_ITEMS + 1)),
    "comment",
)


def precheck(data: dict[str, Any]) -> dict[str, tuple[str, dict[str, object]]]:
    """Find every field error of a form payload at once (the service reports only the first).

    The service stays the authority: it re-validates everything on submit.

    Args:
        data: What the form sent.

    Returns:
        Field name -> (message key, parameters); empty when the answers look valid.
    """
    errors: dict[str, tuple[str, dict[str, object]]] = {}
    try:
        feedback.parse_score(form_text(data, "score"))
    except ValidationError as error:
        errors["score"] = (error.code, error.params)
    ranking = form_text(data, "ranking")
    if not ranking:
        errors["ranking"] = ("feedback.ranking_required", {})
    elif ranking not in feedback.RANKINGS:
        errors["ranking"] = ("feedback.ranking_invalid", {})
    for name in FIELD_ORDER[2:]:
        if len(form_text(data, name).strip()) > feedback.MAX_TEXT:
            errors[name] = ("feedback.text_too_long", {"max": feedback.MAX_TEXT})
    return errors


class FeedbackFormState(SessionState):
    """What the public form shows for the token in the URL."""

    # "loading" | "open" | "answered" | "expired" | "unknown" | "thanks"
    form_status: str = "loading"
    form: FormView | None = None
    # The link's last day, written for reading in each language ("23 Dec 2026").
    expires_en: str = ""
    expires_fr: str = ""
    submitting: bool = False

    def _token(self) -> str:
        return self._route_arg("feedback_token")

    def _open(self) -> FormView:
        with session_scope() as session:
            return feedback.open_form(session, token=self._token(), fallback_locale=self.lang)

    def _show_status(self, view: FormView) -> None:
        self.form = view if view.status != "unknown" else None
        self.form_status = view.status
        self.expires_en, self.expires_fr = expiry_shown(view.expires_on)
        # The recipient's language, whoever's browser this is.
        self.lang = view.locale

    @rx.event
    @with_async_io
    def load(self):
        """``on_load``: describe the link, in the recipient's language."""
        self.loading = True
        self._apply_viewer(self._viewer())
        self._clear_errors()
        self.submitting = False
        self.form_status = "loading"
        self._show_status(self._open())
        self.not_found = False
        self.loading = False

    @rx.event
    async def submit(self, form_data: dict[str, Any]):
        """Record the answer, or show every problem next to its field (nothing typed is lost).

        Args:
            form_data: The form's fields: ``score``, ``ranking``, ``appreciated_1..3``,
                ``improvements_1..3``, ``comment``.

        Yields:
            The button's busy state, then a scroll to the message to read.
        """
        if self.submitting or self.form_status == "thanks":
            return  # a double tap: the first one is being (or was) recorded
        self._clear_errors()
        self.submitting = True
        yield
        try:
            target = await run_with_async_io(self._submit, form_data)
        finally:
            self.submitting = False
        yield rx.scroll_to(target)

    def _submit(self, form_data: dict[str, Any]) -> str:
        """Validate and record; returns the id of the element to scroll to."""
        view = self._open()
        if view.status != "open":
            self._show_status(view)
            return "feedback-status"
        problems = precheck(form_data)
        if problems:
            self.field_errors = {
                name: self._t(key, **params) for name, (key, params) in problems.items()
            }
            self.form_error = self._t("feedback_ui.check_fields")
            return next(f"{name}-field" for name in FIELD_ORDER if name in problems)
        try:
            with session_scope() as session:
                feedback.submit_answer(
                    session,
                    token=self._token(),
                    score=form_text(form_data, "score"),
                    ranking=form_text(form_data, "ranking"),
                    appreciated=[form_text(form_data, f"appreciated_{i}") for i in (1, 2, 3)],
                    improvements=[form_text(form_data, f"improvements_{i}") for i in (1, 2, 3)],
                    comment=form_text(form_data, "comment"),
                )
        except (Conflict, NotFound):
            self._show_status(self._open())
            return "feedback-status"
        except DomainError as error:
            if error.code == "feedback.link_expired":
                self._show_status(self._open())
                return "feedback-status"
            if error.field:
                self.field_errors = {error.field: self._error_text(error)}
                self.form_error = self._t("feedback_ui.check_fields")
                return f"{error.field}-field"
            self.form_error = self._error_text(error)
            return "feedback-status"
        self.form_status = "thanks"
        return "feedback-status"
