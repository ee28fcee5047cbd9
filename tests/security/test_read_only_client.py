"""A read-only client over the wire: the comment handlers write nothing for them.

A manager can turn a client's "can comment" switch off (issue #16: an accountant, an executive
who only follows the project). The pages then hide the comment forms, but any client may call
any handler with any arguments: this sends the task and round comment events straight over a
real websocket (``testkit/reflex_ws.py``), as the read-only client, with valid forms, and
checks that no comment row was written and that the refusal reached the tab translated. The
control: the same calls from the same client with the switch on do write.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import Session, create_engine, select

from collab_app.i18n import translate
from collab_app.models import Comment, Project, RevisionComment, RevisionRound, Task, User
from collab_app.services import projects
from collab_app.services.accounts.auth import viewer_for
from collab_app.state.revisions_round import RevisionRoundState
from collab_app.state.task import TaskState
from testkit.reflex_ws import ReflexWsClient, event_name, mint_session, run_async
from tests.e2e.helpers import DEMO_USERS

pytestmark = pytest.mark.timeout(300)

DEMO_PROJECT = "Boulangerie Dupont website"


def _counts(engine) -> tuple[int, int]:
    with Session(engine) as session:
        return (
            session.exec(select(func.count()).select_from(Comment)).one(),
            session.exec(select(func.count()).select_from(RevisionComment)).one(),
        )


def _set_switch(engine, allowed: bool) -> None:
    with Session(engine) as session:
        project = session.exec(select(Project).where(Project.name == DEMO_PROJECT)).one()
        owner = session.exec(select(User).where(User.email == DEMO_USERS["owner"])).one()
        client = session.exec(select(User).where(User.email == DEMO_USERS["client"])).one()
        projects.set_client_can_comment(
            session, viewer_for(owner), project_id=project.id, user_id=client.id, allowed=allowed
        )


async def _comment_on_both(base_url: str, token: str, task_path: str, round_path: str) -> str:
    """Post a task comment and a round message as the client; return every frame received."""
    frames: list[str] = []
    for path, name, form in (
        (task_path, event_name(TaskState, "add_comment"), {"body": "Hello from a reader"}),
        (round_path, event_name(RevisionRoundState, "post_comment"), {"comment": "Hello"}),
    ):
        tab = ReflexWsClient(base_url, session_token=token)
        try:
            await tab.connect(path)
            await tab.call(name, {"form_data": form}, settle=0.5)
            frames += tab.raw_frames
        finally:
            await tab.close()
    return "\n".join(frames)


def test_a_read_only_client_cannot_comment_over_the_websocket(app_server) -> None:
    engine = create_engine(app_server.database_url)
    try:
        with Session(engine) as session:
            project = session.exec(select(Project).where(Project.name == DEMO_PROJECT)).one()
            task_id = session.exec(
                select(Task.id).where(
                    Task.project_id == project.id,
                    Task.hidden_from_client.is_(False),
                    Task.deleted_at.is_(None),
                )
            ).first()
            round_id = session.exec(
                select(RevisionRound.id).where(
                    RevisionRound.project_id == project.id, RevisionRound.status != "draft"
                )
            ).first()
        task_path = f"/projects/{project.id}/tasks/{task_id}"
        round_path = f"/projects/{project.id}/revisions/{round_id}"
        token = mint_session(app_server.database_url, DEMO_USERS["client"])

        _set_switch(engine, False)
        try:
            before = _counts(engine)
            received = run_async(
                _comment_on_both(app_server.base_url, token, task_path, round_path)
            )
            assert _counts(engine) == before, "a read-only client wrote a comment"
            # Its ASCII beginning: frames may escape other characters.
            refusal = translate("board.read_only_client", "fr")[:40]
            assert refusal.isascii() and received.count(refusal) >= 2
            assert "board.read_only_client" not in received  # a translated message, not a key
        finally:
            _set_switch(engine, True)

        # The control: the same calls from the same client, switch on, do write.
        before = _counts(engine)
        run_async(_comment_on_both(app_server.base_url, token, task_path, round_path))
        after = _counts(engine)
        assert (after[0] - before[0], after[1] - before[1]) == (1, 1)
    finally:
        engine.dispose()
