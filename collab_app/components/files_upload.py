"""The upload zone: several files at once, drag-and-drop, the picker or the phone's camera.

Each file is posted by the browser itself (``XMLHttpRequest``, which reports upload progress)
to the cookie-checked upload route, with a progress bar and a cancel button per file; a refused
file shows the server's message in the viewer's language while the others go on. The script
is installed once per tab and listens on the document, so zones re-rendered by live updates
keep working. Nothing about the files passes through the websocket: the upload moves the
project's change version and the page reloads live.
"""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t

_UPLOAD_JS = """
if (!window.__collabUploads) {
  window.__collabUploads = true;
  const zoneOf = (el) => el && el.closest && el.closest('[data-files-zone]');
  const send = (zone, file) => {
    const list = zone.querySelector('[data-files-progress]');
    const row = document.createElement('li');
    row.className = 'upload-row';
    const name = document.createElement('span');
    name.className = 'upload-name';
    name.textContent = file.name;
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', file.name);
    const status = document.createElement('span');
    status.className = 'upload-status';
    status.setAttribute('role', 'status');
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'upload-cancel';
    cancel.textContent = zone.dataset.cancel;
    row.append(name, bar, status, cancel);
    list.append(row);
    const query = new URLSearchParams({name: file.name, size: String(file.size)});
    for (const key of ['folder', 'version', 'task', 'comment', 'request', 'order']) {
      const value = zone.dataset[key];
      if (value && value !== '0') query.set(key, value);
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files/projects/' + zone.dataset.project + '/upload?' + query);
    const end = (cls, text) => {
      row.classList.add(cls);
      status.textContent = text;
      cancel.remove();
    };
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
    };
    xhr.onload = () => {
      let message = '';
      try { message = JSON.parse(xhr.responseText).error || ''; } catch (err) { message = ''; }
      if (xhr.status === 200) { bar.value = 100; end('done', zone.dataset.done); }
      else end('failed', message || zone.dataset.failed);
    };
    xhr.onerror = () => end('failed', zone.dataset.failed);
    xhr.onabort = () => end('cancelled', zone.dataset.cancelled);
    cancel.addEventListener('click', () => xhr.abort());
    xhr.send(file);
  };
  const sendAll = (zone, files) => { for (const f of Array.from(files || [])) send(zone, f); };
  document.addEventListener('change', (e) => {
    const input = e.target;
    if (!input.matches || !input.matches('input[data-files-input]')) return;
    const zone = zoneOf(input);
    if (zone) sendAll(zone, input.files);
    input.value = '';
  });
  document.addEventListener('dragover', (e) => {
    const zone = zoneOf(e.target);
    if (zone) { e.preventDefault(); zone.classList.add('dragging'); }
  });
  document.addEventListener('dragleave', (e) => {
    const zone = zoneOf(e.target);
    if (zone) zone.classList.remove('dragging');
  });
  document.addEventListener('drop', (e) => {
    const zone = zoneOf(e.target);
    if (!zone) return;
    e.preventDefault();
    zone.classList.remove('dragging');
    sendAll(zone, e.dataTransfer && e.dataTransfer.files);
  });
}
"""


def upload_zone(
    zone_id: str | rx.Var[str],
    project_id: rx.Var,
    *,
    folder_id: rx.Var | int = 0,
    version_id: rx.Var | int = 0,
    task_id: rx.Var | int = 0,
    comment_id: rx.Var | int = 0,
    request_id: rx.Var | int = 0,
    order_id: rx.Var | int = 0,
) -> rx.Component:
    """A drop zone with a file picker and a camera button, and the per-file progress list.

    Args:
        zone_id: Unique element id prefix on the page.
        project_id: The project receiving the files.
        folder_id: The folder they go into (0: none).
        version_id: The deliverable version they go into (0: none).
        task_id: The task they are attached to (0: none).
        comment_id: The task comment they are attached to (0: none); the author's own.
        request_id: The revision request they are attached to (0: none); the author's own.
        order_id: The change order they are attached to (0: none); the author's own.

    Returns:
        The zone.
    """
    # ``+`` rather than an f-string: the id may be a Var (one zone per comment of a list).
    picker_id = zone_id + "-picker"
    camera_id = zone_id + "-camera"
    return rx.box(
        rx.text(t("files.ui.drop_here"), size="2", class_name="files-drop-text"),
        rx.hstack(
            rx.el.label(
                t("files.ui.choose_files"),
                rx.el.input(
                    type="file",
                    multiple=True,
                    id=picker_id,
                    class_name="visually-hidden",
                    custom_attrs={"data-files-input": "picker"},
                ),
                html_for=picker_id,
                class_name="files-pick",
            ),
            rx.el.label(
                t("files.ui.take_photo"),
                rx.el.input(
                    type="file",
                    accept="image/*",
                    capture="environment",
                    id=camera_id,
                    class_name="visually-hidden",
                    custom_attrs={"data-files-input": "camera"},
                ),
                html_for=camera_id,
                class_name="files-pick files-camera",
            ),
            spacing="2",
            wrap="wrap",
        ),
        rx.el.ul(class_name="upload-list", custom_attrs={"data-files-progress": ""}),
        id=zone_id,
        class_name="files-zone",
        on_mount=rx.call_script(_UPLOAD_JS),
        custom_attrs={
            "data-files-zone": "",
            "data-project": project_id,
            "data-folder": folder_id,
            "data-version": version_id,
            "data-task": task_id,
            "data-comment": comment_id,
            "data-request": request_id,
            "data-order": order_id,
            "data-cancel": t("files.ui.cancel"),
            "data-done": t("files.ui.uploaded"),
            "data-failed": t("files.unreadable"),
            "data-cancelled": t("files.ui.cancelled"),
        },
    )
