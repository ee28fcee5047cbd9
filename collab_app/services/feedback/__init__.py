"""Client feedback forms: schedule, contacts, sending, the public form, follow-up and results.

Who may do what:

- managers of the project configure the schedule and its contacts, pause, resume, "send now",
  list the requests, record improvement actions and send their recap to the client;
- managers and members read the schedule (emails only for managers), the answers and the
  results;
- guests and clients get ``PermissionDenied`` (they can see the project, not this), anyone
  else ``NotFound``, as everywhere in ``collab_app.services.permissions``;
- the client answers through the link alone: the token is the credential.

The modules, by concept: ``schedule_settings`` (settings, pause/resume), ``contacts``,
``due_dates`` (the calendar), ``sending`` (rounds, reminders, "send now", exactly once),
``links`` (the form links sent), ``forms`` (the public form and its answers), ``follow_up`` and
``calls`` (the call a low answer asks for), ``nps``, ``trend``, ``results``, ``actions``
(improvement actions), ``recap``, ``texts`` and ``presenter`` (everything as displayed).
"""

from __future__ import annotations

from collab_app.services.feedback.actions import (
    ACTION_STATUSES,
    ActionView,
    add_action,
    delete_action,
    list_actions,
    update_action,
)
from collab_app.services.feedback.calls import mark_call_done
from collab_app.services.feedback.contacts import add_contact, remove_contact
from collab_app.services.feedback.due_dates import (
    DEFAULT_FIRST_DELAY_DAYS,
    DEFAULT_INTERVAL_DAYS,
    DEFAULT_REMINDER_DELAY_DAYS,
    DEFAULT_SEND_HOUR,
    DEFAULT_TIMEZONE,
    REQUEST_LIFETIME,
    local_date,
    next_due_at,
)
from collab_app.services.feedback.follow_up import (
    FOLLOWUP_LEASE,
    FOLLOWUP_WORKING_DAYS,
    project_manager,
    respondent_of,
    retry_followups,
    run_followup,
)
from collab_app.services.feedback.forms import (
    CALL_BELOW_SCORE,
    GOOD_RANKINGS,
    MAX_ITEMS,
    RANKINGS,
    SCORES,
    FormView,
    SubmitResult,
    needs_call,
    open_form,
    parse_score,
    submit_answer,
)
from collab_app.services.feedback.links import (
    RequestView,
    list_requests,
    project_outbox,
    request_status,
)
from collab_app.services.feedback.nps import NpsSummary, category_of, nps_of
from collab_app.services.feedback.recap import send_recap
from collab_app.services.feedback.results import (
    AnswerView,
    ResultsView,
    collective_results,
    project_results,
)
from collab_app.services.feedback.schedule_settings import (
    DELAY_LIMITS,
    ClientCandidate,
    ContactView,
    ScheduleSettings,
    ScheduleView,
    configure_schedule,
    get_schedule,
    schedule_of,
    set_paused,
)
from collab_app.services.feedback.sending import (
    SEND_NOW_COOLDOWN,
    DueReport,
    SentRequest,
    enqueue_due,
    recipients,
    send_now,
    send_round,
)
from collab_app.services.feedback.texts import MAX_TEXT, clean_text
from collab_app.services.feedback.trend import TrendPoint, trend_of

__all__ = [
    "ACTION_STATUSES",
    "CALL_BELOW_SCORE",
    "DEFAULT_FIRST_DELAY_DAYS",
    "DEFAULT_INTERVAL_DAYS",
    "DEFAULT_REMINDER_DELAY_DAYS",
    "DEFAULT_SEND_HOUR",
    "DEFAULT_TIMEZONE",
    "DELAY_LIMITS",
    "FOLLOWUP_LEASE",
    "FOLLOWUP_WORKING_DAYS",
    "GOOD_RANKINGS",
    "MAX_ITEMS",
    "MAX_TEXT",
    "RANKINGS",
    "REQUEST_LIFETIME",
    "SCORES",
    "SEND_NOW_COOLDOWN",
    "ActionView",
    "AnswerView",
    "ClientCandidate",
    "ContactView",
    "DueReport",
    "FormView",
    "NpsSummary",
    "RequestView",
    "ResultsView",
    "ScheduleSettings",
    "ScheduleView",
    "SentRequest",
    "SubmitResult",
    "TrendPoint",
    "add_action",
    "add_contact",
    "category_of",
    "clean_text",
    "collective_results",
    "configure_schedule",
    "delete_action",
    "enqueue_due",
    "get_schedule",
    "list_actions",
    "list_requests",
    "local_date",
    "mark_call_done",
    "needs_call",
    "next_due_at",
    "nps_of",
    "open_form",
    "parse_score",
    "project_manager",
    "project_outbox",
    "project_results",
    "recipients",
    "remove_contact",
    "request_status",
    "respondent_of",
    "retry_followups",
    "run_followup",
    "schedule_of",
    "send_now",
    "send_recap",
    "send_round",
    "set_paused",
    "submit_answer",
    "trend_of",
    "update_action",
]
