"""The Kanban board: the public API of boards, tasks, columns, labels, comments and history.

- reading: ``board_page`` (a project's board, with filters and the client preview),
  ``task_page`` (one task), ``my_tasks``, ``history``;
- changing: ``tasks`` (create, edit, delete, undo), ``moves`` (move and reorder, WIP limits),
  ``people`` (assignees, watchers, labels on a task), ``column_edits``, ``labels``,
  ``comments``;
- underneath: ``cards`` (a task as a card), ``columns``, ``positions`` (placement rule, project
  lock, version-guarded updates), ``limits``;
- ``presenter``: the view objects of the pages.

Every query goes through ``collab_app.services.permissions``. A task the viewer may not see is
``NotFound``, exactly like a missing id, whatever id is sent.
"""

from __future__ import annotations

from collab_app.models.board import TASK_PRIORITIES
from collab_app.services.board.board_page import (
    BoardFilters,
    BoardView,
    ColumnView,
    clear_shared_boards,
    list_assignable,
    load_board,
)
from collab_app.services.board.cards import (
    DUE_FILTERS,
    CardView,
    DueState,
    LabelView,
    PersonView,
    local_midnight_utc,
    locale_for,
    viewer_today,
)
from collab_app.services.board.column_edits import (
    add_column,
    delete_column,
    move_column,
    rename_column,
    set_wip_limit,
)
from collab_app.services.board.columns import (
    DEFAULT_COLUMN_KEYS,
    MAX_COLUMNS,
    column_label,
    column_ref,
    create_default_columns,
    done_column_id,
    ensure_default_columns,
    project_columns,
    todo_column_id,
)
from collab_app.services.board.comments import CommentView
from collab_app.services.board.history import ActivityView, list_activity
from collab_app.services.board.labels import (
    LABEL_COLORS,
    create_label,
    delete_label,
    project_labels,
    update_label,
)
from collab_app.services.board.limits import SEARCH_MAX
from collab_app.services.board.moves import WipLimitReached, move_task
from collab_app.services.board.my_tasks import MyTaskView, my_tasks
from collab_app.services.board.people import set_assignees, set_labels, set_watchers, set_watching
from collab_app.services.board.positions import clean_version, placed
from collab_app.services.board.task_page import TaskDetail, get_task_detail
from collab_app.services.board.tasks import (
    UNCHANGED,
    TaskFields,
    create_task,
    delete_task,
    restore_task,
    update_task,
)

__all__ = [
    "DEFAULT_COLUMN_KEYS",
    "DUE_FILTERS",
    "LABEL_COLORS",
    "MAX_COLUMNS",
    "SEARCH_MAX",
    "TASK_PRIORITIES",
    "UNCHANGED",
    "ActivityView",
    "BoardFilters",
    "BoardView",
    "CardView",
    "ColumnView",
    "CommentView",
    "DueState",
    "LabelView",
    "MyTaskView",
    "PersonView",
    "TaskDetail",
    "TaskFields",
    "WipLimitReached",
    "add_column",
    "clean_version",
    "clear_shared_boards",
    "column_label",
    "column_ref",
    "create_default_columns",
    "create_label",
    "create_task",
    "delete_column",
    "delete_label",
    "delete_task",
    "done_column_id",
    "ensure_default_columns",
    "get_task_detail",
    "list_activity",
    "list_assignable",
    "load_board",
    "local_midnight_utc",
    "locale_for",
    "move_column",
    "move_task",
    "my_tasks",
    "placed",
    "project_columns",
    "project_labels",
    "rename_column",
    "restore_task",
    "set_assignees",
    "set_labels",
    "set_watchers",
    "set_watching",
    "set_wip_limit",
    "todo_column_id",
    "update_label",
    "update_task",
    "viewer_today",
]
