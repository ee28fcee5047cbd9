"""Which columns React re-renders when a card moves (issue #20: the card move round trip).

A move changes the id lists of the two columns it touches and the column headers (their
counts); every card bucket stays as it was. The columns are memo components fed by props that
keep their value when their column did not change, so React re-renders those two columns only,
not the whole board. The rest of the page does not re-render either: the managers' setup rows
and the project's navigation are memo components fed by props a move leaves as they were.
Counted with a stand-in for React's DevTools hook (production React reports every commit to
it): a memo component re-rendered when it received a new props object.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.test_board import card, column, create_card, open_board, unique

# Records, for each commit, the names of the columns whose memo component rendered with new
# props (a memo that bails out keeps its previous props object: React's SimpleMemoComponent),
# and likewise the other memo components a move must leave alone: the setup panel's column and
# label rows and the project's navigation (``__seen``: those met at least once).
_RENDER_SPY = """
(() => {
  const SIMPLE_MEMO = 15;
  const lastProps = new Map();
  window.__columnRenders = [];
  window.__otherRenders = [];
  window.__seen = new Set();
  const kindOf = (props) => {
    if ('cardIds' in props && 'columnId' in props) return 'column:' + props.columnId;
    if ('isFirst' in props && 'columnId' in props) return 'setup-column:' + props.columnId;
    if (props.label && 'color' in props.label && 'id' in props.label) {
      return 'setup-label:' + props.label.id;
    }
    if ('projectId' in props && 'projectName' in props) return 'navigation';
    return null;
  };
  const walk = (fiber) => {
    for (; fiber; fiber = fiber.sibling) {
      const props = fiber.memoizedProps;
      const kind = fiber.tag === SIMPLE_MEMO && props ? kindOf(props) : null;
      if (kind !== null && lastProps.get(kind) !== props) {
        if (lastProps.has(kind)) {
          if (kind.startsWith('column:')) window.__columnRenders.push(props.name);
          else window.__otherRenders.push(kind);
        }
        lastProps.set(kind, props);
        window.__seen.add(kind.split(':')[0]);
      }
      walk(fiber.child);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onCommitFiberRoot: (id, root) => walk(root.current.child),
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
  };
})();
"""


def _renders(page: Page) -> list[str]:
    return page.evaluate("window.__columnRenders.splice(0)")


def _spied_board(new_page, base_url: str, role: str, prefix: str) -> tuple[Page, str]:
    """A desktop board page with the render spy, as ``role``, and a new card's title."""
    page = new_page("desktop")
    page.add_init_script(_RENDER_SPY)
    open_board(page, base_url, role)
    title = unique(prefix)
    create_card(page, title)
    page.wait_for_timeout(500)  # the live refresh after the creation
    return page, title


def _move_to_done(dialog: Locator) -> None:
    """Submit the open "Move to…" dialog for the "Terminé" column."""
    dialog.get_by_label("Colonne").select_option(label="Terminé")
    dialog.get_by_role("button", name="Déplacer", exact=True).click()


def test_a_move_re_renders_only_the_two_columns_it_touches(new_page, base_url: str) -> None:
    page, title = _spied_board(new_page, base_url, "member", "Render count")
    columns = page.locator(".board-column .column-name").all_inner_texts()
    assert len(columns) >= 3, columns  # an untouched column exists
    _renders(page)

    card(page, title).get_by_role("button", name=re.compile("^Déplacer")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    # Opening the dialog changes no column.
    assert _renders(page) == []

    _move_to_done(dialog)
    expect(card(column(page, "Terminé"), title)).to_be_visible()
    expect(dialog).to_have_count(0)
    page.wait_for_timeout(500)  # the live refresh the move triggers changes nothing more
    assert set(_renders(page)) == {"À faire", "Terminé"}


def test_a_move_leaves_the_setup_panel_and_the_navigation_alone(new_page, base_url: str) -> None:
    page, title = _spied_board(new_page, base_url, "owner", "Setup render")
    seen = set(page.evaluate("[...window.__seen]"))
    assert seen >= {"column", "setup-column", "setup-label", "navigation"}, seen
    page.evaluate("window.__otherRenders.splice(0)")

    card(page, title).get_by_role("button", name=re.compile("^Déplacer")).click()
    _move_to_done(page.get_by_role("dialog"))
    expect(card(column(page, "Terminé"), title)).to_be_visible()
    page.wait_for_timeout(500)  # the live refresh the move triggers
    assert page.evaluate("window.__otherRenders.splice(0)") == []

    # A change of a column does re-render its setup row (the spy sees real renders).
    page.get_by_text("Colonnes et étiquettes", exact=True).click()
    setup = page.locator("#board-setup")
    name = unique("Spy")
    setup.locator("#new-column-name").fill(name)
    setup.get_by_role("button", name="Ajouter une colonne").click()
    expect(column(page, name)).to_be_visible()
    page.evaluate("window.__otherRenders.splice(0)")
    row = setup.get_by_role("group", name=name)
    row.get_by_label("Nom de la colonne").fill(name + " bis")
    row.get_by_role("button", name="Enregistrer").click()
    expect(column(page, name + " bis")).to_be_visible()
    renders = page.evaluate("window.__otherRenders.splice(0)")
    assert any(kind.startswith("setup-column:") for kind in renders), renders
    setup.get_by_role("group", name=name + " bis").get_by_role(
        "button", name="Supprimer la colonne"
    ).click()
    expect(column(page, name + " bis")).to_have_count(0)
