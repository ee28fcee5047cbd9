"""Project files (issue #17): the area's API. Deliverable reviews are in ``revisions.reviews``.

- storage: bytes in the configured database, chunked and streamed (``default_storage``);
- uploads: checks before storing, streaming, recording (``prepare_upload``, ``stream_into``,
  ``finish_upload``), limits and quota (``check_size``), type sniffing (``sniff``);
- visibility: internal or shared with the client (``set_shared``); every read goes through
  ``permissions.visible_files_clause`` / ``permissions.require_file``;
- trash: ``delete_file``, ``restore_file``, ``purge_file``, ``purge_expired``;
- thumbnails: ``make_thumbnail`` (run it in a worker thread);
"""

from collab_app.services.files.folders import create_folder
from collab_app.services.files.limits import check_size, used_bytes
from collab_app.services.files.names import clean_name, header_filename
from collab_app.services.files.page import FilesPageView, files_page
from collab_app.services.files.sniffing import is_active, is_inline, sniff
from collab_app.services.files.storage import (
    BlobStorage,
    DatabaseStorage,
    default_storage,
    delete_blob,
    purge_incomplete,
)
from collab_app.services.files.thumbnails import can_preview, make_thumbnail
from collab_app.services.files.trash import (
    delete_file,
    is_locked,
    purge_expired,
    purge_file,
    restore_file,
)
from collab_app.services.files.uploads import (
    StoredBytes,
    UploadTarget,
    UploadTicket,
    finish_upload,
    prepare_upload,
    stream_into,
)
from collab_app.services.files.views import (
    API_PREFIX,
    TRASH_DAYS,
    FileView,
    FolderView,
    attached_files,
    list_comment_files,
    list_files,
    list_folders,
    list_task_files,
)
from collab_app.services.files.visibility import set_shared

__all__ = [
    "API_PREFIX",
    "TRASH_DAYS",
    "BlobStorage",
    "DatabaseStorage",
    "FileView",
    "FilesPageView",
    "FolderView",
    "StoredBytes",
    "UploadTarget",
    "UploadTicket",
    "attached_files",
    "can_preview",
    "check_size",
    "clean_name",
    "create_folder",
    "default_storage",
    "delete_blob",
    "delete_file",
    "files_page",
    "finish_upload",
    "header_filename",
    "is_active",
    "is_inline",
    "is_locked",
    "list_comment_files",
    "list_files",
    "list_folders",
    "list_task_files",
    "make_thumbnail",
    "prepare_upload",
    "purge_expired",
    "purge_file",
    "purge_incomplete",
    "restore_file",
    "set_shared",
    "sniff",
    "stream_into",
    "used_bytes",
]
