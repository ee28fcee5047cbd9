"""Revision rounds in a real browser: the client on a phone, the lead on a desktop.

The demo project includes 3 rounds and has used them (two closed, one open), so the client's
next round is billable: the warning and the confirmation are part of the flow.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, create_engine, select

from collab_app.models import User
from collab_app.services import revisions
from collab_app.services.accounts.auth import viewer_for
from tests.e2e.helpers import DEMO_USERS, collect_ws_frames, sign_in

# What the client's browser must never receive (the team's internals).
# ASCII fragments: frames may escape other characters.
DEMO_INTERNAL_NOTES = ("Attendre la confirmation des horaires", "Stripe")
TEAM_ONLY_KEYS = ("internal_note", "minutes_spent", "time_label", "triaged_label")


@pytest.fixture(autouse=True)
def _patient_expectations() -> Iterator[None]:
    """A busy machine may take more than Playwright's default 5 s to render a round."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


def _no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"page is {width}px wide in a {viewport}px viewport"


def _open_revisions(page: Page, base_url: str, role: str) -> str:
    sign_in(page, base_url, DEMO_USERS[role])
    page.goto("/")
    page.get_by_role("heading", name="Boulangerie Dupont website").click()
    page.wait_for_url(re.compile(r"/projects/\d+/?$"))
    project_url = page.url.rstrip("/")
    page.goto(project_url + "/revisions")
    expect(page.locator("#rev-counter")).to_be_visible()
    return project_url


def test_client_submits_a_billable_round_and_the_lead_answers(new_page, base_url: str) -> None:
    unique = f"{int(time.time() * 1000) % 10**8}"
    request_text = f"Mettre la photo du four en grand sur l'accueil {unique}"
    internal_note = f"NOTE-INTERNE-{unique}: client pressé, marge faible"

    client = new_page("phone")
    frames = collect_ws_frames(client)
    project_url = _open_revisions(client, base_url, "client")

    # The counter: all 3 included rounds used, the next one is billable and priced.
    expect(client.locator("#rev-counter")).to_have_text("Tour 3 sur 3 inclus")
    expect(client.locator("#rev-counter-next")).to_contain_text("facturable")
    expect(client.locator("#rev-counter-next")).to_contain_text("350,00")
    _no_horizontal_scroll(client)

    # A bad link is refused next to its field; then the request is added to the draft.
    client.get_by_label("Votre demande").fill(request_text)
    client.get_by_label("Lien vers un fichier (facultatif)").fill("javascript:alert(1)")
    client.get_by_role("button", name="Ajouter au tour").click()
    expect(client.locator("#attachment_url-error")).to_contain_text("http")
    client.get_by_label("Lien vers un fichier (facultatif)").fill("https://example.org/four.jpg")
    client.get_by_role("button", name="Ajouter au tour").click()
    expect(client.locator("#rev-composer")).to_contain_text(request_text)

    # Warned before submitting: billable, with its price.
    warning = client.locator("#rev-billable-warning")
    expect(warning).to_contain_text("tour 4")
    expect(warning).to_contain_text("350,00")
    _no_horizontal_scroll(client)

    # Submitting asks for confirmation; cancelling submits nothing.
    client.locator("#rev-submit").click()
    dialog = client.get_by_role("alertdialog")
    expect(dialog).to_contain_text("350,00")
    expect(dialog).to_contain_text("3 tours inclus")
    dialog.get_by_role("button", name="Annuler").click()
    expect(dialog).to_have_count(0)
    expect(client.locator("#rev-counter")).to_have_text("Tour 3 sur 3 inclus")

    client.locator("#rev-submit").click()
    client.locator("#rev-confirm").click()
    expect(client.locator("#rev-counter")).to_contain_text("Tour 4 · 3 inclus")
    round_link = client.locator("a.rev-round-link", has_text="Tour 4")
    expect(round_link).to_contain_text("Facturable")
    expect(round_link).to_contain_text("350,00")
    round_link.click()
    client.wait_for_url(re.compile(r"/revisions/\d+$"))
    round_url = client.url
    expect(client.get_by_text(request_text)).to_be_visible()
    # The last day to answer, not "before <the next day>, 00:00".
    expect(client.locator("#rev-response")).to_contain_text(
        re.compile(r"Réponse attendue au plus tard le \d{1,2} \S+ \d{4}")
    )
    expect(client.locator("#rev-response")).not_to_contain_text("00:00")
    _no_horizontal_scroll(client)

    # The lead (desktop) triages, answers, notes and records time.
    lead = new_page("desktop")
    sign_in(lead, base_url, DEMO_USERS["owner"])
    lead.goto(project_url + "/revisions")
    lead.locator("a.rev-round-link", has_text="Tour 4").click()
    lead.wait_for_url(round_url)
    expect(lead.get_by_text(request_text)).to_be_visible()
    # Nothing is chosen for the lead: triage and task start empty and need a choice. (The round
    # may hold other requests, e.g. changes asked on a deliverable: work on this one's card.)
    item = lead.locator(".rev-team-item", has_text=request_text)
    expect(item.get_by_label("Tri", exact=True)).to_have_value("")
    expect(item.get_by_label("Tâche du tableau", exact=True)).to_have_value("")
    item.get_by_role("button", name="Lier la tâche").click()
    item.get_by_role("button", name="Trier").click()
    expect(item.get_by_text("Triée par Alice Martin")).to_have_count(0)
    expect(item.get_by_role("button", name="Délier")).to_have_count(0)
    item.get_by_label("Tri", exact=True).select_option("revision")
    item.get_by_role("button", name="Trier").click()
    expect(item.get_by_text("Triée par Alice Martin")).to_be_visible()
    item.get_by_label("Réponse au client").fill("Bonne idée, nous la mettons en ligne jeudi.")
    item.get_by_role("button", name="Enregistrer la réponse").click()
    expect(item.locator(".rev-reply")).to_contain_text("nous la mettons en ligne jeudi")
    item.get_by_label("Note interne (équipe seulement)").fill(internal_note)
    item.get_by_role("button", name="Enregistrer la note").click()
    expect(item.locator(".rev-note")).to_contain_text(internal_note)
    item.get_by_label("Minutes à ajouter").fill("37")
    item.get_by_role("button", name="Ajouter du temps").click()
    expect(item.get_by_text("Temps passé : 0 h 37")).to_be_visible()
    item.get_by_label("État", exact=True).select_option("in_progress")
    item.get_by_role("button", name="Changer l'état").click()
    expect(item.locator(".rev-status").first).to_have_text("En cours")
    _no_horizontal_scroll(lead)

    # The client sees the answer and the state live, without reloading.
    expect(client.get_by_text("Bonne idée, nous la mettons en ligne jeudi.")).to_be_visible(
        timeout=10_000
    )
    expect(
        client.locator(".rev-item-card", has_text=request_text).locator(".rev-status")
    ).to_have_text("En cours")
    expect(client.locator("#rev-response")).to_contain_text("Première réponse après 0 jour")

    # The lead finishes the request: the round closes and the client is told on the page.
    item.get_by_label("État", exact=True).select_option("done")
    item.get_by_role("button", name="Changer l'état").click()
    expect(lead.locator("#rev-closed")).to_be_visible()
    expect(client.locator("#rev-closed")).to_be_visible(timeout=10_000)

    # Nothing of the team's internals ever reached the client's browser.
    client.goto(project_url + "/revisions")
    expect(client.locator("#rev-counter")).to_be_visible()
    client.goto(round_url)
    expect(client.get_by_text(request_text)).to_be_visible()
    joined = "\n".join(frames)
    assert request_text in joined  # the capture works
    assert internal_note not in joined
    assert "NOTE-INTERNE" not in joined
    assert "0 h 37" not in joined
    for secret in DEMO_INTERNAL_NOTES:
        assert secret not in joined
    for key in TEAM_ONLY_KEYS:
        assert f'"{key}"' not in joined, key


def test_client_sees_the_pending_change_order_and_confirms_it(new_page, base_url: str) -> None:
    client = new_page("phone")
    project_url = _open_revisions(client, base_url, "client")
    # Where the client looks first, the project's overview, says a decision is waiting.
    client.goto(project_url)
    waiting = client.locator("#project-decisions")
    expect(waiting).to_contain_text("En attente de votre décision")
    expect(waiting).to_contain_text("600,00")
    _no_horizontal_scroll(client)
    waiting.get_by_role("button", name="Examiner et décider").click()
    client.wait_for_url(re.compile(r"/revisions$"))
    expect(client.locator("#rev-decisions")).to_contain_text("En attente de votre décision")
    decision = client.locator(".rev-decision").first
    expect(decision).to_contain_text("600,00")
    expect(decision).to_contain_text("Recrutement")
    _no_horizontal_scroll(client)

    # Accepting commits money: a confirmation states the amount and the delay; cancel first.
    decision.get_by_role("button", name=re.compile("Accepter")).click()
    dialog = client.get_by_role("alertdialog")
    expect(dialog).to_contain_text("600,00")
    expect(dialog).to_contain_text(re.compile(r"décale le planning de \d+\s+jours? ouvrés?"))
    dialog.get_by_role("button", name="Annuler").click()
    expect(dialog).to_have_count(0)
    expect(client.locator(".rev-decision")).to_have_count(1)
    decision.get_by_role("button", name=re.compile("Accepter")).click()
    client.get_by_role("alertdialog").locator(".rev-approve-confirm").click()
    expect(client.locator(".rev-decision")).to_have_count(0)
    expect(client.get_by_text("Accepté").first).to_be_visible()
    expect(client.get_by_text("Décidé par David Dupont").first).to_be_visible()


def test_lead_exports_the_history_as_csv(new_page, base_url: str) -> None:
    lead = new_page("desktop")
    _open_revisions(lead, base_url, "owner")
    with lead.expect_download() as download_info:
        lead.locator("#rev-export").click()
    download = download_info.value
    assert download.suggested_filename.startswith("revisions-boulangerie-dupont")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as csv_file:
        text = csv_file.read()
    assert text.splitlines()[0].startswith("Quand (UTC),Qui,Tour")
    assert "Avenant accepté" in text and "Tour envoyé" in text


def test_guest_sees_only_requests_linked_to_their_tasks(new_page, base_url: str) -> None:
    guest = new_page("phone")
    frames = collect_ws_frames(guest)
    sign_in(guest, base_url, DEMO_USERS["guest"])
    guest.goto("/")
    guest.get_by_role("heading", name="Boulangerie Dupont website").click()
    guest.wait_for_url(re.compile(r"/projects/\d+/?$"))
    guest.goto(guest.url.rstrip("/") + "/revisions")
    expect(guest.get_by_text("The client's requests linked to your tasks.")).to_be_visible()
    expect(guest.get_by_text("horaires d'été")).to_be_visible()
    expect(guest.get_by_text("Recrutement")).to_have_count(0)
    expect(guest.locator("#rev-counter")).to_have_count(0)
    _no_horizontal_scroll(guest)
    joined = "\n".join(frames)
    for secret in (*DEMO_INTERNAL_NOTES, "600,00", "350,00", "Recrutement"):
        assert secret not in joined


def test_draft_requests_belong_to_whoever_added_them(new_page, base_url: str, app_server) -> None:
    """Issue #16 item 9: the manager's request in the client's draft is theirs to remove."""
    client = new_page("phone")
    project_url = _open_revisions(client, base_url, "client")
    project_id = int(project_url.rsplit("/", 1)[1])
    unique = f"{int(time.time() * 1000) % 10**8}"
    lead_text = f"Ajouter le plan d'accès (équipe) {unique}"
    client_text = f"Changer la photo de la vitrine {unique}"
    engine = create_engine(app_server.database_url)
    try:
        with Session(engine) as session:
            alice = session.exec(select(User).where(User.email == DEMO_USERS["owner"])).one()
            revisions.add_item(
                session, viewer_for(alice), project_id=project_id, description=lead_text
            )
    finally:
        engine.dispose()

    lead_item = client.locator(".rev-item", has_text=lead_text)
    expect(lead_item).to_contain_text("Ajoutée par Alice Martin")
    expect(lead_item.locator(".rev-status")).to_have_text("Brouillon")
    expect(lead_item.get_by_role("button", name="Retirer cette demande")).to_have_count(0)

    client.get_by_label("Votre demande").fill(client_text)
    client.get_by_role("button", name="Ajouter au tour").click()
    mine = client.locator(".rev-item", has_text=client_text)
    expect(mine).to_contain_text("Ajoutée par David Dupont")
    expect(mine.locator(".rev-status")).to_have_text("Brouillon")
    mine.get_by_role("button", name="Retirer cette demande").click()
    expect(mine).to_have_count(0)

    # The manager takes theirs out: the emptied draft disappears, warning included.
    lead = new_page("desktop")
    _open_revisions(lead, base_url, "owner")
    lead.locator(".rev-item", has_text=lead_text).get_by_role(
        "button", name="Retirer cette demande"
    ).click()
    expect(client.locator(".rev-item", has_text=lead_text)).to_have_count(0, timeout=10_000)
    expect(client.get_by_text("en préparation")).to_have_count(0)
    expect(client.locator("#rev-billable-warning")).to_have_count(0)
