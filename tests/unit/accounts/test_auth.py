from datetime import timedelta

import pytest
from sqlmodel import select

from collab_app.models import AuthSession, User
from collab_app.services.accounts import auth, passwords
from collab_app.services.errors import RateLimited, ValidationError
from collab_app.services.tokens import hash_token
from testkit.factories import PASSWORD, make_user

T0 = auth.clock.now()


def test_sign_up_normalizes_email_and_hashes_password(session):
    user = auth.sign_up(
        session, email="  Alice@Example.ORG ", display_name=" Alice  M ", password="x" * 12
    )
    assert user.email == "alice@example.org"
    assert user.display_name == "Alice M"
    assert user.password_hash.startswith("$argon2")
    assert "x" * 12 not in user.password_hash


@pytest.mark.parametrize(
    "email", ["", "not-an-email", "a@", "@b.fr", "a b@c.fr", "x" * 250 + "@a.fr"]
)
def test_sign_up_rejects_malformed_email(session, email):
    with pytest.raises(ValidationError) as err:
        auth.sign_up(session, email=email, display_name="A", password="x" * 12)
    assert err.value.code == "auth.email_invalid"
    assert err.value.field == "email"


def test_sign_up_rejects_duplicate_email_case_insensitively(session):
    auth.sign_up(session, email="bob@example.org", display_name="Bob", password="x" * 12)
    with pytest.raises(ValidationError) as err:
        auth.sign_up(session, email="BOB@Example.org", display_name="Bob 2", password="y" * 12)
    assert err.value.code == "auth.email_taken"
    assert len(session.exec(select(User)).all()) == 1


def test_sign_up_rejects_short_password(session):
    with pytest.raises(ValidationError) as err:
        auth.sign_up(session, email="c@example.org", display_name="C", password="x" * 11)
    assert err.value.code == "auth.password_too_short"
    assert err.value.params == {"min": 12}


def test_sign_in_returns_token_stored_only_as_hash(session):
    viewer = make_user(session, "Dana")
    user, token = auth.sign_in(
        session, email=viewer.email.upper(), password=PASSWORD, client_key="ip1"
    )
    assert user.id == viewer.user_id
    stored = session.exec(select(AuthSession)).one()
    assert stored.token_hash == hash_token(token)
    assert token not in stored.token_hash
    assert auth.resolve_session(session, token).user_id == viewer.user_id


def test_wrong_password_and_unknown_email_give_the_same_error(session):
    viewer = make_user(session, "Eve")
    for email in (viewer.email, "nobody@example.org"):
        with pytest.raises(ValidationError) as err:
            auth.sign_in(session, email=email, password="wrong-password!", client_key="ip")
        assert err.value.code == "auth.bad_credentials"


def test_rate_limit_per_account(session):
    viewer = make_user(session, "Finn")
    for i in range(auth.RATE_LIMIT_MAX_FAILURES):
        with pytest.raises(ValidationError):
            auth.sign_in(session, email=viewer.email, password="bad", client_key=f"ip{i}", now=T0)
    # Even the right password is refused while the account is limited, from a new client.
    with pytest.raises(RateLimited) as err:
        auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key="fresh", now=T0)
    assert err.value.params == {"minutes": 15}
    # After the window, it works again.
    _, token = auth.sign_in(
        session,
        email=viewer.email,
        password=PASSWORD,
        client_key="fresh",
        now=T0 + timedelta(minutes=16),
    )
    assert token


def test_rate_limit_per_client(session):
    targets = [make_user(session, f"T{i}") for i in range(6)]
    for target in targets[:5]:
        with pytest.raises(ValidationError):
            auth.sign_in(session, email=target.email, password="bad", client_key="attacker", now=T0)
    with pytest.raises(RateLimited):
        auth.sign_in(
            session, email=targets[5].email, password=PASSWORD, client_key="attacker", now=T0
        )
    _, token = auth.sign_in(
        session, email=targets[5].email, password=PASSWORD, client_key="other", now=T0
    )
    assert token


def test_session_idle_expiry_and_last_seen_refresh(session):
    viewer = make_user(session, "Gus")
    _, token = auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key="ip", now=T0)
    later = T0 + timedelta(days=13)
    assert auth.resolve_session(session, token, now=later) is not None  # refreshes last-seen
    assert auth.resolve_session(session, token, now=later + timedelta(days=13)) is not None
    assert auth.resolve_session(session, token, now=later + timedelta(days=13 + 15)) is None


def test_sign_out_revokes(session):
    viewer = make_user(session, "Hana")
    _, token = auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key="ip")
    auth.sign_out(session, token=token)
    assert auth.resolve_session(session, token) is None


@pytest.mark.parametrize("token", ["", "forged", "x" * 500, hash_token("abc")])
def test_forged_tokens_resolve_to_nobody(session, token):
    make_user(session, "Ivy")
    assert auth.resolve_session(session, token) is None


def test_password_change_revokes_every_session_and_opens_a_new_one(session):
    viewer = make_user(session, "Jo")
    _, first = auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key="a")
    _, second = auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key="b")
    new_token = auth.change_password(
        session, viewer, current_password=PASSWORD, new_password="a-new-long-password"
    )
    assert auth.resolve_session(session, first) is None
    assert auth.resolve_session(session, second) is None
    assert auth.resolve_session(session, new_token).user_id == viewer.user_id
    _, token = auth.sign_in(
        session, email=viewer.email, password="a-new-long-password", client_key="c"
    )
    assert token


def test_password_change_requires_current_password(session):
    viewer = make_user(session, "Kim")
    with pytest.raises(ValidationError) as err:
        auth.change_password(session, viewer, current_password="nope", new_password="b" * 12)
    assert err.value.field == "current_password"


def test_outdated_hash_is_upgraded_on_sign_in(session):
    viewer = make_user(session, "Lou")
    user = session.get(User, viewer.user_id)
    from passlib.hash import argon2

    user.password_hash = argon2.using(rounds=1, memory_cost=1024).hash(PASSWORD)
    session.add(user)
    session.commit()
    old_hash = user.password_hash
    auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key="ip")
    session.refresh(user)
    assert user.password_hash != old_hash
    assert passwords.verify_password(PASSWORD, user.password_hash)[0]


def test_update_profile_validates_fields(session):
    viewer = make_user(session, "Max")
    updated = auth.update_profile(
        session, viewer, display_name="Max B", locale="fr", timezone="America/Montreal"
    )
    assert (updated.display_name, updated.locale, updated.timezone) == (
        "Max B",
        "fr",
        "America/Montreal",
    )
    with pytest.raises(ValidationError) as err:
        auth.update_profile(
            session, viewer, display_name="Max", locale="de", timezone="Europe/Paris"
        )
    assert err.value.field == "locale"
    with pytest.raises(ValidationError) as err:
        auth.update_profile(session, viewer, display_name="Max", locale="", timezone="Mars/Olympus")
    assert err.value.field == "timezone"


def test_unknown_email_costs_the_same_hashing_work(monkeypatch, session):
    calls = []
    real = passwords._context.verify

    def counting_verify(secret, hash_):
        calls.append(hash_)
        return real(secret, hash_)

    monkeypatch.setattr(passwords._context, "verify", counting_verify)
    with pytest.raises(ValidationError):
        auth.sign_in(session, email="ghost@example.org", password="whatever-pass", client_key="ip")
    assert calls == [passwords._DUMMY_HASH]


def _kept_signed_out_and_idle(session, name: str):
    """One person's three sessions: one kept, one signed out, one idle at the returned time."""
    viewer = make_user(session, name)
    tokens = {
        kind: auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key=kind, now=T0)[
            1
        ]
        for kind in ("kept", "signed_out", "idle")
    }
    auth.sign_out(session, token=tokens["signed_out"])
    later = T0 + timedelta(days=10)
    assert auth.resolve_session(session, tokens["kept"], now=later)  # moves its last-seen
    # "idle" last seen 15 days before it, "kept" 5 days before it.
    return viewer, tokens, later + timedelta(days=5)


def test_live_session_hashes_agree_with_resolve_session(session):
    """The live watcher's batch check keeps exactly the sessions ``resolve_session`` accepts."""
    _, tokens, now = _kept_signed_out_and_idle(session, "Lou")
    asked = {hash_token(t) for t in tokens.values()} | {hash_token("unknown")}
    assert auth.live_session_hashes(session, asked, now=now) == {hash_token(tokens["kept"])}
    for name, token in tokens.items():
        assert (auth.resolve_session(session, token, now=now) is not None) == (name == "kept")
    assert auth.live_session_hashes(session, set()) == set()


def test_sessions_resolved_together_agree_with_resolve_session(session):
    """The live task's check of many tabs at once gives what each tab's own check would."""
    viewer, tokens, now = _kept_signed_out_and_idle(session, "Max")
    hashes = {name: hash_token(token) for name, token in tokens.items()}
    resolved = auth.resolve_sessions(session, {*hashes.values(), hash_token("unknown")}, now=now)
    assert resolved[hashes["kept"]].user_id == viewer.user_id
    assert resolved[hashes["signed_out"]] is None
    assert resolved[hashes["idle"]] is None
    assert resolved[hash_token("unknown")] is None
    # Last-seen moved as ``resolve_session`` moves it.
    seen = session.exec(
        select(AuthSession.last_seen_at).where(AuthSession.token_hash == hashes["kept"])
    ).one()
    assert seen.replace(tzinfo=None) == now.replace(tzinfo=None)
    assert auth.resolve_sessions(session, set()) == {}


def test_resolve_session_answers_from_sessions_resolved_together(session):
    from sqlmodel import Session

    from tests.unit.board.support import QueryCounter

    viewer = make_user(session, "Nell")
    _, token = auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key="ip")
    _, ended = auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key="ip2")
    resolved = auth.resolve_sessions(session, {hash_token(token), hash_token(ended)})
    auth.sign_out(session, token=ended)
    resolved_after = auth.resolve_sessions(session, {hash_token(token), hash_token(ended)})
    with Session(session.get_bind(), info=auth.known_sessions(resolved_after)) as fresh:
        with QueryCounter(fresh) as counter:
            assert auth.resolve_session(fresh, token).user_id == viewer.user_id
            assert auth.resolve_session(fresh, ended) is None
        assert counter.count == 0
        # A session the check did not cover is read as always.
        _, other = auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key="ip3")
        with QueryCounter(fresh) as counter:
            assert auth.resolve_session(fresh, other).user_id == viewer.user_id
        assert counter.count == 1
    assert resolved[hash_token(ended)] is not None  # the earlier check saw it still open
