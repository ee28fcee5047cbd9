"""Which columns React re-renders when a card moves (issue #20: the card move round trip).

A move changes the id lists of the two columns it touches and the column headers (their
counts); every card bucket stays as it was. The columns are memo components fed by props that
keep their value when their column did not change, so React re-renders those two columns only,
not the whole board. Counted with a stand-in for React's DevTools hook (production React
reports every commit to it): a column re-rendered when its memo received a new props object.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.test_board import card, column, create_card, open_board, unique

# Records, for each commit, the names of the columns whose memo component rendered with new
# props (a memo that bails out keeps its previous props object: React's SimpleMemoComponent).
_RENDER_SPY = """
(() => {
  const SIMPLE_MEMO = 15;
  const lastProps = new Map();
  window.__columnRenders = [];
  const walk = (fiber) => {
    for (; fiber; fiber = fiber.sibling) {
      const props = fiber.memoizedProps;
      if (fiber.tag === SIMPLE_MEMO && props && 'cardIds' in props && 'columnId' in props) {
        if (lastProps.get(props.columnId) !== props) {
          if (lastProps.has(props.columnId)) window.__columnRenders.push(props.name);
          lastProps.set(props.columnId, props);
        }
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


def test_a_move_re_renders_only_the_two_columns_it_touches(new_page, base_url: str) -> None:
    page = new_page("desktop")
    page.add_init_script(_RENDER_SPY)
    open_board(page, base_url, "member")
    columns = page.locator(".board-column .column-name").all_inner_texts()
    assert len(columns) >= 3, columns  # an untouched column exists
    title = unique("Render count")
    create_card(page, title)
    page.wait_for_timeout(500)  # the live refresh after the creation
    _renders(page)

    card(page, title).get_by_role("button", name=re.compile("^Déplacer")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    # Opening the dialog changes no column.
    assert _renders(page) == []

    dialog.get_by_label("Colonne").select_option(label="Terminé")
    dialog.get_by_role("button", name="Déplacer", exact=True).click()
    expect(card(column(page, "Terminé"), title)).to_be_visible()
    expect(dialog).to_have_count(0)
    page.wait_for_timeout(500)  # the live refresh the move triggers changes nothing more
    assert set(_renders(page)) == {"À faire", "Terminé"}
