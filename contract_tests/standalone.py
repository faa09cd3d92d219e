"""make contract-standalone: the suite run the way someone outside this repository runs it.

    python contract_tests/standalone.py [--impl flask] [todo-contract options such as -x, -k]

Installs this folder into a fresh virtual environment (its few pinned dependencies from the
package index, none of the frameworks), starts one implementation's development server on a fresh
SQLite file the way the suite does (harness.py), runs the installed `todo-contract` against its
URL from the repository root (so the default --spec is the one found there), then stops it.
Exits with the tool's status.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import IMPLEMENTATIONS, ROOT, TOKEN_TTL_SECONDS, Database, Leg, Server

HERE = Path(__file__).resolve().parent


def install(workdir):
    """A venv holding only the installed suite; returns its todo-contract command."""
    # Built from a copy, so the build leaves nothing (build/, *.egg-info) in the checkout.
    source = shutil.copytree(
        HERE, workdir / "contract_tests", ignore=shutil.ignore_patterns("build", "*.egg-info")
    )
    venv = workdir / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "install", "--quiet", "-c", str(ROOT / "constraints.txt"), str(source)], check=True
    )
    return venv / "bin" / "todo-contract"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", choices=IMPLEMENTATIONS, default="flask")
    args, tool_args = parser.parse_known_args()
    with tempfile.TemporaryDirectory(prefix="contract-standalone-") as workdir:
        command = install(Path(workdir))
        leg = Leg(impl=args.impl)  # the development server on SQLite
        database = Database(leg.db, f"standalone-{leg.id}")
        server = Server(leg, database.url, database.workdir / "server.log")
        try:
            server.start()
            print(f"todo-contract {server.base_url} ({leg.id}, installed in {workdir})", flush=True)
            # The harness starts every server with TOKEN_TTL_SECONDS, so the tool is told it.
            ttl = ["--token-ttl", str(TOKEN_TTL_SECONDS)]
            result = subprocess.run([str(command), server.base_url, *ttl, *tool_args], cwd=ROOT)
            if result.returncode != 0:
                print(f"--- {leg.id} server log ---\n{server.log_tail(40)}")
            return result.returncode
        finally:
            server.stop()
            database.drop()


if __name__ == "__main__":
    sys.exit(main())
