"""Worker processes against one database: every job's side effect happens exactly once, also when a worker is
killed with SIGKILL in the middle of its work. Two workers run side by side on either database: on SQLite they
take turns at its one write lock, which each write transaction takes before it reads."""
import os
import signal
import sqlite3
import subprocess
import time
import uuid

import pytest

BIN = os.environ.get("IVARETA_BIN", ".build/debug/ivareta")
# The throwaway PostgreSQL cluster that scripts/test starts.
PG = os.environ.get("IVARETA_TEST_PG")


class Postgres:
    workers = 2
    now = "now()"

    def __init__(self, tmp_path):
        self.name = "w_" + uuid.uuid4().hex[:12]
        self.query_on("postgres", f"CREATE DATABASE {self.name}")
        self.env = dict(os.environ, DATABASE_URL=f"{PG}/{self.name}?sslmode=disable")

    def query_on(self, database, sql):
        host, port = PG.rsplit("@", 1)[1].split(":")
        out = subprocess.run(["psql", "-h", host, "-p", port, "-U", "postgres", "-d", database, "-tAq", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             check=True, capture_output=True, text=True)
        return out.stdout.strip()

    def query(self, sql):
        return self.query_on(self.name, sql)

    def ready(self):
        return self.query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'organizations'") == "1" \
            and self.query("SELECT count(*) FROM organizations") == "2"

    def enqueue(self, count):
        """`count` reminder jobs, spread over the open steps of cases that have an owner, all due now."""
        self.query(f"""
            INSERT INTO jobs (id, organization_id, kind, payload, status, due_at, attempts, created_at)
            SELECT gen_random_uuid(), s.organization_id, 'step_reminder', '{{"stepId":"' || upper(s.id::text) || '"}}',
                   'queued', now() - interval '1 minute', 0, now()
            FROM generate_series(1, {count}) AS n
            JOIN LATERAL (
                SELECT s.* FROM pathway_steps s JOIN cases c ON c.id = s.case_id
                WHERE c.owner_id IS NOT NULL AND c.status = 'open' AND s.status IN ('pending', 'offered', 'accepted')
                ORDER BY s.id OFFSET (n % 20) LIMIT 1) s ON true""")


class SQLite:
    workers = 2
    # Fluent keeps dates in SQLite as seconds since 1970.
    now = "((julianday('now') - 2440587.5) * 86400.0)"

    def __init__(self, tmp_path):
        self.directory = str(tmp_path / "data")
        self.env = dict(os.environ, IVARETA_DATA_DIR=self.directory)
        self.env.pop("DATABASE_URL", None)

    def connect(self):
        return sqlite3.connect(os.path.join(self.directory, "ivareta.sqlite"), timeout=60)

    def query(self, sql):
        connection = self.connect()
        try:
            with connection:
                result = connection.execute(sql).fetchall()
        finally:
            connection.close()
        return "\n".join("|".join(str(value) for value in row) for row in result)

    def ready(self):
        try:
            return self.query("SELECT count(*) FROM organizations") == "2"
        except sqlite3.Error:
            return False

    def enqueue(self, count):
        connection = self.connect()
        steps = connection.execute("""
            SELECT s.id, s.organization_id FROM pathway_steps s JOIN cases c ON c.id = s.case_id
            WHERE c.owner_id IS NOT NULL AND c.status = 'open' AND s.status IN ('pending', 'offered', 'accepted')
            ORDER BY s.id LIMIT 20""").fetchall()
        now = time.time()
        rows = [(str(uuid.uuid4()).upper(), steps[n % len(steps)][1], f'{{"stepId":"{steps[n % len(steps)][0]}"}}', now - 60, now)
                for n in range(count)]
        with connection:
            connection.executemany("""INSERT INTO jobs (id, organization_id, kind, payload, status, due_at, attempts, created_at)
                                      VALUES (?, ?, 'step_reminder', ?, 'queued', ?, 0, ?)""", rows)
        connection.close()
        assert self.query("SELECT count(*) FROM jobs WHERE kind = 'step_reminder'") == str(count)


@pytest.fixture(params=["postgres", "sqlite"])
def backend(request, tmp_path):
    if request.param == "postgres" and not PG:
        pytest.fail("IVARETA_TEST_PG is not set: run these through scripts/test")
    db = Postgres(tmp_path) if request.param == "postgres" else SQLite(tmp_path)
    # Migrate and seed the demo hospital, without a worker of its own.
    server = subprocess.Popen([BIN, "serve", "--demo", "--no-worker", "--port", "8199"], env=db.env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while not db.ready() and time.time() < deadline:
            time.sleep(0.2)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    db.query("DELETE FROM messages")
    db.query("DELETE FROM jobs")
    return db


def start_worker(db, lease=3):
    return subprocess.Popen([BIN, "worker", "--lease-seconds", str(lease)], env=db.env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_done(db, timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if db.query("SELECT count(*) FROM jobs WHERE kind = 'step_reminder' AND status <> 'done'") == "0":
            return
        time.sleep(0.5)
    raise AssertionError("jobs were still open: " + db.query("SELECT kind, status, count(*) FROM jobs GROUP BY kind, status"))


# Only the reminders' messages are counted: a worker also runs the nightly pass when its hour comes (its rota-gap
# alerts are messages too), and a run that crosses that hour must not fail for it.
def test_workers_send_each_of_10000_reminders_exactly_once(backend):
    backend.enqueue(10_000)
    workers = [start_worker(backend) for _ in range(backend.workers)]
    try:
        wait_until_done(backend)
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()
    assert backend.query("SELECT count(*) FROM messages WHERE idempotency_key LIKE 'step_reminder:%'") == "10000"
    assert backend.query("SELECT count(DISTINCT idempotency_key) FROM messages WHERE idempotency_key LIKE 'step_reminder:%'") == "10000"
    # No job was claimed twice: nobody took a job another worker held.
    assert backend.query("SELECT max(attempts) FROM jobs") == "1"


def test_a_killed_worker_loses_nothing_and_its_jobs_complete_later_once(backend):
    # Enough work that a worker is still busy when it is killed. A pass takes it only milliseconds, so the kill can
    # land between two passes, holding nothing: then another worker is started and killed, until one dies holding jobs.
    backend.enqueue(30_000)
    held = 0
    for _ in range(20):
        first = start_worker(backend, lease=2)
        deadline = time.time() + 60
        while time.time() < deadline:
            in_flight = int(backend.query(f"SELECT count(*) FROM jobs WHERE kind = 'step_reminder' AND status = 'queued' AND leased_until > {backend.now}"))
            if in_flight > 0 and int(backend.query("SELECT count(*) FROM jobs WHERE status = 'done'")) > 100:
                break
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait()
        # Jobs the dead worker had claimed but not finished: they must be taken over once its lease lapses.
        held = int(backend.query("SELECT count(*) FROM jobs WHERE kind = 'step_reminder' AND status = 'queued' AND attempts = 1"))
        if held > 0:
            break
    assert held > 0
    unfinished = int(backend.query("SELECT count(*) FROM jobs WHERE kind = 'step_reminder' AND status <> 'done'"))
    assert unfinished > 0
    second = start_worker(backend, lease=2)
    try:
        wait_until_done(backend)
    finally:
        second.kill()
        second.wait()
    assert backend.query("SELECT count(*) FROM messages WHERE idempotency_key LIKE 'step_reminder:%'") == "30000"
    assert backend.query("SELECT count(DISTINCT idempotency_key) FROM messages WHERE idempotency_key LIKE 'step_reminder:%'") == "30000"
    assert int(backend.query("SELECT count(*) FROM jobs WHERE attempts = 2")) == held
