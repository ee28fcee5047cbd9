"""Settings read from environment variables; nothing here imports Reflex."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "collab_app.db"


def database_url() -> str:
    """Return the database URL: ``DATABASE_URL``, else ``REFLEX_DB_URL``, else the SQLite file.

    Returns:
        A SQLAlchemy URL.
    """
    url = os.environ.get("DATABASE_URL") or os.environ.get("REFLEX_DB_URL")
    if url:
        # Heroku-style URLs name the dialect "postgres"; SQLAlchemy wants "postgresql".
        if url.startswith("postgres://"):
            url = "postgresql://" + url.removeprefix("postgres://")
        return url
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def allowed_origins() -> list[str]:
    """Return the origins allowed to open the websocket.

    ``APP_ORIGIN`` may hold several comma-separated origins. Without it, the app accepts the
    local origins of the port it is served on, which is what ``make run`` needs.

    Returns:
        A list of origins.
    """
    configured = os.environ.get("APP_ORIGIN", "").strip()
    if configured:
        return [origin.strip().rstrip("/") for origin in configured.split(",") if origin.strip()]
    port = os.environ.get("PORT", "3000")
    return [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]


def smtp_settings() -> dict[str, str] | None:
    """Return SMTP settings when ``SMTP_HOST`` is configured, else None.

    Returns:
        A dict with host, port, user, password, sender, the verified sender domains and the
        daily sending limits (raw text), or None.
    """
    host = os.environ.get("SMTP_HOST", "").strip()
    if not host:
        return None
    return {
        "host": host,
        "port": os.environ.get("SMTP_PORT", "25"),
        "user": os.environ.get("SMTP_USER", ""),
        "password": os.environ.get("SMTP_PASSWORD", ""),
        "sender": os.environ.get("SMTP_FROM", ""),
        # Domains the operator checked (SPF/DKIM) that collectives may send from.
        "verified_domains": os.environ.get("SMTP_VERIFIED_DOMAINS", ""),
        "daily_limit": os.environ.get("MAIL_DAILY_LIMIT", ""),
        "daily_limit_new": os.environ.get("MAIL_DAILY_LIMIT_NEW", ""),
    }


def public_base_url() -> str:
    """Return the base URL used in links sent by mail (invitations, feedback forms).

    Returns:
        The origin without a trailing slash.
    """
    configured = os.environ.get("APP_ORIGIN", "").split(",")[0].strip().rstrip("/")
    return configured or f"http://localhost:{os.environ.get('PORT', '3000')}"


def cookies_secure() -> bool:
    """Whether cookies carry the ``Secure`` flag: when the app's public origin is HTTPS.

    Returns:
        True behind HTTPS (``APP_ORIGIN`` starting with ``https://``).
    """
    return public_base_url().startswith("https://")


def _int_setting(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def gc_young_threshold() -> int:
    """Return the net allocations between two collections of the youngest generation.

    ``GC_YOUNG_THRESHOLD`` (default 20,000; CPython's own is 700): see ``collab_app.collector``.

    Returns:
        The threshold.
    """
    return _int_setting("GC_YOUNG_THRESHOLD", 20_000)


def file_limits() -> dict[str, int]:
    """Return the limits of project files (issue #17), in bytes and pixels.

    ``FILES_MAX_BYTES`` (one file, default 25 MB), ``FILES_QUOTA_BYTES`` (all files of a
    collective, trash included, default 2 GB), ``FILES_CHUNK_BYTES`` (stored chunk, default
    256 KiB) and ``FILES_MAX_PIXELS`` (largest image or PDF page a thumbnail is made of,
    default 40 megapixels: the decompression-bomb limit).

    Returns:
        ``max_bytes``, ``quota_bytes``, ``chunk_bytes`` and ``max_pixels``.
    """
    return {
        "max_bytes": _int_setting("FILES_MAX_BYTES", 25 * 1024 * 1024),
        "quota_bytes": _int_setting("FILES_QUOTA_BYTES", 2 * 1024 * 1024 * 1024),
        "chunk_bytes": _int_setting("FILES_CHUNK_BYTES", 256 * 1024),
        "max_pixels": _int_setting("FILES_MAX_PIXELS", 40_000_000),
    }
