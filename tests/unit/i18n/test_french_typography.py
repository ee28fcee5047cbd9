"""French typography of the catalogue: a non-breaking space before ``: ; ? !`` and real plurals.

French sets a (narrow) non-breaking space before the two-part punctuation marks, so "Motif :"
never breaks between the word and its colon; a plain space, or none, is a mistake. Plurals are
written out (``.one`` / ``.other`` keys, see ``collab_app.i18n.plurals``), never "jour(s)".
"""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from collab_app.i18n import catalogue, translate
from collab_app.i18n.grammar import elide, of_name
from collab_app.i18n.plurals import is_singular, translate_count
from collab_app.models import OutboxMessage, User
from collab_app.services.revisions.mail import notify

# A two-part mark ending a word or a sentence (not "09:00", "https://", "{x!r}" or "?id=").
TWO_PART_MARK = re.compile(r"(.)([:;?!])(?=[\s\"'»),.]|$)", re.DOTALL)
NON_BREAKING = ("\u00a0", "\u202f")


def missing_spaces(text: str) -> list[str]:
    """The marks of a French text not preceded by a non-breaking space, with what precedes."""
    return [
        text[max(0, m.start() - 12) : m.end()]
        for m in TWO_PART_MARK.finditer(text)
        if m.group(1) not in NON_BREAKING and m.group(1) not in ":;?!"
    ]


def test_the_scan_finds_what_it_must():
    assert missing_spaces("Motif : {reason}") == ["Motif :"]
    assert missing_spaces("Ma part: 10 €") == ["Ma part:"]
    assert missing_spaces("Merci !") == ["Merci !"]
    assert missing_spaces("Merci\u00a0!") == []
    assert missing_spaces("Motif\u202f: x ; y") == ["Motif\u202f: x ;"]
    assert missing_spaces("À 09:00, voir https://exemple.fr/?a=1") == []


def test_every_french_message_has_a_non_breaking_space_before_two_part_marks():
    problems = {
        key: missing_spaces(french)
        for key, (_, french) in catalogue().items()
        if missing_spaces(french)
    }
    assert problems == {}


def test_no_french_message_writes_a_plural_as_s_in_brackets():
    assert [key for key, (_, french) in catalogue().items() if "(s)" in french] == []


def test_counted_messages_have_both_forms():
    keys = catalogue()
    for key in keys:
        stem, _, form = key.rpartition(".")
        if form == "one":
            assert f"{stem}.other" in keys, key


@pytest.mark.parametrize(
    "count,locale,text",
    [
        (0, "fr", "Délai\u00a0: 0 jour ouvré"),
        (1, "fr", "Délai\u00a0: 1 jour ouvré"),
        (3, "fr", "Délai\u00a0: 3 jours ouvrés"),
        (0, "en", "Delay: 0 working days"),
        (1, "en", "Delay: 1 working day"),
    ],
)
def test_real_plurals(count, locale, text):
    assert translate_count("revisions.ui.delay", count, locale) == text
    assert is_singular(count, locale) == (text.endswith("ouvré") or text.endswith("day"))


def test_de_before_a_vowel_is_elided():
    assert of_name("Atelier Nord", "fr") == "d'Atelier Nord"
    assert of_name("Studio B", "fr") == "de Studio B"
    assert of_name("Atelier Nord", "en") == "of Atelier Nord"
    assert translate(
        "feedback_ui.collective_link", "fr", of_collective=of_name("Atelier Nord", "fr")
    ) == ("Avis de tous les projets d'Atelier Nord")


def test_revision_mails_elide_de_before_a_project_name(session, world):
    world.project.name = "Atelier Nord brand refresh"
    session.add(world.project)
    session.commit()
    session.get(User, world.manager.user_id).locale = "fr"
    session.commit()
    notify(
        session,
        project_id=world.project.id,
        user_id=world.manager.user_id,
        kind="revision_round_submitted",
        dedup_key="elision",
        message="revisions.mail_submitted",
        path="/x",
        number=4,
    )
    session.commit()
    body = session.exec(select(OutboxMessage.body)).one()
    assert "d'Atelier Nord brand refresh" in body and "de Atelier" not in body
    assert elide("de Atelier", "en") == "de Atelier"
    assert elide("de Yaourt et de Hugo", "fr") == "de Yaourt et de Hugo"


def test_the_thank_you_page_says_merci_once():
    page = (
        translate("feedback_ui.thanks_title", "fr")
        + " "
        + translate("feedback.thanks", "fr", collective="Atelier Nord")
    )
    assert page.count("Merci") == 1
