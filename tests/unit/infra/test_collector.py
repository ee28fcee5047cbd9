"""The worker's garbage collector settings (``collab_app.collector``)."""

from __future__ import annotations

import gc

import pytest

from collab_app.collector import tune_collector


@pytest.fixture
def restored_collector():
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()


@pytest.mark.usefixtures("restored_collector")
def test_start_up_objects_are_frozen_and_young_collections_are_rarer(monkeypatch):
    monkeypatch.delenv("GC_YOUNG_THRESHOLD", raising=False)
    gc.set_threshold(700, 10, 10)
    gc.unfreeze()
    loaded_at_start = [[] for _ in range(100)]
    tune_collector()
    assert gc.get_threshold() == (20_000, 10, 10)
    # What was alive at start-up (these lists included) is out of the collector's reach.
    assert gc.get_freeze_count() >= len(loaded_at_start)


@pytest.mark.usefixtures("restored_collector")
@pytest.mark.parametrize(("raw", "expected"), [("700", 700), ("0", 20_000), ("lots", 20_000)])
def test_the_threshold_is_configurable(monkeypatch, raw, expected):
    monkeypatch.setenv("GC_YOUNG_THRESHOLD", raw)
    tune_collector()
    assert gc.get_threshold()[0] == expected
