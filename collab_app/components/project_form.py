"""The project fields, shared by "new project" and "project settings"."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import select_field, text_field

BILLING_OPTIONS = [
    ("milestone", "project.billing_milestone"),
    ("time", "project.billing_time"),
    ("mixed", "project.billing_mixed"),
]


def project_fields(
    *,
    name: rx.Var | str = "",
    client_name: rx.Var | str = "",
    start_date: rx.Var | str = "",
    quote: rx.Var | str = "",
    included_rounds: rx.Var | str = "2",
    billing_model: rx.Var | str = "milestone",
    show_quote: rx.Var | bool = True,
) -> list[rx.Component]:
    """The inputs of the project form.

    Args:
        name: Initial project name.
        client_name: Initial client name.
        start_date: Initial start date (ISO).
        quote: Initial quote text.
        included_rounds: Initial number of revision rounds.
        billing_model: Initial billing model.
        show_quote: Whether the viewer may see and edit the quote.

    Returns:
        The field blocks.
    """
    return [
        text_field("name", "project.name", default_value=name, required=True, max_length=120),
        text_field(
            "client_name",
            "project.client_name",
            default_value=client_name,
            required=True,
            max_length=120,
        ),
        text_field(
            "start_date",
            "project.start_date",
            type_="date",
            default_value=start_date,
            required=True,
        ),
        rx.cond(
            show_quote, text_field("quote", "project.quote", default_value=quote, max_length=20)
        ),
        text_field(
            "included_rounds",
            "project.included_rounds",
            type_="number",
            default_value=included_rounds,
            max_length=2,
        ),
        select_field(
            "billing_model", "project.billing_model", BILLING_OPTIONS, default_value=billing_model
        ),
    ]
