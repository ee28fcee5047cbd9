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
