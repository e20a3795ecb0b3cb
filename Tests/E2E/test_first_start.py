"""Issue 22, first start: from an empty database (SQLite and PostgreSQL) to an administrator who chose their own
password on a phone, with axe on the new page."""
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import wait_until_healthy
from test_workers import PG, BIN, Postgres, SQLite

PORT = 8196
URL = f"http://127.0.0.1:{PORT}"
axe = Axe()


@pytest.fixture(params=["postgres", "sqlite"])
def empty(request, tmp_path):
    if request.param == "postgres" and not PG:
        pytest.fail("IVARETA_TEST_PG is not set: run these through scripts/test")
    db = Postgres(tmp_path) if request.param == "postgres" else SQLite(tmp_path)
    db.env["IVARETA_BASE_URL"] = URL
    db.env["LOG_LEVEL"] = "notice"
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([BIN, "serve", "--port", str(PORT)], env=db.env, stdout=log, stderr=subprocess.STDOUT)
    wait_until_healthy(URL)
    yield db, tmp_path / "serve.log"
    server.terminate()
    server.wait(timeout=30)
    log.close()


def create(db, *arguments):
    return subprocess.run([BIN, "organization", "create", *arguments], env=db.env, capture_output=True, text=True)


def test_from_an_empty_database_the_administrator_chooses_a_password_and_signs_in(empty, browser):
    db, serve_log = empty
    assert "has no organization yet" in serve_log.read_text()
    refused = create(db, "--name", "Nordfjord sjukehus", "--country", "SW", "--time-zone", "Europe/Oslo", "--language", "nb", "--admin", "kari.admin")
    assert refused.returncode == 1 and "--country must be NO, DK, SE or FI" in refused.stderr
    made = create(db, "--name", "Nordfjord sjukehus", "--country", "NO", "--time-zone", "Europe/Oslo", "--language", "nb",
                  "--admin", "kari.admin", "--email", "kari@nordfjord.no")
    assert made.returncode == 0, made.stderr
    link = made.stdout.strip().splitlines()[-1].strip()
    assert link.startswith(f"{URL}/setup/")

    page = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nb-NO").new_page()
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Velg passordet ditt")
    expect(page.locator("main")).to_contain_text("kari.admin")
    assert axe.run(page).response["violations"] == []
    page.fill("#password", "kort")
    page.fill("#confirmation", "kort")
    page.click("button.primary")
    expect(page.locator(".error-summary")).to_contain_text("minst 12 tegn")
    assert axe.run(page).response["violations"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/e2e-setup-refused.png", full_page=True)
    page.fill("#password", "blå kjele ved elva")
    page.fill("#confirmation", "blå kjele ved elva")
    page.click("button.primary")
    expect(page.locator(".flash")).to_contain_text("Passordet ditt er lagret")
    page.fill("#username", "kari.admin")
    page.fill("#password", "blå kjele ved elva")
    page.click("button[type=submit].primary")
    expect(page.locator("body")).to_contain_text("Logg ut")
    assert "/login" not in page.url
    # The link is used up.
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Denne lenken kan ikke brukes")
