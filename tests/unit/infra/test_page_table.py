"""The page table: every route served once, every page of ``collab_app/pages`` in it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from collab_app import pages, routes
from collab_app.collab_app import app
from collab_app.page_table import PAGES

# Public pieces of a page kept in their own module (not pages themselves).
PAGE_PARTS = {"split_issue.issue_dialog", "split_issue.billing_notice"}


def _route_constants() -> set[str]:
    return {value for name, value in vars(routes).items() if name.isupper()}


def test_every_route_is_in_the_table_once():
    served = [page.route for page in PAGES]
    assert len(served) == len(set(served))
    assert set(served) == _route_constants()


def test_every_route_of_the_table_is_registered_with_its_load_handler():
    registered = {route.strip("/") or "index" for route in app._unevaluated_pages}
    assert registered == {page.route.strip("/") or "index" for page in PAGES}
    for page in PAGES:
        assert page.on_load is not None and page.title.endswith("collab")


def test_every_page_module_has_its_page_in_the_table():
    """A public function without parameters in a page module is a page: it must be served."""
    in_table = {page.component for page in PAGES}
    missing = []
    for info in pkgutil.iter_modules(pages.__path__):
        module = importlib.import_module(f"{pages.__name__}.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if inspect.signature(function).parameters or function in in_table:
                continue
            if f"{info.name}.{name}" not in PAGE_PARTS:
                missing.append(f"{info.name}.{name}")
    assert missing == []
