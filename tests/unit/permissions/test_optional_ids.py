"""Optional ids received from a client: "none chosen", an id, or NotFound."""

from __future__ import annotations

import pytest

from collab_app.services import permissions
from collab_app.services.errors import NotFound


@pytest.mark.parametrize("raw", [None, "", 0, "0"])
def test_the_empty_values_mean_no_id(raw: object) -> None:
    assert permissions.no_id_chosen(raw)
    assert permissions.optional_id(raw) is None


@pytest.mark.parametrize(("raw", "expected"), [(7, 7), ("42", 42), ("000123", 123)])
def test_an_id_is_coerced(raw: object, expected: int) -> None:
    assert not permissions.no_id_chosen(raw)
    assert permissions.optional_id(raw) == expected


@pytest.mark.parametrize("raw", [-1, "-1", "abc", " 3", "1.5", 1.5, True, 2**53, [], {"id": 1}])
def test_anything_else_is_not_found(raw: object) -> None:
    assert not permissions.no_id_chosen(raw)
    with pytest.raises(NotFound):
        permissions.optional_id(raw)
