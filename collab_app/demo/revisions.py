"""Demo data of revision rounds: terms, two closed rounds, one open round, change orders.

Called from ``collab_app.demo.seed`` after the foundation and the board (whose tasks the open
round's requests link to, when they exist). Everything goes through the revision services with
the clock set in the past, so the trace, response times and lateness are real:

- terms: 3 rounds included (the project's), answers within 3 working days, 350 € an extra
  round, David submits, Alice receives; deliverables "Logo" (its own 2 rounds) and "Site";
- round 1 (about 6 weeks ago): three requests; one scope change ("online shop") became a
  change order David approved (a billable line); all done: closed;
- round 2 (about 4 weeks ago): answered late (5 working days); one revision done, one request
  not actionable; closed;
- round 3 (submitted 3 days ago, open): one done, one in progress (linked to a board task of
  Chloé's when there is one), one not triaged yet, and one scope change with a change order
  awaiting David's decision.

With three rounds used, David's next round is billable: the demo shows the warning at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from collab_app.demo.world import DemoWorld
from collab_app.models import RevisionItem, Task, TaskAssignee
from collab_app.services import clock, revisions
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class RevisionsDemo:
    """What the revisions demo created."""

    closed_round_ids: tuple[int, int]
    open_round_id: int
    approved_change_order_id: int
    pending_change_order_id: int


@contextlib.contextmanager
def _at(moment: datetime) -> Iterator[None]:
    """Run services as if it were ``moment`` (the demo's past)."""
    original = clock.now
    clock.now = lambda: moment
    try:
        yield
    finally:
        clock.now = original


def _working_days_before(now: datetime, days: int) -> datetime:
    moment = now
    while days > 0:
        moment -= timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


def _items(session: Session, round_id: int) -> list[int]:
    return list(
        session.exec(
            select(RevisionItem.id)
            .where(RevisionItem.round_id == round_id)
            .order_by(RevisionItem.position)
        ).all()
    )


def _round(
    session: Session, client: Viewer, project_id: int, at: datetime, requests: list[tuple]
) -> tuple[int, list[int]]:
    """The client sends a round of requests at ``at``: the round and its requests' ids."""
    round_id = 0
    with _at(at):
        for description, deliverable_id, priority, url in requests:
            round_id = revisions.add_item(
                session,
                client,
                project_id=project_id,
                description=description,
                deliverable_id=deliverable_id,
                priority=priority,
                attachment_url=url,
            )
        revisions.submit_round(session, client, round_id=round_id, locale="fr")
    return round_id, _items(session, round_id)


def _work(session: Session, member: Viewer, item_id: int, minutes: int) -> None:
    """A member starts a request, logs the time it took and marks it done."""
    revisions.set_status(session, member, item_id=item_id, status="in_progress")
    revisions.log_time(session, member, item_id=item_id, minutes=minutes)
    revisions.set_status(session, member, item_id=item_id, status="done")


def _guest_task(session: Session, project_id: int, guest: Viewer) -> int | None:
    return session.exec(
        select(Task.id)
        .join(TaskAssignee, TaskAssignee.task_id == Task.id)
        .where(
            Task.project_id == project_id,
            Task.deleted_at.is_(None),
            Task.hidden_from_client.is_(False),
            TaskAssignee.user_id == guest.user_id,
        )
        .order_by(Task.id)
    ).first()


def seed_revisions(
    session: Session, world: DemoWorld, *, now: datetime | None = None
) -> RevisionsDemo:
    """Add the revisions part of the demo to the foundation's project.

    Args:
        session: Database session; committed here.
        world: The foundation, whose client project gets the rounds.
        now: Current time; default the clock.

    Returns:
        The rounds and change orders created.
    """
    now = now or clock.now()
    users = world.users
    alice, bruno, chloe, david = (users[k] for k in ("alice", "bruno", "chloe", "david"))
    pid = world.project.id
    start = _working_days_before(now, 32)

    with _at(start):
        revisions.update_terms(
            session,
            alice,
            project_id=pid,
            form=revisions.TermsForm(
                counts_text=(
                    "Ajustements des pages validées : textes, couleurs, photos fournies, "
                    "mise en page, corrections."
                ),
                excluded_text=(
                    "Nouvelles pages ou fonctionnalités, changement de charte graphique, "
                    "refonte d'une page validée : chiffré à part (avenant)."
                ),
                response_days=3,
                overage_mode="fixed",
                overage_price="350",
                contact_id=david.user_id,
                lead_id=alice.user_id,
            ),
        )
        logo = revisions.add_deliverable(
            session,
            alice,
            project_id=pid,
            name="Logo",
            included_rounds="2",
            note="Deux allers-retours sur le logo validé en maquette.",
        )
        site = revisions.add_deliverable(session, alice, project_id=pid, name="Site")

    # --- Round 1: closed, with an approved change order. -----------------------------------
    first, (bigger, typo, shop) = _round(
        session,
        david,
        pid,
        start + timedelta(hours=2),
        [
            ("Agrandir le logo dans l'en-tête, il est trop discret.", logo, "high", ""),
            ("Corriger « Nos pain » en « Nos pains » sur l'accueil.", site, "normal", ""),
            (
                "Pouvoir commander les gâteaux en ligne avec paiement par carte.",
                site,
                "normal",
                "https://example.com/maquette-commande.pdf",
            ),
        ],
    )
    with _at(start + timedelta(days=1)):
        revisions.triage_item(session, alice, item_id=bigger, kind="revision")
        revisions.triage_item(session, alice, item_id=typo, kind="revision")
        revisions.triage_item(session, alice, item_id=shop, kind="scope_change")
        revisions.reply_to_item(
            session,
            alice,
            item_id=shop,
            reply="Une boutique en ligne n'est pas prévue au devis : "
            "nous vous proposons un avenant.",
        )
        revisions.set_internal_note(
            session, alice, item_id=shop, note="Prévoir Stripe ; marge serrée à 1 800 €."
        )
        shop_order = revisions.propose(
            session,
            alice,
            item_id=shop,
            description="Boutique en ligne : catalogue de 20 gâteaux, paiement par carte, retrait "
            "en boutique.",
            price="1800",
            delay_days=10,
        )
    with _at(start + timedelta(days=2)):
        revisions.decide(
            session,
            david,
            change_order_id=shop_order,
            approve=True,
            expected_price_cents=180_000,
            locale="fr",
        )
    with _at(start + timedelta(days=3)):
        for item_id, minutes in ((bigger, 45), (typo, 10)):
            _work(session, bruno, item_id, minutes)
        revisions.set_status(session, bruno, item_id=shop, status="in_progress")
    with _at(start + timedelta(days=12)):
        revisions.log_time(session, bruno, item_id=shop, minutes=14 * 60)
        revisions.set_status(session, bruno, item_id=shop, status="done")

    # --- Round 2: answered late, closed. --------------------------------------------------
    second, (photos, purple) = _round(
        session,
        david,
        pid,
        _working_days_before(now, 20),
        [
            ("Des photos plus chaleureuses sur la page « L'équipe ».", site, "normal", ""),
            ("Changer toutes les couleurs du site pour du violet.", site, "low", ""),
        ],
    )
    with _at(_working_days_before(now, 15) + timedelta(hours=3)):
        revisions.triage_item(session, alice, item_id=photos, kind="revision")
        revisions.triage_item(
            session,
            alice,
            item_id=purple,
            kind="not_actionable",
            reason="La charte (couleurs comprises) a été validée en phase 1 ; "
            "la changer serait une refonte.",
        )
        revisions.add_comment(
            session,
            alice,
            round_id=second,
            body="Désolée pour le délai : nous étions en livraison sur un autre projet.",
            visibility="client",
        )
    with _at(_working_days_before(now, 13)):
        _work(session, bruno, photos, 90)

    # --- Round 3: open. -------------------------------------------------------------------
    third_at = _working_days_before(now, 3)
    third, (hours, jobs, button, wording) = _round(
        session,
        david,
        pid,
        third_at,
        [
            ("Mettre les horaires d'été (7 h – 13 h 30) en pied de page.", site, "high", ""),
            ("Ajouter une page « Recrutement » avec un formulaire.", site, "normal", ""),
            ("Le bouton « Commander » doit être plus visible sur mobile.", site, "high", ""),
            ("Remplacer « artisanal » par « fait maison » (Nos valeurs).", site, "low", ""),
        ],
    )
    with _at(third_at + timedelta(hours=20)):
        revisions.triage_item(session, alice, item_id=hours, kind="revision")
        revisions.triage_item(session, alice, item_id=wording, kind="revision")
        revisions.triage_item(session, alice, item_id=jobs, kind="scope_change")
        task_id = _guest_task(session, pid, chloe)
        if task_id is not None:
            revisions.link_task(session, alice, item_id=hours, task_id=task_id)
        revisions.set_status(session, bruno, item_id=hours, status="in_progress")
        revisions.log_time(session, bruno, item_id=hours, minutes=20)
        revisions.set_internal_note(
            session, bruno, item_id=hours, note="Attendre la confirmation des horaires par SMS."
        )
        revisions.set_status(session, bruno, item_id=wording, status="in_progress")
        revisions.set_status(session, bruno, item_id=wording, status="done")
        revisions.reply_to_item(
            session, alice, item_id=wording, reply="C'est fait, visible dès maintenant."
        )
    with _at(third_at + timedelta(days=1, hours=2)):
        jobs_order = revisions.propose(
            session,
            alice,
            item_id=jobs,
            description="Page « Recrutement » avec formulaire de candidature (CV en pièce "
            "jointe) envoyé par e-mail.",
            price="600",
            delay_days=3,
        )
    del button  # left open and not triaged yet: the team still has it to do
    return RevisionsDemo(
        closed_round_ids=(first, second),
        open_round_id=third,
        approved_change_order_id=shop_order,
        pending_change_order_id=jobs_order,
    )
