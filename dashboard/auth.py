"""Sign-in for Bildungsmanager: password hashes, signed sessions, rate limiting.

- Passwords are stored only as scrypt hashes (``werkzeug.security``).
- The session is Flask's cookie, signed with ``SECRET_KEY``; a forged or
  tampered cookie is simply an empty session. Its flags (HttpOnly,
  SameSite=Lax, Secure over HTTPS) are set by ``security.py``.
- Failed sign-ins are counted per username + IP address in the app's cache
  (Redis when configured), so the limit holds across all workers.
- ``current_user()`` is what every edit callback asks on the server. It checks
  that the user still exists and that the password has not changed since the
  sign-in.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import time

from flask import request, session
from werkzeug.security import check_password_hash, generate_password_hash

from .services import services

HASH_METHOD = "scrypt"
MIN_PASSWORD_LENGTH = 10
MAX_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60
SESSION_HOURS = 12
SESSION_KEY = "bm_user"


class SignInError(ValueError):
    """Sign-in refused; the message is German and says why (without revealing which part was wrong)."""


@functools.cache
def _dummy_hash() -> str:
    """Checked when the user does not exist, so a wrong username takes as long as a wrong password."""
    return generate_password_hash("bildungsmonitor-dummy-password", method=HASH_METHOD)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=HASH_METHOD)


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"Das Passwort ist zu kurz: mindestens {MIN_PASSWORD_LENGTH} Zeichen.")


def _fingerprint(password_hash: str) -> str:
    """Changes whenever the password changes, so old sessions end with it."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def _failure_key(username: str, ip: str) -> str:
    digest = hashlib.sha256(f"{username.lower()}|{ip}".encode()).hexdigest()[:24]
    return f"bm:{services().kommune.slug}:signin-failures:{digest}"


def _client_ip() -> str:
    return request.remote_addr or "unknown"


def failures(username: str, ip: str) -> int:
    return int(services().cache.get(_failure_key(username, ip)) or 0)


def _record_failure(username: str, ip: str) -> None:
    cache = services().cache
    key = _failure_key(username, ip)
    # add() starts the window with its timeout; inc() is atomic on Redis and keeps it.
    cache.add(key, 0, timeout=LOCKOUT_SECONDS)
    cache.cache.inc(key)


def authenticate(username: str, password: str, ip: str | None = None) -> dict:
    """Check a sign-in; returns the user (without hash) or raises SignInError."""
    username = (username or "").strip()
    ip = ip or _client_ip()
    if failures(username, ip) >= MAX_FAILURES:
        raise SignInError(
            f"Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie {LOCKOUT_SECONDS // 60} Minuten "
            "und versuchen Sie es dann erneut."
        )
    user = services().repo.user(username) if username else None
    ok = check_password_hash(user["password_hash"] if user else _dummy_hash(), password or "")
    if not (user and ok):
        _record_failure(username, ip)
        raise SignInError("Benutzername oder Passwort ist falsch.")
    services().cache.delete(_failure_key(username, ip))
    return {k: v for k, v in user.items() if k != "password_hash"}


def sign_in(username: str, password: str) -> dict:
    """Authenticate and start a session (the cookie is set on this response)."""
    user = authenticate(username, password)
    stored = services().repo.user(user["username"])
    session.clear()
    session[SESSION_KEY] = {
        "username": user["username"],
        "pw": _fingerprint(stored["password_hash"]),
        "at": int(time.time()),
    }
    return user


def sign_out() -> None:
    session.pop(SESSION_KEY, None)


def current_user() -> dict | None:
    """The signed-in user of this request, checked against the database, or None."""
    data = session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        if time.time() - int(data["at"]) > SESSION_HOURS * 3600:
            return None
        user = services().repo.user(str(data["username"]))
    except (KeyError, TypeError, ValueError):
        return None
    if user is None or _fingerprint(user["password_hash"]) != data.get("pw"):
        return None
    return {k: v for k, v in user.items() if k != "password_hash"}


def signed_in_at() -> dt.datetime | None:
    data = session.get(SESSION_KEY)
    return dt.datetime.fromtimestamp(data["at"]) if isinstance(data, dict) and "at" in data else None
