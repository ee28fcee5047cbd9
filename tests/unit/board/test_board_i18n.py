"""Every message key the board raises or writes exists in English and French."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from collab_app.i18n import catalogue, messages_of, translate
from collab_app.models.board import TASK_PRIORITIES
from collab_app.services.board import DEFAULT_COLUMN_KEYS

SERVICES = Path(__file__).resolve().parents[3] / "collab_app" / "services"
SOURCES = [*(SERVICES / "board").glob("*.py"), SERVICES / "projects" / "recap.py"]
PLACEHOLDER = re.compile(r"{(\w*)}")
ACTIVITY_KINDS = [
    "task_created", "task_updated", "task_moved", "task_reordered", "task_deleted",
    "task_restored", "task_blocked", "task_unblocked", "task_hidden", "task_shown",
    "assignees_changed", "labels_changed", "watchers_changed", "watch_started", "watch_stopped",
    "comment_added_internal", "comment_added_client", "comment_edited", "comment_deleted",
    "column_added", "column_renamed", "column_moved", "column_deleted", "column_limit",
    "column_limit_cleared", "label_added", "label_updated", "label_deleted",
]  # fmt: skip


def test_board_messages_have_both_languages_and_same_placeholders():
    for key, (english, french) in messages_of("board").items():
        assert key.startswith("board."), key
        assert english.strip() and french.strip(), key
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(french)), key


def test_every_key_used_in_the_code_exists():
    used: set[str] = set()
    for path in SOURCES:
        used |= set(re.findall(r'"(board\.[a-z_]+(?:\.[a-z_]+)*)"', path.read_text()))
    missing = sorted(k for k in used if k not in catalogue())
    assert missing == []


def test_every_kind_written_has_a_sentence():
    kinds: set[str] = set()
    for path in SOURCES:
        kinds |= set(re.findall(r'kind="([a-z_]+)"', path.read_text()))
    known = set(ACTIVITY_KINDS)
    assert kinds - {"labels", "assignees", "watchers"} <= known
    for kind in ACTIVITY_KINDS:
        assert f"board.activity.{kind}" in catalogue(), kind


@pytest.mark.parametrize(
    "key", [*DEFAULT_COLUMN_KEYS, *(f"board.priority.{p}" for p in TASK_PRIORITIES)]
)
def test_vocabulary_is_translated(key):
    assert translate(key, "en") != translate(key, "fr")
