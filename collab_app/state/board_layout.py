"""How a board projection is laid out in the board state's vars, so a move sends little.

Reflex sends every var an event changed, whole. One list of columns holding their cards would
re-send the whole board to the mover and to every other tab of the project on each move. So:

- ``columns``: the column headers (name, count, WIP limit), small;
- ``col_cards_<i>`` (one per column slot, ``COLUMN_SLOTS`` = the most columns a board may
  have): the ids of the cards shown in the i-th column, in order;
- ``col_versions_<i>``: the versions of those cards, in the same order: a drag-and-drop's drop
  carries the version of the card the viewer picked up (the stale-move check), and a move
  changes only the two columns' lists it already sends (not the card's bucket below);
- ``cards_<b>`` (``CARD_BUCKETS`` buckets, card id modulo the bucket count): each card's display
  data by id. Where a card is and its version are not in it, so a move does not change it.

The state assigns only the vars whose value changed (:func:`changed_vars`): a move then sends
the two id and version lists it touched and the column headers; a card edit sends one bucket.

The layout of a board is computed once per board projection and shared by the tabs that show
that same projection (live refreshes of many tabs reuse the board service's shared result);
nothing in it depends on who looks beyond what the projection itself was built for.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from collab_app.reflex_adapter import differs
from collab_app.services.board import MAX_COLUMNS, BoardView, PersonView, placed
from collab_app.services.board.cards import due_state
from collab_app.services.board.presenter import BoardCard, ColumnHeader, board_card, column_header

COLUMN_SLOTS = MAX_COLUMNS
CARD_BUCKETS = 16
SLOT_VARS = tuple(f"col_cards_{i}" for i in range(COLUMN_SLOTS))
VERSION_VARS = tuple(f"col_versions_{i}" for i in range(COLUMN_SLOTS))
BUCKET_VARS = tuple(f"cards_{b}" for b in range(CARD_BUCKETS))


@dataclass(frozen=True, slots=True)
class BoardLayout:
    """A board projection spread over the state's vars (treat every value as read-only).

    ``places``: card id -> (column id, position, version), kept server-side for the handlers;
    ``people``: the assignees seen on the cards, for viewers who cannot create (no picker);
    ``due_dates`` (card id -> due date, cards that have one) and ``today`` (the day the due
    states were computed for): kept server-side, so that the mover's own move can recompute a
    card's due state when it enters or leaves the done column.
    """

    columns: list[ColumnHeader]
    slots: tuple[list[int], ...]
    versions: tuple[list[int], ...]
    buckets: tuple[dict[str, BoardCard], ...]
    places: dict[int, tuple[int, int, int]]
    people: list[PersonView]
    due_dates: dict[int, date]
    today: date | None

    def frontend_values(self) -> dict[str, Any]:
        """Var name -> value, for every var of the layout."""
        values: dict[str, Any] = {"columns": self.columns}
        values.update(zip(SLOT_VARS, self.slots, strict=True))
        values.update(zip(VERSION_VARS, self.versions, strict=True))
        values.update(zip(BUCKET_VARS, self.buckets, strict=True))
        return values


EMPTY = BoardLayout(
    columns=[],
    slots=tuple([] for _ in SLOT_VARS),
    versions=tuple([] for _ in VERSION_VARS),
    buckets=tuple({} for _ in BUCKET_VARS),
    places={},
    people=[],
    due_dates={},
    today=None,
)

_CACHE_MAX = 32
# Equal cards are the same object across layouts (versions), so comparing a tab's old and new
# buckets is mostly identity checks: a move leaves almost every card as it was.
_INTERN_MAX = 50_000
_interned: dict[BoardCard, BoardCard] = {}


def _intern(card: BoardCard) -> BoardCard:
    found = _interned.get(card)
    if found is not None:
        return found
    if len(_interned) >= _INTERN_MAX:
        _interned.clear()
    _interned[card] = card
    return card


_cache: OrderedDict[int, tuple[BoardView, str, date, BoardLayout]] = OrderedDict()
_cache_lock = threading.Lock()


def _build(view: BoardView, lang: str, today: date) -> BoardLayout:
    slots: tuple[list[int], ...] = tuple([] for _ in SLOT_VARS)
    versions: tuple[list[int], ...] = tuple([] for _ in VERSION_VARS)
    buckets: tuple[dict[str, BoardCard], ...] = tuple({} for _ in BUCKET_VARS)
    places: dict[int, tuple[int, int, int]] = {}
    due_dates: dict[int, date] = {}
    seen: dict[int, str] = {}
    for index, column in enumerate(view.columns[:COLUMN_SLOTS]):
        for card in column.cards:
            slots[index].append(card.id)
            versions[index].append(card.version)
            display = _intern(board_card(card, lang, today))
            buckets[card.id % CARD_BUCKETS][str(card.id)] = display
            places[card.id] = (column.id, card.position, card.version)
            if card.due_date is not None:
                due_dates[card.id] = card.due_date
            seen.update((p.id, p.name) for p in card.assignees)
    return BoardLayout(
        columns=[column_header(c) for c in view.columns[:COLUMN_SLOTS]],
        slots=slots,
        versions=versions,
        buckets=buckets,
        places=places,
        people=[PersonView(i, n) for i, n in sorted(seen.items(), key=lambda p: p[1])],
        due_dates=due_dates,
        today=today,
    )


def layout_for(view: BoardView, lang: str, today: date) -> BoardLayout:
    """Return the layout of a board projection (built once per projection object).

    Args:
        view: The board as the service built it for the viewer.
        lang: Language of the due labels.
        today: The viewer's today.

    Returns:
        The layout.
    """
    key = id(view)
    with _cache_lock:
        entry = _cache.get(key)
        # The entry holds the view itself, so its id cannot be reused while cached.
        if entry is not None and entry[0] is view and entry[1] == lang and entry[2] == today:
            _cache.move_to_end(key)
            return entry[3]
    with _cache_lock:
        layout = _build(view, lang, today)
        _cache[key] = (view, lang, today, layout)
        while len(_cache) > _CACHE_MAX:
            _cache.popitem(last=False)
    return layout


def changed_vars(state: Any, values: dict[str, Any]) -> None:
    """Assign each var only if its value differs (Reflex sends every assigned var, whole).

    Args:
        state: The state.
        values: Var name -> new value.
    """
    for name, value in values.items():
        if differs(state, name, value):
            setattr(state, name, value)


# A page load sends its cards in messages of at most this many (about 4 KB of the bench's
# cards). The server's websocket keeps, per connection and for its whole life, a write buffer
# as large as the largest message it sent (granian's tungstenite ``out_buffer``): one 56 KB
# message for a 200-card board cost every tab that much (benchmarks/README.md, goal 4). 48
# cards per message measured ~15 KB more per tab than 12 or 24 (bench_memory).
CARDS_PER_MESSAGE = 12


def load_parts(
    shown: Sequence[Mapping[str, BoardCard]],
    layout: BoardLayout,
    cards_per_message: int = CARDS_PER_MESSAGE,
) -> list[dict[str, Any]]:
    """The vars a page load assigns, in the order of the messages that send them.

    A board of at most ``cards_per_message`` changed cards is one message (the layout's vars).
    A bigger one: first its card buckets, merged with the cards the tab still shows, in groups
    of at most ``cards_per_message`` cards (a bucket is never split; only buckets that change);
    then the column headers, id and version lists, with the buckets that lose cards. At every
    message, each id the tab's columns list is in its bucket: the cards the columns shown
    before list stay in their buckets until the last message replaces those columns.

    Args:
        shown: The card buckets the tab holds before the load (``cards_<b>`` values).
        layout: The board to show.
        cards_per_message: The most cards one message carries (but a bucket's cards).

    Returns:
        Var name -> value dicts, one per message, to assign in order with :func:`changed_vars`.
    """
    merged = [
        {**old, **new} if old.keys() - new.keys() else new
        for old, new in zip(shown, layout.buckets, strict=True)
    ]
    changed = [b for b in range(CARD_BUCKETS) if merged[b] != shown[b]]
    if sum(len(merged[b]) for b in changed) <= cards_per_message:
        return [layout.frontend_values()]
    parts: list[dict[str, Any]] = [{}]
    count = 0
    for b in changed:
        if parts[-1] and count + len(merged[b]) > cards_per_message:
            parts.append({})
            count = 0
        parts[-1][BUCKET_VARS[b]] = merged[b]
        count += len(merged[b])
    last: dict[str, Any] = {"columns": layout.columns}
    last.update(zip(SLOT_VARS, layout.slots, strict=True))
    last.update(zip(VERSION_VARS, layout.versions, strict=True))
    last.update(
        (BUCKET_VARS[b], layout.buckets[b])
        for b in range(CARD_BUCKETS)
        if merged[b] is not layout.buckets[b]
    )
    return [*parts, last]


Places = dict[int, tuple[int, int, int]]


def own_move(
    columns: Sequence[ColumnHeader],
    slots: Sequence[Sequence[int]],
    bucket: Mapping[str, BoardCard],
    places: Places,
    *,
    task_id: int,
    column_id: int,
    index: int,
    version: int,
    due_dates: Mapping[int, date] | None = None,
    today: date | None = None,
) -> tuple[dict[str, Any], Places] | None:
    """Rearrange a team's unfiltered board for a move the service accepted (no database).

    The service's placement rule (``board.placed``) is applied to the layout the tab holds, so
    the mover sees the move without re-reading the board. A card with a due date entering or
    leaving the done column gets the due state a re-read would give it (the service's own
    ``due_state``, for the day the layout was computed for).

    Args:
        columns: The column headers the tab holds.
        slots: The card ids of each column slot.
        bucket: The card bucket holding the moved card.
        places: Card id -> (column id, position, version).
        task_id: The moved card.
        column_id: Its new column.
        index: Its index among the column's other cards.
        version: The card's version before the move (the move added one).
        due_dates: The layout's due dates (``BoardLayout.due_dates``).
        today: The day the layout's due states were computed for (``BoardLayout.today``).

    Returns:
        The vars to assign and the new places; None when the board must be re-read instead.
    """
    place = places.get(task_id)
    at = {column.id: slot for slot, column in enumerate(columns)}
    if place is None or place[0] not in at or column_id not in at:
        return None
    source, target = columns[at[place[0]]], columns[at[column_id]]
    card = bucket.get(str(task_id))
    if card is None:
        return None
    shown = card
    if card.due_label and source.id != target.id and (source.is_done or target.is_done):
        due = (due_dates or {}).get(task_id)
        if due is None or today is None:
            return None
        state = str(due_state(due, today, done=target.is_done))
        if state != card.due_state:
            shown = dataclasses.replace(card, due_state=state)
    orders = {
        cid: [tid for tid in slots[at[cid]] if tid != task_id] for cid in {source.id, target.id}
    }
    # The service's own placement rule (the team sees every card of the column).
    orders[target.id] = placed(orders[target.id], task_id, index)
    if source.id == target.id and orders[target.id] == list(slots[at[target.id]]):
        return {}, places  # the service changed nothing, not even the version
    moved = dict(places)
    for cid, ids in orders.items():
        for position, tid in enumerate(ids):
            moved[tid] = (cid, position, version + 1 if tid == task_id else moved[tid][2])
    values: dict[str, Any] = {SLOT_VARS[at[cid]]: ids for cid, ids in orders.items()}
    values.update(
        (VERSION_VARS[at[cid]], [moved[tid][2] for tid in ids]) for cid, ids in orders.items()
    )
    if shown is not card:
        values[BUCKET_VARS[task_id % CARD_BUCKETS]] = {**bucket, str(task_id): shown}
    if source.id != target.id:
        # Plain copies (the state hands out proxies), with the two columns' new counts.
        values["columns"] = [
            column.recounted(len(orders[column.id]) if column.id in orders else column.count)
            for column in columns
        ]
    return values, moved
