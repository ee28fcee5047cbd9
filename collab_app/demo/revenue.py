"""Demo data of the revenue area: rates, time, milestones, a bonus, an invoice and a draft.

Called from ``collab_app.demo.seed`` after the other areas. Everything goes through the
services, with past times, so the demo is exactly what a lead would have entered:

- billing profiles: Alice 650 €/day and Bruno 500 €/day (VAT 20 %), Chloé 55 €/hour as a
  VAT-exempt micro-entrepreneur (art. 293 B du CGI); Alice's project-management time on the
  Boulangerie project is billed at 700 €/day;
- five weeks of time: Alice (production and project management), Bruno and Chloé;
- two milestones (“Maquettes”, agreed shares 40/40/20; “Intégration”, split by time
  invested) and a launch bonus (contribution weights 1/2/1);
- invoice 00001, issued three weeks ago for the mock-ups with a 5 % collective fee, carrying
  every legal mention (client SIREN and VAT number, delivery place, payment terms, legal
  penalty rate, 40 € indemnity, early-payment discount, VAT on debits, VAT exemption);
- a draft split with the integration milestone, the bonus and the time spent.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlmodel import Session

from collab_app.demo.world import DemoWorld
from collab_app.models import CollectiveBilling
from collab_app.services import clock, time_tracking
from collab_app.services.billing import deliverables, invoices, rates
from collab_app.services.billing.split import LineDraft

# The client block of the demo invoices: identifiers and a delivery place (the shop).
CLIENT = {
    "client_address": "8 rue des Fours, 33000 Bordeaux",
    "client_siren": "482135670",
    "client_vat_number": "FR58482135670",
    "client_delivery_address": "Boutique Dupont, 21 cours Victor Hugo, 33000 Bordeaux",
}

# (user key, days ago, duration, kind, note)
TIME = [
    ("alice", 34, "2", "management", "Kick-off et cadrage"),
    ("alice", 33, "6", "production", "Arborescence"),
    ("bruno", 33, "7", "production", "Maquettes accueil"),
    ("chloe", 32, "5", "production", "Photos produits"),
    ("bruno", 31, "7", "production", "Maquettes boutique"),
    ("alice", 30, "1:30", "management", "Point client"),
    ("chloe", 29, "6", "production", "Retouches photos"),
    ("alice", 26, "5", "production", "Maquettes mobile"),
    ("bruno", 20, "7", "production", "Intégration gabarits"),
    ("alice", 19, "1", "management", "Planning intégration"),
    ("chloe", 18, "4", "production", "Galerie"),
    ("bruno", 12, "6:30", "production", "Tunnel de commande"),
    ("alice", 11, "3", "production", "Recette"),
    ("alice", 5, "1:45", "management", "Point hebdomadaire"),
    ("chloe", 4, "3", "production", "Bannières"),
]


@dataclass(frozen=True, slots=True)
class RevenueDemo:
    """What the revenue demo created."""

    invoice_id: int
    invoice_number: str
    draft_id: int


def seed_revenue(session: Session, world: DemoWorld, *, now: datetime | None = None) -> RevenueDemo:
    """Add the revenue part of the demo to the foundation's project.

    Args:
        session: Database session; committed here.
        world: The foundation, whose client project gets the time, rates and invoices.
        now: Current time; default the clock.

    Returns:
        The issued invoice and the draft.
    """
    now = now or clock.now()
    project, users = world.project, world.users
    alice, bruno, chloe = users["alice"], users["bruno"], users["chloe"]
    for person, rate, unit, exempt in (
        (alice, "650", "day", False),
        (bruno, "500", "day", False),
        (chloe, "55", "hour", True),
    ):
        rates.save_profile(
            session, person, rate=rate, rate_unit=unit, vat_exempt=exempt, vat_rate="20"
        )
    session.add(
        CollectiveBilling(
            collective_id=project.collective_id,
            legal_name="Atelier Nord SCOP",
            address="12 quai des Chartrons, 33000 Bordeaux",
            siret="91234567500009",
            vat_number="FR65912345675",
            iban="FR08 3000 4000 0500 0012 3456 789",
            bic="BNPAFRPPXXX",
            # Every payment mention is printed: legal penalty rate, a discount, VAT on debits.
            early_discount="1\u00a0% du montant HT pour un paiement sous 8 jours.",
            vat_on_debits=True,
        )
    )
    session.commit()
    rates.set_project_rate(
        session,
        alice,
        project_id=project.id,
        user_id=alice.user_id,
        rate="650",
        rate_unit="day",
        management_rate="700",
    )
    for key, days, duration, kind, note in TIME:
        time_tracking.log_time(
            session,
            users[key],
            project_id=project.id,
            work_date=(now - timedelta(days=days)).date().isoformat(),
            duration=duration,
            kind=kind,
            note=note,
            now=now,
        )
    split = {alice.user_id: "40", bruno.user_id: "40", chloe.user_id: "20"}
    deliverables.add_deliverable(
        session,
        alice,
        project_id=project.id,
        kind="milestone",
        name="Maquettes",
        amount="4200",
        split=split,
    )
    deliverables.add_deliverable(
        session, alice, project_id=project.id, kind="milestone", name="Intégration", amount="5600"
    )
    deliverables.add_deliverable(
        session,
        alice,
        project_id=project.id,
        kind="bonus",
        name="Prime de lancement",
        amount="800",
        split={alice.user_id: "1", bruno.user_id: "2", chloe.user_id: "1"},
    )

    # Invoice 00001: the mock-ups, three weeks ago, 5 % kept by the collective.
    issued_at = now - timedelta(days=21)
    first = invoices.create_draft(session, alice, project_id=project.id, now=issued_at)
    data = invoices.load_draft(session, alice, invoice_id=first)
    mockups = [line for line in data.draft.lines if line.label == "Maquettes"]
    invoices.save_draft(
        session,
        alice,
        invoice_id=first,
        draft=replace(
            data.draft,
            lines=tuple(mockups),
            fee_percent="5",
            title="Site web — maquettes",
            **CLIENT,
        ),
    )
    number = invoices.issue(session, alice, invoice_id=first, now=issued_at)

    # The draft of the next invoice: integration, bonus and time spent, same fee.
    draft_id = invoices.create_draft(session, alice, project_id=project.id, now=now)
    data = invoices.load_draft(session, alice, invoice_id=draft_id)
    invoices.save_draft(
        session,
        alice,
        invoice_id=draft_id,
        draft=replace(
            data.draft,
            fee_percent="5",
            title="Site web — intégration et lancement",
            **CLIENT,
            lines=tuple(_since_last_invoice(line, issued_at) for line in data.draft.lines),
        ),
    )
    return RevenueDemo(invoice_id=first, invoice_number=number, draft_id=draft_id)


def _since_last_invoice(line: LineDraft, issued_at: datetime) -> LineDraft:
    if line.basis != "time":
        return line
    start = (issued_at + timedelta(days=1)).date().isoformat()
    return replace(line, label="Temps passé depuis la facture 00001", period_start=start)
