"""The development servers (`make run-<impl>`): they reload on a code change, and they stop on
Ctrl-C or SIGTERM, every process of them, without make calling it an error.

Run alone by `make dev-servers` (part of `make test`), never beside the contract suite: editing a
module restarts every development server of that framework that is running at the time.
"""

import signal
import time
from pathlib import Path

import pytest
import requests
from harness import ROOT, Database, Leg, Server, present_implementations

# The module that answers GET /api/v1 in each folder: the edit a learner would make first.
INFO_MODULES = {
    "flask": "todo_flask/todo_flask/info.py",
    "django": "todo_django/todos/views/info.py",
    "pyramid": "todo_pyramid/todo_pyramid/views/info.py",
    "tornado": "todo_tornado/todo_tornado/handlers/info.py",
}
NAME = '"To-Do List API"'
# The reloaders (Werkzeug's, Django's StatReloader, hupper, tornado.autoreload) look at the files
# every second or less, and note their times only once they are running.
SETTLE_SECONDS = 2.5
RELOAD_SECONDS = 30


def api_name(base_url):
    try:
        return requests.get(f"{base_url}/api/v1", timeout=2).json()["name"]
    except (requests.RequestException, ValueError):
        return None  # restarting


@pytest.fixture(params=present_implementations())
def dev_server(request):
    impl = request.param
    database = Database("sqlite", f"{impl}-reload")
    server = Server(Leg(impl=impl), database.url, database.workdir / "server.log").start()
    yield impl, server
    server.stop()
    database.drop()


def test_a_code_change_is_served_without_a_restart_by_hand(dev_server):
    impl, server = dev_server
    module = ROOT / INFO_MODULES[impl]
    source = module.read_text()
    assert NAME in source
    time.sleep(SETTLE_SECONDS)
    try:
        module.write_text(source.replace(NAME, '"To-Do List API (edited)"', 1))
        deadline = time.monotonic() + RELOAD_SECONDS
        while api_name(server.base_url) != "To-Do List API (edited)":
            assert time.monotonic() < deadline, f"{impl} did not reload {module.name}"
            time.sleep(0.5)
    finally:
        module.write_text(source)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_it_stops_on_a_signal_quietly(dev_server, sig):
    impl, server = dev_server
    seconds = server.stop(sig)  # the whole process group, as a terminal's Ctrl-C does
    assert seconds < 10, f"{impl} needed SIGKILL"
    log = Path(server.log_path).read_text(errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("make: ***")]
    assert errors == [], f"make reported the stop as a failure: {errors}"
