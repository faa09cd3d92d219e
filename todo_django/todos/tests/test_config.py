import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands, load_command_class
from django.test import SimpleTestCase

PROJECT = Path(__file__).resolve().parents[2]
SHOW_DATABASE = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'], default=str))"
)


def run(args, **environment):
    """Run Python in the project folder with exactly these settings variables."""
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    env.update(
        DJANGO_SETTINGS_MODULE="todo_django.settings", DATABASE_URL="sqlite:////srv/todo/db.sqlite3"
    )
    env.update(environment)
    return subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True, check=False
    )


class SettingsTests(SimpleTestCase):
    """Start-up configuration from the environment (todo_django/settings.py)."""

    def test_refuses_to_start_without_a_secret_key_when_debug_is_off(self):
        """With DEBUG off, a missing SECRET_KEY stops start-up with a message naming it."""
        result = run(["manage.py", "check"], DEBUG="false")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set", result.stderr)

    def test_debug_uses_a_development_key(self):
        """With DEBUG on, the project starts without a SECRET_KEY."""
        result = run(["manage.py", "check"], DEBUG="true")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_refuses_an_invalid_token_lifetime(self):
        """TOKEN_TTL_SECONDS must be a positive integer, or start-up stops naming it."""
        for ttl in ("0", "-5", "abc"):
            with self.subTest(ttl=ttl):
                result = run(["manage.py", "check"], SECRET_KEY="k", TOKEN_TTL_SECONDS=ttl)
                self.assertNotEqual(result.returncode, 0)
                self.assertIn("TOKEN_TTL_SECONDS must be a positive integer", result.stderr)

    def test_sqlite_gets_wal_busy_timeout_and_immediate_transactions(self):
        """An SQLite DATABASE_URL gets the options that let concurrent writers queue."""
        database = json.loads(run(["-c", SHOW_DATABASE], SECRET_KEY="k").stdout)
        self.assertEqual(database["NAME"], "/srv/todo/db.sqlite3")
        self.assertEqual(database["OPTIONS"]["transaction_mode"], "IMMEDIATE")
        self.assertIn("journal_mode=WAL", database["OPTIONS"]["init_command"])

    def test_postgresql_url_selects_the_postgresql_backend(self):
        """A postgresql:// DATABASE_URL selects psycopg, without SQLite's options."""
        url = "postgresql://todo:pw@db.example:5433/todo"
        database = json.loads(run(["-c", SHOW_DATABASE], SECRET_KEY="k", DATABASE_URL=url).stdout)
        self.assertEqual(database["ENGINE"], "django.db.backends.postgresql")
        self.assertEqual(
            (database["HOST"], database["PORT"], database["NAME"]), ("db.example", 5433, "todo")
        )
        self.assertNotIn("transaction_mode", database.get("OPTIONS", {}))


class RunserverCommandTests(SimpleTestCase):
    """`manage.py runserver` (todos/management/commands/runserver.py)."""

    def test_development_server_queues_bursts_of_connections(self):
        """Our runserver (not staticfiles') listens with room for 50 simultaneous clients."""
        app = get_commands()["runserver"]
        self.assertEqual(app, "todos")
        command = load_command_class(app, "runserver")
        self.assertGreaterEqual(command.server_cls.request_queue_size, 50)
