"""Start and stop real server processes for the contract suite.

An implementation is started exactly the way a user starts it: `make run-<impl>` (development
server) or `make serve-<impl>` (production server), configured only through the environment
variables every implementation reads. Nothing here knows which framework it is starting.
"""

import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
IMPLEMENTATIONS = ("flask", "django", "pyramid", "tornado")
POSTGRES_ADMIN_URL = os.environ.get(
    "CONTRACT_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
START_TIMEOUT = 180  # seconds: the first start may still be installing or migrating
STOP_TIMEOUT = 15
TOKEN_TTL_SECONDS = 3600  # what every server the harness starts is given


def present_implementations():
    """The implementations whose folder exists in this checkout."""
    return [name for name in IMPLEMENTATIONS if (ROOT / f"todo_{name}").is_dir()]


@dataclass(frozen=True)
class Leg:
    """One way of running one implementation: which server and which database."""

    impl: str | None  # None: an already running server at `base_url`
    server: str = "dev"  # "dev" (make run-<impl>) or "prod" (make serve-<impl>)
    db: str = "sqlite"  # "sqlite" or "postgres"
    base_url: str | None = None

    @property
    def id(self):
        if self.impl is None:
            return "url"
        return f"{self.impl}-{self.db}-{self.server}"

    @property
    def startable(self):
        return self.impl is not None


def only_legs(wanted):
    """Run a test only on the legs where `wanted(leg)` is true; elsewhere it is not collected."""

    def mark(test):
        test.leg_filter = wanted
        return test

    return mark


# A test that starts servers of its own cannot run against a bare URL.
startable = only_legs(lambda leg: leg.startable)
on_postgres = only_legs(lambda leg: leg.startable and leg.db == "postgres")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_available():
    """Return None when PostgreSQL answers, else the reason it does not."""
    try:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # any failure means "not available", with its reason
        return f"{type(exc).__name__}: {exc}".strip()
    return None


class Database:
    """A fresh database for one leg: a temporary SQLite file or a new PostgreSQL database."""

    def __init__(self, kind, label):
        self.kind = kind
        self._tmpdir = tempfile.TemporaryDirectory(prefix=f"contract-{label}-")
        if kind == "sqlite":
            self.url = f"sqlite:///{self.sqlite_path}"
            self._pg_name = None
        else:
            import psycopg

            self._pg_name = f"contract_{label.replace('-', '_')}_{secrets.token_hex(4)}"
            with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self._pg_name}"')
            parts = urlsplit(POSTGRES_ADMIN_URL)
            self.url = urlunsplit(parts._replace(path=f"/{self._pg_name}"))

    @property
    def workdir(self):
        return Path(self._tmpdir.name)

    def make_unavailable(self):
        """Stop the database from answering (PostgreSQL only): refuse and cut connections."""
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{self._pg_name}" WITH ALLOW_CONNECTIONS false')
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (self._pg_name,),
            )

    def make_available(self):
        """Undo make_unavailable: the database accepts connections again."""
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{self._pg_name}" WITH ALLOW_CONNECTIONS true')

    @property
    def sqlite_path(self):
        return Path(self._tmpdir.name) / "contract.sqlite3"

    def drop(self):
        if self._pg_name:
            import psycopg

            with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self._pg_name}" WITH (FORCE)')
        self._tmpdir.cleanup()


def _as_in_a_terminal():
    """Give the server default signal handling even when this run ignores SIGINT.

    A shell starts background jobs with SIGINT ignored, and ignored signals are inherited, so a
    suite started that way (as CI may be) would otherwise test a server deaf to Ctrl-C.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@dataclass
class Server:
    """A running implementation: its base URL, process and log file."""

    leg: Leg
    database_url: str
    log_path: Path
    env_overrides: dict = field(default_factory=dict)
    base_url: str = ""
    process: subprocess.Popen | None = None

    def start(self):
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        env.update(
            HOST="127.0.0.1",
            PORT=str(port),
            DATABASE_URL=self.database_url,
            TOKEN_TTL_SECONDS=str(TOKEN_TTL_SECONDS),
            SECRET_KEY=secrets.token_urlsafe(32),
            WEB_CONCURRENCY="2",
            PYTHONUNBUFFERED="1",
        )
        env.update(self.env_overrides)
        target = "run" if self.leg.server == "dev" else "serve"
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", "-s", f"{target}-{self.leg.impl}"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, so one signal reaches every child
                preexec_fn=_as_in_a_terminal,
            )
        self._wait_until_healthy()
        return self

    def _wait_until_healthy(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.leg.id} exited with {self.process.returncode} before it was healthy:\n"
                    + self.log_tail()
                )
            try:
                if requests.get(f"{self.base_url}/api/v1/health", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"{self.leg.id} was not healthy after {START_TIMEOUT}s:\n" + self.log_tail()
        )

    def stop(self, sig=signal.SIGTERM):
        """Send `sig` to the server's process group and wait for every process in it to exit.

        Returns the seconds that took, or infinity when something had to be killed.
        """
        if self.process is None or self.process.poll() is not None:
            return 0.0
        began = time.monotonic()
        os.killpg(self.process.pid, sig)
        deadline = began + STOP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None and not self._group_alive():
                return time.monotonic() - began
            time.sleep(0.05)
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        return float("inf")

    def worker_pids(self):
        """The server's processes that have no child of their own: its workers (or itself)."""
        group = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == self.process.pid:  # the process group make leads
                group[int(stat.parent.name)] = int(fields[1])
        parents = set(group.values())
        return sorted(pid for pid in group if pid not in parents)

    def _group_alive(self):
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def log_tail(self, lines=60):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])
