"""The revision terms: as the client and the team read them, and the managers' form."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import labelled, submit_button, text_field
from collab_app.components.i18n import t, tf, tfn
from collab_app.components.layout import card
from collab_app.services.revisions import DeliverableView, Option
from collab_app.state.revisions import RevisionsState as S


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


def _block(label_key: str, text: rx.Var) -> rx.Component:
    return rx.cond(
        text != "",
        rx.box(
            rx.text(t(label_key), weight="bold", size="2"),
            rx.text(text, size="2", class_name="rev-text rev-pre"),
        ),
    )


def terms_card() -> rx.Component:
    """The terms framed by the quote, as both sides read them.

    Returns:
        The card.
    """
    terms = S.rev_terms
    return rx.cond(
        terms,
        card(
            rx.heading(t("revisions.ui.terms"), size="4", as_="h2"),
            rx.text(tf("revisions.ui.terms_included", total=terms.included_rounds)),
            rx.text(tf("revisions.ui.terms_response", days=terms.response_days)),
            rx.text(tf("revisions.ui.terms_price", price=terms.overage_price)),
            _block("revisions.ui.counts", terms.counts_text),
            _block("revisions.ui.excluded", terms.excluded_text),
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
            id="terms",
        ),
    )


def _option(option: rx.Var[Option]) -> rx.Component:
    return rx.el.option(option.text, value=option.value)


def _person_select(name: str, label_key: str, options: rx.Var, value: rx.Var) -> rx.Component:
    return labelled(
        name,
        label_key,
        rx.el.select(
            rx.el.option(t("revisions.ui.nobody"), value=""),
            rx.foreach(options, _option),
            id=name,
            name=name,
            default_value=value,
            class_name="native-select",
        ),
    )


def _area(name: str, label_key: str, value: rx.Var, hint_key: str = "") -> rx.Component:
    return labelled(
        name,
        label_key,
        rx.text_area(
            id=name, name=name, default_value=value, max_length=5000, rows="3", width="100%"
        ),
        hint_key,
    )


def _remove_deliverable(d: rx.Var[DeliverableView]) -> rx.Component:
    return rx.hstack(
        rx.text(d.name, size="2"),
        rx.button(
            t("form.remove"),
            on_click=S.delete_deliverable(d.id),
            size="1",
            variant="ghost",
            color_scheme="red",
        ),
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
        card(
            rx.heading(t("revisions.ui.edit_terms"), size="4", as_="h2"),
            rx.text(t("revisions.ui.rounds_in_project"), size="2", color_scheme="gray"),
            rx.form(
                rx.vstack(
                    _area("counts_text", "revisions.ui.counts", s.counts_text),
                    _area("excluded_text", "revisions.ui.excluded", s.excluded_text),
                    text_field(
                        "response_days",
                        "revisions.ui.response_days",
                        type_="number",
                        default_value=s.response_days.to_string(),
                        max_length=2,
                    ),
                    labelled(
                        "overage_mode",
                        "revisions.ui.overage_mode",
                        rx.el.select(
                            rx.el.option(t("revisions.ui.mode_fixed"), value="fixed"),
                            rx.el.option(t("revisions.ui.mode_hourly"), value="hourly"),
                            id="overage_mode",
                            name="overage_mode",
                            default_value=s.overage_mode,
                            class_name="native-select",
                        ),
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
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.save_terms,
                key=s.counts_text + s.overage_price + s.contact_id + s.lead_id + s.holidays,
                width="100%",
            ),
        ),
        card(
            rx.heading(t("revisions.ui.deliverables"), size="4", as_="h2"),
            rx.cond(
                S.rev_terms,
                rx.foreach(S.rev_terms.deliverables, _remove_deliverable),
            ),
            rx.form(
                rx.vstack(
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
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.add_deliverable,
                width="100%",
            ),
        ),
    )
