"""Several worker processes against one PostgreSQL database: every job's side effect happens exactly once,
also when a worker is killed with SIGKILL in the middle of its work."""
import os
import signal
import subprocess
import time
import uuid

import pytest

BIN = os.environ.get("IVARETA_BIN", ".build/debug/ivareta")
# The throwaway PostgreSQL cluster that scripts/test starts.
PG = os.environ["IVARETA_TEST_PG"]


def psql(database, sql):
    host_port = PG.rsplit("@", 1)[1]
    host, port = host_port.split(":")
    out = subprocess.run(["psql", "-h", host, "-p", port, "-U", "postgres", "-d", database, "-tAq", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


@pytest.fixture
def database(tmp_path):
    name = "w_" + uuid.uuid4().hex[:12]
    psql("postgres", f"CREATE DATABASE {name}")
    url = f"{PG}/{name}?sslmode=disable"
    env = dict(os.environ, DATABASE_URL=url)
    # Migrate and seed the demo hospital, without a worker of its own.
    server = subprocess.Popen([BIN, "serve", "--demo", "--no-worker", "--port", "8199"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if psql(name, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'organizations'") == "1" \
                    and psql(name, "SELECT count(*) FROM organizations") == "2":
                break
            time.sleep(0.2)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    psql(name, "DELETE FROM messages; DELETE FROM jobs")
    yield name, env


def enqueue(database, count):
    """`count` reminder jobs, spread over the open steps of cases that have an owner, all due now."""
    psql(database, f"""
        INSERT INTO jobs (id, organization_id, kind, payload, status, due_at, attempts, created_at)
        SELECT gen_random_uuid(), s.organization_id, 'step_reminder', '{{"stepId":"' || upper(s.id::text) || '"}}',
               'queued', now() - interval '1 minute', 0, now()
        FROM generate_series(1, {count}) AS n
        JOIN LATERAL (
            SELECT s.* FROM pathway_steps s JOIN cases c ON c.id = s.case_id
            WHERE c.owner_id IS NOT NULL AND c.status = 'open' AND s.status IN ('pending', 'offered', 'accepted')
            ORDER BY s.id OFFSET (n % 20) LIMIT 1) s ON true""")
    assert psql(database, "SELECT count(*) FROM jobs") == str(count)


def start_worker(env, lease=3):
    return subprocess.Popen([BIN, "worker", "--lease-seconds", str(lease)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_done(database, timeout=240):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if psql(database, "SELECT count(*) FROM jobs WHERE status <> 'done'") == "0":
            return
        time.sleep(0.5)
    raise AssertionError("jobs were still open: " + psql(database, "SELECT status, count(*) FROM jobs GROUP BY status"))


def test_two_workers_send_each_of_10000_reminders_exactly_once(database):
    name, env = database
    enqueue(name, 10_000)
    workers = [start_worker(env), start_worker(env)]
    try:
        wait_until_done(name)
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()
    assert psql(name, "SELECT count(*) FROM messages") == "10000"
    assert psql(name, "SELECT count(DISTINCT idempotency_key) FROM messages") == "10000"
    # Nobody claimed a job the other one held.
    assert psql(name, "SELECT max(attempts) FROM jobs") == "1"


def test_a_killed_worker_loses_nothing_and_its_jobs_complete_later_once(database):
    name, env = database
    enqueue(name, 3_000)
    first = start_worker(env, lease=2)
    deadline = time.time() + 60
    while time.time() < deadline:
        in_flight = int(psql(name, "SELECT count(*) FROM jobs WHERE status = 'queued' AND leased_until > now()"))
        if in_flight > 0 and int(psql(name, "SELECT count(*) FROM jobs WHERE status = 'done'")) > 100:
            break
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    unfinished = int(psql(name, "SELECT count(*) FROM jobs WHERE status <> 'done'"))
    assert unfinished > 0
    # Jobs the dead worker had claimed but not finished: they must be taken over once its lease lapses.
    held = int(psql(name, "SELECT count(*) FROM jobs WHERE status = 'queued' AND attempts = 1"))
    second = start_worker(env, lease=2)
    try:
        wait_until_done(name)
    finally:
        second.kill()
        second.wait()
    assert psql(name, "SELECT count(*) FROM messages") == "3000"
    assert psql(name, "SELECT count(DISTINCT idempotency_key) FROM messages") == "3000"
    assert int(psql(name, "SELECT count(*) FROM jobs WHERE attempts = 2")) == held
