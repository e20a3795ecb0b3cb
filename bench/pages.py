#!/usr/bin/env python3
"""Requests per second and latency of the pages and API reads under load, each as a share of the static
stylesheet measured in the same run (the framework's own floor). Run by hand, never as a test:

    swift build -c release --product ivareta
    python3 bench/pages.py --binary .build/release/ivareta                       # SQLite, the demo hospital
    python3 bench/pages.py --binary .build/release/ivareta \\
        --database-url 'postgres://postgres:PASSWORD@127.0.0.1:54329/bench?sslmode=disable'   # an empty PostgreSQL database
    python3 bench/pages.py --people 5000 --write                                 # a generated hospital of 5,000 people
    python3 bench/pages.py --people 200000 --database-url '…' --write            # a generated health region

With `--people`, the database is first filled by `ivareta generate` (timed), the server starts on it without
the demo, and the leader is `leader1` (who leads a ward); the division leader leads a whole division (about
40 wards); the person is someone with an open case.

It starts the server itself (`serve --demo --no-worker`), signs in as a leader and a nurse, and runs
`wrk -t2 -c64` against each route, then `wrk -t1 -c1` for the time one request takes alone; server and wrk
share the machine. It prints a table and, with
`--write`, replaces bench/RESULTS.md's section for this database with it.
"""
import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown CPU")
    memory = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({model}), {memory} MB memory, Linux {platform.release()}"


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
    return 0


class Session:
    def __init__(self, base):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        with self.opener.open(self.base + path) as answer:
            return answer.read().decode()

    def log_in(self, username):
        self.get("/login")
        csrf = next(c.value for c in self.jar if c.name == "ivareta_csrf")
        body = urllib.parse.urlencode({"_csrf": csrf, "username": username, "password": "demo-password"}).encode()
        self.opener.open(self.base + "/login", data=body).read()
        return self

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def token(base, username):
    request = urllib.request.Request(base + "/api/v1/auth/token", method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"username": username, "password": "demo-password"}).encode())
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)["token"]


def wrk(url, header, seconds, connections):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if header:
        command[1:1] = ["-H", header]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        match = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, percentile(50), percentile(99), int(errors.group(1)) if errors else 0


def person_with_open_case(args, data):
    """The username of someone in leader1's ward with an open case, read from the database directly."""
    query = ("SELECT a.username FROM cases c JOIN accounts a ON a.person_id = c.person_id "
             "WHERE c.status = 'open' AND a.username LIKE 'person%' ORDER BY a.username LIMIT 1")
    if args.database_url:
        return subprocess.run(["psql", args.database_url.split("?")[0], "-tAc", query], check=True, capture_output=True, text=True).stdout.strip()
    import sqlite3
    return sqlite3.connect(os.path.join(data, "ivareta.sqlite")).execute(query).fetchone()[0]


def division_leader(args, data):
    """The username of a leader of a whole division (a unit with no parent), read from the database directly."""
    query = ("SELECT a.username FROM leader_scopes ls JOIN units u ON u.id = ls.unit_id JOIN accounts a ON a.id = ls.account_id "
             "WHERE u.parent_id IS NULL ORDER BY a.username LIMIT 1")
    if args.database_url:
        return subprocess.run(["psql", args.database_url.split("?")[0], "-tAc", query], check=True, capture_output=True, text=True).stdout.strip()
    import sqlite3
    return sqlite3.connect(os.path.join(data, "ivareta.sqlite")).execute(query).fetchone()[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/ivareta"))
    parser.add_argument("--database-url")
    parser.add_argument("--port", type=int, default=8390)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--write", action="store_true", help="write the table into bench/RESULTS.md")
    parser.add_argument("--people", type=int, help="generate an organization of this many people instead of the demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true",
                        help="with --people and --database-url: the database already holds that generated organization; measure it again")
    args = parser.parse_args()

    base = f"http://127.0.0.1:{args.port}"
    data = tempfile.mkdtemp(prefix="ivareta-bench-")
    env = dict(os.environ, LOG_LEVEL="warning")
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    generated = " The database was generated by an earlier run of this script and reused." if args.people and args.reuse else ""
    if args.people and not (args.reuse and args.database_url):
        began = time.monotonic()
        subprocess.run([args.binary, "generate", "--people", str(args.people), "--seed", str(args.seed), "--data-dir", data],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        generated = f" Generating it took {time.monotonic() - began:.0f} s."
    started = time.monotonic()
    server = subprocess.Popen([args.binary, "serve", "--no-worker", "--data-dir", data, "--port", str(args.port)] + ([] if args.people else ["--demo"]),
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Ready: the first migration and the demo's seeding happen here, so this is a fresh start, not a warm one.
        while True:
            try:
                urllib.request.urlopen(base + "/health").read()
                break
            except OSError:
                if server.poll() is not None:
                    sys.exit("the server did not start")
                time.sleep(0.05)
        ready = time.monotonic() - started

        leader_name = "leader1" if args.people else "leader"
        leader = Session(base).log_in(leader_name)
        nurse = Session(base).log_in(person_with_open_case(args, data) if args.people else "nurse")
        director = Session(base).log_in(division_leader(args, data) if args.people else "director")
        case_id = re.search(r'href="/cases/([0-9A-Fa-f-]{36})"', leader.get("/tasks")).group(1)
        event_id = re.search(r'href="/events/([0-9A-Fa-f-]{36})"', leader.get(f"/cases/{case_id}")).group(1)
        bearer = "Authorization: Bearer " + token(base, leader_name)
        routes = [
            ("/static/app.css (the floor)", "/static/app.css", None),
            ("/health", "/health", None),
            ("/tasks (leader)", "/tasks", "Cookie: " + leader.cookie_header()),
            ("/tasks (division leader)", "/tasks", "Cookie: " + director.cookie_header()),
            ("/cases/{id} (leader)", f"/cases/{case_id}", "Cookie: " + leader.cookie_header()),
            ("/events/{id} (leader)", f"/events/{event_id}", "Cookie: " + leader.cookie_header()),
            ("/support (nurse)", "/support", "Cookie: " + nurse.cookie_header()),
            ("/inbox (leader)", "/inbox", "Cookie: " + leader.cookie_header()),
            ("GET /api/v1/me", "/api/v1/me", bearer),
            ("GET /api/v1/cases/{id}", f"/api/v1/cases/{case_id}", bearer),
            ("GET /api/v1/people", "/api/v1/people", bearer),
        ]
        if not args.people:
            # The generated region has no peer-support scheme; the demo's is measured.
            coordinator = Session(base).log_in("coordinator")
            supporter = Session(base).log_in("supporter")
            routes += [
                ("/program (coordinator)", "/program", "Cookie: " + coordinator.cookie_header()),
                ("/program/scheme (coordinator)", "/program/scheme", "Cookie: " + coordinator.cookie_header()),
                ("/support/requests (supporter)", "/support/requests", "Cookie: " + supporter.cookie_header()),
            ]
        rows = []
        floor = None
        peak = 0
        for name, path, header in routes:
            rps, p50, p99, errors = wrk(base + path, header, args.seconds, args.connections)
            floor = floor or rps
            peak = max(peak, rss_mb(server.pid))
            # One request at a time: the time a request itself takes, without waiting behind the 63 others.
            _, alone, _, _ = wrk(base + path, header, 2, 1)
            rows.append((name, rps, p50, p99, 100 * rps / floor, errors, alone))
    finally:
        server.terminate()
        server.wait()

    database = "PostgreSQL" if args.database_url else "SQLite"
    size = f"{args.people:,} people (generated, seed {args.seed})" if args.people else "demo hospital"
    lines = [f"### {database}, {size} ({time.strftime('%Y-%m-%d')})", "",
             f"Machine: {machine()}. Release build; `wrk -t2 -c{args.connections} -d{args.seconds}s` on loopback, sharing the machine "
             f"with the server.{generated} Start to ready: {ready:.2f} s. Server RSS at its peak: {peak} MB.",
             "", "| route | req/s | p50 | p99 | share of the floor | non-2xx/3xx | p50 alone (1 connection) |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, rps, p50, p99, share, errors, alone in rows:
        lines.append(f"| `{name}` | {rps:,.0f} | {p50:.1f} ms | {p99:.1f} ms | {share:.1f} % | {errors} | {alone:.2f} ms |")
    path = os.path.join(ROOT, "bench", "RESULTS.md")
    existing = open(path).read() if os.path.exists(path) else "# Benchmark results\n\nMeasured with `bench/pages.py`; see its header for how to run it.\n\n"
    section = re.compile(rf"### {database}, {re.escape(size)}.*?(?=\n### |\Z)", re.S)
    earlier = re.search(r"Generating it took \d+ s\.", (section.search(existing) or re.match("", "")).group(0))
    if args.reuse and earlier:
        lines[2] = lines[2].replace("The database was generated by an earlier run of this script and reused.",
                                    f"The database was generated by an earlier run of this script and reused ({earlier.group(0).lower()[:-1]}).")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.write:
        existing = section.sub("", existing).rstrip() + "\n\n"
        open(path, "w").write(existing + table)


if __name__ == "__main__":
    main()
