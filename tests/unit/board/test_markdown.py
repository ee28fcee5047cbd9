"""Markdown is rendered to safe HTML: no raw HTML, no script, no event handler, safe links only."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collab_app.services.markdown import is_safe_link, render_markdown

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "a", "ul", "ol", "li", "blockquote", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "s",
}  # fmt: skip
ALLOWED_ATTRS = {"a": {"href", "target", "rel", "title"}, "ol": {"start"}, "th": {"style"},
                 "td": {"style"}, "code": {"class"}}  # fmt: skip


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_safe(html: str) -> None:
    parser = _Collector()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (tag, html)
        assert set(attrs) <= ALLOWED_ATTRS.get(tag, set()), (tag, attrs, html)
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            if name == "href":
                assert value and value.lower().startswith(("http://", "https://", "mailto:")), html
            if name == "style":
                assert value in ("text-align:left", "text-align:right", "text-align:center"), html


ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<a href="javascript:alert(1)">x</a>',
    "<svg/onload=alert(1)>",
    "<iframe src=https://evil></iframe>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click]( javascript:alert(1) )",
    "[click](&#106;avascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](java%0ascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    '[x](https://ok.example"onmouseover="alert(1))',
    "![img](https://evil.example/pixel.png)",
    "![img](javascript:alert(1))",
    "`<script>`",
    "```html\n<script>alert(1)</script>\n```",
    "<div onclick=alert(1)>text</div>",
    "<!-- <script>alert(1)</script> -->",
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


@pytest.mark.parametrize("source", ATTACKS)
def test_attacks_never_survive(source):
    html = render_markdown(source)
    assert_safe(html)
    lowered = html.lower()
    assert "<script" not in lowered and "<style" not in lowered
    assert "<img" not in lowered and "<iframe" not in lowered and "<svg" not in lowered
    for scheme in ("javascript", "vbscript", "data", "file"):
        assert f'href="{scheme}' not in lowered


def test_script_is_shown_as_text():
    assert render_markdown("<script>alert(1)</script>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )
    assert render_markdown('<img src=x onerror="alert(1)">') == (
        "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>\n"
    )


def test_safe_links_are_kept_and_open_apart():
    html = render_markdown("See [the site](https://boulangerie.example/menu) or <ask@dupont.fr>")
    assert '<a href="https://boulangerie.example/menu" target="_blank" ' in html
    assert 'rel="nofollow noopener noreferrer"' in html
    assert '<a href="mailto:ask@dupont.fr"' in html
    assert_safe(html)


def test_relative_links_are_not_links():
    assert "<a " not in render_markdown("[home](/projects/1)")
    assert "<a " not in render_markdown("[anchor](#top)")


def test_common_markdown_still_works():
    html = render_markdown("# Title\n\n- **bold**\n- _em_\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<h1>Title</h1>" in html and "<strong>bold</strong>" in html and "<em>em</em>" in html
    assert "<table>" in html
    assert render_markdown("line one\nline two") == "<p>line one<br />\nline two</p>\n"
    assert render_markdown("") == render_markdown("   ") == render_markdown(None) == ""


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://x.y", True),
        ("HTTP://x.y", True),
        ("mailto:a@b.c", True),
        ("javascript:alert(1)", False),
        ("/relative", False),
        ("ftp://x.y", False),
        ("data:text/html,x", False),
        ("", False),
    ],
)
def test_is_safe_link(url, ok):
    assert is_safe_link(url) is ok


FRAGMENTS = st.sampled_from(
    [
        "<", ">", "<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:",
        "[", "]", "(", ")", "![", "<a href=", '"', "'", " ", "\n", "\n\n", "`", "*", "_",
        "https://ok.example", "onerror=", "onload=", "&#106;", "%0a", "\t", "[r]: ", "<svg/",
        "|", "---", "#", ">", "data:", "vbscript:", "mailto:", "<", "&", ";",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_random_mixtures_render_safely(source):
    assert_safe(render_markdown(source))
