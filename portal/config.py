"""Settings: safe defaults that just work, overridden by the environment.

SQLite in `instance/` and in-memory rate limits need no setup. Set DATABASE_URL and REDIS_URL to
run on PostgreSQL and Redis, as production does with several workers or machines.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from werkzeug.sansio.utils import host_is_trusted


class SettingsError(RuntimeError):
    """A setting is missing or unsafe: the portal refuses to start, and says what to set."""


def database_url(instance_path: str) -> str:
    """The database to use; the SQLAlchemy driver name is filled in for PostgreSQL URLs."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{Path(instance_path) / 'common-ground.sqlite3'}"
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the driver spelled out.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def secret_key(instance_path: str) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in instance/."""
    from_env = os.environ.get("SECRET_KEY", "").strip()
    if from_env:
        return from_env
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        _write_new_key(path)
    key = path.read_text().strip()
    if not key:
        # Only an older version could leave this (it created the file, then wrote it).
        raise SettingsError(f"{path} is empty. Delete it and start again: a new key is made.")
    return key


def _write_new_key(path: Path) -> None:
    """Write a key beside `path`, then link it into place: nobody ever reads a half-written key.

    When several workers start at once, each writes its own temporary file; the first link wins,
    the others fail with FileExistsError and read the winner's key.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret_key-")  # mode 0o600
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another worker won: use its key
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def is_development() -> bool:
    return os.environ.get("PORTAL_ENV", "production").lower() == "development"


DEVELOPMENT_URL = "http://127.0.0.1:5000"  # where `make run` serves the portal


def _host_list(text: str) -> list[str] | None:
    hosts = [host.strip().lower() for host in text.split(",") if host.strip()]
    return hosts or None


def check_own_address(config: dict) -> None:
    """Refuse to start without a safe PORTAL_URL in production; default TRUSTED_HOSTS to it.

    Runs after every setting is merged (create_app's own settings win over the environment).
    """
    if config["PORTAL_ENV"] == "development":
        return
    url = config.get("PORTAL_URL") or ""
    parts = urlsplit(url)
    if not parts.hostname or parts.scheme not in ("http", "https"):
        raise SettingsError(
            "Set PORTAL_URL to the address people use, e.g. PORTAL_URL=https://portal.example.org"
            " (links in emails and on cards are built from it)."
        )
    if parts.scheme != "https" and not config.get("PORTAL_ALLOW_HTTP"):
        raise SettingsError(
            f"PORTAL_URL must start with https:// in production (it is {url})."
            " Only a test rig may set PORTAL_ALLOW_HTTP=1 to allow http://."
        )
    if config.get("TRUSTED_HOSTS") is None:
        config["TRUSTED_HOSTS"] = [parts.hostname]
    elif not host_is_trusted(parts.hostname, config["TRUSTED_HOSTS"]):
        raise SettingsError(
            f"TRUSTED_HOSTS must include PORTAL_URL's host, {parts.hostname}:"
            " people follow links to it from emails and cards."
        )


def defaults(instance_path: str) -> dict:
    """Every setting the portal reads, with its default."""
    development = is_development()
    redis_url = os.environ.get("REDIS_URL", "").strip()
    return {
        "SECRET_KEY": secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url or None,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Redis down: limits are counted in each process's memory (and the log says so), never
        # a 500. portal/signin/limits.py does the same for the sign-in counters.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        # Per member, counted only when something is really posted.
        "CONCERN_RATE_LIMIT": os.environ.get("CONCERN_RATE_LIMIT", "5 per hour; 20 per day"),
        "REPLY_RATE_LIMIT": os.environ.get("REPLY_RATE_LIMIT", "10 per 10 minutes; 60 per day"),
        # A concern or reply with this many reports is hidden until staff decide.
        "REPORTS_TO_HIDE": int(os.environ.get("REPORTS_TO_HIDE", "3")),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("PORTAL_TIMEZONE", "Europe/London"),
        "LANGUAGES": {"en": "English", "cy": "Cymraeg"},
        "PORTAL_NAME": os.environ.get("PORTAL_NAME", "Common Ground"),
        # Page parts drawn once and kept (portal/fragments.py); templates change under a
        # developer's hands, so development draws everything every time.
        "KEEP_PAGE_PARTS": not development,
        "HELP_PHONE": os.environ.get("HELP_PHONE", "01234 567890"),
        # The licence the open data (/open-data) is shared under: its name, then its address.
        "OPEN_DATA_LICENCE": os.environ.get(
            "OPEN_DATA_LICENCE",
            "Creative Commons Attribution 4.0 https://creativecommons.org/licenses/by/4.0/",
        ),
        "OPEN_DATA_RATE_LIMIT": os.environ.get("OPEN_DATA_RATE_LIMIT", "30 per minute"),
        # Cookies: never readable by scripts, never sent cross-site on a POST, and only over HTTPS
        # outside development (development serves plain http://127.0.0.1).
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": not development,
        "SESSION_COOKIE_NAME": "cg_session",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": not development,
        "REMEMBER_COOKIE_NAME": "cg_remember",
        "REMEMBER_COOKIE_DURATION": timedelta(days=int(os.environ.get("REMEMBER_DAYS", "365"))),
        # A visit that is not remembered still lasts long enough that nobody is thrown out
        # while typing (easy read: nothing times out while a person is working).
        "VISIT_LENGTH": timedelta(hours=24),
        # CSRF tokens outlive a long pause too; an expired one keeps what was typed anyway.
        "WTF_CSRF_TIME_LIMIT": 24 * 3600,
        "WTF_CSRF_SSL_STRICT": not development,
        "PROXY_FIX_HOPS": int(os.environ.get("PROXY_FIX_HOPS", "0")),
        "PASSWORD_MIN_LENGTH": 12,
        # Sign-in limits (portal/signin/limits.py). Only wrong tries count, never a sign-in that
        # works: a day centre where everyone signs in from one address is never slowed down.
        # Wrong passwords for one username, from any address: then its password pauses (the
        # right one too) and the person uses a card, a passkey or an email link meanwhile.
        "SIGN_IN_PASSWORD_ACCOUNT_LIMIT": os.environ.get(
            "SIGN_IN_PASSWORD_ACCOUNT_LIMIT", "5 per 15 minutes; 20 per day"
        ),
        # Wrong passwords from one address, for any usernames: then passwords pause there.
        "SIGN_IN_PASSWORD_ADDRESS_LIMIT": os.environ.get(
            "SIGN_IN_PASSWORD_ADDRESS_LIMIT", "10 per minute; 50 per hour"
        ),
        # Wrong card codes from one address: then "Please ask staff for help" there. Never
        # counted per card, so strangers cannot lock a member's card.
        "SIGN_IN_CODE_ADDRESS_LIMIT": os.environ.get(
            "SIGN_IN_CODE_ADDRESS_LIMIT", "20 per hour; 60 per day"
        ),
        # Wrong card codes from all addresses together: past it, an address that sent a wrong
        # code in the last window waits; an address with none is still checked.
        "SIGN_IN_CODE_GLOBAL_LIMIT": os.environ.get("SIGN_IN_CODE_GLOBAL_LIMIT", "300 per hour"),
        # Failed passkey sign-ins and dead email links from one address.
        "SIGN_IN_RATE_LIMIT": os.environ.get("SIGN_IN_RATE_LIMIT", "10 per minute; 40 per hour"),
        # Sign-in links asked for from one address (these count every time: each sends an email).
        "EMAIL_LINK_RATE_LIMIT": os.environ.get("EMAIL_LINK_RATE_LIMIT", "5 per hour"),
        "EMAIL_LINK_LIFETIME": timedelta(minutes=15),
        # Email (sign-in links, news): nothing is sent until SMTP_HOST is set.
        "SMTP_HOST": os.environ.get("SMTP_HOST", "").strip() or None,
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "25")),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": os.environ.get("SMTP_STARTTLS", "0") == "1",
        "SMTP_SSL": os.environ.get("SMTP_SSL", "0") == "1",
        # Passkeys: by default the site's own host name and address are used.
        "WEBAUTHN_RP_ID": os.environ.get("WEBAUTHN_RP_ID", "").strip() or None,
        "WEBAUTHN_ORIGIN": os.environ.get("WEBAUTHN_ORIGIN", "").strip() or None,
        # Staff who have a passkey must use it: no password, card or email link.
        "STAFF_REQUIRE_PASSKEY": os.environ.get("STAFF_REQUIRE_PASSKEY", "0") == "1",
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Common Ground <portal@localhost>"),
        "ARGON2_PROFILE": "default",
        "PORTAL_ENV": "development" if development else "production",
        # --- The portal's own address (checked by check_own_address) ---
        # Every link that leaves the site (emails, card QR codes, calendars) starts with it.
        "PORTAL_URL": os.environ.get("PORTAL_URL", DEVELOPMENT_URL if development else "")
        .strip()
        .rstrip("/"),
        # Production with an http:// PORTAL_URL: only for test rigs, never for real people.
        "PORTAL_ALLOW_HTTP": os.environ.get("PORTAL_ALLOW_HTTP", "0") == "1",
        # Host names the portal answers to (Flask refuses others with 400). None: in production,
        # PORTAL_URL's host; in development, any host.
        "TRUSTED_HOSTS": _host_list(os.environ.get("TRUSTED_HOSTS", "")),
        # --- end of the portal's own address ---
        # The daily summary goes out on the first run of `flask notices run` after this hour.
        "DIGEST_HOUR": int(os.environ.get("DIGEST_HOUR", "17")),
        "NOTICE_KEEP_DAYS": int(os.environ.get("NOTICE_KEEP_DAYS", "365")),
        # Request size: nothing in the portal uploads files, and the longest form is a few pages
        # of words, so 1 MB is plenty; a bigger body gets the easy-read 413 page before it is read.
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_REQUEST_BYTES", str(1024 * 1024))),
        "MAX_FORM_MEMORY_SIZE": 500_000,  # one text box (Werkzeug's default, said out loud)
        "MAX_FORM_PARTS": 1_000,
        # How often each process asks whether staff changed the glossary (portal/words/marking.py).
        "GLOSSARY_RECHECK_SECONDS": float(os.environ.get("GLOSSARY_RECHECK_SECONDS", "2")),
        # --- Seeing what happens (portal/observability.py, portal/pages/views_health.py) ---
        # One JSON line per request in production; Flask's plain lines in development.
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "text" if development else "json"),
        # Who may read /metrics: addresses or networks, comma-separated (nginx refuses it too).
        "METRICS_ALLOWED": _host_list(os.environ.get("METRICS_ALLOWED", "127.0.0.1,::1")),
    }
