"""The handler wrapper: messages for expected failures, retries while the database is away."""

import asyncio

import pytest
from sqlalchemy.exc import OperationalError

from collab_app.services.errors import ValidationError
from collab_app.state import session as session_state
from collab_app.state.session import NotSignedIn, guarded, safe_next


class FakeState:
    def __init__(self):
        self.form_error = ""
        self.shown = []

    def _t(self, key, **params):
        return key

    def _sign_in_redirect(self):
        return "redirect"

    def _show_error(self, error):
        self.shown.append(error.code)
        return "error-toast"


def run(gen):
    async def collect():
        return [item async for item in gen]

    return asyncio.run(collect())


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    async def instant(_delay):
        return None

    monkeypatch.setattr(session_state.asyncio, "sleep", instant)


def test_retries_while_the_database_is_away_then_succeeds():
    calls = []

    @guarded
    def save(self, value):
        calls.append(value)
        if len(calls) < 3:
            raise OperationalError("UPDATE", {}, Exception("connection refused"))
        return "saved"

    state = FakeState()
    out = run(save(state, 7))
    assert calls == [7, 7, 7]
    assert out[-1] == "saved"
    assert len(out) == 3  # two "retrying" toasts, then the result
    assert state.form_error == ""


def test_gives_up_cleanly_after_the_last_retry():
    @guarded
    async def save(self):
        raise OperationalError("UPDATE", {}, Exception("down"))

    state = FakeState()
    out = run(save(state))
    assert len(out) == len(session_state.RETRY_DELAYS) + 1
    assert state.form_error == "error.db_gave_up"


def test_domain_errors_and_missing_session_become_messages():
    @guarded
    def bad(self):
        raise ValidationError("auth.email_invalid", field="email")

    @guarded
    def anonymous(self):
        raise NotSignedIn()

    state = FakeState()
    assert run(bad(state)) == ["error-toast"]
    assert state.shown == ["auth.email_invalid"]
    assert run(anonymous(state)) == ["redirect"]


@pytest.mark.parametrize(
    "path,expected",
    [
        ("/projects/3", "/projects/3"),
        ("/profile?tab=1", "/profile?tab=1"),
        ("//evil.example/x", "/"),
        ("https://evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/signin?next=/x", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_safe_next_only_allows_local_paths(path, expected):
    assert safe_next(path) == expected


class FakePage:
    """Borrows the page base's helpers, with the session and the reload recorded."""

    _call = session_state.PageState._call
    _act = session_state.PageState._act

    def __init__(self):
        self.events = []
        self.form_error = "old"
        self.field_errors = {"title": "old"}

    def _clear_errors(self):
        self.events.append("clear")
        self.form_error = ""
        self.field_errors = {}

    def _with_viewer(self, work):
        self.events.append("session")
        return work("the-session", "the-viewer")

    def _reload(self):
        self.events.append("reload")

    def _t(self, key, **params):
        return f"text of {key}"


def test_call_clears_old_errors_and_hands_the_viewer_to_the_service():
    page = FakePage()
    seen = []

    def service(session, viewer, *, task_id):
        seen.append((session, viewer, task_id))
        return 42

    assert page._call(service, task_id=7) == 42
    assert seen == [("the-session", "the-viewer", 7)]
    assert page.events == ["clear", "session"]
    assert page.form_error == "" and page.field_errors == {}


def test_act_reloads_after_the_change_and_confirms_it(monkeypatch):
    page = FakePage()
    monkeypatch.setattr(session_state.rx.toast, "success", lambda text: ("toast", text))

    out = page._act(lambda session, viewer, *, name: None, done="files.ui.saved", name="x")
    assert out == ("toast", "text of files.ui.saved")
    assert page.events == ["clear", "session", "reload"]

    quiet = FakePage()
    assert quiet._act(lambda session, viewer: None, reload=False) is None
    assert quiet.events == ["clear", "session"]


def test_act_does_not_reload_or_confirm_when_the_service_refuses():
    page = FakePage()

    def refuse(session, viewer):
        raise ValidationError("files.name_taken", field="name")

    with pytest.raises(ValidationError):
        page._act(refuse, done="files.ui.saved")
    assert page.events == ["clear", "session"]
