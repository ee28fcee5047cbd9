"""The board in a real browser: create, edit, move (menu and drag), filters, WIP, stale writes.

The demo's manager (Alice), member (Bruno) and client (David) read the app in French (their
profile language); the guest (Chloé) in English. Tests share one server and database, so each
creates its own cards with unique titles and only reads the demo's cards.
"""

from __future__ import annotations

import itertools
import re
import time

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import DEMO_USERS, sign_in

VIEWPORTS = ["desktop", "phone"]
PROJECT = "Boulangerie Dupont website"
_unique = itertools.count()


def unique(prefix: str) -> str:
    """A title no other test uses."""
    return f"{prefix} {int(time.time() * 1000) % 10**8}-{next(_unique)}"


def open_board(page: Page, base_url: str, role: str) -> str:
    """Sign in as a demo role and open the demo project's board; returns the board's URL."""
    sign_in(page, base_url, DEMO_USERS[role])
    page.goto("/")
    page.get_by_role("heading", name=PROJECT).click()
    page.wait_for_url(re.compile(r"/projects/\d+/?$"))
    url = page.url.rstrip("/") + "/board"
    page.goto(url)
    expect(page.locator("#board")).to_be_visible()
    return url


def column(page: Page, name: str) -> Locator:
    """A board column by its (translated) name."""
    return page.get_by_role("region", name=name, exact=True)


def card(scope: Page | Locator, title: str) -> Locator:
    """A card by its title."""
    root = scope if isinstance(scope, Page) else scope.page
    return scope.locator("[data-testid=board-card]").filter(
        has=root.get_by_role("link", name=title, exact=True)
    )


def card_titles(scope: Locator) -> list[str]:
    """Titles of the cards in a column, in order."""
    return scope.locator("[data-testid=board-card] .card-title").all_inner_texts()


def no_horizontal_scroll(page: Page) -> None:
    """The page itself never scrolls sideways (the board area may)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"page is {width}px wide in a {viewport}px viewport"


def create_card(page: Page, title: str, column_name: str = "À faire", **fields: str) -> Locator:
    """Create a card through the new-card form (French UI) and return it."""
    page.locator("#new-card-button").click()
    page.locator("#title").fill(title)
    page.locator("#new-column").select_option(label=column_name)
    if "priority" in fields:
        page.locator("#priority").select_option(fields["priority"])
    page.get_by_role("button", name="Créer la carte").click()
    created = card(column(page, column_name), title)
    expect(created).to_be_visible()
    return created


def move_with_menu(page: Page, title: str, column_name: str, position: str = "bottom") -> None:
    """Move a card with its "Move to…" dialog (French UI)."""
    card(page, title).get_by_role("button", name=re.compile("^Déplacer")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Colonne").select_option(label=column_name)
    dialog.get_by_label("Position").select_option(position)
    dialog.get_by_role("button", name="Déplacer", exact=True).click()
    expect(dialog).to_have_count(0)


@pytest.mark.parametrize("kind", VIEWPORTS)
def test_create_move_edit_delete_undo(new_page, base_url: str, kind: str) -> None:
    page = new_page(kind)
    open_board(page, base_url, "member")
    no_horizontal_scroll(page)

    title = unique(f"Pricing page <b>{kind}</b>")
    create_card(page, title, priority="high")
    created = card(page, title)
    # Markup in a title is text, never HTML.
    expect(created.locator(".card-title b")).to_have_count(0)
    expect(created).to_contain_text("Haute")

    move_with_menu(page, title, "Terminé")
    expect(card(column(page, "Terminé"), title)).to_be_visible()
    expect(card(column(page, "À faire"), title)).to_have_count(0)
    no_horizontal_scroll(page)
    if kind == "phone":
        # One column fills the screen: the column links bring the others into view.
        expect(column(page, "Terminé")).not_to_be_in_viewport()
        page.locator(".column-jumps").get_by_role("button", name=re.compile("^Terminé")).click()
        expect(column(page, "Terminé")).to_be_in_viewport()

    # The task page: edit title and description.
    card(page, title).get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(re.compile(r"/projects/\d+/tasks/\d+$"))
    expect(page.locator("#task-title")).to_have_text(title)
    no_horizontal_scroll(page)
    page.locator("#edit-task").click()
    new_title = unique(f"Pricing page v2 {kind}")
    page.get_by_label("Titre").fill(new_title)
    page.get_by_label("Description (Markdown)").fill(
        "**Bold** step\n\n<script>window.__pwned = 1</script> <img src=x onerror=alert(1)>"
    )
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator("#task-title")).to_have_text(new_title)
    description = page.locator("#task-description")
    expect(description.locator("strong")).to_have_text("Bold")
    expect(description).to_contain_text("<script>window.__pwned = 1</script>")
    expect(description.locator("script, img")).to_have_count(0)
    assert page.evaluate("window.__pwned") is None
    expect(page.locator("#history")).to_contain_text("Bruno Leroy a modifié")
    expect(page.locator("#history")).to_contain_text("a déplacé la carte")

    # Delete, then undo from the board.
    page.locator("#delete-task").click()
    page.wait_for_url(re.compile(r"/board\?deleted=\d+$"))
    expect(page.locator("#undo-bar")).to_be_visible()
    expect(card(page, new_title)).to_have_count(0)
    page.locator("#undo-bar").get_by_role("button", name="Annuler", exact=True).click()
    expect(card(column(page, "Terminé"), new_title)).to_be_visible()
    expect(page.locator("#undo-bar")).to_have_count(0)


def test_delete_from_board_and_undo(new_page, base_url: str) -> None:
    page = new_page("phone")
    open_board(page, base_url, "owner")
    title = unique("Throwaway")
    create_card(page, title)
    card(page, title).get_by_role("button", name=re.compile("^Déplacer")).click()
    page.get_by_role("dialog").get_by_role("button", name="Supprimer la carte").click()
    expect(page.locator("#undo-bar")).to_contain_text(title)
    expect(card(page, title)).to_have_count(0)
    page.locator("#undo-bar").get_by_role("button", name="Annuler", exact=True).click()
    expect(card(column(page, "À faire"), title)).to_be_visible()


def confirm_wip_if_asked(page: Page) -> None:
    """Other tests share the board: accept a WIP warning if the target column filled up."""
    page.wait_for_timeout(300)
    alert = page.get_by_role("alertdialog")
    if alert.count():
        alert.get_by_role("button", name="L'ajouter quand même").click()


def test_drag_and_drop_between_and_within_columns(new_page, base_url: str) -> None:
    page = new_page("desktop")
    open_board(page, base_url, "member")
    first, second = unique("Drag A"), unique("Drag B")
    create_card(page, first)
    create_card(page, second)
    # Bring both to the top of the column (no scrolling needed to drag them).
    move_with_menu(page, second, "À faire", "top")
    move_with_menu(page, first, "À faire", "top")
    todo = column(page, "À faire")
    expect(todo.locator("[data-testid=board-card]").nth(0)).to_contain_text(first)
    expect(todo.locator("[data-testid=board-card]").nth(1)).to_contain_text(second)

    # Reorder within the column: B dropped on A goes just before A.
    card(page, second).drag_to(card(page, first))
    expect(todo.locator("[data-testid=board-card]").nth(0)).to_contain_text(second)
    expect(todo.locator("[data-testid=board-card]").nth(1)).to_contain_text(first)

    # Between columns: A dropped below the last card of "Review" goes to its end.
    review = column(page, "En revue")
    box = review.bounding_box()
    assert box is not None
    card(page, first).drag_to(review, target_position={"x": 30, "y": box["height"] - 6})
    confirm_wip_if_asked(page)
    expect(card(review, first)).to_be_visible()
    assert card_titles(review)[-1] == first
    assert first not in card_titles(todo)

    # Order persists: a reload shows the same.
    page.reload()
    expect(card(column(page, "En revue"), first)).to_be_visible()
    assert card_titles(column(page, "En revue"))[-1] == first
    assert card_titles(column(page, "À faire"))[0] == second


def test_move_up_and_down_without_dragging(new_page, base_url: str) -> None:
    page = new_page("phone")
    open_board(page, base_url, "member")
    first, second = unique("Step A"), unique("Step B")
    create_card(page, first)
    create_card(page, second)
    todo = column(page, "À faire")
    card(page, second).get_by_role("button", name=re.compile("^Déplacer")).click()
    page.get_by_role("dialog").get_by_role("button", name=re.compile("Monter")).click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(todo.locator("[data-testid=board-card]").last).to_contain_text(first)
    titles = card_titles(todo)
    assert titles.index(second) + 1 == titles.index(first)


@pytest.mark.parametrize("kind", VIEWPORTS)
def test_filters(new_page, base_url: str, kind: str) -> None:
    page = new_page(kind)
    open_board(page, base_url, "owner")
    page.get_by_text("Filtres", exact=True).click()

    page.get_by_label("Priorité", exact=True).select_option("urgent")
    expect(page.locator("#filter-summary")).to_be_visible()
    expect(card(page, "Online ordering for pastries (click & collect)")).to_be_visible()
    expect(card(page, "Allergen information for every product")).to_have_count(0)
    page.get_by_role("button", name="Effacer les filtres").click()
    expect(card(page, "Allergen information for every product")).to_be_visible()

    page.get_by_label("Personne assignée", exact=True).select_option(label="Chloé Petit")
    expect(card(page, "Homepage design mock-up")).to_be_visible()
    expect(card(page, "Online ordering for pastries (click & collect)")).to_have_count(0)
    page.get_by_role("button", name="Effacer les filtres").click()

    page.get_by_label("Étiquette", exact=True).select_option(label="SEO")
    expect(card(page, "Google Business profile and local SEO")).to_be_visible()
    expect(card(page, "Homepage design mock-up")).to_have_count(0)
    page.get_by_role("button", name="Effacer les filtres").click()

    page.get_by_label("Échéance", exact=True).select_option("overdue")
    expect(card(page, "Chase the photographer's invoice")).to_be_visible()
    expect(card(page, "Legal notice and cookie banner")).to_have_count(0)
    page.get_by_role("button", name="Effacer les filtres").click()

    search = page.get_by_label("Rechercher", exact=True)
    search.fill("allergens")
    expect(search).to_have_value("allergens")
    search.press("Enter")
    expect(page.locator("[data-testid=board-card]")).to_have_count(1)
    expect(card(page, "Allergen information for every product")).to_be_visible()
    no_horizontal_scroll(page)
    page.get_by_role("button", name="Effacer les filtres").click()
    expect(card(page, "Legal notice and cookie banner")).to_be_visible()


def test_wip_limit_asks_before_exceeding(new_page, base_url: str) -> None:
    page = new_page("desktop")
    open_board(page, base_url, "owner")
    in_progress = column(page, "En cours")
    expect(in_progress.locator(".column-count")).to_contain_text("/ 4")
    expect(in_progress.locator(".column-count.over-limit")).to_be_visible()
    title = unique("Over the limit")
    create_card(page, title)

    move_with_menu(page, title, "En cours")
    alert = page.get_by_role("alertdialog")
    expect(alert).to_contain_text("En cours")
    alert.get_by_role("button", name="Annuler").click()
    expect(alert).to_have_count(0)
    expect(card(column(page, "À faire"), title)).to_be_visible()

    move_with_menu(page, title, "En cours")
    page.get_by_role("alertdialog").get_by_role("button", name="L'ajouter quand même").click()
    expect(card(column(page, "En cours"), title)).to_be_visible()


def test_stale_move_is_refused_with_a_message(new_page, base_url: str) -> None:
    alice = new_page("desktop")
    open_board(alice, base_url, "owner")
    bruno = new_page("phone")
    open_board(bruno, base_url, "member")
    title = unique("Contested")
    create_card(alice, title)
    # Bruno's board shows Alice's new card without a reload.
    expect(card(column(bruno, "À faire"), title)).to_be_visible()

    # Bruno picks the card up in his "Move to…" dialog...
    card(bruno, title).get_by_role("button", name=re.compile("^Déplacer")).click()
    dialog = bruno.get_by_role("dialog")
    dialog.get_by_label("Colonne").select_option(label="En revue")
    # ... while Alice moves it first.
    move_with_menu(alice, title, "Terminé")
    expect(card(column(alice, "Terminé"), title)).to_be_visible()
    dialog.get_by_role("button", name="Déplacer", exact=True).click()

    expect(bruno.get_by_role("alert").filter(has_text="Quelqu'un d'autre")).to_be_visible()
    # Nothing was overwritten: both see the card where Alice put it.
    expect(card(column(bruno, "Terminé"), title)).to_be_visible()
    expect(card(column(bruno, "En revue"), title)).to_have_count(0)
    expect(card(column(alice, "Terminé"), title)).to_be_visible()


def test_preview_as_client_uses_the_client_rule(new_page, base_url: str) -> None:
    page = new_page("desktop")
    open_board(page, base_url, "owner")
    hidden = "Check margin on the extra ordering module"
    expect(card(page, hidden)).to_be_visible()
    page.locator("#preview-toggle").click()
    expect(page.locator("#preview-banner")).to_be_visible()
    expect(card(page, hidden)).to_have_count(0)
    expect(card(page, "Homepage design mock-up")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Déplacer"))).to_have_count(0)
    expect(page.locator("#new-card-button")).to_have_count(0)
    # A card opened from the preview is the client's view of the task too.
    title = "Homepage design mock-up"
    card(page, title).get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(re.compile(r"/tasks/\d+\?as=client$"))
    expect(page.locator("#comments")).to_contain_text("Could the croissant photo be bigger")
    expect(page.locator("#comments")).not_to_contain_text("Uploaded v2 with the larger")
    expect(page.locator("#edit-task")).to_have_count(0)
    page.get_by_role("link", name=re.compile("Retour au tableau")).click()
    expect(page.locator("#preview-banner")).to_be_visible()
    page.locator("#preview-toggle").click()
    expect(card(page, hidden)).to_be_visible()


def test_manager_manages_columns_and_labels(new_page, base_url: str) -> None:
    page = new_page("desktop")
    open_board(page, base_url, "owner")
    page.get_by_text("Colonnes et étiquettes", exact=True).click()
    setup = page.locator("#board-setup")
    name = unique("QA")
    setup.locator("#new-column-name").fill(name)
    setup.locator("#new-column-wip").fill("2")
    setup.get_by_role("button", name="Ajouter une colonne").click()
    expect(column(page, name)).to_be_visible()
    expect(column(page, name).locator(".column-count")).to_contain_text("0 / 2")

    row = setup.get_by_role("group", name=name)
    renamed = name + " renamed"
    row.get_by_label("Nom de la colonne").fill(renamed)
    row.get_by_role("button", name="Enregistrer").click()
    expect(column(page, renamed)).to_be_visible()
    setup.get_by_role("group", name=renamed).get_by_role("button", name="Vers la gauche").click()
    headers = page.locator(".board-column .column-name").all_inner_texts()
    expect(page.locator(".board-column .column-name").nth(len(headers) - 2)).to_have_text(renamed)
    setup.get_by_role("group", name=renamed).get_by_role(
        "button", name="Supprimer la colonne"
    ).click()
    expect(column(page, renamed)).to_have_count(0)

    label = unique("Urgent-ish")
    setup.locator("#new-label-name").fill(label)
    setup.locator("#new-label-color").select_option("pink")
    setup.get_by_role("button", name="Ajouter une étiquette").click()
    page.get_by_text("Filtres", exact=True).click()
    expect(
        page.get_by_label("Étiquette", exact=True).locator("option", has_text=label)
    ).to_have_count(1)


@pytest.mark.parametrize("kind", VIEWPORTS)
def test_assignees_labels_watchers_on_the_task_page(new_page, base_url: str, kind: str) -> None:
    page = new_page(kind)
    open_board(page, base_url, "member")
    title = unique(f"People {kind}")
    create_card(page, title)
    card(page, title).get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(re.compile(r"/projects/\d+/tasks/\d+$"))

    page.get_by_text("Changer les personnes assignées").click()
    page.get_by_label("Alice Martin").first.check()
    page.get_by_role("button", name="Enregistrer les personnes").click()
    expect(page.locator("#history")).to_contain_text("a modifié les personnes assignées")
    page.get_by_text("Changer les étiquettes").click()
    page.get_by_label("SEO").check()
    page.get_by_role("button", name="Enregistrer les étiquettes").click()
    expect(page.locator("#history")).to_contain_text("a modifié les étiquettes")
    page.locator("#watch-toggle").click()
    expect(page.locator("#watch-toggle")).to_have_text("Ne plus suivre")
    no_horizontal_scroll(page)

    page.get_by_role("link", name=re.compile("Retour au tableau")).click()
    on_board = card(column(page, "À faire"), title)
    expect(on_board).to_contain_text("Alice Martin")
    expect(on_board.locator(".label")).to_have_text("SEO")


def test_stale_edit_is_refused_not_overwritten(new_page, base_url: str) -> None:
    alice = new_page("desktop")
    open_board(alice, base_url, "owner")
    title = unique("Edited twice")
    create_card(alice, title)
    card(alice, title).get_by_role("link", name=title, exact=True).click()
    alice.wait_for_url(re.compile(r"/projects/\d+/tasks/\d+$"))
    bruno = new_page("desktop")
    sign_in(bruno, base_url, DEMO_USERS["member"])
    bruno.goto(alice.url)
    expect(bruno.locator("#task-title")).to_have_text(title)

    # Both open the edit form; Alice saves first.
    bruno.locator("#edit-task").click()
    alice.locator("#edit-task").click()
    alice.get_by_label("Titre").fill(title + " (Alice)")
    alice.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(alice.locator("#task-title")).to_have_text(title + " (Alice)")
    # Bruno's page shows Alice's title live, but his open form is still his.
    expect(bruno.locator("#task-title")).to_have_text(title + " (Alice)")
    bruno.get_by_label("Titre").fill(title + " (Bruno)")
    bruno.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(bruno.get_by_role("alert").filter(has_text="Quelqu'un d'autre")).to_be_visible()
    expect(bruno.locator("#task-title")).to_have_text(title + " (Alice)")
    alice.reload()
    expect(alice.locator("#task-title")).to_have_text(title + " (Alice)")
