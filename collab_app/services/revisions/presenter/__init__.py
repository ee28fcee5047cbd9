"""The presentation boundary of revisions: views, their builders and the shared labels.

- ``views``: one frozen class per thing the pages show;
- ``records``: the typed values (rows, cents, datetimes) the services read for the pages;
- ``builders``: views from records, for the reader's time zone and language;
- ``labels``: every amount, date and word of the pages, mails and the CSV history.

It imports no service of the area (the services import it).
"""

from __future__ import annotations

from collab_app.services.revisions.presenter.builders import (
    change_order_view,
    overview_view,
    round_view,
    terms_settings,
)
from collab_app.services.revisions.presenter.labels import (
    change_order_line,
    declined_by_client,
    history_header,
    history_row,
    mail_text,
    money,
    overage_line,
    when_label,
)
from collab_app.services.revisions.presenter.records import (
    ChangeOrderRecord,
    CommentRecord,
    CounterRecord,
    DraftRecord,
    ItemRecord,
    OverviewRecord,
    RoundPageRecord,
    RoundRecord,
    SettingsRecord,
    TeamItemRecord,
    TermsRecord,
)
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

__all__ = [
    "Abilities",
    "ChangeOrderRecord",
    "ChangeOrderView",
    "CommentRecord",
    "CommentView",
    "CounterRecord",
    "CounterView",
    "DeliverableView",
    "DraftRecord",
    "DraftView",
    "ItemRecord",
    "ItemTeamView",
    "ItemView",
    "Option",
    "OverviewRecord",
    "RevisionsOverview",
    "RoundDetail",
    "RoundPageRecord",
    "RoundRecord",
    "RoundSummary",
    "SettingsRecord",
    "TaskRef",
    "TeamItemRecord",
    "TermsRecord",
    "TermsSettings",
    "TermsView",
    "change_order_line",
    "change_order_view",
    "declined_by_client",
    "history_header",
    "history_row",
    "mail_text",
    "money",
    "overage_line",
    "overview_view",
    "round_view",
    "terms_settings",
    "when_label",
]
