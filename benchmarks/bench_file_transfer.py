"""Project files (#17): a 20 MB upload and download through the served app, against a plain
file copy on the same machine, and the server's peak memory growth during the upload.

The file goes through the real routes (``/api/files/projects/<id>/upload`` then
``/api/files/<id>/download``): cookie check, permission rule, streaming into database chunks
(SQLite by default, ``--database postgresql`` for the scale-out setup), sniffing and the
thumbnail step. The baseline is ``shutil.copyfile`` of the same 20 MB on the same disk.
Server memory: the RSS of the server's processes, sampled every 5 ms during the upload; the
growth is the peak minus the RSS just before.

Goal (#17): throughput reported against the copy; peak growth per upload in flight under
2x the chunk size (``FILES_CHUNK_BYTES``, 256 KiB by default), not the file size.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness, ws_load
from collab_app.settings import file_limits

MB = 1024 * 1024


class _PeakRss:
    """Samples the server's RSS in a thread; ``peak`` is the highest value seen."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, ws_load.rss_bytes(self.pids))
            time.sleep(0.005)

    def __enter__(self) -> _PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _connection(base_url: str) -> http.client.HTTPConnection:
    parsed = urlparse(base_url)
    return http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=300)


def _upload(app, token: str, path: Path) -> tuple[float, int]:
    size = path.stat().st_size
    connection = _connection(app.base_url)
    started = time.perf_counter()
    with path.open("rb") as body:
        connection.request(
            "POST",
            f"/api/files/projects/{app.project_id}/upload?name=bench.bin&size={size}",
            body=body,
            headers={"Cookie": f"collab_session={token}", "Content-Length": str(size)},
        )
        answer = connection.getresponse()
        payload = answer.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if answer.status != 200:
        raise RuntimeError(f"upload refused: {answer.status} {payload[:200]!r}")
    import json

    return elapsed, json.loads(payload)["id"]


def _download(app, token: str, file_id: int) -> tuple[float, int]:
    connection = _connection(app.base_url)
    started = time.perf_counter()
    connection.request(
        "GET", f"/api/files/{file_id}/download", headers={"Cookie": f"collab_session={token}"}
    )
    answer = connection.getresponse()
    received = 0
    while chunk := answer.read(256 * 1024):
        received += len(chunk)
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed, received


def _copy(source: Path, folder: Path) -> float:
    target = folder / "copy.bin"
    started = time.perf_counter()
    shutil.copyfile(source, target)
    with target.open("rb") as handle:
        os.fsync(handle.fileno())
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=20)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--repeat", type=int, default=1 if os.environ.get("BENCH_QUICK") else 3)
    args = parser.parse_args(argv)
    chunk = file_limits()["chunk_bytes"]
    with tempfile.TemporaryDirectory(prefix="collab-files-bench-") as folder_name:
        folder = Path(folder_name)
        source = folder / "source.bin"
        with source.open("wb") as handle:
            for _ in range(args.megabytes):
                handle.write(os.urandom(MB))
        copies = [_copy(source, folder) for _ in range(args.repeat)]
        uploads, downloads, growths = [], [], []
        with harness.served_app(cards=0, database=args.database) as app:
            token = app.session_token(harness_email())
            _upload(app, token, source)  # warm-up: first request, imports, caches
            for _ in range(args.repeat):
                pids = app.pids()
                before = ws_load.rss_bytes(pids)
                with _PeakRss(pids) as sampler:
                    elapsed, file_id = _upload(app, token, source)
                uploads.append(elapsed)
                growths.append(max(sampler.peak - before, 0))
                elapsed, received = _download(app, token, file_id)
                if received != source.stat().st_size:
                    raise RuntimeError(f"downloaded {received} bytes")
                downloads.append(elapsed)
    size_mb = args.megabytes

    def rate(seconds: list[float]) -> float:
        return size_mb / statistics.median(seconds)

    copy_rate, up_rate, down_rate = rate(copies), rate(uploads), rate(downloads)
    growth = max(growths)
    rows = [
        ["plain file copy (baseline)", f"{copy_rate:.0f} MB/s", "1.00x"],
        [
            f"upload {size_mb} MB ({args.database})",
            f"{up_rate:.1f} MB/s",
            f"{up_rate / copy_rate:.3f}x",
        ],
        [
            f"download {size_mb} MB ({args.database})",
            f"{down_rate:.1f} MB/s",
            f"{down_rate / copy_rate:.3f}x",
        ],
        [
            "server peak RSS growth during upload",
            f"{growth / 1024:.0f} KiB",
            f"chunk {chunk // 1024} KiB",
        ],
    ]
    table = harness.markdown_table(["what", "median", "vs baseline"], rows)
    print(table)
    harness.append_results(
        f"File transfer ({size_mb} MB, {args.database})",
        table,
        f"{args.repeat} repetition(s) after a warm-up; growth = max over repetitions.",
    )
    harness.report_goal(
        f"file upload {size_mb} MB throughput",
        "reported vs a plain file copy",
        f"{up_rate:.1f} MB/s up, {down_rate:.1f} MB/s down vs copy {copy_rate:.0f} MB/s",
        None,
    )
    harness.report_goal(
        "server peak memory growth per upload",
        f"< 2x chunk ({2 * chunk // 1024} KiB)",
        f"{growth / 1024:.0f} KiB",
        growth < 2 * chunk,
        cause=(
            ""
            if growth < 2 * chunk
            else "a chunk being written (up to the chunk size plus one received piece) and the "
            "database driver's copy of it, plus allocator slack in the whole process's RSS"
        ),
    )


def harness_email() -> str:
    """The bench project's manager (seeded by the harness)."""
    from benchmarks import seed

    return seed.ROLE_EMAILS["manager"]


if __name__ == "__main__":
    main()
