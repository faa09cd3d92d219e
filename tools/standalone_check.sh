#!/usr/bin/env bash
# tools/standalone_check.sh FOLDER: one implementation folder (todo_flask, todo_django,
# todo_pyramid or todo_tornado) copied out of the repository and run by the commands of its
# README's "Run this folder on its own" section, as printed. Exits non-zero at the first failure.
#
# First, the folder's exact pins (requirements*.txt, the pyproject's extras) must be the ones of
# constraints.txt, since a copy has nothing else to pin its tools with.
# The copy (without .venv/, var/, caches or a .env) sits in a temporary directory, so nothing of
# the repository is in reach: no constraints.txt, no root venv. The section's first ```sh block
# runs line by line in one shell there: the venv, pip from the package index, migrations, tests.
# The line ending in "# serves http://HOST:PORT until Ctrl-C" is started in the background on a
# free port (its port number is the only thing changed), must answer GET /api/v1/health with
# status ok, and is stopped.
#
# The app's settings are cleared from the environment, so the default SQLite file is used. The
# PostgreSQL tests run when a server answers at their default URL and skip themselves otherwise:
# CI=false, because Tornado's tests turn that skip into a failure under CI=true (make unit is
# where PostgreSQL is mandatory). The copy is removed on success and kept on failure.
set -euo pipefail

folder=${1:?usage: tools/standalone_check.sh todo_flask|todo_django|todo_pyramid|todo_tornado}
folder=${folder%/}
root=$(cd "$(dirname "$0")/.." && pwd)
heading="## Run this folder on its own"
[ -f "$root/$folder/README.md" ] || { echo "no $folder/README.md in $root" >&2; exit 2; }

# The first ```sh block after the heading, one command per line.
mapfile -t lines < <(awk -v heading="$heading" '
    $0 == heading { found = 1; next }
    found && /^```sh$/ { inside = 1; next }
    inside && /^```$/ { exit }
    inside { print }' "$root/$folder/README.md")
[ "${#lines[@]}" -gt 0 ] || { echo "$folder/README.md has no sh block under '$heading'" >&2; exit 2; }

# The folder's own pins must be the repository's ones.
python3 - "$root" "$folder" <<'EOF'
import re, sys, tomllib
from pathlib import Path

root, folder = Path(sys.argv[1]), Path(sys.argv[1], sys.argv[2])


def pins(lines):
    """(name, version) of each name==version line, the name normalised as pip does."""
    for line in lines:
        if match := re.fullmatch(r"\s*([\w.-]+)(\[.*\])?==(\S+)\s*(#.*)?", line):
            yield re.sub(r"[-_.]+", "-", match[1]).lower(), match[3]


repository = dict(pins((root / "constraints.txt").read_text().splitlines()))
declared = []
for path in folder.glob("requirements*.txt"):
    declared += pins(path.read_text().splitlines())
if (folder / "pyproject.toml").is_file():
    project = tomllib.loads((folder / "pyproject.toml").read_text())["project"]
    for requirements in project.get("optional-dependencies", {}).values():
        declared += pins(requirements)
wrong = [f"{name}=={version}" for name, version in declared if repository.get(name) != version]
if wrong or not declared:
    sys.exit(f"{folder.name} pins {', '.join(wrong) or 'nothing'}: not what constraints.txt pins")
EOF

workdir=$(mktemp -d "${TMPDIR:-/tmp}/standalone-$folder.XXXXXX")
server=
trap 'status=$?; [ -z "$server" ] || kill -KILL -- "-$server" 2>/dev/null
    if [ $status -eq 0 ]; then rm -rf "$workdir"; else
    echo "FAILED: $folder (exit $status); the copy is left in $workdir" >&2; fi' EXIT
trap 'exit 130' INT TERM
tar -C "$root" --exclude=.venv --exclude=var --exclude=__pycache__ --exclude='*.egg-info' \
    --exclude=.pytest_cache --exclude=.env -cf - "$folder" | tar -C "$workdir" -xf -
cd "$workdir/$folder"

unset DATABASE_URL TOKEN_TTL_SECONDS ALLOWED_HOSTS TRUST_PROXY_HEADERS HOST PORT WEB_CONCURRENCY \
    DEBUG SECRET_KEY DJANGO_SETTINGS_MODULE FLASK_APP VIRTUAL_ENV PYTHONPATH
export CI=false PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_QUIET=1

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

HEALTH_OK='import json, sys, urllib.request
sys.exit(json.load(urllib.request.urlopen(sys.argv[1], timeout=2))["status"] != "ok")'

# Start a development server in a session of its own (its reloader's children too), wait for
# its health route, then stop the whole session.
serve() {
    local command=$1 url=$2 log="$workdir/server.log" healthy=
    echo "+ $command &   # until $url/api/v1/health says ok"
    setsid bash -c "exec $command" </dev/null >"$log" 2>&1 &
    local pid=$!
    server=$pid
    for _ in $(seq 120); do
        if python3 -c "$HEALTH_OK" "$url/api/v1/health" 2>/dev/null; then healthy=1; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    server=
    if [ -z "$healthy" ]; then
        echo "the server never answered $url/api/v1/health; its output:" >&2
        cat "$log" >&2
        return 1
    fi
}

started=$SECONDS
echo "== $folder, copied to $workdir/$folder"
for line in "${lines[@]}"; do
    case "$line" in '' | '#'*) continue ;; esac
    step=$SECONDS
    if [[ $line =~ \#\ serves\ (http://[^ ]+):([0-9]+)\ until\ Ctrl-C ]]; then
        port=$(free_port)
        command=${line%%#*}
        command=${command%"${command##*[![:space:]]}"}
        serve "${command//${BASH_REMATCH[2]}/$port}" "${BASH_REMATCH[1]}:$port"
    else
        echo "+ $line"
        eval "$line" </dev/null
    fi
    echo "  ($((SECONDS - step)) s)"
done
echo "== $folder stands alone: ok in $((SECONDS - started)) s"
