"""Revision rounds of a project: terms, requests, rounds, triage, change orders, history.

The public API of the area; the modules by concept:

- ``terms`` and ``deliverables``: what counts, response time, price, contact and lead;
- ``counting``: round numbers, what is included and what an extra round costs;
- ``requests``: composing the draft round; ``rounds``: submitting, answering, closing;
- ``triage`` (the team's work on requests) and ``messages`` (a round's messages);
- ``change_orders``: priced scope changes the client approves or declines;
- ``reviews``: deliverables with versions the client approves or asks changes on (a request
  in the current round);
- ``overview``: the pages as each viewer sees them; ``export``: the history as CSV;
- ``presenter``: the views, and every amount, date and word shown;
- ``access`` (who is who, what the viewer may reach), ``trace`` (how a change is written),
  ``mail`` (who is told), ``text`` (cleaning typed text).
"""

from __future__ import annotations

from collab_app.services.revisions.change_orders import (
    decide,
    pending_decisions,
    propose,
    task_awaiting_approval,
)
from collab_app.services.revisions.deliverables import (
    add_deliverable,
    delete_deliverable,
    deliverable_options,
)
from collab_app.services.revisions.export import export_history
from collab_app.services.revisions.messages import add_comment
from collab_app.services.revisions.overview import overview, round_detail
from collab_app.services.revisions.presenter.views import (
    Abilities,
    ChangeOrderView,
    CommentView,
    CounterView,
    DeliverableView,
    DraftView,
    ItemTeamView,
    ItemView,
    Option,
    RevisionsOverview,
    RoundDetail,
    RoundSummary,
    TaskRef,
    TermsSettings,
    TermsView,
)
from collab_app.services.revisions.requests import add_item, remove_item
from collab_app.services.revisions.reviews import (
    DecisionView,
    ReviewView,
    VersionView,
    approve,
    create_review_item,
    list_reviews,
    publish_version,
    reopen,
    request_changes,
)
from collab_app.services.revisions.rounds import OverageConfirmationNeeded, submit_round
from collab_app.services.revisions.terms import TermsForm, get_settings, update_terms
from collab_app.services.revisions.triage import (
    link_task,
    log_time,
    reply_to_item,
    set_internal_note,
    set_status,
    triage_item,
    unlink_task,
)

__all__ = [
    "Abilities",
    "ChangeOrderView",
    "CommentView",
    "CounterView",
    "DecisionView",
    "DeliverableView",
    "DraftView",
    "ItemTeamView",
    "ItemView",
    "Option",
    "OverageConfirmationNeeded",
    "ReviewView",
    "RevisionsOverview",
    "RoundDetail",
    "RoundSummary",
    "TaskRef",
    "TermsForm",
    "TermsSettings",
    "TermsView",
    "VersionView",
    "add_comment",
    "add_deliverable",
    "add_item",
    "approve",
    "create_review_item",
    "decide",
    "delete_deliverable",
    "deliverable_options",
    "export_history",
    "get_settings",
    "link_task",
    "list_reviews",
    "log_time",
    "overview",
    "pending_decisions",
    "propose",
    "publish_version",
    "remove_item",
    "reopen",
    "reply_to_item",
    "request_changes",
    "round_detail",
    "set_internal_note",
    "set_status",
    "submit_round",
    "task_awaiting_approval",
    "triage_item",
    "unlink_task",
    "update_terms",
]
