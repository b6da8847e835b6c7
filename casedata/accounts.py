"""Annotators' accounts and sessions for the review workbench.

Passwords are hashed with scrypt (``hashlib.scrypt``, a standard memory-hard KDF) and a random salt per
user; the stored form is ``scrypt$n$r$p$salt$hash`` (hex), so its cost can be raised later without breaking
stored accounts. A session is a random token in an HttpOnly cookie; only its SHA-256 is stored, beside the
session's CSRF token and expiry.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from expediente.casedata.db import now
from expediente.casedata.errors import AccountError

ROLES = ("annotator", "reviewer")  # a reviewer also adjudicates annotators' disagreements
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
SESSION_HOURS = 12
MIN_PASSWORD = 8
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


@dataclass(frozen=True)
class Session:
    user: str
    role: str
    csrf: str


def hash_password(
    password: str, salt: bytes | None = None, n: int = SCRYPT["n"], r: int = SCRYPT["r"], p: int = SCRYPT["p"]
) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        again = hash_password(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(again.rsplit("$", 1)[1], digest)


def add_user(conn: sqlite3.Connection, name: str, password: str, role: str = "annotator") -> None:
    """Create an account, or AccountError saying what to change."""
    if not name or len(name) > 64 or set(name) - NAME_CHARS:
        raise AccountError(f"user name {name!r}: use 1-64 letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise AccountError(f"role {role!r}: use one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
        raise AccountError(f"there is already a user {name!r}: choose another name")
    with conn:
        conn.execute(
            "INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
            (name, hash_password(password), role, now()),
        )


def has_users(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def authenticate(conn: sqlite3.Connection, name: str, password: str) -> str | None:
    """The user's role when the password is theirs, else None (the same work either way)."""
    row = conn.execute("SELECT password_hash, role FROM users WHERE name = ?", (name,)).fetchone()
    stored = row["password_hash"] if row else hash_password("not a user's password")
    ok = check_password(password, stored)
    return row["role"] if row and ok else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(conn: sqlite3.Connection, user: str) -> tuple[str, Session]:
    """A new session for ``user``: (the cookie's token, the session)."""
    role = conn.execute("SELECT role FROM users WHERE name = ?", (user,)).fetchone()
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = (datetime.now(UTC) + timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds")
    with conn:
        conn.execute("DELETE FROM sessions WHERE expires_at < ?", (now(),))
        conn.execute(
            "INSERT INTO sessions (token_hash, user, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            (_digest(token), user, csrf, now(), expires),
        )
    return token, Session(user, role["role"] if role else "reviewer", csrf)


def session(conn: sqlite3.Connection, token: str | None) -> Session | None:
    """The live session a cookie's token names, else None."""
    if not token:
        return None
    row = conn.execute(
        """SELECT s.user, s.csrf, COALESCE(u.role, 'reviewer') AS role FROM sessions s
           LEFT JOIN users u ON u.name = s.user WHERE s.token_hash = ? AND s.expires_at >= ?""",
        (_digest(token), now()),
    ).fetchone()
    return Session(row["user"], row["role"], row["csrf"]) if row else None


def close_session(conn: sqlite3.Connection, token: str | None) -> None:
    if token:
        with conn:
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (_digest(token),))
