"""The kernel's view builder: a view's fields, from what was read, nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from collab_app.services.shared_views import PersonView, view_from


@dataclass(frozen=True, slots=True)
class _Card:
    id: int
    title: str
    label: str
    hidden: bool = False


def test_copies_same_named_attributes_and_takes_the_given_ones() -> None:
    row = SimpleNamespace(id=7, title="Logo", hidden=True, secret="never shown")
    card = view_from(_Card, row, label="Logo (7)")
    assert card == _Card(id=7, title="Logo", label="Logo (7)", hidden=True)
    assert not hasattr(card, "secret")


def test_a_given_value_wins_over_the_attribute() -> None:
    row = SimpleNamespace(id=7, title="Logo", label="raw", hidden=True)
    assert view_from(_Card, row, label="shown", hidden=False).label == "shown"
    assert view_from(_Card, row, label="shown", hidden=False).hidden is False


def test_reads_each_field_from_the_one_source_that_has_it() -> None:
    row = SimpleNamespace(id=3, title="Menu")
    record = SimpleNamespace(label="Menu (3)", hidden=False)
    assert view_from(_Card, row, record) == _Card(id=3, title="Menu", label="Menu (3)")


def test_a_field_on_two_sources_must_be_given() -> None:
    row = SimpleNamespace(id=3, title="Menu", hidden=True)
    record = SimpleNamespace(id=4, label="Menu", hidden=False)
    with pytest.raises(ValueError, match=r"_Card\.id is on more than one source"):
        view_from(_Card, row, record)
    card = view_from(_Card, row, record, id=3, hidden=True)
    assert (card.id, card.hidden) == (3, True)


def test_a_missing_field_raises_even_when_it_has_a_default() -> None:
    with pytest.raises(TypeError, match=r"_Card\.hidden is neither given nor on the sources"):
        view_from(_Card, SimpleNamespace(id=1, title="A"), label="A")


def test_an_unknown_keyword_raises() -> None:
    row = SimpleNamespace(id=1, title="A", hidden=False)
    with pytest.raises(TypeError, match="_Card has no field colour"):
        view_from(_Card, row, label="A", colour="red")


def test_only_a_dataclass_is_built() -> None:
    with pytest.raises(TypeError, match="not a dataclass"):
        view_from(dict, SimpleNamespace())


def test_a_field_outside_the_constructor_is_not_read() -> None:
    @dataclass(frozen=True)
    class _Counted:
        id: int
        total: int = field(init=False, default=0)

    built = view_from(_Counted, SimpleNamespace(id=2, total=99))
    assert (built.id, built.total) == (2, 0)


def test_builds_a_kernel_view() -> None:
    user = SimpleNamespace(id=5, name="Ana", password_hash="x")
    assert view_from(PersonView, user) == PersonView(id=5, name="Ana")
