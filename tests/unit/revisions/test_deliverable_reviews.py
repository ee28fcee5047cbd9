"""Deliverable reviews (#17): versions, client approval (locked), change requests, reopening."""

from __future__ import annotations

import pytest
from sqlmodel import select

from collab_app.models import ReviewDecision, RevisionItem, RevisionRound
from collab_app.services import files, revisions
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from collab_app.services.revisions import OverageConfirmationNeeded
from collab_app.services.revisions import export as revisions_export
from tests.unit.files.support import PNG_BYTES, upload
from tests.unit.revisions.support import fake_clock, set_terms  # noqa: F401

pytestmark = pytest.mark.usefixtures("use_test_db")


def _review(session, viewer, world):
    (found,) = revisions.list_reviews(session, viewer, project_id=world.project.id)
    return found


@pytest.fixture
def logo(session, world, fake_clock):  # noqa: F811
    set_terms(session, world, included=1)
    v1 = revisions.create_review_item(
        session, world.member, project_id=world.project.id, name="Logo"
    )
    upload(session, world.member, world.project.id, "logo-v1.png", PNG_BYTES, review_version_id=v1)
    return _review(session, world.member, world)


def test_versions_keep_their_files_and_are_shared_with_the_client(session, world, logo):
    assert logo.current_version == 1 and logo.status == "in_review"
    revisions.publish_version(session, world.member, review_item_id=logo.id)
    seen = _review(session, world.client, world)
    v2 = seen.versions[0]
    upload(
        session, world.member, world.project.id, "logo-v2.png", PNG_BYTES, review_version_id=v2.id
    )
    seen = _review(session, world.client, world)
    assert [(v.number, [f.name for f in v.files]) for v in seen.versions] == [
        (2, ["logo-v2.png"]),
        (1, ["logo-v1.png"]),
    ]
    assert seen.versions[1].files[0].status == "Earlier version"
    # Only the current version takes new files.
    with pytest.raises(PermissionDenied):
        files.prepare_upload(
            session,
            world.member,
            project_id=world.project.id,
            name="late.png",
            size=3,
            target=files.UploadTarget(review_version_id=seen.versions[1].id),
        )
    assert revisions.list_reviews(session, world.guest, project_id=world.project.id) == []
    with pytest.raises(PermissionDenied):
        revisions.publish_version(session, world.client, review_item_id=logo.id)
    with pytest.raises(NotFound):
        revisions.publish_version(session, world.guest, review_item_id=logo.id)


def test_approval_is_recorded_and_locks_the_version(session, world, logo):
    v1 = logo.versions[0]
    with pytest.raises(PermissionDenied):
        revisions.approve(session, world.member, review_item_id=logo.id, version_id=v1.id)
    revisions.approve(session, world.client, review_item_id=logo.id, version_id=v1.id)
    seen = _review(session, world.member, world)
    assert seen.status == "approved" and seen.versions[0].approved
    assert seen.history[0].text.startswith("Client approved version 1 on ")
    decision = session.exec(select(ReviewDecision)).one()
    assert (decision.kind, decision.actor_id, decision.version_id) == (
        "approved",
        world.client.user_id,
        v1.id,
    )
    file_id = v1.files[0].id
    assert seen.versions[0].files[0].locked
    with pytest.raises(PermissionDenied) as locked:
        files.delete_file(session, world.manager, file_id=file_id)
    assert locked.value.code == "files.approved_locked"
    with pytest.raises(PermissionDenied):
        revisions.publish_version(session, world.member, review_item_id=logo.id)
    with pytest.raises(PermissionDenied):
        files.prepare_upload(
            session,
            world.member,
            project_id=world.project.id,
            name="x.png",
            size=3,
            target=files.UploadTarget(review_version_id=v1.id),
        )
    with pytest.raises(Conflict):
        revisions.approve(session, world.client, review_item_id=logo.id, version_id=v1.id)
    csv_text, _ = revisions_export.export_history(
        session, world.manager, project_id=world.project.id
    )
    assert "Deliverable approved" in csv_text and "name: Logo; version: 1" in csv_text


def test_a_manager_reopens_only_with_a_reason(session, world, logo):
    v1 = logo.versions[0]
    revisions.approve(session, world.client, review_item_id=logo.id, version_id=v1.id)
    with pytest.raises(PermissionDenied):
        revisions.reopen(session, world.member, review_item_id=logo.id, reason="Typo")
    with pytest.raises(ValidationError):
        revisions.reopen(session, world.manager, review_item_id=logo.id, reason="  ")
    revisions.reopen(session, world.manager, review_item_id=logo.id, reason="Wrong colour profile")
    seen = _review(session, world.client, world)
    assert seen.status == "in_review"
    assert seen.history[-1].text.endswith(": Wrong colour profile")
    files.delete_file(session, world.manager, file_id=v1.files[0].id)
    revisions.publish_version(session, world.member, review_item_id=logo.id)
    with pytest.raises(Conflict):
        revisions.reopen(session, world.manager, review_item_id=logo.id, reason="again")


def test_change_requests_land_in_the_current_round_with_its_rules(session, world, logo):
    v1 = logo.versions[0]
    revisions.publish_version(session, world.member, review_item_id=logo.id)
    with pytest.raises(Conflict) as stale:
        revisions.request_changes(
            session, world.client, review_item_id=logo.id, version_id=v1.id, text="Bigger"
        )
    assert stale.value.code == "files.version_changed"
    v2 = _review(session, world.client, world).versions[0]
    with pytest.raises(ValidationError):
        revisions.request_changes(
            session, world.client, review_item_id=logo.id, version_id=v2.id, text=""
        )
    round_id = revisions.request_changes(
        session, world.client, review_item_id=logo.id, version_id=v2.id, text="Bigger icon"
    )
    item = session.exec(select(RevisionItem).where(RevisionItem.round_id == round_id)).one()
    assert item.description == "[Logo, version 2] Bigger icon"
    decision = session.exec(select(ReviewDecision)).one()
    assert decision.revision_item_id == item.id and decision.kind == "changes_requested"
    assert _review(session, world.member, world).status == "changes_requested"
    # The round is submitted by the revisions rules: the first is included...
    revisions.submit_round(session, world.client, round_id=round_id)
    # ...a second change request opens a new draft, which is beyond the included round.
    revisions.publish_version(session, world.member, review_item_id=logo.id)
    v3 = _review(session, world.client, world).versions[0]
    second = revisions.request_changes(
        session, world.client, review_item_id=logo.id, version_id=v3.id, text="Darker"
    )
    with pytest.raises(OverageConfirmationNeeded):
        revisions.submit_round(session, world.client, round_id=second)
    assert session.get(RevisionRound, second).status == "draft"


def test_a_client_who_is_not_the_contact_cannot_request_changes(session, world, logo):
    from testkit import factories

    other = factories.make_user(session, "Second client")
    factories.add_project_member(session, world.project, other, "client")
    with pytest.raises(PermissionDenied):
        revisions.request_changes(
            session, other, review_item_id=logo.id, version_id=logo.versions[0].id, text="No"
        )
    assert session.exec(select(ReviewDecision)).all() == []
    assert _review(session, world.member, world).status == "in_review"


def test_deliverable_names_are_checked(session, world, logo):
    with pytest.raises(ValidationError) as taken:
        revisions.create_review_item(
            session, world.member, project_id=world.project.id, name="Logo"
        )
    assert taken.value.code == "files.review_exists"
    with pytest.raises(PermissionDenied):
        revisions.create_review_item(session, world.client, project_id=world.project.id, name="X")


def test_approvals_appear_in_the_weekly_recap_for_the_team_and_the_client(session, world, logo):
    from collab_app.services.projects import recap

    revisions.approve(session, world.client, review_item_id=logo.id, version_id=logo.versions[0].id)
    line = "Logo, version 1 — approved by Client"
    assert recap.project_recap(session, world.client, project_id=world.project.id).approvals == (
        line,
    )
    manager_view = recap.project_recap(session, world.manager, project_id=world.project.id)
    assert manager_view.approvals == (line,)
    assert "Deliverables approved\n- " + line in manager_view.plain_text
    assert recap.project_recap(session, world.guest, project_id=world.project.id).approvals == ()
