"""One page, one counter, one event: the smallest round trip Reflex can do."""

import reflex as rx


class CounterState(rx.State):
    """The counter."""

    count: int = 0

    @rx.event
    def increment(self):
        """Add one."""
        self.count += 1


def index() -> rx.Component:
    """The counter and its button."""
    return rx.vstack(
        rx.heading(CounterState.count, id="count", as_="h1"),
        rx.button("Increment", on_click=CounterState.increment, id="increment"),
        padding="2em",
    )


app = rx.App()
app.add_page(index, route="/")
