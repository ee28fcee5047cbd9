"""The base state every page state inherits: who is signed in, in which language.

Identity is re-read from the session token on every event through ``_viewer()``; nothing in a
frontend var is trusted. The token lives in a cookie the browser holds (so downloads can send
it too); only its hash exists on the server.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote

import reflex as rx
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

from collab_app.db import run_with_async_io, session_scope
from collab_app.i18n import negotiate, normalize_locale, translate
from collab_app.reflex_adapter import current_app, differs
from collab_app.services import permissions
from collab_app.services.accounts import auth
from collab_app.services.errors import DomainError, NotFound
from collab_app.services.tokens import hash_token
from collab_app.services.viewer import Viewer
from collab_app.settings import cookies_secure
from collab_app.state import live
from collab_app.state.async_io import with_async_io

SESSION_COOKIE = "collab_session"
SESSION_MAX_AGE = int(auth.SESSION_IDLE_EXPIRY.total_seconds())
T = TypeVar("T")
logger = logging.getLogger(__name__)


class NotSignedIn(Exception):
    """The event came without a valid session token."""


# A handler whose database is away for a moment is tried again after these pauses (seconds).
RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0)
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, DisconnectionError)


def guarded(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap an event handler so expected failures become messages, never tracebacks.

    ``NotSignedIn`` sends the visitor to sign in; a ``DomainError`` is shown next to its field.
    When the database cannot be reached, the person sees "could not save, retrying" and the
    handler runs again after a pause; each service call is one transaction, so a failed try
    leaves nothing half-written. After the last try the action is cleanly refused. A
    synchronous handler's PostgreSQL round trips do not block the event loop
    (``_run_handler``). Put it under ``@rx.event``.

    Args:
        handler: A sync or async state method.

    Returns:
        The wrapped handler (an async generator, so it can report progress), with the same
        signature.
    """
    is_async = inspect.iscoroutinefunction(handler)

    @functools.wraps(handler)
    async def wrapper(self: SessionState, *args: Any, **kwargs: Any) -> Any:
        for delay in (*RETRY_DELAYS, None):
            try:
                result = await _run_handler(handler, is_async, self, *args, **kwargs)
            except NotSignedIn:
                yield self._sign_in_redirect()
                return
            except DomainError as error:
                yield self._show_error(error)
                return
            except DATABASE_UNAVAILABLE:
                logger.warning("database unavailable during %s", handler.__name__, exc_info=True)
                if delay is None:
                    self.form_error = self._t("error.db_gave_up")
                    yield rx.toast.error(self.form_error, id="db-retry")
                    return
                yield rx.toast.warning(self._t("error.db_retrying"), id="db-retry")
                await asyncio.sleep(delay)
                continue
            if self.form_error == self._t("error.db_gave_up"):
                self.form_error = ""
            yield result
            # Whatever the handler changed, other tabs of the project see it at once; poked
            # once this answer is on its way, so their refreshes do not delay it.
            live.poke()
            return

    return wrapper


async def _run_handler(
    handler: Callable[..., Any], is_async: bool, state: Any, *args: Any, **kwargs: Any
) -> Any:
    """Run one try of a ``guarded`` handler, never waiting for PostgreSQL on the loop.

    A synchronous handler runs through ``run_with_async_io``: still on the loop, under the
    state lock, but each query suspends it alone (on SQLite, a local file, it runs inline).
    An async handler awaits its own slow work.
    """
    if is_async:
        return await handler(state, *args, **kwargs)
    return await run_with_async_io(handler, state, *args, **kwargs)


def safe_next(path: str) -> str:
    """Return ``path`` if it is a local path to redirect to after sign-in, else ``/``.

    Args:
        path: The requested ``next`` value.

    Returns:
        A path starting with a single slash.
    """
    if (
        isinstance(path, str)
        and path.startswith("/")
        and not path.startswith("//")
        and "\\" not in path
        and len(path) < 500
        and not path.startswith(("/signin", "/signup"))
    ):
        return path
    return "/"


class SessionState(rx.State):
    """Identity and language of the browser tab."""

    # Not HttpOnly: Reflex reads it in the page's script (see SECURITY.md); Secure behind HTTPS.
    auth_token: str = rx.Cookie(
        "",
        name=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        path="/",
        secure=cookies_secure(),
    )
    lang_choice: str = rx.Cookie("", name="collab_lang", max_age=365 * 86400, path="/")
    lang: str = "en"
    signed_in: bool = False
    user_name: str = ""
    user_email: str = ""
    # The viewer's own id, for "is this me?" in lists; never used as proof of identity.
    user_id: int = 0
    # A page whose object is missing or hidden shows the same "not found" for both.
    not_found: bool = False
    # Set while a page's data loads, so no stale projection shows under the wrong URL.
    loading: bool = True
    # The page's form messages: one general message and one per field name.
    form_error: str = ""
    field_errors: dict[str, str] = {}
    # The websocket connection that presented this tab's cookies (see ``state.connection_gate``).
    _connection_sid: str = ""

    def _viewer(self) -> Viewer | None:
        """Resolve the session token to a viewer, or None (never trusts frontend vars).

        Returns:
            The viewer or None.
        """
        token = self.auth_token
        if not token:
            return None
        with session_scope() as session:
            return auth.resolve_session(session, token)

    def _require_viewer(self) -> Viewer:
        viewer = self._viewer()
        if viewer is None:
            raise NotSignedIn()
        return viewer

    def _apply_viewer(self, viewer: Viewer | None) -> None:
        if viewer is not None:
            # From now on, the end of this session empties the tab live (``live`` module doc).
            live.watch_session(self.router.session.client_token, self.auth_token)
        self.signed_in = viewer is not None
        self.user_name = viewer.display_name if viewer else ""
        self.user_email = viewer.email if viewer else ""
        self.user_id = viewer.user_id if viewer else 0
        if viewer is not None and viewer.locale:
            self.lang = viewer.locale
        elif self.lang_choice:
            self.lang = normalize_locale(self.lang_choice)
        else:
            self.lang = negotiate(self.router.headers.accept_language)

    def _t(self, key: str, **params: object) -> str:
        return translate(key, self.lang, **params)

    def _error_text(self, error: DomainError) -> str:
        return self._t(error.code, **error.params)

    def _clear_errors(self) -> None:
        self.form_error = ""
        self.field_errors = {}

    def _show_error(self, error: DomainError):
        """Show a domain error next to its field (or above the form) and as a toast.

        Args:
            error: The error a service raised.

        Returns:
            A toast event.
        """
        text = self._error_text(error)
        if error.field:
            self.field_errors = {**self.field_errors, error.field: text}
        else:
            self.form_error = text
        return rx.toast.error(text, id="domain-error")

    def _route_arg(self, name: str) -> str:
        """Return a dynamic route argument (e.g. ``project_id`` of ``/projects/[project_id]``).

        Args:
            name: The argument's name in the route.

        Returns:
            Its raw value; services validate it like any other client input.
        """
        value = getattr(self, name, "")
        return value if isinstance(value, str) else ""

    def _client_key(self) -> str:
        return self.router.session.client_ip or "unknown"

    def _sign_in_redirect(self) -> rx.event.EventSpec:
        path = self.router.url.path or "/"
        query = self.router.url.query
        target = safe_next(f"{path}?{query}" if query else path)
        return rx.redirect(f"/signin?next={quote(target, safe='')}")

    def _with_viewer(
        self, work: Callable[[Any, Viewer], T], known: Mapping[str, Any] | None = None
    ) -> T:
        """Run ``work(session, viewer)`` in one DB session, for the signed-in viewer.

        Args:
            work: The service call.
            known: Checks made a moment ago for many tabs at once (the live task's), which
                the session's own checks use instead of reading them again.

        Returns:
            What ``work`` returns.

        Raises:
            NotSignedIn: No valid session.
        """
        with session_scope(known) as session:
            viewer = auth.resolve_session(session, self.auth_token) if self.auth_token else None
            if viewer is None:
                raise NotSignedIn()
            return work(session, viewer)

    @rx.event
    async def set_language(self, lang: str):
        """Switch the interface language; saved on the profile when signed in.

        Args:
            lang: ``en`` or ``fr``.
        """
        code = normalize_locale(lang if isinstance(lang, str) else "")
        self.lang = code
        self.lang_choice = code
        await run_with_async_io(self._save_language, code)
        await self._refresh_open_page()

    def _save_language(self, code: str) -> None:
        viewer = self._viewer()
        if viewer is not None:
            with session_scope() as session:
                auth.update_profile(
                    session,
                    viewer,
                    display_name=viewer.display_name,
                    locale=code,
                    timezone=viewer.timezone,
                )

    async def _refresh_open_page(self) -> None:
        """Re-read the open page's projection in the new language.

        Dates and amounts are formatted on the server; like a live refresh, this keeps what the
        person is typing.
        """
        app = current_app()
        for handler in app.get_load_events(self.router.url.path or "/"):
            state_cls = getattr(getattr(handler, "handler", handler), "state", None)
            if isinstance(state_cls, type) and issubclass(state_cls, PageState):
                page = await self.get_state(state_cls)
                await run_with_async_io(page._live_refresh)

    @rx.event
    @with_async_io
    def load_public(self):
        """``on_load`` of public pages: identify the viewer if any and pick the language."""
        self._apply_viewer(self._viewer())
        self.not_found = False
        self.loading = False

    async def _forget_everything(self) -> None:
        """Reset every page state of this tab to its defaults.

        Called when the person in the tab changes (sign-in, sign-out): a page's projection of
        the previous viewer must never be sent to the next one, and a full page load sends the
        whole state tree to the browser.
        """
        language_choice, connection = self.lang_choice, self._connection_sid
        pending: list[type[rx.State]] = [SessionState]
        while pending:
            cls = pending.pop()
            pending.extend(cls.get_substates())
            state = await self.get_state(cls)
            state.reset()
        self.lang_choice, self._connection_sid = language_choice, connection

    async def _end_session_in_tab(self, token_hash: str) -> rx.event.EventSpec | None:
        """Empty this tab if its state still belongs to the session that ended (``live``).

        Every state is reset, as the session gate does for a reconnecting tab whose session is
        not valid, so nothing the viewer saw stays stored under the tab token.

        Args:
            token_hash: ``hash_token`` of the session that was signed out, revoked or idle.

        Returns:
            The redirect to sign in, or None when the tab has moved on to another session.
        """
        if not self.auth_token or hash_token(self.auth_token) != token_hash:
            return None
        redirect = self._sign_in_redirect()
        lang = self.lang
        await self._forget_everything()
        self.lang = lang
        # Only the server forgets the ended session: the browser's cookie is shared by its
        # tabs, and another one may already hold a newer session there (a password change).
        self.dirty_vars.discard("auth_token")
        return redirect

    @rx.event
    async def sign_out(self):
        """Revoke this browser's session, forget every projection, go to the sign-in page.

        The other open tabs of the session are emptied live (``live.session_ended``).
        """
        token = self.auth_token
        if token:
            await asyncio.to_thread(_revoke, token)
            live.session_ended()
        lang = self.lang
        await self._forget_everything()
        self.auth_token = ""
        self._apply_viewer(None)
        self.lang = lang
        return rx.redirect("/signin")


def _revoke(token: str) -> None:
    with session_scope() as session:
        auth.sign_out(session, token=token)


live.use_session_state(SessionState)


def page_load(*, clear_errors: bool = False) -> Callable[..., Any]:
    """Build the ``load`` event (the ``on_load``) of a page state, the same for every page.

    Reflex binds an event handler to the class that defines it, so each page state needs its
    own: its body says ``load = page_load()``.

    Args:
        clear_errors: Whether to clear the form messages left by the page before.

    Returns:
        The handler: check the session, then load the page's projection
        (``PageState._load_page``).
    """

    # ``self`` is not typed as a state: ``rx.event`` would register a function so typed on
    # that state class (PageState here) instead of leaving it to the page's class body.
    @rx.event
    @with_async_io
    def load(self: Any):
        """``on_load``: check the session, then load this page's projection."""
        return self._load_page(clear_errors=clear_errors)

    return load


class PageState(SessionState):
    """Base of every signed-in page: loads the viewer, then the page's own data.

    Subclasses implement ``_load(session, viewer)``; a hidden or unknown object raises
    ``NotFound`` there, which shows the same "not found" page for both. Each subclass declares
    its own ``load`` event (``load = page_load()``, or a handler calling ``_load_page()``): Reflex
    binds an inherited event handler to the class that defines it, so a handler defined here
    would run on this base, not the page.
    """

    # What the viewer may do on the page's project (nothing elsewhere), from the policy: pages
    # show only the sections and actions this allows (the services check again).
    abilities: permissions.Abilities = permissions.NO_ABILITIES

    def _load(self, session: Any, viewer: Viewer) -> None:
        """Load the page's projection; overridden by every page state."""

    def _project_id(self) -> str:
        """Return the route's raw ``project_id`` ("" on pages of no project)."""
        return self._route_arg("project_id")

    def _project_role(self, session: Any, viewer: Viewer) -> str:
        """Return the viewer's role on the project of the current route, or ``""``.

        The role the page's own services checked while loading it, in the same session;
        asked again only when they checked none (one query).
        """
        raw = self._project_id()
        if not raw:
            return ""
        try:
            checked = permissions.role_already_checked(session, viewer, raw)
            return checked or permissions.require_project(session, viewer, raw).role
        except NotFound:
            return ""

    def _load_with_abilities(self, session: Any, viewer: Viewer) -> None:
        """Load the page's projection, then the viewer's abilities on its project."""
        self._load(session, viewer)
        abilities = permissions.abilities_for(self._project_role(session, viewer))
        # A live refresh sends nothing when nothing changed (``abilities_for`` gives one object
        # per role: no field-by-field comparison on every refresh of every tab).
        if differs(self, "abilities", abilities):
            self.abilities = abilities

    def _reset_page(self) -> None:
        """Clear the page's projection before loading another object; overridden by pages."""

    def _reload(self) -> None:
        """Re-read the page's projection after this tab's own change."""
        self._with_viewer(self._load)

    def _call(self, service: Callable[..., T], /, **arguments: Any) -> T:
        """Run one service call for the signed-in viewer, with the form's old errors cleared.

        Every handler of a page goes through here (or :meth:`_act`): the service receives the
        viewer resolved from this event's session cookie and re-checks every id itself.

        Args:
            service: A service function taking ``(session, viewer, **arguments)``.
            **arguments: Its keyword arguments, as the client sent them.

        Returns:
            What the service returns.
        """
        self._clear_errors()
        return self._with_viewer(lambda session, viewer: service(session, viewer, **arguments))

    def _read_form(self, reader: Callable[[Any, str], T], form_data: Any) -> T:
        """Read a form whose reader may refuse a field, with the form's old errors cleared.

        Args:
            reader: Validates the form's fields in the viewer's language (e.g.
                ``forms.project_form_input``); raises ``ValidationError`` naming a field.
            form_data: What the client sent as the form's data.

        Returns:
            What ``reader`` returns.
        """
        self._clear_errors()
        return reader(form_data, self.lang)

    def _act(
        self,
        service: Callable[..., Any],
        /,
        *,
        done: str = "",
        reload: bool = True,
        **arguments: Any,
    ) -> rx.event.EventSpec | None:
        """Run a change for the viewer, re-read the page and confirm it: a handler's whole body.

        Args:
            service: A service function taking ``(session, viewer, **arguments)``.
            done: The message key of the success toast ("" for none).
            reload: False when the page shows nothing the change touched.
            **arguments: The service's keyword arguments.

        Returns:
            The success toast, or None.
        """
        self._call(service, **arguments)
        if reload:
            self._reload()
        return rx.toast.success(self._t(done)) if done else None

    def _watch_project(self, project_id: int) -> None:
        """Show this project live in this tab: call first in ``_load``, before reading data.

        Reading the version before the data means a change made in between is seen as new
        and refreshed, never missed.

        Args:
            project_id: A project the viewer may see (checked by the caller's service call).
        """
        self._watch_projects({project_id})

    def _watch_projects(self, project_ids: set[int]) -> None:
        """Like ``_watch_project`` for a page showing several projects (e.g. "My tasks").

        Args:
            project_ids: Projects the viewer may see.
        """
        live.watch(self.router.session.client_token, type(self), live.current_versions(project_ids))

    def _live_refresh(self, known: Mapping[str, Any] | None = None) -> None:
        """Re-read this page's projection as this tab's viewer (called by ``live``).

        Args:
            known: The session and role checks the live task made for this tick's tabs.
        """
        try:
            self._with_viewer(self._load_with_abilities, known)
        except NotSignedIn:
            live.unwatch(self.router.session.client_token)
            self._reset_page()
            self._apply_viewer(None)
            # The session ended: the session check empties every state of the tab now.
            live.session_ended()
        except NotFound:
            live.unwatch(self.router.session.client_token)
            self._reset_page()
            self.not_found = True

    def _load_page(self, *, clear_errors: bool = False):
        """Body of every page's ``on_load``: require a session, then load the projection.

        Args:
            clear_errors: Whether to clear the form messages left by the page before.

        Returns:
            A redirect to sign-in when there is no valid session.
        """
        if clear_errors:
            self._clear_errors()
        self.loading = True
        self.abilities = permissions.NO_ABILITIES
        self._reset_page()
        # Pages showing a project register again in their ``_load``.
        live.unwatch(self.router.session.client_token)
        try:
            with session_scope() as session:
                viewer = auth.resolve_session(session, self.auth_token) if self.auth_token else None
                self._apply_viewer(viewer)
                if viewer is None:
                    return self._sign_in_redirect()
                self.not_found = False
                self._load_with_abilities(session, viewer)
        except NotFound:
            live.unwatch(self.router.session.client_token)
            self._reset_page()
            self.not_found = True
        except DATABASE_UNAVAILABLE:
            logger.warning("database unavailable while loading a page", exc_info=True)
            self.form_error = self._t("error.db_unavailable")
            return rx.toast.error(self.form_error, id="db-retry")
        finally:
            self.loading = False
        return None
