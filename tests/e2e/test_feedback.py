"""Client feedback in a real browser: the public form on a phone, the team's results, privacy.

Form links are created through the services against the served app's database (only the hash
of a token is stored, so a test keeps the token the service hands back).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import update
from sqlmodel import Session, create_engine, select

from collab_app.models import FeedbackRequest, FeedbackSchedule, Project, User
from collab_app.services import clock, feedback
from collab_app.services.accounts.auth import viewer_for
from collab_app.services.feedback import sending as feedback_schedule
from tests.e2e.helpers import DEMO_USERS, collect_ws_frames, save_screenshot, sign_in

DEMO_PROJECT = "Boulangerie Dupont website"
# Texts of the demo's answers and action: none may ever reach a client's or guest's browser.
DEMO_SECRETS = (
    "Les factures arrivent en retard",
    "More photos of the bread on the home page",
    "Nous aimerions un point régulier",
    "Online ordering works great",
    "Un point de 15 minutes chaque semaine",
    "(e2e)",  # what these tests typed as a client or as a manager
)


@pytest.fixture(scope="module")
def engine(app_server) -> Iterator[object]:
    """An engine on the served app's database."""
    db = create_engine(app_server.database_url)
    yield db
    db.dispose()


def _project(session: Session) -> Project:
    return session.exec(select(Project).where(Project.name == DEMO_PROJECT)).one()


def _viewer(session: Session, role: str):
    user = session.exec(select(User).where(User.email == DEMO_USERS[role])).one()
    return viewer_for(user)


def _new_link(engine, *, expired: bool = False) -> tuple[str, int]:
    """Send a round of the demo project now; return David's form path and the project id."""
    with Session(engine) as session:
        project = _project(session)
        schedule = session.exec(
            select(FeedbackSchedule).where(FeedbackSchedule.project_id == project.id)
        ).one()
        sent = feedback_schedule.send_round(
            session, schedule, project, now=clock.now(), manual=True
        )
        mine = next(s for s in sent if s.email == DEMO_USERS["client"])
        if expired:
            session.exec(
                update(FeedbackRequest)
                .where(FeedbackRequest.id == mine.request_id)
                .values(expires_at=clock.now() - timedelta(minutes=1))
            )
            session.commit()
        return f"/feedback/{mine.token}", project.id


def _let_send_now_through(engine, project_id: int) -> None:
    """Age the project's requests past "send now"'s 10-minute cooldown, and resume sending."""
    with Session(engine) as session:
        earlier = clock.now() - timedelta(hours=1)
        session.exec(
            update(FeedbackSchedule)
            .where(FeedbackSchedule.project_id == project_id)
            .values(last_round_at=earlier, status="active")
        )
        session.exec(
            update(FeedbackRequest)
            .where(FeedbackRequest.project_id == project_id, FeedbackRequest.sent_at > earlier)
            .values(sent_at=earlier)
        )
        session.commit()


def _project_id(engine) -> int:
    with Session(engine) as session:
        return _project(session).id


def _no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def test_client_answers_on_a_phone_and_the_manager_sees_it(new_page, base_url, engine) -> None:
    path, project_id = _new_link(engine)
    client = new_page("phone")  # an English browser: the form follows David's language (fr)
    client.goto(path)
    expect(client.get_by_role("heading", name=f"Comment se passe {DEMO_PROJECT} ?")).to_be_visible()
    _no_horizontal_scroll(client)

    # 0-10 without 7, and one line says why.
    scores = client.locator('input[name="score"]')
    expect(scores).to_have_count(10)
    values = [scores.nth(i).get_attribute("value") for i in range(10)]
    assert values == ["0", "1", "2", "3", "4", "5", "6", "8", "9", "10"]
    expect(client.get_by_label("7", exact=True)).to_have_count(0)
    expect(client.get_by_text("Il n'y a pas de 7")).to_be_visible()

    # Errors next to their fields; nothing typed is lost.
    liked = "Le suivi hebdomadaire très clair (e2e)"
    too_long = "x" * 1001
    client.locator("#appreciated_1").fill(liked)
    client.locator("#comment").fill(too_long)
    client.get_by_role("button", name="Envoyer mon avis").click()
    expect(client.locator("#score-error")).to_have_text("Veuillez choisir une note de 0 à 10.")
    expect(client.locator("#ranking-error")).to_be_visible()
    expect(client.locator("#comment-error")).to_contain_text("1000")
    expect(client.locator("#form-error")).to_be_visible()
    expect(client.locator("#appreciated_1")).to_have_value(liked)
    expect(client.locator("#comment")).to_have_value(too_long)

    # A forged 7 is refused by the server too.
    client.evaluate(
        """() => {
            const seven = document.createElement('input');
            seven.type = 'radio'; seven.name = 'score'; seven.value = '7'; seven.checked = true;
            document.getElementById('feedback-form').appendChild(seven);
        }"""
    )
    client.locator("#comment").fill("")
    client.get_by_role("button", name="Envoyer mon avis").click()
    expect(client.locator("#score-error")).to_contain_text("Le 7 n'est pas proposé")
    client.evaluate(
        "() => document.querySelector('#feedback-form input[name=score][value=\"7\"]').remove()"
    )

    # The manager, on a phone too, has the results open while the client answers.
    manager = new_page("phone")
    sign_in(manager, base_url, DEMO_USERS["owner"])
    manager.goto(f"/projects/{project_id}/feedback")
    expect(manager.locator("#fb-nps")).to_be_visible()
    expect(manager.locator("#fb-answers")).not_to_contain_text(liked)

    improve = "Des maquettes mobiles plus tôt (e2e)"
    client.locator('label[for="score-6"]').click()
    client.locator('label[for="ranking-top25"]').click()
    client.locator("#improvements_1").fill(improve)
    save_screenshot(client, "feedback-form-phone")
    client.get_by_role("button", name="Envoyer mon avis").click()
    expect(client.get_by_role("heading", name="Merci !")).to_be_visible()
    expect(client.get_by_text("Votre avis a été transmis à Atelier Nord")).to_be_visible()

    # Re-opening the link: already answered, the first answer kept.
    client.reload()
    expect(client.get_by_role("heading", name="Déjà répondu")).to_be_visible()
    expect(client.get_by_text("Votre première réponse est conservée")).to_be_visible()
    expect(client.locator("#feedback-form")).to_have_count(0)

    with Session(engine) as session:
        results = feedback.project_results(
            session, _viewer(session, "owner"), project_id=project_id
        )
    mine = next(a for a in results.answers if liked in a.appreciated)
    assert (mine.score, mine.ranking, mine.needs_call) == (6, "top25", True)
    expected_nps = results.summary.nps

    # The answer, its follow-up flag and the new NPS reach the manager's page without a reload.
    answer = manager.locator(f"#answer-{mine.id}")
    expect(answer).to_contain_text(liked)
    expect(answer).to_contain_text(improve)
    expect(answer).to_contain_text("6/10")
    expect(answer).to_contain_text("Proposer un appel de 30 minutes")
    expect(manager.locator("#fb-nps")).to_have_text(
        f"+{expected_nps}" if expected_nps > 0 else str(expected_nps)
    )
    expect(manager.locator("#fb-trend")).to_contain_text("n=")
    _no_horizontal_scroll(manager)
    manager.reload()
    expect(manager.locator(f"#answer-{mine.id}")).to_contain_text(improve)
    save_screenshot(manager, "feedback-manager-phone")


@pytest.mark.parametrize("role", ["client", "guest"])
def test_results_are_not_found_for_clients_and_guests(new_page, base_url, engine, role) -> None:
    project_id = _project_id(engine)
    page = new_page("phone")
    frames = collect_ws_frames(page)
    sign_in(page, base_url, DEMO_USERS[role])
    page.goto(f"/projects/{project_id}")
    expect(page.get_by_role("heading", name=DEMO_PROJECT)).to_be_visible()
    # The project's menu does not offer the results; the URL answers "not found".
    expect(page.locator(f'a[href="/projects/{project_id}/board"]')).to_be_visible()
    expect(page.locator(f'a[href="/projects/{project_id}/feedback"]')).to_have_count(0)
    page.goto(f"/projects/{project_id}/feedback")
    expect(page.locator("#not-found")).to_be_visible()
    expect(page.locator("#fb-nps")).to_have_count(0)
    with Session(engine) as session:
        collective_id = session.get(Project, project_id).collective_id
    page.goto(f"/collectives/{collective_id}/feedback")
    expect(page.locator("#not-found")).to_be_visible()
    page.wait_for_timeout(1000)
    received = "\n".join(frames)
    assert "delta" in received  # the frames were captured
    leaked = [text for text in DEMO_SECRETS if text in received]
    assert leaked == []


def test_expired_and_unknown_links_say_so(new_page, engine) -> None:
    expired_path, _ = _new_link(engine, expired=True)
    page = new_page("phone")
    page.goto(expired_path)
    expect(page.get_by_role("heading", name="Lien expiré")).to_be_visible()
    expect(page.get_by_text("Ce lien d'avis a expiré")).to_be_visible()
    expect(page.locator("#feedback-form")).to_have_count(0)
    page.goto("/feedback/not-a-real-token")
    expect(page.get_by_role("heading", name="Link not valid")).to_be_visible()
    expect(page.get_by_text("This feedback link is not valid")).to_be_visible()


def test_manager_controls_outbox_and_actions(new_page, base_url, engine) -> None:
    project_id = _project_id(engine)
    _let_send_now_through(engine, project_id)
    page = new_page("desktop")
    sign_in(page, base_url, DEMO_USERS["owner"])
    page.goto(f"/projects/{project_id}/feedback")
    status = page.locator("#fb-schedule-status")
    expect(status).to_have_text("Actif")
    page.get_by_role("button", name="Mettre en pause").click()
    expect(status).to_have_text("En pause")
    expect(page.locator("#fb-next-due")).to_have_text(
        "Aucune demande prévue (en pause, ou aucun contact)."
    )
    page.get_by_role("button", name="Reprendre").click()
    expect(status).to_have_text("Actif")
    expect(page.locator("#fb-next-due")).to_contain_text("Prochaine demande")

    # No SMTP in the tests: the outbox offers each unsent link to copy.
    outbox = page.locator("#fb-outbox")
    expect(outbox).to_contain_text("Aucun serveur de mail n'est configuré")
    page.locator("#fb-send-now").click()
    expect(page.get_by_text("2 demandes d'avis mises en file d'envoi.")).to_be_visible()
    # One open form link per contact to copy: the newer links replace the older ones.
    requests = outbox.locator(".fb-row", has=page.locator(".fb-outbox-kind", has_text="Demande"))
    expect(requests.locator(".fb-outbox-link")).to_have_count(2)
    expect(outbox.locator(".fb-outbox-link").first).to_contain_text("/feedback/")
    expect(outbox.locator(".fb-outbox-state", has_text="remplacé").first).to_be_visible()

    # A contact without an account, asked in English; then removed again.
    schedule = page.locator("#fb-schedule")
    page.locator("#contact_email").fill("Nouveau.Contact@Client.example")
    page.locator("#contact_locale").select_option("en")
    page.get_by_role("button", name="Ajouter un contact").click()
    row = schedule.locator(".fb-contact").filter(has_text="nouveau.contact@client.example")
    expect(row).to_contain_text("EN")
    # The form empties once the contact is added; type the same address again after that.
    expect(page.locator("#contact_email")).to_have_value("")
    page.locator("#contact_email").fill("nouveau.contact@client.example")
    page.get_by_role("button", name="Ajouter un contact").click()
    expect(page.locator("#contact_email-error")).to_contain_text("déjà un contact")
    row.get_by_role("button", name="Retirer").click()
    expect(row).to_have_count(0)

    # Settings: a wrong value is explained next to its field.
    page.locator("#interval_days").fill("3")
    page.locator("#fb-schedule").get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#interval_days-error")).to_contain_text("entre 7 et 365")

    # Improvement actions and the client recap.
    text = "Envoyer les factures sous 48 h (e2e)"
    page.locator("#action_text").fill(text)
    page.get_by_role("button", name="Ajouter une action").click()
    added = page.locator("#fb-actions .fb-row").filter(has_text=text)
    expect(added).to_contain_text("partagé avec le client")  # shared by default
    page.get_by_role("button", name="Envoyer le récapitulatif au client").click()
    expect(
        page.get_by_text(re.compile(r"Récapitulatif mis en file pour \d+ contact"))
    ).to_be_visible()
    save_screenshot(page, "feedback-manager-desktop")


def test_member_reads_results_without_settings_and_collective_view(
    new_page, base_url, engine
) -> None:
    project_id = _project_id(engine)
    member = new_page("desktop")
    sign_in(member, base_url, DEMO_USERS["member"])
    member.goto(f"/projects/{project_id}/feedback")
    expect(member.locator("#fb-answers")).to_contain_text("Les factures arrivent en retard")
    expect(member.locator("#fb-nps")).to_be_visible()
    expect(member.locator("#fb-send-now")).to_have_count(0)
    expect(member.locator("#fb-outbox")).to_have_count(0)
    expect(member.locator("#fb-requests")).to_have_count(0)
    expect(member.locator("#fb-schedule")).not_to_contain_text("@")  # no addresses

    with Session(engine) as session:
        project = session.get(Project, project_id)
        collective_id = project.collective_id
        expected = feedback.collective_results(
            session, _viewer(session, "owner"), collective_id=collective_id
        ).summary.nps
    owner = new_page("phone")
    sign_in(owner, base_url, DEMO_USERS["owner"])
    owner.goto(f"/collectives/{collective_id}/feedback")
    expect(owner.locator("#fb-nps")).to_have_text(f"+{expected}" if expected > 0 else str(expected))
    expect(owner.locator("#fb-projects")).to_contain_text(DEMO_PROJECT)
    _no_horizontal_scroll(owner)
    save_screenshot(owner, "feedback-collective-phone")


# Raw outbox kinds as the code names them: a page must never show one.
RAW_KINDS = re.compile(
    r"\b(feedback_request|feedback_reminder|feedback_recap|change_order_\w+|"
    r"revision_round_\w+|invitation)\b"
)
FRENCH_DATE_TIME = re.compile(
    r"\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) "
    r"\d{4}, \d\d:\d\d"
)


def test_manager_journey_outbox_links_follow_up_call_send_now_and_dates(
    new_page, base_url, engine
) -> None:
    """Issue #16 items 1-6, as the manager meets them on the Feedback page."""
    project_id = _project_id(engine)
    _let_send_now_through(engine, project_id)
    path, _ = _new_link(engine)
    token = path.rsplit("/", 1)[1]
    with Session(engine) as session:
        feedback.submit_answer(
            session, token=token, score=5, ranking="top25", comment="Un appel, oui (e2e)"
        )
        results = feedback.project_results(
            session, _viewer(session, "owner"), project_id=project_id
        )
        mine = next(a for a in results.answers if a.comment == "Un appel, oui (e2e)")
        calls_before = results.needs_call
        david = session.exec(select(User).where(User.email == DEMO_USERS["client"])).one()

    page = new_page("desktop")
    sign_in(page, base_url, DEMO_USERS["owner"])
    page.goto(f"/projects/{project_id}/feedback")
    outbox = page.locator("#fb-outbox")
    expect(outbox.locator(".fb-outbox-kind").first).to_be_visible()

    # 1. Every mail is named in French, never by its code name.
    assert RAW_KINDS.search(outbox.inner_text()) is None
    expect(outbox.locator(".fb-outbox-kind", has_text="Demande d'avis").first).to_be_visible()

    # 2. The link David answered is shown as used, with nothing to copy.
    used = outbox.locator(".fb-row", has=page.locator(".fb-outbox-state", has_text="déjà utilisé"))
    expect(used.first).to_contain_text(DEMO_USERS["client"])
    expect(used.first.get_by_role("button", name="Copier")).to_have_count(0)
    expect(outbox).not_to_contain_text(token)

    # 6. Dates read like the revision pages: "4 déc. 2026, 21:40", never "2026-12-04 21:40".
    requests = page.locator("#fb-requests")
    expect(requests).to_contain_text(FRENCH_DATE_TIME)
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", requests.inner_text()) is None
    answer = page.locator(f"#answer-{mine.id}")
    expect(answer).to_contain_text(FRENCH_DATE_TIME)

    # 3. The follow-up task says whom to call, with the address and the link to the answer.
    href = answer.get_by_role("link", name="Tâche de suivi").get_attribute("href")
    task_page = new_page("desktop")
    sign_in(task_page, base_url, DEMO_USERS["owner"])
    task_page.goto(href)
    expect(task_page.locator("#task-title")).to_contain_text(david.display_name)
    expect(task_page.locator("#task-title")).to_contain_text("5/10")
    expect(task_page.locator("#task-description")).to_contain_text(david.email)
    expect(task_page.locator("#task-description")).to_contain_text(f"#answer-{mine.id}")

    # 4. The call is marked done on the answer: no longer to offer, counted as held.
    expect(page.locator("#fb-calls")).to_have_text(str(calls_before))
    answer.get_by_label("Ce qui est ressorti de l'appel").fill("Point hebdo convenu (e2e)")
    answer.get_by_role("button", name="Marquer l'appel comme passé").click()
    expect(answer.locator(".fb-call-done")).to_have_text("Appel passé")
    expect(answer.locator(".fb-needs-call")).to_have_count(0)
    expect(answer).to_contain_text("Point hebdo convenu (e2e)")
    expect(page.locator("#fb-calls")).to_have_text(str(calls_before - 1))
    expect(page.locator("#fb-calls-done")).to_contain_text("pass")

    # 5. A contact just added gets a link right away, though the others got one minutes ago.
    page.locator("#contact_email").fill("nouvelle.comptable@client.example")
    page.get_by_role("button", name="Ajouter un contact").click()
    expect(page.locator("#fb-schedule")).to_contain_text("nouvelle.comptable@client.example")
    page.locator("#fb-send-now").click()
    expect(page.get_by_text("1 demande d'avis mise en file d'envoi.")).to_be_visible()
    fresh = outbox.locator(".fb-row", has_text="nouvelle.comptable@client.example")
    expect(fresh.locator(".fb-outbox-link")).to_contain_text("/feedback/")
    page.locator("#fb-send-now").click()
    expect(
        page.get_by_text("Chaque contact a reçu une demande il y a moins de").first
    ).to_be_visible()
    # Leave the demo's contacts as they were.
    contact = page.locator("#fb-schedule .fb-contact").filter(
        has_text="nouvelle.comptable@client.example"
    )
    contact.get_by_role("button", name="Retirer").click()
    expect(contact).to_have_count(0)
    save_screenshot(page, "feedback-journey-desktop")
