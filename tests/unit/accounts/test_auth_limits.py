"""Sign-in and sign-up limits hold under concurrent bursts (issue #15, findings 5 and 6).

Each attempt runs in its own thread with its own database session, as concurrent events of
several tabs (or workers) do. On PostgreSQL (``TEST_DATABASE_URL``) the attempts really overlap
in the database; on SQLite the write lock serializes them the same way.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session, func, select

from collab_app.models import User
from collab_app.services.accounts import attempts, auth, passwords
from collab_app.services.errors import AttemptsInFlight, RateLimited, ValidationError
from testkit.factories import PASSWORD, make_user

BURST = 40


def _burst(engine, attempt: Callable[[Session, int], object]) -> Counter:
    """Run ``BURST`` attempts at once; count how each ended (error code or ``ok``)."""
    start = threading.Barrier(BURST)

    def one(index: int) -> str:
        with Session(engine, expire_on_commit=False) as session:
            start.wait()
            try:
                attempt(session, index)
            except (RateLimited, ValidationError) as error:
                return error.code
            return "ok"

    with ThreadPoolExecutor(max_workers=BURST) as pool:
        return Counter(pool.map(one, range(BURST)))


@pytest.fixture
def checked(monkeypatch) -> Counter:
    """Counts the passwords actually checked (each one costs an argon2 hash)."""
    calls: Counter = Counter()
    original = passwords.verify_password

    def counting(password, stored):
        calls["verify"] += 1
        return original(password, stored)

    monkeypatch.setattr(auth, "verify_password", counting)
    return calls


def test_concurrent_wrong_passwords_for_one_account(session, engine, checked):
    target = make_user(session, "Target")
    outcomes = _burst(
        engine,
        lambda s, i: auth.sign_in(
            s, email=target.email, password="wrong-password", client_key=f"ip{i}"
        ),
    )
    assert checked["verify"] == auth.RATE_LIMIT_MAX_FAILURES, outcomes
    assert outcomes["auth.bad_credentials"] == auth.RATE_LIMIT_MAX_FAILURES
    # The others were refused (as limited, or told to retry while the five were checked).
    assert outcomes["auth.rate_limited"] + outcomes["auth.busy"] == BURST - 5
    # Once those five are settled as failures, the account is limited, right password or not.
    with pytest.raises(RateLimited) as refused:
        auth.sign_in(session, email=target.email, password=PASSWORD, client_key="new")
    assert refused.value.code == "auth.rate_limited"


def test_concurrent_attempts_from_one_client(session, engine, checked):
    outcomes = _burst(
        engine,
        lambda s, i: auth.sign_in(
            s, email=f"nobody-{i}@example.org", password="wrong-password", client_key="attacker"
        ),
    )
    assert checked["verify"] == auth.RATE_LIMIT_MAX_FAILURES, outcomes
    assert outcomes["auth.rate_limited"] + outcomes["auth.busy"] == BURST - 5


def test_a_successful_sign_in_frees_its_place(session, engine):
    """A right password does not use up the account's allowance."""
    person = make_user(session, "Regular")
    for _ in range(auth.RATE_LIMIT_MAX_FAILURES + 2):
        _, token = auth.sign_in(session, email=person.email, password=PASSWORD, client_key="ip")
        assert token


def test_sign_ins_being_checked_ask_others_to_wait_not_to_come_back_later(session):
    """Five sign-ins in flight (not failed) make a sixth retry shortly, not wait 15 minutes."""
    from collab_app.models import LoginAttempt

    person = make_user(session, "Busy")
    for _ in range(auth.RATE_LIMIT_MAX_FAILURES):
        session.add(
            LoginAttempt(
                kind="sign_in",
                email=person.email,
                client_key="ip",
                attempted_at=auth.clock.now(),
                pending=True,
            )
        )
    session.commit()
    with pytest.raises(AttemptsInFlight):
        auth.sign_in(session, email=person.email, password=PASSWORD, client_key="ip")
    # A sign-in stuck "being checked" (its worker died) settles as a failure after a while.
    later = auth.clock.now() + attempts.PENDING_EXPIRY + attempts.PENDING_EXPIRY
    with pytest.raises(RateLimited) as refused:
        auth.sign_in(session, email=person.email, password=PASSWORD, client_key="ip", now=later)
    assert refused.value.code == "auth.rate_limited"


def test_sign_up_is_limited_per_client(session, engine):
    for index in range(auth.SIGN_UP_MAX_PER_CLIENT):
        auth.sign_up(
            session,
            email=f"new-{index}@example.org",
            display_name="New",
            password="x" * 12,
            client_key="one-client",
        )
    with pytest.raises(RateLimited) as refused:
        auth.sign_up(
            session,
            email="one-more@example.org",
            display_name="New",
            password="x" * 12,
            client_key="one-client",
        )
    assert refused.value.code == "auth.sign_up_rate_limited"
    # Another client is not affected.
    auth.sign_up(
        session,
        email="elsewhere@example.org",
        display_name="New",
        password="x" * 12,
        client_key="other-client",
    )


def test_concurrent_sign_ups_from_one_client(session, engine):
    outcomes = _burst(
        engine,
        lambda s, i: auth.sign_up(
            s,
            email=f"burst-{i}@example.org",
            display_name="Burst",
            password="x" * 12,
            client_key="bot",
        ),
    )
    assert outcomes["ok"] == auth.SIGN_UP_MAX_PER_CLIENT, outcomes
    assert outcomes["auth.sign_up_rate_limited"] == BURST - auth.SIGN_UP_MAX_PER_CLIENT
    assert session.exec(select(func.count()).select_from(User)).one() == (
        auth.SIGN_UP_MAX_PER_CLIENT
    )
