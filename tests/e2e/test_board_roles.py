"""Each role sees exactly its part of the board: comments, guest scope, client view, not found.

What a client must never receive is checked twice: in the rendered page and in every websocket
frame the browser gets (the whole state Reflex sends, not only what is displayed).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import collect_ws_frames
from tests.e2e.test_board import (
    VIEWPORTS,
    card,
    no_horizontal_scroll,
    open_board,
    unique,
)

HIDDEN_TITLES = (
    "Compare hosting offers against the quote",
    "Chase the photographer",
    "Check margin on the extra ordering module",
)
INTERNAL_COMMENTS = (
    "we keep 6",
    "Uploaded v2 with the larger hero photo",
    "Hero image must be served as WebP",
    "Still blocked: follow up with David",
    "Stripe fees are lower than SumUp",
    "If we go past 24 hours",
    "Burger menu or bottom bar",
)
CHLOE_TASKS = (
    "Moodboard and colour palette",
    "Logo redraw in vector",
    "Homepage design mock-up",
    "Product photos retouching",
    "Mobile menu and navigation",
    "Accessibility check (contrast, alt texts)",
)
# She only watches this one.
CHLOE_WATCHES = "Online ordering for pastries (click & collect)"
NOT_CHLOE = (
    "Google Business profile and local SEO",
    "Legal notice and cookie banner",
    "Newsletter sign-up (GDPR-compliant)",
)


def open_task(page: Page, title: str) -> str:
    """Open a card's task page from the board; returns its URL."""
    card(page, title).get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(re.compile(r"/projects/\d+/tasks/\d+$"))
    expect(page.locator("#task-title")).to_have_text(title)
    return page.url


def task_url(base_url: str, page: Page, title: str) -> str:
    """The URL of a card's task page, read from its link on the board."""
    href = card(page, title).get_by_role("link", name=title, exact=True).get_attribute("href")
    assert href and re.fullmatch(r"/projects/\d+/tasks/\d+", href), href
    return base_url + href


@pytest.mark.parametrize("kind", VIEWPORTS)
def test_comments_internal_vs_client(new_page, base_url: str, kind: str) -> None:
    team = new_page(kind)
    open_board(team, base_url, "member")
    title = "Google Business profile and local SEO"
    url = open_task(team, title)
    internal, shared = unique("Internal note"), unique("Note for the client")

    # A team member's comment is internal unless they choose otherwise.
    expect(team.get_by_label("Qui peut le lire")).to_have_value("internal")
    team.get_by_label("Votre commentaire (Markdown)").fill(internal)
    team.get_by_role("button", name="Publier le commentaire").click()
    internal_comment = team.locator(".comment").filter(has_text=internal)
    expect(internal_comment).to_have_class(re.compile("comment-internal"))
    expect(internal_comment.locator(".vis-internal")).to_have_text("Interne")
    # The posted text leaves the field (an event that follows the new comment on the wire):
    # typing the next one before that would see it emptied.
    expect(team.get_by_label("Votre commentaire (Markdown)")).to_have_value("")

    team.get_by_label("Votre commentaire (Markdown)").fill(shared + " <script>x</script>")
    team.get_by_label("Qui peut le lire").select_option("client")
    team.get_by_role("button", name="Publier le commentaire").click()
    shared_comment = team.locator(".comment").filter(has_text=shared)
    expect(shared_comment).to_have_class(re.compile("comment-client"))
    expect(shared_comment.locator(".vis-client")).to_have_text("Visible par le client")
    expect(shared_comment).to_contain_text("<script>x</script>")

    # Authors edit their own comments; edits are marked.
    shared_comment.get_by_role("button", name="Modifier").click()
    shared_comment.get_by_label("Commentaire").fill(shared + " (updated)")
    shared_comment.get_by_role("button", name="Enregistrer").click()
    expect(shared_comment).to_contain_text("(updated)")
    expect(shared_comment.locator(".edited")).to_have_text("(modifié)")
    expect(team.locator("#history")).to_contain_text("a ajouté un commentaire interne")

    # The client reads the client comment, never the internal one (screen and frames).
    client = new_page(kind)
    frames = collect_ws_frames(client)
    open_board(client, base_url, "client")
    client.goto(url)
    expect(client.locator("#task-title")).to_have_text(title)
    expect(client.locator("#comments")).to_contain_text(shared + " (updated)")
    expect(client.locator("#comments")).not_to_contain_text(internal)
    # A client's comment is always client-visible: no choice offered.
    expect(client.get_by_label("Qui peut le lire")).to_have_count(0)
    reply = unique("Client reply")
    client.get_by_label("Votre commentaire (Markdown)").fill(reply)
    client.get_by_role("button", name="Publier le commentaire").click()
    expect(client.locator(".comment-client").filter(has_text=reply)).to_be_visible()
    no_horizontal_scroll(client)
    joined = "\n".join(frames)
    assert shared in joined  # the capture works
    assert internal not in joined

    # The team sees the client's reply live, marked client-visible.
    expect(team.locator(".comment-client").filter(has_text=reply)).to_be_visible()


@pytest.mark.parametrize("kind", VIEWPORTS)
def test_guest_sees_only_her_tasks(new_page, base_url: str, kind: str) -> None:
    page = new_page(kind)
    frames = collect_ws_frames(page)
    open_board(page, base_url, "guest")
    expect(page.get_by_text("You see the tasks you are assigned to or watch.")).to_be_visible()
    for title in (*CHLOE_TASKS, CHLOE_WATCHES):
        expect(card(page, title)).to_have_count(1)
    for title in NOT_CHLOE + HIDDEN_TITLES[::2]:
        expect(card(page, title)).to_have_count(0)
    # Every card shown is hers: assigned to her, or one she watches.
    shown = page.locator("[data-testid=board-card] .card-title").all_inner_texts()
    assert set(shown) <= {*CHLOE_TASKS, CHLOE_WATCHES}, shown
    # She moves her cards, creates nothing.
    expect(page.locator("#new-card-button")).to_have_count(0)
    expect(
        card(page, "Homepage design mock-up").get_by_role("button", name=re.compile("^Move"))
    ).to_be_visible()
    no_horizontal_scroll(page)
    joined = "\n".join(frames)
    assert "Homepage design mock-up" in joined
    for title in NOT_CHLOE + HIDDEN_TITLES:
        assert title not in joined, title

    # She comments on her task; internal is her default too.
    open_task(page, "Homepage design mock-up")
    expect(page.locator("#comments")).to_contain_text("Uploaded v2 with the larger hero photo")
    expect(page.get_by_label("Who can read it")).to_have_value("internal")

    # My tasks: hers across projects.
    page.get_by_role("link", name="My tasks").click()
    page.wait_for_url(re.compile(r"/my-tasks$"))
    expect(page.get_by_role("link", name="Homepage design mock-up")).to_be_visible()
    expect(page.get_by_role("link", name=NOT_CHLOE[0])).to_have_count(0)
    no_horizontal_scroll(page)


@pytest.mark.parametrize("kind", VIEWPORTS)
def test_client_sees_no_hidden_task_or_internal_comment(new_page, base_url: str, kind: str) -> None:
    manager = new_page("desktop")
    open_board(manager, base_url, "owner")
    hidden_url = task_url(base_url, manager, HIDDEN_TITLES[2])
    manager.close()

    page = new_page(kind)
    frames = collect_ws_frames(page)
    board_url = open_board(page, base_url, "client")
    expect(card(page, "Homepage design mock-up")).to_be_visible()
    text = page.locator("body").inner_text()
    for title in HIDDEN_TITLES:
        assert title not in text, title
    # Read-only on tasks: no new card, no move, no drag.
    expect(page.locator("#new-card-button")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Déplacer"))).to_have_count(0)
    expect(page.locator("[data-testid=board-card][draggable=true]")).to_have_count(0)
    no_horizontal_scroll(page)

    open_task(page, "Homepage design mock-up")
    comments = page.locator("#comments")
    expect(comments).to_contain_text("Could the croissant photo be bigger on phones?")
    for body in INTERNAL_COMMENTS:
        expect(comments).not_to_contain_text(body)
    expect(page.locator("#edit-task")).to_have_count(0)
    no_horizontal_scroll(page)

    # A hidden task's URL answers "not found", like a missing one.
    page.goto(hidden_url)
    expect(page.locator("#not-found")).to_be_visible()
    page.goto(re.sub(r"/tasks/\d+$", "/tasks/99999999", hidden_url))
    expect(page.locator("#not-found")).to_be_visible()

    # The recap is the client's version.
    page.goto(board_url.replace("/board", "/recap"))
    expect(page.get_by_role("heading", name="Terminé cette semaine")).to_be_visible()
    expect(page.locator("#recap-copy")).to_have_count(0)
    no_horizontal_scroll(page)

    joined = "\n".join(frames)
    assert "Homepage design mock-up" in joined  # the capture works
    for secret in HIDDEN_TITLES + INTERNAL_COMMENTS:
        assert secret not in joined, secret


def test_manager_recap_copies_text(new_page, base_url: str) -> None:
    page = new_page("phone")
    board_url = open_board(page, base_url, "owner")
    page.goto(board_url.replace("/board", "/recap"))
    for heading in ("Terminé cette semaine", "En cours", "Prochaines échéances", "Bloqué"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator("#recap-text")).to_contain_text("Logo redraw in vector")
    expect(page.locator("#recap-text")).to_contain_text(HIDDEN_TITLES[1])
    page.locator("#recap-copy").click()
    expect(page.get_by_text("Copié.")).to_be_visible()
    # The client version drops what the client may not see.
    page.locator("#recap-client-toggle").click()
    expect(page.locator("#recap-text")).not_to_contain_text(HIDDEN_TITLES[1])
    expect(page.locator("#recap-text")).to_contain_text("Logo redraw in vector")
    no_horizontal_scroll(page)


def test_a_read_only_client_follows_without_commenting(new_page, base_url: str) -> None:
    """Issue #16 item 12: a manager makes a client read-only, and back."""
    manager = new_page("desktop")
    board_url = open_board(manager, base_url, "owner")
    project_url = board_url.rsplit("/", 1)[0]
    manager.goto(project_url)
    david = manager.locator(".project-member", has_text="David Dupont")
    expect(david.locator(".member-can-comment")).to_have_text("Peut commenter")
    david.get_by_role("button", name="Passer en lecture seule").click()
    expect(david.locator(".member-can-comment")).to_have_text("Lecture seule")

    client = new_page("phone")
    open_board(client, base_url, "client")
    open_task(client, "Homepage design mock-up")
    expect(client.locator("#comments")).to_be_visible()
    expect(client.locator("#new-comment")).to_have_count(0)
    expect(client.locator("#read-only-note")).to_contain_text("pas le commenter")
    client.goto(project_url + "/revisions")
    client.locator("a.rev-round-link").first.click()
    client.wait_for_url(re.compile(r"/revisions/\d+$"))
    expect(client.get_by_text("pas le commenter")).to_be_visible()
    expect(client.locator("textarea#comment")).to_have_count(0)

    david.get_by_role("button", name="Autoriser les commentaires").click()
    expect(david.locator(".member-can-comment")).to_have_text("Peut commenter")
    client.reload()
    expect(client.locator("textarea#comment")).to_be_visible()
