"""In-page timing for the browser benchmarks (Playwright + Chromium).

Times are taken inside the page with ``performance.now()``, never with Python sleeps or
Playwright's own waits: a capture-phase click listener stamps the start when the browser
dispatches the click, a MutationObserver stamps the end in the same task as the DOM commit that
shows the result. Playwright only drives the page and reads the two stamps afterwards.
"""

from __future__ import annotations

import os

from benchmarks.harness import SESSION_COOKIE

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")

# window.__benchArm(trigger, done): the next click on an element matching `trigger` starts the
# clock; the first DOM mutation after it for which done() is true stops it.
ARM_JS = """
(() => {
  // Stamp the arrival of websocket frames (socket.io's engine picks up window.WebSocket when its
  // module loads, after this init script).
  const Native = window.WebSocket;
  class StampedWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        const stamp = window.__benchStamp;
        if (stamp && stamp.start !== null && stamp.frame === null) stamp.frame = performance.now();
      });
    }
  }
  window.WebSocket = StampedWebSocket;
})();
window.__benchArm = (trigger, doneSource) => {
  const done = new Function('return (' + doneSource + ')();');
  const stamp = {start: null, frame: null, end: null};
  window.__benchStamp = stamp;
  const onClick = (event) => {
    if (stamp.start === null && event.target.closest(trigger)) {
      stamp.start = performance.now();
      document.removeEventListener('click', onClick, true);
    }
  };
  document.addEventListener('click', onClick, true);
  const observer = new MutationObserver(() => {
    if (stamp.start !== null && stamp.end === null && done()) {
      stamp.end = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, {
    childList: true, subtree: true, characterData: true, attributes: true,
  });
};
"""

# Stamps, from the navigation start, the first moment each count of `selector` was reached.
LOAD_JS = """
(() => {
  window.__benchSeen = {};
  const check = () => {
    const count = document.querySelectorAll(%r).length;
    if (!(count in window.__benchSeen)) window.__benchSeen[count] = performance.now();
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
})();
"""


def arm(page, trigger: str, done_js: str) -> None:
    """Arm the clock on ``page``: the next click on ``trigger`` until ``done_js()`` is true.

    Args:
        page: The page.
        trigger: CSS selector of what the click hits.
        done_js: Source of a JavaScript function without arguments, true once the result shows.
    """
    page.evaluate("([t, d]) => window.__benchArm(t, d)", [trigger, done_js])


def elapsed(page, timeout_ms: float = 20_000) -> float:
    """Wait for the armed measure to end; its duration in milliseconds."""
    return timed(page, timeout_ms)[0]


def timed(page, timeout_ms: float = 20_000) -> tuple[float, float]:
    """Wait for the armed measure to end: (total, first websocket frame -> DOM) in ms.

    The second figure is the browser's share (receiving the update to rendering it); the rest
    is the network and the server.
    """
    page.wait_for_function(
        "() => window.__benchStamp && window.__benchStamp.end !== null", timeout=timeout_ms
    )
    stamp = page.evaluate("() => window.__benchStamp")
    total = float(stamp["end"]) - float(stamp["start"])
    frame = stamp["frame"]
    return total, (float(stamp["end"]) - float(frame)) if frame is not None else 0.0


def new_page(browser, base_url: str, cookie: dict | None = None):
    """A desktop page (1280x800, English) in a fresh context, signed in with ``cookie``."""
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 800}, locale="en-US"
    )
    context.set_default_timeout(30_000)
    if cookie is not None:
        context.add_cookies([cookie])
    context.add_init_script(ARM_JS)
    return context.new_page()


def load_probe(selector: str) -> str:
    """Init script stamping when each count of ``selector`` elements was first reached."""
    return LOAD_JS % selector


__all__ = ["QUICK", "SESSION_COOKIE", "arm", "elapsed", "load_probe", "new_page", "timed"]
