"""The feedback pages' own logic: chart geometry, form pre-checks, who gets a projection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from collab_app.models import FeedbackSchedule
from collab_app.services import feedback
from collab_app.services.errors import NotFound
from collab_app.services.feedback import TrendPoint
from collab_app.services.feedback.presenter import (
    chart_of,
    chart_points,
    grid_lines,
    line_segments,
    signed,
)
from collab_app.state.collective_page import CollectivePageMixin
from collab_app.state.feedback import ProjectFeedbackState, _checked
from collab_app.state.feedback_collective import CollectiveFeedbackState
from collab_app.state.feedback_form import precheck


def test_chart_places_months_and_leaves_gaps_without_answers():
    trend = [
        TrendPoint("2026-11", 2, 100),
        TrendPoint("2026-12", 1, -100),
        TrendPoint("2027-01", 0, None),
        TrendPoint("2027-02", 3, 0),
    ]
    points = chart_points(trend)
    assert [p.left for p in points] == ["12.5%", "37.5%", "62.5%", "87.5%"]
    # +100 at the top margin, -100 at the bottom margin, 0 (and "no answer") in the middle.
    assert [p.y for p in points] == [8, 92, 50, 50]
    assert [p.nps_text for p in points] == ["+100", "-100", "–", "0"]
    assert [p.answers for p in points] == [2, 1, 0, 3]
    assert [p.year for p in points] == ["2026", "", "2027", ""]  # first column and January
    assert (points[0].month_en, points[0].month_fr) == ("Nov", "nov.")
    # Jan has no answers: the line stops at Dec and Feb stands alone (its dot only).
    assert line_segments(points) == ["12.5,8.0 37.5,92.0"]
    assert chart_of(trend)[3] == "9.6rem"
    assert [g.text for g in grid_lines()] == ["+100", "+50", "0", "-50", "-100"]
    assert chart_points([]) == []


def test_signed():
    assert [signed(v) for v in (33, 0, -7, None)] == ["+33", "0", "-7", "–"]


def test_precheck_reports_every_problem_at_once():
    problems = precheck({"score": "7", "comment": "x" * 1001, "appreciated_2": "fine"})
    assert problems == {
        "score": ("feedback.score_seven", {}),
        "ranking": ("feedback.ranking_required", {}),
        "comment": ("feedback.text_too_long", {"max": 1000}),
    }
    assert precheck({"score": "", "ranking": "top3"})["score"][0] == "feedback.score_required"
    assert precheck({"score": "", "ranking": "top3"})["ranking"][0] == "feedback.ranking_invalid"
    assert precheck({"score": "9", "ranking": "top10", "improvements_3": "x" * 1000}) == {}
    # Whatever a client sends instead of a form.
    assert set(precheck(["not", "a", "dict"])) == {"score", "ranking"}


def test_checkbox_values():
    assert _checked({"share": True}, "share") and _checked({"share": "on"}, "share")
    assert not _checked({"share": False}, "share") and not _checked({}, "share")
    assert not _checked({"share": "yes please"}, "share") and not _checked(None, "share")


class FakePage(CollectivePageMixin):
    """Stands in for a page state: records every var the loader sets."""

    def __init__(self, route: dict[str, str]):
        object.__setattr__(self, "route", route)
        object.__setattr__(self, "assigned", {})
        object.__setattr__(self, "lang", "en")

    def __setattr__(self, name, value):
        self.assigned[name] = value

    def __getattr__(self, name):
        try:
            return self.__dict__["assigned"][name]
        except KeyError:
            raise AttributeError(name) from None

    def _route_arg(self, name):
        return self.route.get(name, "")

    def _project_id(self):
        return self._route_arg("project_id")

    def _watch_project(self, project_id):
        self.assigned["_watched"] = project_id

    def _watch_projects(self, project_ids):
        object.__setattr__(self, "watched", set(project_ids))


def _answer(session, world):
    feedback.add_contact(session, world.manager, project_id=world.project.id, email="c@x.org")
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    schedule = session.exec(
        select(FeedbackSchedule).where(FeedbackSchedule.project_id == world.project.id)
    ).one()
    sent = feedback.send_round(session, schedule, world.project, now=now, manual=True)
    feedback.submit_answer(
        session,
        token=sent[0].token,
        score=3,
        ranking="top50",
        improvements=["Secret improvement"],
        now=now + timedelta(hours=1),
    )


@pytest.mark.parametrize("role", ["guest", "client", "outsider"])
def test_project_page_loads_nothing_for_guests_clients_and_outsiders(session, world, role):
    _answer(session, world)
    page = FakePage({"project_id": str(world.project.id)})
    with pytest.raises(NotFound):
        ProjectFeedbackState._load(page, session, getattr(world, role))
    assert page.assigned == {}


def test_project_page_loads_results_for_the_team(session, world):
    _answer(session, world)
    manager = FakePage({"project_id": str(world.project.id)})
    ProjectFeedbackState._load(manager, session, world.manager)
    assert manager.assigned["_watched"] == world.project.id
    assert manager.assigned["fb_is_manager"] is True
    assert manager.assigned["figures"].nps == -100
    assert manager.assigned["answers"][0].improvements == ("Secret improvement",)
    assert [r.email for r in manager.assigned["fb_requests"]] == ["c@x.org"]
    assert [m.to_email for m in manager.assigned["outbox_messages"]] == ["c@x.org"]

    member = FakePage({"project_id": str(world.project.id)})
    ProjectFeedbackState._load(member, session, world.member)
    assert member.assigned["fb_is_manager"] is False
    assert member.assigned["answers"][0].improvements == ("Secret improvement",)
    # Members get no addresses, requests or links.
    assert member.assigned["fb_requests"] == [] and member.assigned["outbox_messages"] == []
    assert member.assigned["candidates"] == []
    assert all(c.email == "" for c in member.assigned["contacts"])


def test_collective_page_for_members_and_outsiders(session, world):
    _answer(session, world)
    owner = FakePage({"collective_id": str(world.collective.id)})
    CollectiveFeedbackState._load(owner, session, world.owner)
    # The page follows the collective's projects live (a removal moves them all).
    assert owner.watched == {world.project.id}
    assert owner.assigned["fbc_figures"].answers == 1
    assert [p.name for p in owner.assigned["fbc_projects"]] == ["Website"]
    assert owner.assigned["fbc_projects"][0].nps_text == "-100"
    for role in ("outsider", "client", "guest"):
        page = FakePage({"collective_id": str(world.collective.id)})
        with pytest.raises(NotFound):
            CollectiveFeedbackState._load(page, session, getattr(world, role))
        assert page.assigned == {}


def test_the_periodic_job_runs_inside_the_app():
    from collab_app.collab_app import app
    from collab_app.jobs import periodic_jobs

    assert periodic_jobs in app.get_lifespan_tasks()
