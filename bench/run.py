"""make bench: every implementation's production server and a bare baseline, under the same load.

    python bench/run.py [--impl flask ...] [--db sqlite|postgres] [--duration 8] [--short]

Each server starts the way `make serve-<impl>` starts it (WEB_CONCURRENCY=2) on a fresh database,
is seeded through its API, and is driven by wrk, one server at a time, with the same settings.
Writes bench/results/results.md, results.json and SVG charts, and prints the table.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "contract_tests"))
from charts import write_charts  # noqa: E402
from growth import grow  # noqa: E402
from harness import Database, Leg, Server, free_port, present_implementations  # noqa: E402

RESULTS = HERE / "results"
PASSWORD = "correct horse battery"
CONNECTIONS = 16
WRITERS = 64


@dataclass
class Scenario:
    name: str
    method: str
    path: str  # {tasks} and {task} are filled in per server
    body: str | None = None
    connections: int = CONNECTIONS
    auth: bool = True


SCENARIOS = [
    Scenario("info", "GET", "/api/v1", auth=False),
    Scenario("list", "GET", "{tasks}?limit=20"),
    Scenario("read", "GET", "{task}"),
    Scenario("create", "POST", "{tasks}", '{"name": "bench"}'),
    Scenario("patch", "PATCH", "{task}", '{"completed": true}'),
    Scenario("login", "POST", "/api/v1/accounts/login", "{login}", auth=False),
    Scenario("writers64", "POST", "{tasks}", '{"name": "writer"}', connections=WRITERS),
]


@dataclass
class Measure:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    lost: int | None = None
    cpu_ms: float | None = None  # the server's CPU time (all workers, all threads) per request


@dataclass
class ServerResult:
    name: str
    measures: dict = field(default_factory=dict)
    rss_mib: list = field(default_factory=list)
    growth_list: Measure | None = None


def wrk(base_url, scenario, paths, token, seconds, pids):
    """Run wrk once; parse requests/s, latency percentiles and errors from its report, and add
    the CPU time the server's processes `pids` spent per request meanwhile."""
    body = (scenario.body or "").replace("{login}", json.dumps(paths["login"]))
    headers = {"Content-Type": "application/json"} if scenario.body else {}
    if scenario.auth:
        headers["Authorization"] = f"Bearer {token}"
    script = "\n".join(
        [f"wrk.method = {json.dumps(scenario.method)}"]
        + ([f"wrk.body = {json.dumps(body)}"] if body else [])
        + [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + "\n")
    path = scenario.path.format(tasks=paths["tasks"], task=paths["task"])
    threads = min(4, scenario.connections)
    command = ["wrk", "--latency", "--timeout", "10s", f"-t{threads}"]
    command += [f"-c{scenario.connections}", f"-d{seconds}s", "-s", lua.name, base_url + path]
    cpu_before = cpu_seconds(pids)
    report = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds(pids) - cpu_before
    os.unlink(lua.name)
    measured = parse_wrk(report)
    if measured.requests:
        measured.cpu_ms = cpu * 1000 / measured.requests
    return measured


def parse_wrk(report):
    def number(pattern, default=0.0):
        match = re.search(pattern, report)
        return float(match.group(1)) if match else default

    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", report, re.MULTILINE)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    errors = int(number(r"Non-2xx or 3xx responses: (\d+)"))
    errors += sum(map(int, socket_errors.groups())) if socket_errors else 0
    return Measure(
        requests_per_second=number(r"Requests/sec:\s+([\d.]+)"),
        p50_ms=latency(50),
        p99_ms=latency(99),
        errors=errors,
        requests=int(number(r"(\d+) requests in")),
    )


def seed(base_url, task_count):
    """A bench account with `task_count` tasks, created through the API; its paths and token."""
    api = requests.Session()
    username = "bench"
    account = {"username": username, "email": "bench@example.com", "password": PASSWORD}
    api.post(f"{base_url}/api/v1/accounts", json=account, timeout=60).raise_for_status()
    login = {"username": username, "password": PASSWORD}
    token = api.post(f"{base_url}/api/v1/accounts/login", json=login, timeout=60).json()["token"]
    tasks = f"/api/v1/accounts/{username}/tasks"
    headers = {"Authorization": f"Bearer {token}"}
    ids = [
        api.post(
            f"{base_url}{tasks}", json={"name": f"task {n}"}, headers=headers, timeout=60
        ).json()["id"]
        for n in range(task_count)
    ]
    paths = {"tasks": tasks, "task": f"{tasks}/{ids[0]}", "login": login}
    return paths, token, headers


def task_total(base_url, paths, headers):
    page = requests.get(f"{base_url}{paths['tasks']}?limit=1", headers=headers, timeout=60)
    return page.json()["total"]


def cpu_seconds(pids):
    """User and system CPU time the processes have used so far, threads included."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue  # a worker that died (and was replaced: its CPU time is not counted)
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_mib(pids):
    sizes = []
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1))
    return sizes


def measure(name, base_url, pids, database_url, args):
    result = ServerResult(name)
    paths, token, headers = seed(base_url, 100)
    for scenario in SCENARIOS:
        if scenario.name == "login" and name == "baseline":
            continue  # the baseline's SHA-256 "hash" would say nothing about bcrypt or PBKDF2
        before = task_total(base_url, paths, headers)
        # bcrypt/PBKDF2 take a quarter second a login on purpose: give wrk time for a few.
        seconds = max(args.duration, 4) if scenario.name == "login" else args.duration
        measured = wrk(base_url, scenario, paths, token, seconds, pids)
        if scenario.name in ("create", "writers64"):
            # Lost: a 2xx answer whose row is not there afterwards.
            stored = task_total(base_url, paths, headers) - before
            measured.lost = max(0, measured.requests - measured.errors - stored)
        result.measures[scenario.name] = measured
        print(
            f"  {name:9} {scenario.name:10} {measured.requests_per_second:9.0f} req/s"
            f" {measured.cpu_ms or 0:7.2f} CPU ms/req",
            flush=True,
        )
    result.rss_mib = rss_mib(pids)
    if database_url is not None and not args.skip_growth:
        grow(name, database_url, args.growth_tasks)
        list_scenario = next(s for s in SCENARIOS if s.name == "list")
        result.growth_list = wrk(base_url, list_scenario, paths, token, args.duration, pids)
        print(f"  {name:9} {'growth':10} {result.growth_list.requests_per_second:9.0f} req/s")
    return result


def run_baseline(args, workdir):
    database = workdir / "baseline.sqlite3"
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--workers", "2", "--worker-class", "gthread", "--threads", "8",
         "--no-control-socket", "--bind", f"127.0.0.1:{port}", "--chdir", str(HERE),
         "baseline:app"],
        env={**os.environ, "BASELINE_DATABASE": str(database)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(f"{base_url}/api/v1", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.1)
        workers = []
        while len(workers) < 2:  # gunicorn forks its workers just after it starts listening
            time.sleep(0.1)
            found = subprocess.run(
                ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
            )
            workers = [int(pid) for pid in found.stdout.split()]
        return measure("baseline", base_url, workers, None, args)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


def run_implementation(impl, args):
    leg = Leg(impl=impl, db=args.db, server="prod")
    database = Database(args.db, f"bench-{impl}")
    server = Server(leg, database.url, database.workdir / "server.log")
    try:
        server.start()
        return measure(impl, server.base_url, server.worker_pids(), database.url, args)
    finally:
        server.stop()
        database.drop()


def table(results):
    """The Markdown table: requests/s, latency, errors and lost rows, ratios."""
    baseline = next((r for r in results if r.name == "baseline"), None)
    lines = [
        "| server | scenario | req/s | p50 ms | p99 ms | errors | lost | vs baseline "
        "| vs own /api/v1 | CPU ms/req |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        rows = list(result.measures.items())
        if result.growth_list:
            rows.append(("list, grown table", result.growth_list))
        for name, m in rows:
            key = "list" if name.startswith("list") else name
            base = baseline.measures.get(key) if baseline else None
            vs_base = f"{m.requests_per_second / base.requests_per_second:.2f}" if base else ""
            vs_info = m.requests_per_second / result.measures["info"].requests_per_second
            lost = "" if m.lost is None else str(m.lost)
            cpu = "" if m.cpu_ms is None else f"{m.cpu_ms:.2f}"
            lines.append(
                f"| {result.name} | {name} | {m.requests_per_second:,.0f} | {m.p50_ms:.2f} | "
                f"{m.p99_ms:.2f} | {m.errors} | {lost} | {vs_base} | {vs_info:.2f} | {cpu} |"
            )
    lines += ["", "| server | resident memory per worker (MiB) |", "|---|---|"]
    lines += [f"| {r.name} | {', '.join(map(str, r.rss_mib))} |" for r in results]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", action="append", default=[])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--duration", type=int, default=8, help="seconds per scenario")
    parser.add_argument("--growth-tasks", type=int, default=1_000_000)
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--short", action="store_true", help="1 s per scenario, 20,000 rows")
    args = parser.parse_args()
    if args.short:
        args.duration, args.growth_tasks = 1, 20_000
    RESULTS.mkdir(exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        if not args.no_baseline and args.db == "sqlite":
            results.append(run_baseline(args, Path(workdir)))
        for impl in args.impl or present_implementations():
            results.append(run_implementation(impl, args))
    grown = (
        ""
        if args.skip_growth
        else (
            f"\n\n'list, grown table': the same list after {args.growth_tasks:,} tasks across "
            f"10,000 more accounts were added in SQL."
        )
    )
    markdown = (
        f"{args.db}, WEB_CONCURRENCY=2, {CONNECTIONS} connections ({WRITERS} for writers64), "
        f"{args.duration} s per scenario.\n\n" + table(results) + grown
    )
    (RESULTS / "results.md").write_text(markdown + "\n")
    (RESULTS / "results.json").write_text(json.dumps([asdict(r) for r in results], indent=2))
    write_charts(results, RESULTS)
    print(markdown)
    errors = sum(m.errors + (m.lost or 0) for r in results for m in r.measures.values())
    print(f"bench: {len(results)} servers, {errors} errors or lost rows; results in {RESULTS}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
