"""SMTP delivery of the outbox against a real SMTP server (aiosmtpd on a free port)."""

from __future__ import annotations

import threading
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session, select

from collab_app.models import Collective, OutboxMessage
from collab_app.services import feedback
from collab_app.services.mail import delivery as mailer
from collab_app.services.mail import outbox
from testkit.served import free_port
from tests.unit.feedback.test_feedback import ROUND1, at, outbox_rows, setup_schedule, token_of


class Sink:
    """Records every message the server accepts; refuses recipients listed in ``refuse``."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse: set[str] = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"

    def parsed(self):
        return [message_from_bytes(raw, policy=policy.default) for _, _, raw in self.messages]


@pytest.fixture
def smtp_server():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, sink
    controller.stop()


@pytest.fixture
def smtp_env(smtp_server, monkeypatch):
    controller, sink = smtp_server
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(controller.port))
    monkeypatch.delenv("SMTP_USER", raising=False)
    monkeypatch.delenv("SMTP_PASSWORD", raising=False)
    monkeypatch.delenv("SMTP_FROM", raising=False)
    # The operator checked the domain the tests' collective sends from.
    monkeypatch.setenv("SMTP_VERIFIED_DOMAINS", "atelier.example")
    return sink


def set_domain(session, collective, domain):
    row = session.get(Collective, collective.id)
    row.mail_domain = domain
    session.add(row)
    session.commit()


def add_message(session, world, n: int, to: str = "someone@client.example"):
    message = outbox.enqueue(
        session,
        collective_id=world.collective.id,
        project_id=world.project.id,
        kind="invitation",
        to_email=to,
        subject=f"Subject {n} é",
        body=f"Body {n} with accents: déjà vu",
        dedup_key=f"test:{n}",
    )
    session.commit()
    return message


def test_config_from_settings(monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    assert mailer.SmtpConfig.from_settings() is None
    monkeypatch.setenv("SMTP_HOST", "mail.example.org")
    monkeypatch.setenv("SMTP_PORT", "587")
    monkeypatch.setenv("SMTP_USER", "u")
    monkeypatch.setenv("SMTP_PASSWORD", "p")
    monkeypatch.setenv("SMTP_FROM", "Atelier <hello@atelier.example>")
    config = mailer.SmtpConfig.from_settings()
    assert (config.host, config.port, config.user, config.sender) == (
        "mail.example.org",
        587,
        "u",
        "Atelier <hello@atelier.example>",
    )
    monkeypatch.setenv("SMTP_PORT", "smtp")
    with pytest.raises(mailer.MailerConfigError):
        mailer.SmtpConfig.from_settings()


def test_default_sender_is_feedback_at_collective_domain():
    config = mailer.SmtpConfig(host="h", verified_domains=frozenset({"atelier.example"}))
    assert mailer.sender_for(config, Collective(name="A", mail_domain="atelier.example")) == (
        "feedback@atelier.example"
    )
    assert mailer.sender_for(config, Collective(name="A", mail_domain="")) == ""
    with_from = mailer.SmtpConfig(host="h", sender="noreply@host.example")
    assert mailer.sender_for(with_from, Collective(name="A", mail_domain="x.example")) == (
        "noreply@host.example"
    )


def test_nothing_happens_without_smtp(session, world, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    add_message(session, world, 1)
    assert mailer.deliver_outbox(session) == mailer.DeliveryReport()
    assert outbox_rows(session)[0].sent_at is None


def test_request_and_reminder_reach_a_real_smtp_server(session, world, smtp_env):
    set_domain(session, world.collective, "atelier.example")
    setup_schedule(session, world, extra_emails=["boss@client.example"])
    feedback.enqueue_due(session, now=ROUND1)
    report = mailer.deliver_outbox(session, now=ROUND1)
    assert (report.sent, report.failed) == (2, 0)
    rows = outbox_rows(session, "feedback_request")
    assert all(r.sent_at == ROUND1 and r.claimed_until is None for r in rows)
    token = token_of(rows[1])
    feedback.enqueue_due(session, now=at(2026, 1, 22, 8))
    # The reminder carries the link now: the delivered request keeps it no longer.
    assert all(
        r.link == "" and token not in r.body for r in outbox_rows(session, "feedback_request")
    )
    assert mailer.deliver_outbox(session, now=at(2026, 1, 22, 8)).sent == 2
    assert mailer.deliver_outbox(session, now=at(2026, 1, 22, 9)).sent == 0  # nothing twice
    mails = smtp_env.parsed()
    assert len(mails) == 4
    assert {m["From"] for m in mails} == {"feedback@atelier.example"}
    envelope_senders = {sender for sender, _, _ in smtp_env.messages}
    assert envelope_senders == {"feedback@atelier.example"}
    by_kind = {}
    for mail in mails:
        by_kind.setdefault(mail["X-Collab-Message-Kind"], []).append(mail)
    assert sorted(by_kind) == ["feedback_reminder", "feedback_request"]
    request_to_boss = next(m for m in by_kind["feedback_request"] if m["To"] == rows[1].to_email)
    reminder_to_boss = next(m for m in by_kind["feedback_reminder"] if m["To"] == rows[1].to_email)
    # The link in both mails is the one that opens the form.
    assert f"/feedback/{token}" in request_to_boss.get_content()
    assert f"/feedback/{token}" in reminder_to_boss.get_content()
    assert "Rappel" in reminder_to_boss["Subject"]
    assert feedback.open_form(session, token=token, now=at(2026, 1, 22, 9)).status == "open"


def test_utf8_subject_and_body(session, world, smtp_env):
    set_domain(session, world.collective, "atelier.example")
    add_message(session, world, 1)
    assert mailer.deliver_outbox(session).sent == 1
    mail = smtp_env.parsed()[0]
    assert mail["Subject"] == "Subject 1 é"
    assert "déjà vu" in mail.get_content()
    assert mail["Message-ID"].endswith("@atelier.example>")


def test_smtp_from_overrides_domain(session, world, smtp_env, monkeypatch):
    monkeypatch.setenv("SMTP_FROM", "noreply@relay.example")
    add_message(session, world, 1)
    assert mailer.deliver_outbox(session).sent == 1
    assert smtp_env.parsed()[0]["From"] == "noreply@relay.example"


def test_no_sender_is_an_error_not_a_send(session, world, smtp_env):
    add_message(session, world, 1)
    report = mailer.deliver_outbox(session, now=ROUND1)
    assert (report.sent, report.failed) == (0, 1)
    row = outbox_rows(session)[0]
    assert row.sent_at is None and row.attempts == 1 and "SMTP_FROM" in row.last_error
    assert smtp_env.messages == []


def test_connection_failure_retries_with_backoff(session, world, monkeypatch):
    set_domain(session, world.collective, "atelier.example")
    add_message(session, world, 1)
    dead = mailer.SmtpConfig(host="127.0.0.1", port=free_port(), timeout=5)
    report = mailer.deliver_outbox(session, config=dead, now=ROUND1)
    assert (report.sent, report.failed, report.gave_up) == (0, 1, 0)
    row = outbox_rows(session)[0]
    assert row.attempts == 1 and row.last_error and row.claimed_until is None
    assert row.next_attempt_at == ROUND1 + timedelta(minutes=1)
    # Not retried before the back-off; retried after it.
    assert (
        mailer.deliver_outbox(session, config=dead, now=ROUND1 + timedelta(seconds=30)).failed == 0
    )
    assert (
        mailer.deliver_outbox(session, config=dead, now=ROUND1 + timedelta(minutes=1)).failed == 1
    )
    row = outbox_rows(session)[0]
    assert row.attempts == 2 and row.next_attempt_at == ROUND1 + timedelta(minutes=3)


def test_retry_succeeds_once_the_server_is_back(session, world, smtp_server):
    controller, sink = smtp_server
    set_domain(session, world.collective, "atelier.example")
    add_message(session, world, 1)
    dead = mailer.SmtpConfig(host="127.0.0.1", port=free_port(), timeout=5)
    mailer.deliver_outbox(session, config=dead, now=ROUND1)
    live = mailer.SmtpConfig(
        host="127.0.0.1", port=controller.port, verified_domains=frozenset({"atelier.example"})
    )
    assert mailer.deliver_outbox(session, config=live, now=ROUND1 + timedelta(minutes=2)).sent == 1
    row = outbox_rows(session)[0]
    assert row.sent_at is not None and row.attempts == 1 and row.last_error == ""
    assert len(sink.messages) == 1


def test_permanent_refusal_gives_up_and_others_still_go(session, world, smtp_env):
    set_domain(session, world.collective, "atelier.example")
    smtp_env.refuse.add("ghost@client.example")
    add_message(session, world, 1, to="ghost@client.example")
    add_message(session, world, 2, to="real@client.example")
    report = mailer.deliver_outbox(session, now=ROUND1)
    assert (report.sent, report.failed, report.gave_up) == (1, 1, 1)
    ghost, real = outbox_rows(session)
    assert ghost.attempts == mailer.MAX_ATTEMPTS and "550" in ghost.last_error
    assert real.sent_at is not None
    assert mailer.deliver_outbox(session, now=ROUND1 + timedelta(days=1)).failed == 0


def test_live_claim_is_respected_and_lapsed_claim_is_taken(session, world, smtp_env):
    set_domain(session, world.collective, "atelier.example")
    message = add_message(session, world, 1)
    row = session.get(OutboxMessage, message.id)
    row.claimed_by, row.claimed_until = "other-host:1", ROUND1 + timedelta(minutes=5)
    session.add(row)
    session.commit()
    assert mailer.deliver_outbox(session, now=ROUND1).sent == 0
    assert mailer.deliver_outbox(session, now=ROUND1 + timedelta(minutes=6)).sent == 1
    assert len(smtp_env.messages) == 1


def test_two_instances_never_send_the_same_row(session, world, smtp_env, engine, monkeypatch):
    set_domain(session, world.collective, "atelier.example")
    for n in range(12):
        add_message(session, world, n, to=f"person{n}@client.example")
    barrier = threading.Barrier(2, timeout=20)
    original = mailer._candidates

    def racing_candidates(*args, **kwargs):
        ids = original(*args, **kwargs)
        barrier.wait()  # both runners hold the same list of unsent rows
        return ids

    monkeypatch.setattr(mailer, "_candidates", racing_candidates)
    reports, errors = [], []

    def runner(name):
        try:
            with Session(engine, expire_on_commit=False) as own:
                reports.append(mailer.deliver_outbox(own, now=ROUND1, worker=name))
        except Exception as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=runner, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sum(r.sent for r in reports) == 12
    recipients = sorted(rcpt for _, rcpts, _ in smtp_env.messages for rcpt in rcpts)
    assert recipients == sorted(f"person{n}@client.example" for n in range(12))
    session.expire_all()
    assert all(r.sent_at is not None for r in session.exec(select(OutboxMessage)).all())
