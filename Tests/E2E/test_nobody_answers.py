"""When nobody answers, the request moves on by itself and reaches the coordinator. This runs its own server
(with its worker) on its own SQLite file, so the test can play the clock: it moves the due time of the job
that checks a supporter's answer to the past, which is exactly what 30 minutes of waiting would do. The
server's clock and the job queue are the real ones."""
import os
import sqlite3
import subprocess
import time

import pytest
from playwright.sync_api import expect

from conftest import wait_until_healthy

BIN = os.environ.get("IVARETA_BIN", ".build/debug/ivareta")
PORT = 8197
URL = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def server(tmp_path):
    data = str(tmp_path / "data")
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen([BIN, "serve", "--demo", "--data-dir", data, "--port", str(PORT)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_healthy(URL)
    yield os.path.join(data, "ivareta.sqlite")
    process.terminate()
    process.wait(timeout=30)


def half_an_hour_passes(database):
    """Every waiting answer check falls due now, as if its supporter's 30 minutes were over."""
    connection = sqlite3.connect(database, timeout=30)
    with connection:
        # Fluent keeps dates in SQLite as seconds since 1970.
        moved = connection.execute("""UPDATE jobs SET due_at = ((julianday('now') - 2440587.5) * 86400.0) - 60
                                      WHERE kind = 'support_response_due' AND status = 'queued'""").rowcount
    connection.close()
    assert moved == 1


def log_in(page, username):
    page.goto(f"{URL}/login")
    page.fill("#username", username)
    page.fill("#password", "demo-password")
    page.click("button[type=submit].primary")
    page.wait_for_load_state()


def offered_to(page, url, not_to, timeout=30):
    """The supporter the request is offered to, once it has moved on from `not_to` (the worker runs each second)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        page.goto(url)
        status = page.locator("#request-status").inner_text()
        if not_to not in status and "has been told" in status:
            return status.split(" has been told")[0]
        page.wait_for_timeout(500)
    raise AssertionError(f"still offered to {not_to}: {status}")


def test_nobody_answers_the_request_passes_on_twice_and_reaches_the_coordinator(server, browser):
    def phone():
        return browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="en-GB").new_page()

    nurse = phone()
    log_in(nurse, "nurse")
    nurse.click("header >> text=Ask for support")
    nurse.click("button:has-text('Send my request')")
    nurse.click("ul.choices li:has-text('Sara Nilsen') button")
    expect(nurse.locator("#request-status")).to_contain_text("Sara Nilsen has been told")
    request_url = nurse.url.split("?")[0]

    half_an_hour_passes(server)
    second = offered_to(nurse, request_url, not_to="Sara Nilsen")
    nurse.screenshot(path="/tmp/e2e-passed-once.png", full_page=True)

    # Sara did not answer in time: the request is no longer hers to see.
    sara = phone()
    log_in(sara, "supporter")
    sara.goto(request_url)
    expect(sara.locator("h1")).not_to_have_text("A colleague asks for peer support")

    half_an_hour_passes(server)
    third = offered_to(nurse, request_url, not_to=second)
    assert third not in ("Sara Nilsen", second)

    coordinator = phone()
    log_in(coordinator, "coordinator")
    expect(coordinator.locator("h1")).to_have_text("Peer support programme")
    waiting = coordinator.locator("ul.waiting > li", has_text="Passed on 2 times")
    expect(waiting).to_contain_text("Passed on 2 times")
    expect(coordinator.locator("main")).not_to_contain_text("Ingrid Solheim")
    coordinator.screenshot(path="/tmp/e2e-coordinator-waiting.png", full_page=True)
    # The coordinator is shown no supporter: a list of those who may take it would tell, by who is missing,
    # who asked. Here the two who let it pass are never asked again, and nobody else serves the ward.
    waiting.locator("a:has-text('Offer it again')").click()
    expect(coordinator.locator("h1")).to_have_text("Offer a waiting request")
    offer = coordinator.locator("main")
    for name in ("Ingrid Solheim", "Sara Nilsen", second, third):
        expect(offer).not_to_contain_text(name)
    expect(offer).to_contain_text("nobody else could take it")
    expect(coordinator.locator("form.assign")).to_have_count(0)
    coordinator.screenshot(path="/tmp/e2e-coordinator-offer.png", full_page=True)
