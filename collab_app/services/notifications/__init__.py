"""Notifications: events, the inbox, mentions, e-mail preferences, delivery and digests.

Events are written by the services in the same transaction as the change that causes them
(``events``); recipients are chosen by the permission rule then and again whenever a
notification is shown (``inbox``) or mailed (``delivery``). No Reflex imports here.
"""

from collab_app.services.notifications.catalog import CATEGORIES, KIND_CATEGORY, KINDS, MODES
from collab_app.services.notifications.events import (
    comment_added,
    project_event,
    task_assigned,
    task_blocked,
    task_moved,
)
from collab_app.services.notifications.inbox import (
    InboxGroup,
    InboxView,
    NotificationView,
    load_inbox,
    mark_all_read,
    mark_read,
    unread_count,
)
from collab_app.services.notifications.mentions import check_mentions, mention_candidates

__all__ = [
    "CATEGORIES",
    "KINDS",
    "KIND_CATEGORY",
    "MODES",
    "InboxGroup",
    "InboxView",
    "NotificationView",
    "check_mentions",
    "comment_added",
    "load_inbox",
    "mark_all_read",
    "mark_read",
    "mention_candidates",
    "project_event",
    "task_assigned",
    "task_blocked",
    "task_moved",
    "unread_count",
]
