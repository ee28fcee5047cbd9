"""Project files (#17): limits and quota, streaming into chunks, sniffing, visibility, trash."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import func, select

from collab_app.i18n import translate
from collab_app.models import FileBlob, FileChunk, Project, ProjectFile
from collab_app.services import clock, files, permissions
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.unit.files.support import PNG_BYTES, pdf_bytes, upload
from tests.unit.revisions.support import GARBAGE_IDS, make_tasks

pytestmark = pytest.mark.usefixtures("use_test_db")


def _count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def _names(session, viewer, world, **kwargs) -> list[str]:
    rows = files.list_files(session, viewer, project_id=world.project.id, **kwargs)
    return sorted(row.name for row in rows)


def _version(session, project_id) -> int:
    session.expire_all()
    return session.get(Project, project_id).change_version


def test_a_file_is_stored_in_chunks_and_read_back_whole(session, world, monkeypatch):
    monkeypatch.setenv("FILES_CHUNK_BYTES", "1000")
    data = bytes(range(256)) * 40  # 10,240 bytes
    before = _version(session, world.project.id)
    file_id = upload(session, world.member, world.project.id, "notes.bin", data, piece=333)
    row = session.get(ProjectFile, file_id)
    chunks = session.exec(
        select(FileChunk).where(FileChunk.blob_id == row.blob_id).order_by(FileChunk.seq)
    ).all()
    # Every chunk is 1000 bytes, cut across the 333-byte pieces received, but the last.
    assert [len(c.data) for c in chunks] == [1000] * 10 + [240]
    assert [c.seq for c in chunks] == list(range(11))
    assert b"".join(files.default_storage().read(row.blob_id)) == data
    assert row.size == len(data) and row.visibility == "internal"
    assert _version(session, world.project.id) == before + 1


def test_limits_are_checked_before_any_byte_is_stored(session, world, monkeypatch):
    monkeypatch.setenv("FILES_MAX_BYTES", "1000")
    with pytest.raises(ValidationError) as too_big:
        files.prepare_upload(
            session, world.member, project_id=world.project.id, name="a.bin", size=1001, locale="fr"
        )
    assert too_big.value.code == "files.too_big"
    assert translate(too_big.value.code, "fr", **too_big.value.params) == (
        "Ce fichier est trop lourd\u00a0: 1\u202f000\u00a0o au maximum par fichier."
    )
    for size, code in (
        (0, "files.empty"),
        ("12x", "files.size_unknown"),
        (None, "files.size_unknown"),
    ):
        with pytest.raises(ValidationError) as refused:
            files.prepare_upload(
                session, world.member, project_id=world.project.id, name="a.bin", size=size
            )
        assert refused.value.code == code
    assert _count(session, FileBlob) == 0


def test_the_collective_quota_counts_every_project_and_the_trash(session, world, monkeypatch):
    monkeypatch.setenv("FILES_QUOTA_BYTES", "3000")
    first = upload(session, world.member, world.project.id, "one.bin", b"x" * 2000)
    files.delete_file(session, world.member, file_id=first)
    with pytest.raises(ValidationError) as over:
        upload(session, world.member, world.project.id, "two.bin", b"y" * 1001)
    assert over.value.code == "files.over_quota"
    assert over.value.params == {"quota": "2.9\u00a0KB", "left": "1,000\u00a0B"}
    blobs = _count(session, FileBlob)
    upload(session, world.member, world.project.id, "three.bin", b"z" * 1000)
    assert _count(session, FileBlob) == blobs + 1
    files.purge_file(session, world.owner, file_id=first)
    upload(session, world.member, world.project.id, "four.bin", b"w" * 2000)


def test_a_body_longer_or_shorter_than_announced_leaves_nothing(session, world):
    for announced in (10, 30):
        with pytest.raises(ValidationError) as mismatch:
            upload(session, world.member, world.project.id, "a.txt", b"a" * 20, announced=announced)
        assert mismatch.value.code == "files.size_mismatch"
    assert _count(session, FileBlob) == 0
    assert _count(session, FileChunk) == 0
    assert _count(session, ProjectFile) == 0


def test_an_upload_cut_half_way_leaves_no_visible_file(session, world, monkeypatch):
    monkeypatch.setenv("FILES_CHUNK_BYTES", "100")
    files.prepare_upload(
        session, world.member, project_id=world.project.id, name="cut.bin", size=1000
    )

    async def cut_body():
        yield b"a" * 500
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        asyncio.run(files.stream_into(files.DatabaseStorage(), cut_body(), expected_size=1000))
    assert _count(session, ProjectFile) == 0
    assert _count(session, FileChunk) == 0


def test_a_dead_workers_leftovers_are_purged_later(session, world):
    writer = files.DatabaseStorage().writer()
    writer.write(b"half")  # the worker dies here: no finish, no abort
    assert files.purge_incomplete(session, now=clock.now()) == 0
    assert files.purge_incomplete(session, now=clock.now() + timedelta(hours=7)) == 1
    session.commit()
    assert _count(session, FileChunk) == 0


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("photo.txt", PNG_BYTES, "image/png"),
        ("logo.png", b"<!DOCTYPE html><script>alert(1)</script>", "text/html"),
        (
            "icon.png",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            "image/svg+xml",
        ),
        ("icon.jpg", b'<svg onload="alert(1)"/>', "image/svg+xml"),
        ("brief.pdf", b"plain words, caf\xc3\xa9", "text/plain"),
        ("archive.txt", b"\x00\x01\x02binary", "application/octet-stream"),
    ],
)
def test_the_type_is_sniffed_from_the_content_not_the_name(session, world, name, data, mime):
    file_id = upload(session, world.member, world.project.id, name, data)
    assert session.get(ProjectFile, file_id).mime == mime


def test_pdf_is_sniffed_and_inline_types_are_images_and_pdf():
    assert files.sniff(pdf_bytes()) == "application/pdf"
    assert files.is_inline("application/pdf") and files.is_inline("image/png")
    assert not files.is_inline("text/html") and not files.is_inline("image/svg+xml")
    assert files.is_active("text/html") and files.is_active("image/svg+xml")


def test_names_are_shown_as_typed_and_sanitised_for_headers():
    assert files.clean_name("C:\\Users\\me\\Devis été 2026.pdf") == "Devis été 2026.pdf"
    assert files.clean_name("../../etc/passwd") == "passwd"
    assert files.clean_name("a\r\nb.txt") == "ab.txt"
    for bad in ("", "  ", "..", None, 12):
        with pytest.raises(ValidationError):
            files.clean_name(bad)
    crlf = files.header_filename("a\r\nSet-Cookie: x.pdf")
    assert "\r" not in crlf and "\n" not in crlf
    header = files.header_filename('Devis "été";.pdf')
    assert header.startswith('filename="Devis _ete__.pdf"')
    assert header.endswith("filename*=UTF-8''Devis%20%22%C3%A9t%C3%A9%22%3B.pdf")


def test_team_uploads_are_internal_until_shared(session, world):
    file_id = upload(session, world.member, world.project.id, "Internal costs.xlsx", b"costs")
    assert _names(session, world.member, world) == ["Internal costs.xlsx"]
    assert _names(session, world.client, world) == []
    with pytest.raises(NotFound):
        permissions.require_file(session, world.client, file_id)
    files.set_shared(session, world.member, file_id=file_id, shared=True)
    assert _names(session, world.client, world) == ["Internal costs.xlsx"]
    before = _version(session, world.project.id)
    files.set_shared(session, world.manager, file_id=file_id, shared=False)
    assert _version(session, world.project.id) == before + 1
    assert _names(session, world.client, world) == []
    with pytest.raises(NotFound):  # an internal file does not exist for the client
        files.set_shared(session, world.client, file_id=file_id, shared=True)
    files.set_shared(session, world.member, file_id=file_id, shared=True)
    with pytest.raises(PermissionDenied):
        files.set_shared(session, world.client, file_id=file_id, shared=False)


def test_a_clients_own_upload_is_shared(session, world):
    upload(session, world.client, world.project.id, "brief.txt", b"our brief")
    assert _names(session, world.client, world) == ["brief.txt"]


def test_guests_see_only_files_of_their_tasks_and_clients_not_of_hidden_tasks(session, world):
    tasks = make_tasks(session, world)
    upload(session, world.member, world.project.id, "banner.png", PNG_BYTES, task_id=tasks.shared)
    hidden = upload(
        session, world.member, world.project.id, "margins.txt", b"m", task_id=tasks.hidden
    )
    upload(session, world.member, world.project.id, "chore.txt", b"c", task_id=tasks.team_only)
    upload(session, world.member, world.project.id, "loose.txt", b"l")
    assert _names(session, world.guest, world) == ["banner.png"]
    files.set_shared(session, world.member, file_id=hidden, shared=True)
    assert _names(session, world.client, world) == []
    with pytest.raises(PermissionDenied) as guest_loose:
        files.prepare_upload(
            session, world.guest, project_id=world.project.id, name="g.txt", size=3
        )
    assert guest_loose.value.code == "files.guest_task_only"
    with pytest.raises(NotFound):
        files.prepare_upload(
            session,
            world.guest,
            project_id=world.project.id,
            name="g.txt",
            size=3,
            target=files.UploadTarget(task_id=tasks.team_only),
        )
    with pytest.raises(NotFound):
        files.prepare_upload(
            session,
            world.member,
            project_id=world.project.id,
            name="g.txt",
            size=3,
            target=files.UploadTarget(task_id=tasks.other),
        )
    upload(session, world.guest, world.project.id, "g.txt", b"guest", task_id=tasks.shared)
    assert _names(session, world.guest, world) == ["banner.png", "g.txt"]


@pytest.mark.parametrize("raw", GARBAGE_IDS)
def test_garbage_and_foreign_ids_are_not_found(session, world, raw):
    with pytest.raises(NotFound):
        permissions.require_file(session, world.member, raw)
    with pytest.raises(NotFound):
        files.list_files(session, world.member, project_id=raw)


def test_outsiders_see_nothing(session, world):
    file_id = upload(session, world.member, world.project.id, "a.txt", b"a")
    with pytest.raises(NotFound):
        permissions.require_file(session, world.outsider, file_id)
    with pytest.raises(NotFound):
        files.list_files(session, world.outsider, project_id=world.project.id)


def test_folders_are_the_teams(session, world):
    folder = files.create_folder(session, world.member, project_id=world.project.id, name="Logos")
    upload(session, world.member, world.project.id, "logo.png", PNG_BYTES, folder_id=folder)
    upload(session, world.member, world.project.id, "other.txt", b"o")
    assert [
        (f.name, f.count)
        for f in files.list_folders(session, world.member, project_id=world.project.id)
    ] == [("Logos", 1)]
    assert _names(session, world.member, world, folder_id=folder) == ["logo.png"]
    assert files.list_folders(session, world.client, project_id=world.project.id) == []
    with pytest.raises(ValidationError) as taken:
        files.create_folder(session, world.member, project_id=world.project.id, name="Logos")
    assert taken.value.code == "files.folder_exists"
    with pytest.raises(PermissionDenied):
        files.create_folder(session, world.client, project_id=world.project.id, name="Mine")


def test_trash_restore_and_purge_by_managers(session, world):
    file_id = upload(session, world.member, world.project.id, "draft.png", PNG_BYTES)
    blob_id = session.get(ProjectFile, file_id).blob_id
    files.delete_file(session, world.member, file_id=file_id)
    assert _names(session, world.member, world) == []
    assert _names(session, world.manager, world, trash=True) == ["draft.png"]
    with pytest.raises(PermissionDenied):
        files.list_files(session, world.member, project_id=world.project.id, trash=True)
    with pytest.raises(PermissionDenied):
        files.restore_file(session, world.member, file_id=file_id)
    with pytest.raises(NotFound):
        permissions.require_file(session, world.member, file_id)
    files.restore_file(session, world.manager, file_id=file_id)
    assert _names(session, world.member, world) == ["draft.png"]
    with pytest.raises(NotFound):  # purge only from the trash
        files.purge_file(session, world.manager, file_id=file_id)
    files.delete_file(session, world.member, file_id=file_id)
    files.purge_file(session, world.owner, file_id=file_id)
    session.expire_all()
    assert session.get(ProjectFile, file_id) is None
    assert session.get(FileBlob, blob_id) is None
    assert _count(session, FileChunk) == 0


def test_trash_empties_itself_after_thirty_days(session, world):
    kept = upload(session, world.member, world.project.id, "kept.txt", b"k")
    old = upload(session, world.member, world.project.id, "old.txt", b"o")
    files.delete_file(session, world.member, file_id=kept)
    files.delete_file(session, world.member, file_id=old)
    row = session.get(ProjectFile, old)
    row.deleted_at = clock.now() - timedelta(days=31)
    session.add(row)
    session.commit()
    assert files.purge_expired(session) == 1
    assert _names(session, world.manager, world, trash=True) == ["kept.txt"]


def test_clients_and_guests_may_not_delete(session, world):
    file_id = upload(session, world.client, world.project.id, "brief.txt", b"b")
    with pytest.raises(PermissionDenied):
        files.delete_file(session, world.client, file_id=file_id)
    with pytest.raises(NotFound):
        files.delete_file(session, world.guest, file_id=file_id)


def test_thumbnails_of_images_and_pdf_first_pages(monkeypatch):
    import io

    from PIL import Image

    thumb = files.make_thumbnail([PNG_BYTES[:10], PNG_BYTES[10:]], "image/png")
    assert thumb[:3] == b"\xff\xd8\xff"
    assert Image.open(io.BytesIO(thumb)).size == (64, 48)
    pdf_thumb = files.make_thumbnail([pdf_bytes()], "application/pdf")
    assert pdf_thumb[:3] == b"\xff\xd8\xff"
    assert max(Image.open(io.BytesIO(pdf_thumb)).size) <= 480
    assert files.make_thumbnail([b"not an image"], "image/png") is None
    assert files.make_thumbnail([b"text"], "text/plain") is None
    # Decompression-bomb limit: an image with more pixels than allowed is never decoded.
    monkeypatch.setenv("FILES_MAX_PIXELS", str(64 * 48 - 1))
    assert files.make_thumbnail([PNG_BYTES], "image/png") is None
    monkeypatch.setenv("FILES_MAX_PIXELS", "1000")
    assert files.make_thumbnail([pdf_bytes()], "application/pdf") is None


def test_the_periodic_job_empties_old_trash_and_dead_uploads(session, world):
    from collab_app import jobs

    old = upload(session, world.member, world.project.id, "old.txt", b"o")
    files.delete_file(session, world.member, file_id=old)
    files.DatabaseStorage().writer().write(b"half")
    report = jobs.run_due(now=clock.now() + timedelta(days=31))
    assert report.ok
    session.expire_all()
    assert _count(session, ProjectFile) == 0
    assert _count(session, FileChunk) == 0


def test_a_tasks_files_follow_the_task_and_the_client_preview(session, world):
    tasks = make_tasks(session, world)
    internal = upload(
        session, world.member, world.project.id, "notes.txt", b"n", task_id=tasks.shared
    )
    upload(session, world.guest, world.project.id, "from-guest.txt", b"g", task_id=tasks.shared)

    def names(viewer, task_id, **kwargs):
        return sorted(
            f.name for f in files.list_task_files(session, viewer, task_id=task_id, **kwargs)
        )

    assert names(world.guest, tasks.shared) == ["from-guest.txt", "notes.txt"]
    assert names(world.client, tasks.shared) == []
    assert names(world.manager, tasks.shared, as_role="client") == []
    files.set_shared(session, world.member, file_id=internal, shared=True)
    assert names(world.client, tasks.shared) == ["notes.txt"]
    assert names(world.manager, tasks.shared, as_role="client") == ["notes.txt"]
    with pytest.raises(NotFound):
        names(world.guest, tasks.team_only)
    with pytest.raises(PermissionDenied):
        names(world.member, tasks.shared, as_role="client")
