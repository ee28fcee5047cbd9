"""Outgoing mail cannot be turned into a spam cannon (issue #15, hardening 7 and 10).

- The sender domain is the operator's choice: a collective's own ``mail_domain`` is used only
  when the operator lists it in ``SMTP_VERIFIED_DOMAINS``.
- Each collective sends at most ``daily_limit`` messages a day (``daily_limit_new`` while it is
  new); the rest wait for the next day, nothing is lost.
- A message's link leaves the stored outbox once it is sent, and managers see links to copy
  only while no SMTP server delivers them.
"""

from __future__ import annotations

from datetime import timedelta

from collab_app.models import Collective
from collab_app.services import clock
from collab_app.services.mail import delivery as mailer
from collab_app.services.mail import outbox
from tests.unit.feedback.test_feedback import outbox_rows
from tests.unit.mail import test_mailer
from tests.unit.mail.test_mailer import add_message, set_domain

# The real SMTP server of the mailer's tests (aiosmtpd), with the operator's settings.
smtp_server = test_mailer.smtp_server
smtp_env = test_mailer.smtp_env


def test_an_unverified_collective_domain_is_never_the_sender():
    config = mailer.SmtpConfig(host="h", verified_domains=frozenset({"atelier.example"}))
    assert mailer.sender_for(config, Collective(name="A", mail_domain="atelier.example")) == (
        "feedback@atelier.example"
    )
    assert mailer.sender_for(config, Collective(name="B", mail_domain="bank.example")) == ""
    assert (
        mailer.sender_for(
            mailer.SmtpConfig(host="h"), Collective(name="C", mail_domain="x.example")
        )
        == ""
    )


def test_the_verified_domains_come_from_the_operator(monkeypatch):
    monkeypatch.setenv("SMTP_HOST", "mail.example.org")
    monkeypatch.setenv("SMTP_VERIFIED_DOMAINS", " Atelier.example, other.example ,")
    monkeypatch.setenv("MAIL_DAILY_LIMIT", "50")
    monkeypatch.setenv("MAIL_DAILY_LIMIT_NEW", "5")
    config = mailer.SmtpConfig.from_settings()
    assert config.verified_domains == frozenset({"atelier.example", "other.example"})
    assert (config.daily_limit, config.daily_limit_new) == (50, 5)


def test_unverified_domain_sends_nothing(session, world, smtp_env, monkeypatch):
    monkeypatch.setenv("SMTP_VERIFIED_DOMAINS", "")
    set_domain(session, world.collective, "bank.example")
    add_message(session, world, 1)
    report = mailer.deliver_outbox(session)
    assert report.sent == 0 and smtp_env.messages == []
    assert "SMTP_VERIFIED_DOMAINS" in outbox_rows(session)[0].last_error


def test_a_new_collective_sends_a_limited_number_a_day(session, world, smtp_env, monkeypatch):
    monkeypatch.setenv("MAIL_DAILY_LIMIT_NEW", "3")
    set_domain(session, world.collective, "atelier.example")
    for n in range(5):
        add_message(session, world, n)
    now = clock.now()
    report = mailer.deliver_outbox(session, now=now)
    assert (report.sent, report.deferred) == (3, 2)
    assert len(smtp_env.messages) == 3
    # The next hours send nothing more; the day after, the rest goes.
    assert mailer.deliver_outbox(session, now=now + timedelta(hours=2)).sent == 0
    assert mailer.deliver_outbox(session, now=now + timedelta(days=1, hours=1)).sent == 2
    assert all(row.sent_at is not None for row in outbox_rows(session))


def test_an_established_collective_gets_the_larger_limit(session, world, smtp_env, monkeypatch):
    monkeypatch.setenv("MAIL_DAILY_LIMIT_NEW", "1")
    monkeypatch.setenv("MAIL_DAILY_LIMIT", "4")
    set_domain(session, world.collective, "atelier.example")
    row = session.get(Collective, world.collective.id)
    row.created_at = clock.now() - mailer.NEW_COLLECTIVE_AGE - timedelta(days=1)
    session.add(row)
    session.commit()
    for n in range(5):
        add_message(session, world, n)
    assert mailer.deliver_outbox(session).sent == 4


def test_a_sent_message_keeps_no_link(session, world, smtp_env):
    set_domain(session, world.collective, "atelier.example")
    message = outbox.enqueue(
        session,
        collective_id=world.collective.id,
        project_id=world.project.id,
        kind="invitation",
        to_email="boss@client.example",
        subject="Join us",
        body="Open https://app.example/invite/SECRET-TOKEN to join.",
        link="https://app.example/invite/SECRET-TOKEN",
        dedup_key="link:1",
    )
    session.commit()
    assert mailer.deliver_outbox(session).sent == 1
    assert "SECRET-TOKEN" in smtp_env.parsed()[0].get_content()
    stored = outbox_rows(session)[0]
    assert stored.id == message.id
    assert "SECRET-TOKEN" not in stored.link + stored.body


def test_managers_see_links_only_while_no_smtp_delivers_them(session, world, monkeypatch):
    outbox.enqueue(
        session,
        collective_id=world.collective.id,
        project_id=world.project.id,
        kind="feedback_request",
        to_email="boss@client.example",
        subject="Your opinion",
        body="Open https://app.example/feedback/SECRET-TOKEN to answer.",
        link="https://app.example/feedback/SECRET-TOKEN",
        dedup_key="link:2",
    )
    session.commit()
    monkeypatch.delenv("SMTP_HOST", raising=False)
    views = outbox.list_for_project(session, world.manager, project_id=world.project.id)
    assert views[0].link.endswith("SECRET-TOKEN")
    monkeypatch.setenv("SMTP_HOST", "mail.example.org")
    views = outbox.list_for_project(session, world.manager, project_id=world.project.id)
    assert views[0].link == ""
