"""View objects every area shows the same way (a select's choice, a person) and their builder."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import TypeVar

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Option:
    """A choice of a native select: value and text."""

    value: str
    text: str


@dataclass(frozen=True, slots=True)
class PersonView:
    """A person shown on a card, in a list or in a mention."""

    id: int
    name: str


@functools.cache
def _init_fields(view: type) -> tuple[str, ...]:
    """The names a view's constructor takes, read once per class (boards build hundreds)."""
    if not dataclasses.is_dataclass(view):
        raise TypeError(f"{view!r} is not a dataclass")
    return tuple(field.name for field in dataclasses.fields(view) if field.init)


def view_from(view: type[V], *sources: object, **given: object) -> V:
    """Build a view dataclass from the attributes of the same names on what was read.

    In the spirit of pydantic's ``from_attributes``: each declared field of ``view`` takes the
    value given for it by keyword, else the attribute of its name on the one source that has
    it. Only the view's own fields are read, so nothing else of a row ever reaches a viewer;
    a computed or renamed field is given by keyword.

    Args:
        view: The view's dataclass.
        *sources: The rows or records read, searched for each field not given.
        **given: The values of the fields computed or named otherwise.

    Returns:
        The view.

    Raises:
        TypeError: ``view`` is not a dataclass, a keyword is not one of its fields, or a field is
            neither given nor on a source (the view never falls back to a default).
        ValueError: A field not given is on two sources (which one shows it must be said).
    """
    names = _init_fields(view)
    unknown = sorted(set(given).difference(names))
    if unknown:
        raise TypeError(f"{view.__name__} has no field {', '.join(unknown)}")
    values = dict(given)
    if len(sources) == 1:
        # The common case (one row; boards build hundreds of cards): no search among sources.
        (source,) = sources
        for name in names:
            if name not in given:
                try:
                    values[name] = getattr(source, name)
                except AttributeError:
                    raise TypeError(
                        f"{view.__name__}.{name} is neither given nor on the sources"
                    ) from None
        return view(**values)
    for name in names:
        if name in given:
            continue
        holders = [source for source in sources if hasattr(source, name)]
        if not holders:
            raise TypeError(f"{view.__name__}.{name} is neither given nor on the sources")
        if len(holders) > 1:
            raise ValueError(f"{view.__name__}.{name} is on more than one source")
        values[name] = getattr(holders[0], name)
    return view(**values)
