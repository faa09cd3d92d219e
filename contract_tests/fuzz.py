"""make fuzz: schemathesis against each implementation, as a fresh account, one summary per line.

    python contract_tests/fuzz.py [--impl flask ...] [--max-examples N] [--db sqlite|postgres]

Each implementation is started the way the contract suite starts it (harness.py, `make run-<impl>`
on a fresh SQLite file, or `make serve-<impl>` on a fresh PostgreSQL database with --db postgres);
the checks that must pass are listed in schemathesis.toml next to this file. Exits non-zero when
any implementation has a failure.
"""

import argparse
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import requests
from harness import ROOT, Database, Leg, Server, present_implementations

HERE = Path(__file__).resolve().parent
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
PASSWORD = "correct horse battery"


def fresh_account(base_url: str) -> tuple[str, str]:
    username = f"fuzz_{uuid.uuid4().hex[:12]}"
    account = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    requests.post(f"{base_url}/api/v1/accounts", json=account, timeout=30).raise_for_status()
    login = {"username": username, "password": PASSWORD}
    response = requests.post(f"{base_url}/api/v1/accounts/login", json=login, timeout=30)
    response.raise_for_status()
    return username, response.json()["token"]


def fuzz(leg: Leg, max_examples: int, seed: str | None) -> tuple[bool, str]:
    database = Database(leg.db, f"fuzz-{leg.id}")
    server = Server(leg, database.url, database.workdir / "server.log")
    try:
        server.start()
        username, token = fresh_account(server.base_url)
        command = [
            str(SCHEMATHESIS),
            "--config-file",
            str(HERE / "schemathesis.toml"),
            "run",
            str(ROOT / "shared_spec" / "openapi.yaml"),
            "--url",
            server.base_url,
            "--max-examples",
            str(max_examples),
            "--workers",
            "1",
        ] + (["--seed", seed] if seed else [])
        env = {**os.environ, "FUZZ_USERNAME": username, "FUZZ_TOKEN": token, "NO_COLOR": "1"}
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        output = result.stdout + result.stderr
        if result.returncode != 0:
            print(output[-20000:])
            print(f"--- {leg.id} server log ---\n{server.log_tail(40)}")
        return result.returncode == 0, summary_line(output)
    finally:
        server.stop()
        database.drop()


def summary_line(output: str) -> str:
    """Schemathesis's closing counts, e.g. '568 generated, 0 found 0 unique failures'."""
    counts = re.findall(r"^\s*(\d+ generated.*)$", output, re.MULTILINE)
    closing = re.findall(r"=+ (.+ in [\d.]+s) =+", output)
    return "; ".join(counts[-1:] + closing[-1:]) or "no summary (see the output above)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", action="append", default=[])
    parser.add_argument("--max-examples", type=int, default=100)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seed", help="schemathesis seed, to replay a run")
    args = parser.parse_args()
    server = "dev" if args.db == "sqlite" else "prod"
    results = []
    for impl in args.impl or present_implementations():
        leg = Leg(impl=impl, db=args.db, server=server)
        passed, line = fuzz(leg, args.max_examples, args.seed)
        results.append(passed)
        print(f"fuzz {leg.id}: {'passed' if passed else 'FAILED'}: {line}", flush=True)
    print(f"fuzz: {sum(results)} passed, {len(results) - sum(results)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
