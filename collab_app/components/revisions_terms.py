"""The revision terms: as the client and the team read them, and the managers' form."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import (
    blank_option,
    choice_field,
    input_field,
    option_of,
    select_field,
    stacked_form,
    submit_button,
    text_field,
)
from collab_app.components.i18n import t, tf, tfn
from collab_app.components.ui import danger_button, section, text_block
from collab_app.services.revisions import DeliverableView
from collab_app.state.revisions import RevisionsState as S

# The terms' texts keep their line breaks.
_TERMS_TEXT = {"label_size": "2", "text_class": "rev-text rev-pre"}


def _deliverable(d: rx.Var[DeliverableView]) -> rx.Component:
    return rx.el.li(
        rx.text.strong(d.name),
        " — ",
        rx.cond(
            d.included_rounds >= 0,
            tf("revisions.ui.deliverable_rounds", used=d.rounds_used, total=d.included_rounds),
            tfn("revisions.ui.deliverable_project_rounds", d.rounds_used),
        ),
        rx.cond(d.note != "", rx.text(d.note, size="2", class_name="rev-text")),
    )


def terms_card() -> rx.Component:
    """The terms framed by the quote, as both sides read them.

    Returns:
        The card.
    """
    terms = S.rev_terms
    return rx.cond(
        terms,
        section(
            "revisions.ui.terms",
            rx.text(tf("revisions.ui.terms_included", total=terms.included_rounds)),
            rx.text(tf("revisions.ui.terms_response", days=terms.response_days)),
            rx.text(tf("revisions.ui.terms_price", price=terms.overage_price)),
            text_block("revisions.ui.counts", terms.counts_text, **_TERMS_TEXT),
            text_block("revisions.ui.excluded", terms.excluded_text, **_TERMS_TEXT),
            rx.cond(
                terms.contact_name != "",
                rx.text(tf("revisions.ui.terms_contact", name=terms.contact_name), size="2"),
                rx.text(t("revisions.ui.no_contact"), size="2", color_scheme="amber"),
            ),
            rx.cond(
                terms.lead_name != "",
                rx.text(tf("revisions.ui.terms_lead", name=terms.lead_name), size="2"),
            ),
            rx.cond(
                terms.deliverables.length() > 0,
                rx.box(
                    rx.text(t("revisions.ui.deliverables"), weight="bold", size="2"),
                    rx.el.ul(rx.foreach(terms.deliverables, _deliverable), class_name="rev-list"),
                ),
            ),
            as_="h2",
            id="terms",
        ),
    )


def _person_select(name: str, label_key: str, options: rx.Var, value: rx.Var) -> rx.Component:
    return choice_field(
        name,
        label_key,
        blank_option("revisions.ui.nobody"),
        rx.foreach(options, option_of),
        default_value=value,
    )


def _area(name: str, label_key: str, value: rx.Var, hint_key: str = "") -> rx.Component:
    return input_field(
        name,
        label_key,
        hint_key=hint_key,
        control=rx.text_area,
        default_value=value,
        max_length=5000,
        rows="3",
        size=None,
    )


def _remove_deliverable(d: rx.Var[DeliverableView]) -> rx.Component:
    return rx.hstack(
        rx.text(d.name, size="2"),
        danger_button("form.remove", S.delete_deliverable(d.id)),
        align="center",
        spacing="2",
    )


def terms_settings() -> rx.Component:
    """The managers' form: terms, contact, lead, calendar; and the deliverables.

    Returns:
        Two cards.
    """
    s = S.rev_settings
    return rx.fragment(
        section(
            "revisions.ui.edit_terms",
            stacked_form(
                _area("counts_text", "revisions.ui.counts", s.counts_text),
                _area("excluded_text", "revisions.ui.excluded", s.excluded_text),
                text_field(
                    "response_days",
                    "revisions.ui.response_days",
                    type_="number",
                    default_value=s.response_days.to_string(),
                    max_length=2,
                ),
                select_field(
                    "overage_mode",
                    "revisions.ui.overage_mode",
                    [("fixed", "revisions.ui.mode_fixed"), ("hourly", "revisions.ui.mode_hourly")],
                    default_value=s.overage_mode,
                ),
                text_field(
                    "overage_price",
                    "revisions.ui.overage_price",
                    default_value=s.overage_price,
                    max_length=20,
                    hint_key="revisions.ui.fixed_only",
                ),
                rx.hstack(
                    text_field(
                        "overage_hours",
                        "revisions.ui.overage_hours",
                        default_value=s.overage_hours,
                        max_length=10,
                    ),
                    text_field(
                        "hourly_rate",
                        "revisions.ui.hourly_rate",
                        default_value=s.hourly_rate,
                        max_length=20,
                    ),
                    width="100%",
                    wrap="wrap",
                ),
                _person_select("contact_id", "revisions.ui.contact", s.contacts, s.contact_id),
                _person_select("lead_id", "revisions.ui.lead", s.leads, s.lead_id),
                _area(
                    "holidays",
                    "revisions.ui.holidays",
                    s.holidays,
                    "revisions.ui.holidays_hint",
                ),
                submit_button("form.save"),
                on_submit=S.save_terms,
                key=s.counts_text + s.overage_price + s.contact_id + s.lead_id + s.holidays,
            ),
            as_="h2",
            hint_key="revisions.ui.rounds_in_project",
        ),
        section(
            "revisions.ui.deliverables",
            rx.cond(S.rev_terms, rx.foreach(S.rev_terms.deliverables, _remove_deliverable)),
            stacked_form(
                text_field("deliverable_name", "revisions.ui.deliverable_name", max_length=80),
                text_field(
                    "deliverable_rounds",
                    "revisions.ui.deliverable_own_rounds",
                    type_="number",
                    max_length=2,
                    hint_key="revisions.ui.deliverable_rounds_hint",
                ),
                text_field("deliverable_note", "revisions.ui.deliverable_note", max_length=500),
                submit_button("revisions.ui.add_deliverable", variant="soft"),
                on_submit=S.add_deliverable,
            ),
            as_="h2",
        ),
    )
