#!/usr/bin/env python3
"""Jobs per second claimed and completed by `ivareta worker` processes. Run by hand, never as a test:

    swift build -c release
    python3 bench/jobs.py --binary .build/release/ivareta --jobs 5000                       # SQLite, 1 and 2 workers
    python3 bench/jobs.py --binary .build/release/ivareta --jobs 5000 \\
        --database-url 'postgres://postgres:PASSWORD@127.0.0.1:54329/bench?sslmode=disable'  # PostgreSQL, 1 and 2 workers

PostgreSQL needs an empty database and `psql` on the PATH (PGPASSWORD for the password). Both run 1 and then 2
workers; on SQLite the two share one writer, so the second worker adds little.
"""
import argparse
import os
import signal
import sqlite3
import subprocess
import tempfile
import time
from urllib.parse import urlparse

# Copies the demo's reminder jobs until there are `count`, all due now and unclaimed.
FILL_PG = """
CREATE TEMP TABLE template AS SELECT organization_id, kind, payload FROM jobs WHERE kind = 'step_reminder' ORDER BY id LIMIT 10;
DELETE FROM messages;
DELETE FROM jobs;
INSERT INTO jobs (id, organization_id, kind, payload, status, due_at, attempts, created_at)
SELECT gen_random_uuid(), t.organization_id, t.kind, t.payload, 'queued', now() - interval '1 minute', 0, now()
FROM generate_series(1, {count}) n
JOIN LATERAL (SELECT * FROM template ORDER BY payload OFFSET (n % 10) LIMIT 1) t ON true;
"""


def psql(url, sql):
    u = urlparse(url)
    env = dict(os.environ, PGPASSWORD=u.password or "")
    out = subprocess.run(["psql", "-h", u.hostname, "-p", str(u.port or 5432), "-U", u.username, "-d", u.path.lstrip("/"),
                          "-tAq", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True, text=True, env=env)
    return out.stdout.strip()


def seed(binary, env):
    server = subprocess.Popen([binary, "serve", "--demo", "--no-worker", "--port", "8399"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(8)
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)


def run(binary, env, workers, count, remaining):
    processes = [subprocess.Popen([binary, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for _ in range(workers)]
    started = time.time()
    try:
        while remaining() > 0:
            time.sleep(0.05)
        elapsed = time.time() - started
    finally:
        for p in processes:
            p.kill()
            p.wait()
    return count / elapsed, elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/ivareta")
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    if args.database_url:
        env = dict(os.environ, DATABASE_URL=args.database_url)
        seed(args.binary, env)
        for workers in (1, 2):
            psql(args.database_url, FILL_PG.format(count=args.jobs))
            rate, elapsed = run(args.binary, env, workers, args.jobs,
                                lambda: int(psql(args.database_url, "SELECT count(*) FROM jobs WHERE kind = 'step_reminder' AND status <> 'done'")))
            print(f"postgresql  workers={workers}  jobs={args.jobs}  {elapsed:6.1f} s  {rate:8.0f} jobs/s")
    else:
        directory = tempfile.mkdtemp(prefix="ivareta-bench-")
        env = dict(os.environ, IVARETA_DATA_DIR=directory)
        env.pop("DATABASE_URL", None)
        seed(args.binary, env)
        db = sqlite3.connect(os.path.join(directory, "ivareta.sqlite"), timeout=30)
        template = db.execute("SELECT organization_id, kind, payload FROM jobs WHERE kind = 'step_reminder' LIMIT 10").fetchall()
        # Two workers on one SQLite file take turns at its single write lock (BEGIN IMMEDIATE); measured to show it.
        for workers in (1, 2):
            now = time.time() - 60  # Fluent keeps SQLite dates as Unix seconds
            db.execute("DELETE FROM jobs")
            db.execute("DELETE FROM messages")
            db.executemany(
                "INSERT INTO jobs (id, organization_id, kind, payload, status, due_at, attempts, created_at) VALUES (upper("
                "hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || "
                "hex(randomblob(6))), ?, ?, ?, 'queued', ?, 0, ?)",
                [(*template[i % len(template)], now, now) for i in range(args.jobs)])
            db.commit()
            rate, elapsed = run(args.binary, env, workers, args.jobs,
                                lambda: db.execute("SELECT count(*) FROM jobs WHERE kind = 'step_reminder' AND status <> 'done'").fetchone()[0])
            print(f"sqlite      workers={workers}  jobs={args.jobs}  {elapsed:6.1f} s  {rate:8.0f} jobs/s")


if __name__ == "__main__":
    main()
