"""What can notify: each kind's category (the unit of e-mail preferences) and audience.

Audiences are the least role a notification needs, re-checked whenever it is shown or mailed:
``everyone`` (any role that sees its task and comment), ``team`` (never a client) and
``managers``.
"""

from __future__ import annotations

CATEGORIES = ("assignments", "comments", "mentions", "tasks", "revisions", "feedback", "billing")
MODES = ("immediate", "digest", "never")
AUDIENCES = ("everyone", "team", "managers")

# kind -> category
KIND_CATEGORY = {
    "assigned": "assignments",
    "comment": "comments",
    "mention": "mentions",
    "task_moved": "tasks",
    "task_blocked": "tasks",
    "due_tomorrow": "tasks",
    "overdue": "tasks",
    "round_submitted": "revisions",
    "round_late": "revisions",
    "round_answered": "revisions",
    "change_order_proposed": "revisions",
    "change_order_decided": "revisions",
    "feedback_call": "feedback",
    "invoice_issued": "billing",
    "credit_note_issued": "billing",
}
KINDS = tuple(KIND_CATEGORY)
# A move into the review column (by its default key) or the done column notifies watchers.
REVIEW_COLUMN_KEY = "board.col_review"
# A first notification waits this long for others of the same person to join its mail.
BURST_WINDOW_MINUTES = 2
