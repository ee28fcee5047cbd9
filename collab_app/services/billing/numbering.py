"""Invoice numbers: one unbroken sequence per collective, for invoices and credit notes alike.

:func:`take_next_number` must run inside the transaction that issues the invoice, as its first
write. It makes sure the collective's :class:`~collab_app.models.InvoiceCounter` row exists
(``INSERT ... ON CONFLICT DO NOTHING``), then increments it with a single
``UPDATE ... SET last_number = last_number + 1 ... RETURNING last_number``:

- PostgreSQL: the UPDATE takes the row lock (as ``SELECT ... FOR UPDATE`` would) and keeps it
  until the issuing transaction commits or rolls back; a concurrent issuer waits, then reads
  the committed value and takes the next number. No duplicate, and a rollback gives the
  number back: no gap.
- SQLite: the first write takes the database's write lock (waiting up to the busy timeout),
  which serializes issuers the same way.

Numbers are printed as five digits (``00042``); credit notes take their number from the same
sequence. :func:`issuing` is that transaction for an invoice or a credit note: it takes the
number, tells the project's client about the numbered document (:func:`announce_issued`) and
commits, or rolls back on any failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from collab_app.models import InvoiceCounter
from collab_app.services import notifications, permissions


def format_number(sequence: int) -> str:
    """Return the printed invoice number of a sequence value.

    Args:
        sequence: 1, 2, ...

    Returns:
        e.g. ``00042``.
    """
    return f"{sequence:05d}"


def take_next_number(session: Session, collective_id: int) -> int:
    """Take the collective's next invoice number inside the caller's transaction.

    The caller commits (the number is then used) or rolls back (the number is given back).

    Args:
        session: Database session, in the issuing transaction (no write before this call).
        collective_id: The collective.

    Returns:
        The new sequence value (1 for the first invoice).
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.exec(
        insert(InvoiceCounter)
        .values(collective_id=collective_id, last_number=0)
        .on_conflict_do_nothing(index_elements=["collective_id"])
    )
    return session.exec(
        update(InvoiceCounter)
        .where(InvoiceCounter.collective_id == collective_id)
        .values(last_number=InvoiceCounter.last_number + 1)
        .returning(InvoiceCounter.last_number)
    ).scalar_one()


def announce_issued(
    session: Session, *, project_id: int, actor_id: int, kind: str, number: str
) -> None:
    """Tell the project's client a numbered document was issued; the caller commits.

    Args:
        project_id: The project.
        actor_id: The manager who issued it.
        kind: ``invoice_issued`` or ``credit_note_issued``.
        number: The document's number.
    """
    notifications.project_event(
        session,
        project_id=project_id,
        actor_id=actor_id,
        kind=kind,
        roles=permissions.CLIENT_ROLES,
        path=f"/projects/{project_id}/invoices",
        params={"number": number},
    )


@contextmanager
def issuing(
    session: Session, *, collective_id: int, project_id: int, actor_id: int, kind: str
) -> Iterator[tuple[int, str]]:
    """Run the block in the issuing transaction of a numbered document, and commit it.

    Takes the collective's next number as the transaction's first write; when the block ends,
    announces the document to the project's client and commits. Any failure, the block's or
    the commit's, rolls everything back, which gives the number back.

    Args:
        session: Database session, with nothing written yet in its transaction.
        collective_id: The issuing collective.
        project_id: The document's project.
        actor_id: The manager who issues it.
        kind: ``invoice_issued`` or ``credit_note_issued``.

    Yields:
        (sequence value, printed number) of the document.
    """
    try:
        sequence = take_next_number(session, collective_id)
        number = format_number(sequence)
        yield sequence, number
        announce_issued(session, project_id=project_id, actor_id=actor_id, kind=kind, number=number)
        session.commit()
    except BaseException:
        session.rollback()
        raise
