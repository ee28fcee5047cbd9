"""The job runner: run_due, two concurrent instances, the periodic task and the CLI."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlmodel import Session, SQLModel, create_engine, select

from collab_app import jobs
from collab_app.models import FeedbackRequest, OutboxMessage
from collab_app.services import feedback
from collab_app.services.feedback import sending as feedback_schedule
from collab_app.services.mail import delivery as mailer
from testkit import factories
from tests.unit.feedback.test_feedback import ROUND1, at, outbox_rows, setup_schedule
from tests.unit.mail import test_mailer
from tests.unit.mail.test_mailer import set_domain

# The real SMTP server fixtures of the mailer tests.
smtp_server = test_mailer.smtp_server
smtp_env = test_mailer.smtp_env

ROOT = Path(__file__).resolve().parents[3]


def test_run_due_without_smtp_queues_only(session, world, use_test_db, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    setup_schedule(session, world)
    report = jobs.run_due(now=ROUND1)
    assert (report.rounds, report.requests, report.reminders) == (1, 1, 0)
    assert (report.smtp_configured, report.sent, report.waiting) == (False, 0, 1)
    assert report.ok
    assert "SMTP not configured" in report.summary()
    assert jobs.run_due(now=ROUND1).requests == 0


def test_run_due_sends_request_then_reminder(session, world, use_test_db, smtp_env):
    set_domain(session, world.collective, "atelier.example")
    setup_schedule(session, world)
    first = jobs.run_due(now=ROUND1)
    assert (first.requests, first.sent, first.waiting, first.errors) == (1, 1, 0, ())
    reminder = jobs.run_due(now=at(2026, 1, 22, 8))
    assert (reminder.reminders, reminder.sent) == (1, 1)
    assert "mails sent: 1" in reminder.summary()
    kinds = [m["X-Collab-Message-Kind"] for m in smtp_env.parsed()]
    assert kinds == ["feedback_request", "feedback_reminder"]


def test_two_app_instances_send_everything_exactly_once(
    session, world, engine, use_test_db, smtp_env, monkeypatch
):
    """Two runners in threads, forced to read the same due work before either writes."""
    set_domain(session, world.collective, "atelier.example")
    setup_schedule(session, world, extra_emails=["boss@client.example", "cto@client.example"])
    barriers = {name: threading.Barrier(2, timeout=20) for name in ("round", "remind", "mail")}

    def racing(module, name, key):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            result = original(*args, **kwargs)
            if result:
                barriers[key].wait()
            return result

        monkeypatch.setattr(module, name, wrapper)

    racing(feedback_schedule, "recipients", "round")
    racing(feedback_schedule, "_due_reminder_ids", "remind")
    racing(mailer, "_candidates", "mail")

    def run_twice(now):
        for barrier in barriers.values():
            barrier.reset()
        reports, errors = [], []

        def runner():
            try:
                reports.append(jobs.run_due(now=now))
            except Exception as exc:  # pragma: no cover - shown by the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=runner) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(90)
        assert errors == []
        assert all(r.errors == () for r in reports), [r.errors for r in reports]
        return reports

    reports = run_twice(ROUND1)
    assert sorted(r.requests for r in reports) == [0, 3]
    assert sum(r.sent for r in reports) == 3
    reports = run_twice(at(2026, 1, 22, 8))
    assert sum(r.reminders for r in reports) == 3
    assert sum(r.sent for r in reports) == 3
    received = sorted(
        (m["X-Collab-Message-Kind"], m["To"].split(".")[0]) for m in smtp_env.parsed()
    )
    assert received == sorted(
        (kind, who)
        for kind in ("feedback_request", "feedback_reminder")
        for who in ("client", "boss@client", "cto@client")
    )
    assert len(session.exec(select(FeedbackRequest)).all()) == 3
    assert all(m.sent_at is not None for m in outbox_rows(session))


def test_run_due_reports_a_broken_schedule_and_goes_on(session, world, use_test_db, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    setup_schedule(session, world)
    other = world.other_project
    factories.add_project_member(session, other, world.client, "client")
    utc = feedback.ScheduleSettings(timezone="UTC")
    feedback.configure_schedule(session, world.outsider, project_id=other.id, settings=utc)
    feedback.add_contact(session, world.outsider, project_id=other.id, user_id=world.client.user_id)
    original = feedback_schedule.send_round

    def flaky(session_, schedule, project, **kwargs):
        if project.id == other.id:
            raise RuntimeError("boom")
        return original(session_, schedule, project, **kwargs)

    monkeypatch.setattr(feedback_schedule, "send_round", flaky)
    report = jobs.run_due(now=at(2026, 1, 19, 10))  # both schedules are due
    assert report.requests == 1
    assert not report.ok and "boom" in report.errors[0]


def test_periodic_jobs_runs_until_cancelled(monkeypatch):
    calls = []

    def fake_run_due(now=None):
        calls.append(now)
        if len(calls) == 2:
            raise RuntimeError("transient")  # logged, the loop goes on
        return jobs.JobReport()

    monkeypatch.setattr(jobs, "run_due", fake_run_due)

    async def scenario():
        task = asyncio.create_task(jobs.periodic_jobs(0.01, first_delay=0))
        while len(calls) < 4:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(asyncio.wait_for(scenario(), 10))
    assert len(calls) >= 4


def test_periodic_jobs_disabled_by_zero(monkeypatch):
    monkeypatch.setenv("JOBS_INTERVAL_SECONDS", "0")
    assert jobs.interval_seconds() == 0
    asyncio.run(asyncio.wait_for(jobs.periodic_jobs(), 2))  # returns at once
    monkeypatch.setenv("JOBS_INTERVAL_SECONDS", "soon")
    assert jobs.interval_seconds() == jobs.DEFAULT_INTERVAL_SECONDS


def test_cli_main_prints_summary(session, world, use_test_db, monkeypatch, capsys):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    setup_schedule(session, world)
    monkeypatch.setattr(jobs.clock, "now", lambda: ROUND1)
    assert jobs.main(["run-due"]) == 0
    out = capsys.readouterr().out
    assert "feedback requests queued: 1" in out


def test_cli_main_failure_is_one_clear_line(monkeypatch, capsys):
    def broken(now=None):
        raise mailer.MailerConfigError("SMTP_PORT is not a port number: 'x'")

    monkeypatch.setattr(jobs, "run_due", broken)
    assert jobs.main(["run-due"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "run-due failed: MailerConfigError: SMTP_PORT is not a port number: 'x'"
    with pytest.raises(SystemExit) as exit_info:
        jobs.main(["explode"])
    assert exit_info.value.code == 2


def _cli(env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SMTP_", "DATABASE_URL"))}
    env.pop("REFLEX_DB_URL", None)
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "collab_app.jobs", "run-due"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_process_success_and_failures(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = create_engine(url)
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    ok = _cli({"DATABASE_URL": url})
    assert ok.returncode == 0, ok.stderr
    assert "feedback requests queued: 0" in ok.stdout
    assert "Traceback" not in ok.stderr
    bad_port = _cli({"DATABASE_URL": url, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": "abc"})
    assert bad_port.returncode == 1
    assert "run-due failed: MailerConfigError" in bad_port.stderr
    assert "Traceback" not in bad_port.stderr
    empty = _cli({"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}"})  # not migrated
    assert empty.returncode == 1
    assert empty.stderr.splitlines() == [
        "run-due failed: OperationalError: no such table: feedbackschedule",
        "Is the database reachable and migrated? Run: python -m collab_app.manage migrate",
    ]


def test_outbox_waiting_count_ignores_given_up_rows(session, world, use_test_db, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    row = OutboxMessage(
        collective_id=world.collective.id,
        kind="test",
        to_email="x@example.org",
        subject="s",
        body="b",
        dedup_key="test:given-up",
        attempts=mailer.MAX_ATTEMPTS,
    )
    session.add(row)
    session.commit()
    with Session(use_test_db) as other:
        assert other.exec(select(OutboxMessage)).one().attempts == mailer.MAX_ATTEMPTS
    assert jobs.run_due(now=ROUND1).waiting == 0
