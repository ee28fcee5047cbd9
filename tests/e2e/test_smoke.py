"""Smoke test: the served app answers, its websocket connects, and sign-in shows its form."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import collect_ws_frames


def test_signin_page_has_email_input(desktop_page: Page, base_url: str) -> None:
    frames = collect_ws_frames(desktop_page)
    response = desktop_page.goto(f"{base_url}/signin")
    assert response is not None and response.ok
    expect(desktop_page.get_by_label("Email")).to_be_editable()
    # The page's on_load runs over the websocket: a state update proves the backend is wired up.
    for _ in range(60):
        if any("delta" in frame for frame in frames):
            break
        desktop_page.wait_for_timeout(250)
    assert any("delta" in frame for frame in frames), f"no state update received: {frames[:5]}"


# Every selector of the served stylesheets that holds a ``:has()`` reaching the theme's element.
_ROOT_THEME_HAS_JS = """() => {
  const found = [];
  const walk = (list) => {
    for (const rule of list.cssRules) {
      if (rule.selectorText?.includes(':has(.radix-themes')) found.push(rule.selectorText);
      else if (rule.cssRules) walk(rule);
    }
  };
  for (const sheet of document.styleSheets) walk(sheet);
  return found;
}"""


# Records, from before the page's first script, every light or dark class the document and the
# theme's element take.
_RECORD_SCHEME_CLASSES_JS = """
window.__schemeClasses = [];
new MutationObserver((records) => {
  for (const record of records) {
    const element = record.target;
    const which = element === document.documentElement ? 'html'
      : element.classList?.contains('radix-themes') ? 'theme' : null;
    const scheme = ['light', 'dark'].filter((name) => element.classList?.contains(name));
    if (which) window.__schemeClasses.push(`${which}:${scheme.join(',')}`);
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['class']});
"""


def test_color_scheme_follows_the_browser_from_the_first_frame_without_a_document_wide_has_rule(
    new_page, base_url: str
) -> None:
    # Radix Themes' ``:root:has(.radix-themes…)`` rule is taken out at build time
    # (``reflex_adapter.RadixRootThemeRule``; Chromium re-matched it on every card inserted, issue
    # #20): the page and the theme still take the browser's light or dark scheme. Reflex's color
    # mode provider used to put ``light`` on the theme's element until its second render (a light
    # flash on dark browsers, ``reflex_adapter.ColorModeFromDocument``): never the other scheme.
    for scheme, other in (("light", "dark"), ("dark", "light")):
        page = new_page("desktop")
        page.add_init_script(_RECORD_SCHEME_CLASSES_JS)
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{base_url}/signin")
        expect(page.get_by_label("Email")).to_be_editable()
        assert page.evaluate(_ROOT_THEME_HAS_JS) == []
        schemes_js = (
            "() => [document.documentElement, document.querySelector('.radix-themes')]"
            ".map((element) => getComputedStyle(element).colorScheme)"
        )
        assert page.evaluate(schemes_js) == [scheme, scheme]
        # Once the app has hydrated (Reflex's ThemeProvider sets <html>'s class again after the
        # head script), still the same.
        page.wait_for_function(
            "() => window.__schemeClasses.filter((entry) => entry.startsWith('html')).length > 1"
        )
        assert page.evaluate(schemes_js) == [scheme, scheme]
        seen = page.evaluate("() => window.__schemeClasses")
        assert seen and not [entry for entry in seen if other in entry], seen
