"""How long does GET /api/v1 take while a write waits a second for SQLite's write lock?

Run from todo_tornado/:  ../.venv/bin/python bench/lock_hold.py [runs]

Starts the real server (python -m todo_tornado) on a fresh SQLite file, then, in each run, another
connection holds the write lock for HOLD seconds while a POST /tasks waits for it on a worker
thread, and GET /api/v1 and GET /tasks are timed meanwhile. Prints every run and the medians.
"""

import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HOLD = 1.0
FOLDER = Path(__file__).resolve().parent.parent


def call(base, method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method)  # noqa: S310 (http only)
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        answer = json.loads(response.read() or "null")
    return answer, time.monotonic() - started


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(database: Path, port: int):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PORT": str(port)}
    alembic = [sys.executable, "-m", "alembic", "upgrade", "head"]
    subprocess.run(alembic, cwd=FOLDER, env=env, check=True, capture_output=True)  # noqa: S603
    server = subprocess.Popen(
        [sys.executable, "-m", "todo_tornado", "--logging=warning"], cwd=FOLDER, env=env
    )
    for _ in range(100):
        try:
            call(f"http://127.0.0.1:{port}/api/v1", "GET", "/health")
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def one_run(base, database, token, username):
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # what a long write in another process looks like
    held_at = time.monotonic()
    write = {}
    thread = threading.Thread(
        target=lambda: write.update(
            result=call(base, "POST", f"/accounts/{username}/tasks", {"name": "waits"}, token)
        )
    )
    thread.start()
    time.sleep(0.1)  # the POST is now waiting in BEGIN IMMEDIATE on a worker thread
    info = call(base, "GET", "")
    tasks = call(base, "GET", f"/accounts/{username}/tasks", token=token)
    time.sleep(max(0.0, HOLD - (time.monotonic() - held_at)))
    holder.close()
    thread.join()
    return info[1], tasks[1], write["result"][1]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    database = Path(tempfile.mkdtemp(prefix="lock_hold_")) / "bench.sqlite3"
    port = free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    server = start_server(database, port)
    try:
        account = {"username": "bench", "email": "bench@example.com", "password": "benchmark"}
        call(base, "POST", "/accounts", account)
        login = {"username": "bench", "password": "benchmark"}
        token = call(base, "POST", "/accounts/login", login)[0]["token"]
        idle = statistics.median(call(base, "GET", "")[1] for _ in range(20))
        results = [one_run(base, database, token, "bench") for _ in range(runs)]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    print(f"write lock held for {HOLD:.1f} s by another connection; {runs} runs")
    print("run  GET /api/v1  GET /tasks  POST /tasks (waits for the lock)")
    for number, (info, tasks, write) in enumerate(results, 1):
        print(f"{number:3}  {info * 1000:8.1f} ms {tasks * 1000:8.1f} ms {write * 1000:10.1f} ms")
    medians = [statistics.median(column) * 1000 for column in zip(*results, strict=True)]
    print("median {:6.1f} ms {:8.1f} ms {:10.1f} ms".format(*medians))
    print(f"GET /api/v1 with no lock held: median {idle * 1000:.1f} ms")


if __name__ == "__main__":
    main()
