"""The database goes away under a member's feet: clear messages, nothing half-written, no loss.

The built app (shared with ``test_scale.py``, see ``scale_support``) is served on its own host
(127.0.0.4) with one worker, reaching PostgreSQL through a TCP proxy the test can cut (live
connections closed, new ones refused) and restore. Needs PostgreSQL and Redis on 127.0.0.1.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect

from testkit.tcp_proxy import TcpProxy
from tests.e2e.conftest import ARTIFACTS_DIR
from tests.e2e.helpers import DEMO_USERS, sign_in
from tests.e2e.scale_support import (
    DATABASE_URL,
    NEEDS_POSTGRES_AND_REDIS,
    PG_DATABASE,
    Instance,
    built_app,
    start_instance,
    wait_healthy,
)

pytestmark = NEEDS_POSTGRES_AND_REDIS

# Bruno (member) uses the app in French.
RETRYING = re.compile("Nouvel essai")
GAVE_UP = re.compile("ne répond toujours pas")


@dataclass
class OutageApp:
    instance: Instance
    proxy: TcpProxy


@pytest.fixture(scope="module")
def outage_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OutageApp]:
    build = built_app(tmp_path_factory)
    proxy = TcpProxy(("127.0.0.1", 5432)).start()
    instance = start_instance(
        build,
        "127.0.0.4",
        "db-outage",
        supervised=False,
        GRANIAN_WORKERS="1",
        DATABASE_URL=f"postgresql://postgres@127.0.0.1:{proxy.port}/{PG_DATABASE}",
    )
    try:
        took = wait_healthy(instance, 240)
        print(f"db-outage instance healthy after {took:.1f}s")
        yield OutageApp(instance, proxy)
    finally:
        instance.stop()
        proxy.stop()


def _query(sql: str, *params: object) -> list[tuple]:
    """Read the database directly (not through the proxy)."""
    with psycopg.connect(DATABASE_URL) as connection:
        return connection.execute(sql, params).fetchall()


def _movable_task() -> tuple[int, int, int, int]:
    """A live task of the demo project outside its first column, and a column it may go to.

    Returns:
        (project id, task id, its column id, target column id).
    """
    columns = _query(
        "SELECT c.id, c.project_id, c.wip_limit, "
        "(SELECT count(*) FROM task t WHERE t.column_id = c.id AND t.deleted_at IS NULL) "
        "FROM boardcolumn c JOIN project p ON p.id = c.project_id "
        "WHERE p.name = 'Boulangerie Dupont website' ORDER BY c.position"
    )
    project_id = columns[0][1]
    open_columns = [c[0] for c in columns if c[2] is None or c[3] < c[2]]
    tasks = _query(
        "SELECT id, column_id FROM task WHERE project_id = %s AND deleted_at IS NULL "
        "AND column_id <> %s ORDER BY id",
        project_id,
        columns[0][0],
    )
    task_id, column_id = tasks[0]
    target = next(c for c in open_columns if c != column_id)
    return project_id, task_id, column_id, target


def _member_page(browser: Browser, app: OutageApp, path: str) -> Page:
    context = browser.new_context(
        base_url=app.instance.url, viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in(page, app.instance.url, DEMO_USERS["member"])
    page.goto(path)
    return page


def _no_stack_trace(page: Page) -> None:
    text = page.content()
    assert "Traceback" not in text
    assert "OperationalError" not in text
    assert "psycopg" not in text


def test_move_while_the_database_is_away_succeeds_once_it_is_back(
    outage_app: OutageApp, browser: Browser
) -> None:
    project_id, task_id, column_id, target = _movable_task()
    moves_before = _query(
        "SELECT count(*) FROM activity WHERE task_id = %s AND kind = 'task_moved'", task_id
    )[0][0]
    page = _member_page(browser, outage_app, f"/projects/{project_id}/tasks/{task_id}")
    select = page.locator("select[name=task_column]")
    expect(select).to_have_value(str(column_id), timeout=30_000)  # the page has loaded
    try:
        outage_app.proxy.cut()
        select.select_option(str(target))
        page.get_by_role("button", name="Déplacer", exact=True).click()
        expect(page.get_by_text(RETRYING).first).to_be_visible(timeout=10_000)
        # Nothing was written while the database was away.
        assert _query("SELECT column_id FROM task WHERE id = %s", task_id) == [(column_id,)]
        time.sleep(1.0)
        outage_app.proxy.restore()
        expect(page.get_by_text("Carte déplacée.").first).to_be_visible(timeout=15_000)
        expect(select).to_have_value(str(target))
        _no_stack_trace(page)
    except Exception:
        page.screenshot(path=str(ARTIFACTS_DIR / "db-outage-move.png"), full_page=True)
        raise
    finally:
        if outage_app.proxy.is_cut:
            outage_app.proxy.restore()
    assert _query("SELECT column_id FROM task WHERE id = %s", task_id) == [(target,)]
    moves_after = _query(
        "SELECT count(*) FROM activity WHERE task_id = %s AND kind = 'task_moved'", task_id
    )[0][0]
    assert moves_after == moves_before + 1
    page.context.close()


def test_comment_during_a_long_outage_is_refused_cleanly_and_kept(
    outage_app: OutageApp, browser: Browser
) -> None:
    project_id, task_id, _, _ = _movable_task()
    page = _member_page(browser, outage_app, f"/projects/{project_id}/tasks/{task_id}")
    body = f"Posted while the database was away {time.time_ns()}"
    box = page.locator("#body")
    send = page.get_by_role("button", name="Publier le commentaire")
    expect(send).to_be_visible(timeout=30_000)  # the page has loaded
    try:
        box.fill(body)
        outage_app.proxy.cut()
        send.click()
        expect(page.get_by_text(RETRYING).first).to_be_visible(timeout=10_000)
        # 0.5 + 1 + 2 + 4 s of retries, then a clear refusal.
        expect(page.get_by_text(GAVE_UP).first).to_be_visible(timeout=20_000)
        _no_stack_trace(page)
        # Nothing lost: the text is still in the box, and nothing half-written.
        expect(box).to_have_value(body)
        assert _query("SELECT count(*) FROM comment WHERE body = %s", body) == [(0,)]
        outage_app.proxy.restore()
        send.click()
        expect(page.get_by_text("Commentaire publié.").first).to_be_visible(timeout=15_000)
        expect(page.locator("#comments")).to_contain_text(body)
        expect(box).to_have_value("")
    except Exception:
        page.screenshot(path=str(ARTIFACTS_DIR / "db-outage-comment.png"), full_page=True)
        raise
    finally:
        if outage_app.proxy.is_cut:
            outage_app.proxy.restore()
    assert _query("SELECT count(*) FROM comment WHERE body = %s", body) == [(1,)]
    page.context.close()
