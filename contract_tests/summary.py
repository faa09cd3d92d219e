"""The contract summary at the end of every run, written for readers who do not read Python.

Four parts: one line per leg (what `make contract` reads), one line per test file with the part of
the contract it checks, every failed test with its section and first line of failure, and in the
running-server mode the tests that could not run there.
"""

from collections import Counter, defaultdict

# What each test file checks, named by the headings of shared_spec/README.md. Every response in
# every file is also checked against openapi.yaml and the "Errors" rules (client.check_response).
SECTIONS = {
    "test_info.py": "Resources: Info, Health",
    "test_accounts.py": "Routes: accounts, login, logout; Validation",
    "test_auth.py": "Authentication",
    "test_tasks.py": "Routes: tasks; Validation",
    "test_task_list.py": "Listing tasks",
    "test_errors.py": "Errors; Validation: order of checks",
    "test_hostile.py": "Validation; Authentication; Hosts and proxies",
    "test_concurrency.py": "Routes: many clients at once",
    "test_races.py": "Errors: requests racing each other",
    "test_deployment.py": "Configuration; Hosts and proxies; Routes: health",
    "test_cors.py": "Cross-origin requests (CORS)",
    "test_faults.py": "Errors: 503 and recovery",
    "test_quickstart.py": "the root README's quickstart",
    "test_demo.py": "make demo (tools/demo.py)",
    "test_http_collection.py": "the request collection (http/*.http)",
    "test_dev_servers.py": "make run-<impl>: reloading and stopping",
    "test_spec.py": "openapi.yaml itself",
    # The browser suite (browser/), by the headings of shared_spec/ui.md.
    "test_sign_in.py": "ui.md: Pages and actions; Forms and validation",
    "test_tasks_page.py": "ui.md: The task list; Forms and validation",
    "test_account_page.py": "ui.md: Pages and actions; Sessions",
    "test_security.py": "ui.md: Sessions, CSRF and headers; Error pages",
}
MAX_FAILURES_LISTED = 60
COUNTS = ("passed", "failed", "skipped")

by_leg = defaultdict(Counter)
by_file = defaultdict(Counter)
failures = []  # (test, leg, first line of the failure)
not_run = set()  # tests, without their parameters, left out in the running-server mode
notes = []


def file_of(nodeid):
    return nodeid.split("::")[0].rsplit("/", 1)[-1]


def record(report, leg):
    """Tally one test once: its call outcome, or a failure while setting it up."""
    outcome = "failed" if report.failed else report.outcome
    by_leg[leg][outcome] += 1
    by_file[file_of(report.nodeid)][outcome] += 1
    if report.failed:
        crash = getattr(report.longrepr, "reprcrash", None)
        reason = crash.message if crash is not None else str(report.longrepr)
        failures.append((report.nodeid, leg, (reason.strip().splitlines() or [""])[0][:160]))


def record_not_run(nodeid):
    not_run.add(nodeid.split("[")[0])


def write(terminal):
    if not by_leg and not notes:
        return
    terminal.section("contract summary")
    table(terminal, "leg", by_leg)
    if by_file:
        terminal.write_line("")
        table(terminal, "test file", by_file, "contract section (shared_spec/)")
    if failures:
        terminal.write_line("")
        terminal.write_line(f"FAILED: {len(failures)} test(s), each with its leg and section:")
        for nodeid, leg, reason in failures[:MAX_FAILURES_LISTED]:
            section = SECTIONS.get(file_of(nodeid), "")
            terminal.write_line(f"  {nodeid}  [leg {leg}; {section}]", red=True)
            terminal.write_line(f"      {reason}")
        if len(failures) > MAX_FAILURES_LISTED:
            terminal.write_line(f"  ... and {len(failures) - MAX_FAILURES_LISTED} more (above)")
    terminal.write_line("")
    for note in notes:
        terminal.write_line(note)
    for test in sorted(not_run):
        terminal.write_line(f"  not run: {test}")
    if by_leg:
        total = sum(by_leg.values(), Counter())
        met = total["failed"] == 0
        counts = f"{total['failed']} failed, {total['passed']} passed, {total['skipped']} skipped"
        verdict = f"{'Contract met' if met else 'CONTRACT NOT MET'}: {counts}."
        terminal.write_line(verdict, bold=True, green=met, red=not met)


def table(terminal, title, counters, last=""):
    width = max([len(name) for name in counters] + [len(title)])
    terminal.write_line(f"{title:<{width}}  passed  failed  skipped  {last}".rstrip())
    for name in sorted(counters):
        counts = counters[name]
        extra = SECTIONS.get(name, "") if last else ""
        cells = "  ".join(f"{counts[outcome]:>{len(outcome)}}" for outcome in COUNTS)
        terminal.write_line(f"{name:<{width}}  {cells}  {extra}".rstrip())
