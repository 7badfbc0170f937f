"""``make fuzz``: schemathesis with every check against the API of the small demo, served by gunicorn.

    python tools/fuzz_api.py                   # 150 cases per operation and phase, both tokens
    python tools/fuzz_api.py --max-examples 20 # quicker

1. Prepares its own database (``FUZZ_DATABASE_URL``, else ``var/fuzz.sqlite3``): migrations, the
   regions and the small demo, loaded only when the database has no centre.
2. Issues a one-day API token to a ministry admin (``admin``) and a centre manager (``pengelola``)
   with ``manage.py api_token``.
3. Starts gunicorn (2 workers) on a free loopback port with ``config.settings.fuzz`` (production's
   middleware over plain HTTP).
4. Runs ``st run`` on ``/api/v1/schema/`` once per token: every check, positive and negative data,
   ``--max-examples`` per operation, a fixed seed. The reports go to ``var/fuzz/``.
5. Prints one line per token and one in total, ``FUZZ <who> cases <n> 5xx <n> schema <n> failures <n>``,
   and exits non-zero when anything failed.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PARSER = argparse.ArgumentParser(description=__doc__.splitlines()[0])
PARSER.add_argument("--max-examples", type=int, default=150, help="cases per operation and phase (default 150)")
PARSER.add_argument("--seed", type=int, default=1)
PARSER.add_argument("--workers", default="2", help="schemathesis workers (default 2)")
PARSER.add_argument("--users", default="admin,pengelola", help="demo users whose tokens are used")

# Checks whose failure means the schema and the answers disagree (the rest: 5xx, or rules of HTTP).
SCHEMA_CHECKS = {
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
}


def manage(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env: dict[str, str]) -> None:
    manage("migrate", "--noinput", env=env)
    has_centres = manage(
        "shell", "-c", "from inkubator.centres.models import Centre; print(Centre.objects.exists())", env=env
    )
    if has_centres.splitlines()[-1:] != ["True"]:  # the shell may print a banner first
        print("fuzz: loading the regions and the small demo (once)", flush=True)
        manage("load_regions", env=env)
        manage("demo_data", "--size", "small", "--seed", "1", env=env)


def wait_for(url: str, token: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("fuzz: gunicorn stopped")
        try:
            request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (our loopback server)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("fuzz: the server did not answer")


def figures(report: Path) -> dict[str, int]:
    """Cases run, answers 5xx, and failed checks by kind, from schemathesis's NDJSON event stream."""
    cases = server_errors = schema = failures = 0
    for line in report.read_text().splitlines():
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        recorder = finished.get("recorder", {})
        cases += len(recorder.get("cases", {}))
        for interaction in recorder.get("interactions", {}).values():
            status = (interaction.get("response") or {}).get("status_code") or 0
            if status >= 500:
                server_errors += 1
        for checks in recorder.get("checks", {}).values():
            for check in checks:
                if "fail" not in str(check.get("status", "")).lower():
                    continue
                failures += 1
                if check.get("name") in SCHEMA_CHECKS:
                    schema += 1
    return {"cases": cases, "5xx": server_errors, "schema": schema, "failures": failures}


def main() -> int:
    args = PARSER.parse_args()
    out = ROOT / "var" / "fuzz"
    out.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.fuzz",
        "DATABASE_URL": os.environ.get("FUZZ_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'fuzz.sqlite3'}"),
    }
    prepare(env)
    users = [u.strip() for u in args.users.split(",") if u.strip()]
    tokens = {user: manage("api_token", user, "--name", "fuzz", "--days", "1", env=env) for user in users}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2", "GUNICORN_MAX_REQUESTS": "0"}
    server = subprocess.Popen(  # noqa: S603
        [str(Path(PY).parent / "gunicorn"), "-c", "config/gunicorn.py"],
        cwd=ROOT,
        env=server_env,
        stdout=(out / "gunicorn.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    totals = {"cases": 0, "5xx": 0, "schema": 0, "failures": 0}
    try:
        schema_url = f"{base}/api/v1/schema/?format=json"
        wait_for(schema_url, tokens[users[0]], server)
        for user, token in tokens.items():
            report = out / f"{user}.ndjson"
            command = [
                str(Path(PY).parent / "st"), "run", schema_url, "--checks", "all",
                "--header", f"Authorization: Token {token}",
                "--max-examples", str(args.max_examples), "--seed", str(args.seed), "--workers", args.workers,
                "--generation-database", "none", "--no-color", "--output-sanitize", "true",
                "--report", "ndjson", "--report-ndjson-path", str(report),
            ]  # fmt: skip
            with (out / f"{user}.log").open("w") as log:
                subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)  # noqa: S603
            found = figures(report)
            for key in totals:
                totals[key] += found[key]
            print(f"FUZZ {user} cases {found['cases']} 5xx {found['5xx']} schema {found['schema']} "
                  f"failures {found['failures']} (log: var/fuzz/{user}.log)", flush=True)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"FUZZ total cases {totals['cases']} 5xx {totals['5xx']} schema {totals['schema']} "
          f"failures {totals['failures']}")  # fmt: skip
    return 1 if totals["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
