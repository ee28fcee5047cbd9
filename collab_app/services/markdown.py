"""Markdown to safe HTML, rendered on the server for task descriptions and comments.

Safety comes from the renderer's configuration, not from cleaning its output afterwards:

- raw HTML in the source is disabled, so ``<script>`` or ``<img onerror=...>`` come out as text;
- link destinations are accepted only with an ``http``, ``https`` or ``mailto`` scheme
  (anything else, including relative and ``javascript:`` links, stays plain text);
- images are disabled (no tracking pixels, no ``data:`` URLs); their syntax stays text;
- every attribute value is escaped by markdown-it; links open in a new tab without referrer.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt

ALLOWED_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def is_safe_link(url: str) -> bool:
    """Return whether a (normalized) link destination may become a link.

    Args:
        url: The destination, as normalized by markdown-it.

    Returns:
        True for ``http:``, ``https:`` and ``mailto:`` destinations only.
    """
    match = _SCHEME.match(url.strip())
    return bool(match) and match.group(1).lower() in ALLOWED_SCHEMES


def _render_link_open(self, tokens, idx, options, env):  # noqa: ANN001
    token = tokens[idx]
    token.attrSet("target", "_blank")
    token.attrSet("rel", "nofollow noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


@cache
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    md.validateLink = is_safe_link
    md.add_render_rule("link_open", _render_link_open)
    return md


def render_markdown(text: str | None) -> str:
    """Render Markdown to HTML that is safe to insert into a page.

    Args:
        text: Markdown typed by someone (may contain HTML or script, which is shown as text).

    Returns:
        HTML (empty string for empty input).
    """
    if not text or not text.strip():
        return ""
    return _renderer().render(text)
