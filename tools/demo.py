"""make demo: a demo account with a dozen realistic tasks, through the API of a running server.

    python tools/demo.py [--url http://127.0.0.1:8888]

Without --url, every implementation answering on its default port (5000 Flask, 8000 Django,
6543 Pyramid, 8888 Tornado) is seeded. Idempotent: the account is registered once, and a task is
added only if the account has none of that name, so running it again changes nothing. Only the
standard library, so it runs with any python3; the last lines say how to sign in.
"""

import argparse
import json
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta

DEFAULT_URLS = {
    "Flask": "http://127.0.0.1:5000",
    "Django": "http://127.0.0.1:8000",
    "Pyramid": "http://127.0.0.1:6543",
    "Tornado": "http://127.0.0.1:8888",
}
USERNAME = "demo"
PASSWORD = "demo password"  # noqa: S105 (a demo account on a development server, said so below)
# (name, note, due in days from today or None, completed)
TASKS = [
    ("Buy milk", "2 litres, semi-skimmed", 0, False),
    ("Call the plumber", "The kitchen tap drips again", 1, False),
    ("Book dentist appointment", "", 7, False),
    ("Renew passport", "Photos first: the booth at the station", 30, False),
    ("Pay the electricity bill", "", -2, True),
    ("Water the plants", "Not the cactus", 0, True),
    ("Prepare Monday's slides", "Ten slides at most", 2, False),
    ("Return library books", "Three of them, in the bag by the door", 5, False),
    ("Write to grandma", "", None, False),
    ("Fix the bike's brakes", "New pads are in the garage", 14, False),
    ("Plan the weekend trip", "Check the train times", 4, False),
    ("Back up the laptop", "", -7, True),
]


class ApiError(Exception):
    pass


def call(base_url, method, path, body=None, token=None):
    """(status, JSON body or None) of one request; ApiError when nothing answers."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    # main() lets only http:// and https:// URLs through.
    request = urllib.request.Request(base_url + path, data, headers, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except OSError as error:
        raise ApiError(f"no answer from {base_url}: {error}") from None
    return status, json.loads(raw) if raw else None


def seed(base_url):
    """Register, log in, add the missing tasks; the token and how many tasks were added."""
    account = {"username": USERNAME, "email": "demo@example.com", "password": PASSWORD}
    status, body = call(base_url, "POST", "/api/v1/accounts", account)
    if status not in (201, 409):  # 409: registered by an earlier run
        raise ApiError(f"registering {USERNAME!r}: {status} {body}")
    login = {"username": USERNAME, "password": PASSWORD}
    status, body = call(base_url, "POST", "/api/v1/accounts/login", login)
    if status != 200:
        raise ApiError(f"logging in as {USERNAME!r}: {status} {body}")
    token = body["token"]
    tasks_path = f"/api/v1/accounts/{USERNAME}/tasks"
    status, page = call(base_url, "GET", f"{tasks_path}?limit=100", token=token)
    existing = {task["name"] for task in page["tasks"]}
    today = datetime.now(UTC).replace(hour=18, minute=0, second=0, microsecond=0)
    added = 0
    for name, note, due_in_days, completed in TASKS:
        if name in existing:
            continue
        due = None if due_in_days is None else today + timedelta(days=due_in_days)
        task = {
            "name": name,
            "note": note,
            "completed": completed,
            "due_date": None if due is None else due.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        status, body = call(base_url, "POST", tasks_path, task, token=token)
        if status != 201:
            raise ApiError(f"adding {name!r}: {status} {body}")
        added += 1
    return token, added


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the server's base URL (default: every default port)")
    args = parser.parse_args()
    if args.url and not args.url.startswith(("http://", "https://")):
        parser.error("--url must start with http:// or https://")
    targets = {args.url: args.url} if args.url else {v: k for k, v in DEFAULT_URLS.items()}
    seeded = 0
    for base_url, label in targets.items():
        try:
            token, added = seed(base_url.rstrip("/"))
        except ApiError as error:
            if args.url:
                sys.exit(f"demo: {error}")
            continue  # that implementation is not running
        seeded += 1
        print(f"{label}: {added} task(s) added, {len(TASKS)} in all for {USERNAME!r}.")
        print(f"  sign in: username {USERNAME!r}, password {PASSWORD!r} (a demo account)")
        tasks_url = f"{base_url}/api/v1/accounts/{USERNAME}/tasks"
        print(f"  curl -s {tasks_url} -H 'Authorization: Bearer {token}'")
    if not seeded:
        sys.exit("demo: nothing answers on 5000, 8000, 6543 or 8888: start one (make run-tornado)")


if __name__ == "__main__":
    main()
