"""Small building blocks the pages share: muted text, sections, lists, badges, buttons, dialogs."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from collab_app.components.i18n import t
from collab_app.components.layout import card


def muted(
    *children: rx.Component | rx.Var | str, size: str | None = "1", **props: object
) -> rx.Component:
    """Secondary grey text (dates, hints, counts).

    Args:
        *children: The text parts.
        size: Text size (None: the default).
        **props: Extra text props.

    Returns:
        The text.
    """
    if size is not None:
        props["size"] = size
    return rx.text(*children, color_scheme="gray", **props)


def heading(
    label: str | rx.Var, *, size: str = "4", as_: str = "", **props: object
) -> rx.Component:
    """A section heading from a message key (``str``) or a ready Var.

    Args:
        label: Message key, or a text Var.
        size: Heading size.
        as_: The HTML heading element (``h2``...), default Radix's.
        **props: Extra heading props.

    Returns:
        The heading.
    """
    if as_:
        props["as_"] = as_
    return rx.heading(t(label) if isinstance(label, str) else label, size=size, **props)


def section(
    title_key: str,
    *content: rx.Component,
    as_: str = "",
    hint_key: str = "",
    **props: object,
) -> rx.Component:
    """A card opened by its heading, and an optional grey hint under it.

    Args:
        title_key: Message key of the heading.
        *content: The card's content.
        as_: The heading's HTML element (``h2``...).
        hint_key: Message key of a hint under the heading.
        **props: Extra card props (``id``...).

    Returns:
        The card.
    """
    hint = [muted(t(hint_key), size="2")] if hint_key else []
    return card(heading(title_key, as_=as_), *hint, *content, **props)


def list_section(
    title_key: str,
    items: rx.Var,
    render: Callable[[rx.Var], rx.Component],
    *after: rx.Component,
    **props: object,
) -> rx.Component:
    """A ``section`` of the items one after the other, left out while there is none.

    Args:
        title_key: Message key of the heading.
        items: The list Var.
        render: Builds one item.
        *after: What follows the items in the card (a link...).
        **props: ``section`` props (``as_``, ``id``...).

    Returns:
        The section, shown only when the list is not empty.
    """
    return rx.cond(
        items.length() > 0, section(title_key, rx.foreach(items, render), *after, **props)
    )


def text_block(
    label_key: str,
    text: rx.Var,
    *,
    label_size: str = "1",
    text_class: str = "rev-text",
    container: Callable[..., rx.Component] = rx.box,
    **props: object,
) -> rx.Component:
    """A bold label over a text (an answer, a note), shown only when the text is not empty.

    Args:
        label_key: Message key of the label.
        text: The text Var.
        label_size: The label's size.
        text_class: The text's class.
        container: What holds both (a box, or a stack).
        **props: Extra props of the container (``class_name``, ``spacing``...).

    Returns:
        The block.
    """
    return rx.cond(
        text != "",
        container(
            rx.text(t(label_key), size=label_size, weight="bold"),
            rx.text(text, size="2", class_name=text_class),
            **props,
        ),
    )


def list_or_empty(
    items: rx.Var,
    render: Callable[[rx.Var], rx.Component],
    empty_key: str,
    *,
    spacing: str = "0",
    empty_size: str | None = "2",
    bullets: dict[str, object] | None = None,
    **props: object,
) -> rx.Component:
    """The items one under the other, or a sentence when there is none.

    Args:
        items: The list Var.
        render: Builds one item.
        empty_key: Message key of the sentence shown for an empty list.
        spacing: Space between items (in a stack).
        empty_size: Size of the empty sentence (None: the default).
        bullets: Props of a ``<ul>`` holding the items instead of a stack.
        **props: Extra props of the empty sentence (``color_scheme``, ``id``...).

    Returns:
        The block.
    """
    if bullets is None:
        body = rx.vstack(rx.foreach(items, render), spacing=spacing, width="100%")
    else:
        body = rx.el.ul(rx.foreach(items, render), **bullets)
    if empty_size is not None:
        props["size"] = empty_size
    return rx.cond(items.length() > 0, body, rx.text(t(empty_key), **props))


def bullet_list(
    items: rx.Var,
    render: Callable[[rx.Var], rx.Component],
    empty_key: str,
    list_class: str,
    *,
    list_id: str = "",
    **props: object,
) -> rx.Component:
    """The items as a bulleted ``<ul>``, or a grey sentence when there is none.

    Args:
        items: The list Var.
        render: Builds one item (an ``<li>``).
        empty_key: Message key of the sentence shown for an empty list.
        list_class: Class of the ``<ul>``.
        list_id: Id of the ``<ul>``, if any.
        **props: ``list_or_empty`` props (``empty_size``, the sentence's ``id``...).

    Returns:
        The block.
    """
    bullets = {"class_name": list_class, **({"id": list_id} if list_id else {})}
    return list_or_empty(items, render, empty_key, bullets=bullets, color_scheme="gray", **props)


def coded(prefix: str, codes: tuple[str, ...], value: rx.Var, other: str = "") -> rx.Var:
    """The translated name of a code (``revisions.status.done``...).

    Args:
        prefix: Message key prefix, e.g. ``revisions.status.``.
        codes: The possible codes.
        value: The code.
        other: The code whose name any other value gets (default: the value itself).

    Returns:
        A text Var.
    """
    fallback = t(prefix + other) if other else value
    return rx.match(value, *[(code, t(prefix + code)) for code in codes], fallback)


def coded_badge(
    prefix: str,
    codes: tuple[str, ...],
    value: rx.Var,
    colors: dict[str, str],
    default_color: str,
    **props: object,
) -> rx.Component:
    """A badge naming a code (``coded``), coloured by the code.

    Args:
        prefix: Message key prefix of the names.
        codes: The possible codes.
        value: The code Var.
        colors: Colour of each code that has its own.
        default_color: Colour of the others.
        **props: Extra badge props.

    Returns:
        The badge.
    """
    color = rx.match(value, *colors.items(), default_color)
    return rx.badge(coded(prefix, codes, value), color_scheme=color, **props)


def match_badge(
    value: rx.Var,
    cases: list[tuple[str, str, str]],
    default: tuple[str | rx.Var, str],
    **props: object,
) -> rx.Component:
    """A badge whose text and colour follow a code.

    Args:
        value: The code Var.
        cases: (code, message key, colour) for each known code.
        default: (message key or text Var, colour) for any other code.
        **props: Extra badge props.

    Returns:
        The badge.
    """
    default_text, default_color = default
    return rx.badge(
        rx.match(
            value,
            *[(code, t(key)) for code, key, _ in cases],
            t(default_text) if isinstance(default_text, str) else default_text,
        ),
        color_scheme=rx.match(value, *[(code, color) for code, _, color in cases], default_color),
        **props,
    )


def small_button(label: str | rx.Var, on_click: object, **props: object) -> rx.Component:
    """A small button of a row's actions.

    Args:
        label: Message key, or a text Var.
        on_click: The event.
        **props: Extra or overriding button props (``variant``...).

    Returns:
        The button.
    """
    text = t(label) if isinstance(label, str) else label
    return rx.button(text, on_click=on_click, **{"size": "1", **props})


def toggle_button(
    pressed: rx.Var, pressed_key: str, released_key: str, on_click: object, **props: object
) -> rx.Component:
    """A button switching a view on and off, saying what pressing it now does.

    Args:
        pressed: Whether the view is on (the button's ``aria-pressed``).
        pressed_key: Message key of its text while on.
        released_key: Message key of its text while off.
        on_click: The event switching it.
        **props: Extra or overriding button props (``variant``, default outline; ``id``...).

    Returns:
        The button.
    """
    return rx.button(
        rx.cond(pressed, t(pressed_key), t(released_key)),
        on_click=on_click,
        aria_pressed=pressed,
        **{"variant": "outline", **props},
    )


def danger_button(label: str | rx.Var, on_click: object, **props: object) -> rx.Component:
    """A ``small_button`` in red, ghost unless told otherwise (remove, revoke, delete)."""
    return small_button(label, on_click, **{"variant": "ghost", "color_scheme": "red", **props})


def delete_cross(on_click: object, label_key: str) -> rx.Component:
    """The "×" button removing a row, named for screen readers.

    Args:
        on_click: The event.
        label_key: Message key of its accessible name.

    Returns:
        The button.
    """
    return rx.button(
        "×", on_click=on_click, variant="ghost", color_scheme="red", aria_label=t(label_key)
    )


def copy_button(text: rx.Var) -> rx.Component:
    """A button copying a text (a link) to the clipboard, with a toast.

    Args:
        text: What to copy.

    Returns:
        The button.
    """
    return rx.button(
        t("form.copy"),
        on_click=[rx.set_clipboard(text), rx.toast.info(t("form.copied"))],
        size="1",
        variant="soft",
    )


def confirm_dialog(
    *,
    title_key: str,
    description: rx.Component | rx.Var | str | tuple[rx.Var | str, ...],
    confirm: rx.Component,
    trigger: rx.Component | None = None,
    details: rx.Component | None = None,
    on_cancel: object = None,
    footer: dict[str, object] | None = None,
    row: Callable[..., rx.Component] = rx.flex,
    **props: object,
) -> rx.Component:
    """An alert dialog asking to confirm an action, with Cancel and the confirming button.

    Args:
        title_key: Message key of its title.
        description: What the action does (a Var, or a tuple of parts).
        confirm: The confirming button.
        trigger: The button opening it (none when ``open`` is given).
        details: A block under the description (a warning).
        on_cancel: Event of the Cancel button.
        footer: Props of the buttons' row.
        row: The buttons' row component.
        **props: Root props (``open``); ``max_width`` goes to the content.

    Returns:
        The dialog.
    """
    cancel_props: dict[str, object] = {"variant": "soft"}
    if on_cancel is not None:
        cancel_props["on_click"] = on_cancel
    content_props = {"max_width": props.pop("max_width")} if "max_width" in props else {}
    footer = footer or {"spacing": "2", "justify": "end"}
    return rx.alert_dialog.root(
        *([rx.alert_dialog.trigger(trigger)] if trigger is not None else []),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t(title_key)),
            rx.alert_dialog.description(
                *(description if isinstance(description, tuple) else (description,))
            ),
            *([details] if details is not None else []),
            row(
                rx.alert_dialog.cancel(rx.button(t("form.cancel"), **cancel_props)),
                rx.alert_dialog.action(confirm),
                **footer,
            ),
            **content_props,
        ),
        **props,
    )


def download_link(label_key: str, href: rx.Var, element_id: str, **props: object) -> rx.Component:
    """A link to a file the server builds (PDF, CSV), opened outside the app.

    Args:
        label_key: Message key of its text.
        href: The URL Var.
        element_id: Its element id.
        **props: Extra link props.

    Returns:
        The link.
    """
    return rx.link(t(label_key), href=href, is_external=True, id=element_id, **props)
