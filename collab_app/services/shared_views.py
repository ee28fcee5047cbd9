"""View objects every area shows the same way: a select's choice and a person."""

from __future__ import annotations

from dataclasses import dataclass


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
