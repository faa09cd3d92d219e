"""Where a list request's time goes, without a server: each WSGI implementation's own test client.

    python bench/inprocess.py [--profile flask|django|pyramid]

For Flask, Django and Pyramid: milliseconds per request of GET /api/v1 and of a page of 20 tasks
(an account with 100, on a fresh SQLite file), and of the same page with the 20 task URLs
concatenated instead of built by the framework's router (url_for, reverse, route_url): the
figures of bench/README.md's "Why the list targets are not met". --profile prints the top of a
cProfile of the list instead. (Tornado has no in-process client: its profile comes from its
server under yappi, as bench/README.md says.)
"""

import argparse
import contextlib
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
LIST = "/api/v1/accounts/bench/tasks?limit=20"


def concatenated(username, task_id):
    return f"http://127.0.0.1/api/v1/accounts/{username}/tasks/{task_id}"


def flask_client(database):
    from todo_flask import create_app, models
    from todo_flask.auth import new_token
    from todo_flask.db import db
    from todo_flask.models import Account, Task

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        db.create_all()
        # No one signs in: the token is made here, so no password hash is needed.
        account = Account(username="bench", email="bench@example.com", password_hash="-")  # noqa: S106
        secret, token = new_token(account, 3600)
        db.session.add_all([account, token, *(Task(account=account, name="t") for _ in range(100))])
        db.session.commit()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {secret}"}

    def get(path):
        return client.get(path, headers=headers)

    def url(endpoint, username, task_id, _external):
        return concatenated(username, task_id)

    return get, mock.patch.object(models, "url_for", url)


def django_client(database):
    os.environ.update(DATABASE_URL=f"sqlite:///{database}", SECRET_KEY="bench-only" * 5)
    os.environ["ALLOWED_HOSTS"] = "testserver"  # the test client's host
    os.environ["DJANGO_SETTINGS_MODULE"] = "todo_django.settings"
    sys.path.insert(0, str(ROOT / "todo_django"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from todos import models
    from todos.auth import new_token
    from todos.models import Account, Task

    call_command("migrate", verbosity=0)
    account = Account.objects.create_user("bench", "bench@example.com", PASSWORD)
    secret, _ = new_token(account, 3600)
    Task.objects.bulk_create(Task(account=account, name="t") for _ in range(100))
    client = Client(headers={"Authorization": f"Bearer {secret}"})

    def reverse(name, args):
        return concatenated(*args).removeprefix("http://127.0.0.1")

    return client.get, mock.patch.object(models, "reverse", reverse)


def pyramid_client(database):
    import webtest
    from pyramid.paster import get_appsettings
    from pyramid.request import Request

    from todo_pyramid import main, models

    ini = str(ROOT / "todo_pyramid" / "production.ini")
    settings = get_appsettings(ini)
    settings.update({"sqlalchemy.url": f"sqlite:///{database}", "auth.bcrypt_rounds": "4"})
    sys.path.insert(0, str(ROOT / "todo_pyramid"))
    from tests.databases import migrate

    engine = models.get_engine(settings)
    migrate(engine, ini)
    os.environ.pop("DATABASE_URL", None)
    app = webtest.TestApp(main({}, dbengine=engine, **settings))
    account = {"username": "bench", "email": "bench@example.com", "password": PASSWORD}
    app.post_json("/api/v1/accounts", account)
    login = {"username": "bench", "password": PASSWORD}
    token = app.post_json("/api/v1/accounts/login", login).json["token"]
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(100):
        app.post_json("/api/v1/accounts/bench/tasks", {"name": "t"}, headers=headers)
    route_url = Request.route_url

    def url(request, name, *elements, **kw):
        if name == "task":
            return concatenated(kw["username"], kw["id"])
        return route_url(request, name, *elements, **kw)

    def get(path):
        return app.get(path, headers=headers)

    return get, mock.patch.object(Request, "route_url", url)


CLIENTS = {"flask": flask_client, "django": django_client, "pyramid": pyramid_client}


def ms_per_request(get, path, count=2000):
    """Best of three rounds of `count` requests, after a warm-up."""
    assert get(path).status_code == 200
    for _ in range(200):
        get(path)
    rounds = []
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(count):
            get(path)
        rounds.append((time.perf_counter() - start) / count * 1000)
    return min(rounds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=CLIENTS)
    args = parser.parse_args()
    if args.profile:
        with tempfile.TemporaryDirectory() as folder:
            get, _ = CLIENTS[args.profile](Path(folder) / "bench.sqlite3")
            ms_per_request(get, LIST, count=10)
            profile = cProfile.Profile()
            with profile:
                for _ in range(1000):
                    get(LIST)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        return
    print("| | `/api/v1` | list of 20 | list, task URLs concatenated |\n|---|---:|---:|---:|")
    for name, make_client in CLIENTS.items():
        # Each framework in its own process: Django's settings are process-wide.
        if os.fork() == 0:
            with tempfile.TemporaryDirectory() as folder, contextlib.redirect_stderr(None):
                get, concatenate_urls = make_client(Path(folder) / "bench.sqlite3")
                info, page = ms_per_request(get, "/api/v1"), ms_per_request(get, LIST)
                with concatenate_urls:
                    fast = ms_per_request(get, LIST)
            print(f"| {name} | {info:.2f} ms | {page:.2f} ms | {fast:.2f} ms |", flush=True)
            os._exit(0)
        os.wait()


if __name__ == "__main__":
    main()
