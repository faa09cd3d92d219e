"""The bench's bare baseline: the same work as the list, read, create and patch endpoints, in plain
WSGI on the standard library's sqlite3, with no framework and no ORM.

    gunicorn --chdir bench baseline:app   (BASELINE_DATABASE names the SQLite file)

It answers only what the bench sends (info, register, login, list, read, create, patch); it is a
yardstick, not an implementation of the contract: its password hash is a bare SHA-256.
"""

import hashlib
import json
import os
import re
import secrets
import sqlite3
import threading
from datetime import UTC, datetime
from urllib.parse import parse_qs

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL,
    email TEXT NOT NULL, password_hash TEXT NOT NULL, date_joined TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL
    REFERENCES accounts ON DELETE CASCADE, digest TEXT UNIQUE NOT NULL, expires_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tasks (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL
    REFERENCES accounts ON DELETE CASCADE, name TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
    completed INTEGER NOT NULL DEFAULT 0, due_date TEXT, creation_date TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tasks_account ON tasks (account_id, id);
"""
TASK_PATH = re.compile(r"/api/v1/accounts/([^/]+)/tasks(?:/([0-9]+))?")
local = threading.local()


def connection():
    if not hasattr(local, "db"):
        local.db = sqlite3.connect(
            os.environ["BASELINE_DATABASE"], timeout=30, isolation_level=None
        )
        local.db.execute("PRAGMA journal_mode=WAL")
        local.db.execute("PRAGMA foreign_keys=ON")
        local.db.executescript(SCHEMA)
    return local.db


def now():
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def answer(start_response, status, document=None, headers=()):
    body = b"" if document is None else json.dumps(document).encode()
    kind = "application/json" if status.startswith("2") else "application/problem+json"
    start_response(status, [("Content-Type", kind), *headers])
    return [body]


def caller(db, environ):
    _scheme, _, secret = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    digest = hashlib.sha256(secret.encode()).hexdigest()
    return db.execute(
        "SELECT accounts.id, accounts.username FROM tokens JOIN accounts ON accounts.id ="
        " tokens.account_id WHERE tokens.digest = ? AND tokens.expires_at > ?",
        (digest, now()),
    ).fetchone()


def task_json(row, base, username):
    task_id, name, note, completed, due_date, created = row
    return {
        "id": task_id, "name": name, "note": note, "completed": bool(completed),
        "due_date": due_date, "creation_date": created,
        "url": f"{base}/api/v1/accounts/{username}/tasks/{task_id}",
    }  # fmt: skip


def app(environ, start_response):
    db = connection()
    method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
    base = f"{environ['wsgi.url_scheme']}://{environ['HTTP_HOST']}"
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = json.loads(environ["wsgi.input"].read(length)) if length else {}
    if path == "/api/v1":
        return answer(start_response, "200 OK", {"name": "baseline", "routes": []})
    if path == "/api/v1/accounts" and method == "POST":
        password_hash = hashlib.sha256(body["password"].encode()).hexdigest()
        db.execute(
            "INSERT INTO accounts (username, email, password_hash, date_joined) VALUES (?,?,?,?)",
            (body["username"], body["email"], password_hash, now()),
        )
        return answer(start_response, "201 Created", {"username": body["username"]})
    if path == "/api/v1/accounts/login" and method == "POST":
        row = db.execute(
            "SELECT id, password_hash FROM accounts WHERE username = ?", (body["username"],)
        ).fetchone()
        if row is None or row[1] != hashlib.sha256(body["password"].encode()).hexdigest():
            return answer(start_response, "401 Unauthorized", {"status": 401})
        secret = secrets.token_urlsafe(32)
        digest = hashlib.sha256(secret.encode()).hexdigest()
        db.execute(
            "INSERT INTO tokens (account_id, digest, expires_at) VALUES (?, ?, ?)",
            (row[0], digest, "9999-12-31T00:00:00Z"),
        )
        return answer(start_response, "200 OK", {"token": secret, "token_type": "Bearer"})
    match = TASK_PATH.fullmatch(path)
    if match is None:
        return answer(start_response, "404 Not Found", {"status": 404})
    who = caller(db, environ)
    if who is None:
        return answer(start_response, "401 Unauthorized", {"status": 401})
    if who[1] != match[1]:
        return answer(start_response, "403 Forbidden", {"status": 403})
    columns = "id, name, note, completed, due_date, creation_date"
    if match[2] is None and method == "GET":
        query = parse_qs(environ.get("QUERY_STRING", ""))
        limit, offset = int(query.get("limit", ["20"])[0]), int(query.get("offset", ["0"])[0])
        total = db.execute("SELECT count(*) FROM tasks WHERE account_id = ?", (who[0],)).fetchone()
        rows = db.execute(
            f"SELECT {columns} FROM tasks WHERE account_id = ? ORDER BY id LIMIT ? OFFSET ?",
            (who[0], limit, offset),
        ).fetchall()
        page = [task_json(row, base, who[1]) for row in rows]
        document = {"username": who[1], "tasks": page, "total": total[0], "limit": limit}
        return answer(start_response, "200 OK", document)
    if match[2] is None and method == "POST":
        db.execute("BEGIN IMMEDIATE")
        cursor = db.execute(
            "INSERT INTO tasks (account_id, name, creation_date) VALUES (?, ?, ?)",
            (who[0], body["name"], now()),
        )
        row = db.execute(f"SELECT {columns} FROM tasks WHERE id = ?", (cursor.lastrowid,))
        document = task_json(row.fetchone(), base, who[1])
        db.execute("COMMIT")
        return answer(start_response, "201 Created", document, [("Location", document["url"])])
    if method == "PATCH":
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "UPDATE tasks SET completed = ? WHERE id = ? AND account_id = ?",
            (int(body.get("completed", False)), match[2], who[0]),
        )
    row = db.execute(
        f"SELECT {columns} FROM tasks WHERE id = ? AND account_id = ?",
        (match[2], who[0]),
    ).fetchone()
    if method == "PATCH":
        db.execute("COMMIT")
    if row is None:
        return answer(start_response, "404 Not Found", {"status": 404})
    return answer(start_response, "200 OK", task_json(row, base, who[1]))
