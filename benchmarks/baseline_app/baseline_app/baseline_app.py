"""One page, one counter, one event: the smallest round trip Reflex can do.

``on_load`` flips ``ready`` (what a page that loads its data does, minus the data), so the load
benchmark can tell when the page is hydrated and its load handler has answered: ``#ready``.
"""

import reflex as rx


class CounterState(rx.State):
    """The counter."""

    count: int = 0
    ready: bool = False

    @rx.event
    def load(self):
        """``on_load``: the page is connected and hydrated."""
        self.ready = True

    @rx.event
    def increment(self):
        """Add one."""
        self.count += 1


def index() -> rx.Component:
    """The counter and its button."""
    return rx.vstack(
        rx.heading(CounterState.count, id="count", as_="h1"),
        rx.button("Increment", on_click=CounterState.increment, id="increment"),
        rx.cond(CounterState.ready, rx.text("ready", id="ready")),
        padding="2em",
    )


app = rx.App()
app.add_page(index, route="/", on_load=CounterState.load)
