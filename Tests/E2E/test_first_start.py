"""Issue 22, first start: from an empty database (SQLite and PostgreSQL) to an administrator who chose their own
password and set up two-factor sign-in on a phone, with axe on each new page. The codes come from pyotp, an
implementation independent of the server's."""
import subprocess
import time
from pathlib import Path

import pyotp

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
    # An administrator reads other people's data: the app is set up before anything opens.
    expect(page.locator("h1")).to_have_text("Sett opp innlogging med kode")
    assert axe.run(page).response["violations"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/e2e-two-factor-setup.png", full_page=True)
    key = page.locator(".secret-key").inner_text().replace(" ", "")
    authenticator = pyotp.TOTP(key)
    page.fill("#code", "000000")
    page.click("button.primary")
    expect(page.locator(".field-error")).to_contain_text("Den koden virket ikke")
    page.fill("#code", authenticator.now())
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Gjenopprettingskodene dine")
    codes = page.locator("ol.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert axe.run(page).response["violations"] == []
    page.screenshot(path="/tmp/e2e-recovery-codes.png", full_page=True)
    page.click("a.button.primary")
    expect(page.locator("body")).to_contain_text("Logg ut")
    assert "/login" not in page.url

    # Signing in again on another phone: the password, then the code (the next one; each code works once).
    other = page.context.browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nb-NO").new_page()
    other.goto(f"{URL}/login")
    other.fill("#username", "kari.admin")
    other.fill("#password", "blå kjele ved elva")
    other.click("button[type=submit].primary")
    expect(other.locator("h1")).to_have_text("Koden din")
    assert axe.run(other).response["violations"] == []
    other.fill("#code", authenticator.at(time.time() + 30))
    other.click("button.primary")
    expect(other.locator("body")).to_contain_text("Logg ut")
    # The setup link is used up.
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Denne lenken kan ikke brukes")

    # Issue 22, part 2: the administrator brings in units and people from HR's files, checks each, applies it.
    examples = Path(__file__).resolve().parents[2] / "docs" / "examples"

    def check(kind, name):
        page.goto(f"{URL}/admin/imports")
        page.set_input_files(f"#{kind}-file", str(examples / name))
        page.locator(f"#{kind}-file").locator("xpath=ancestor::form").locator("button").click()

    check("units", "units.csv")
    expect(page.locator("h1")).to_have_text("Dette vil units.csv endre")
    expect(page.locator("main")).to_contain_text("Sengepost 3, medisin (MED-SENG)")
    assert axe.run(page).response["violations"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("main form button")
    expect(page.locator(".flash")).to_contain_text("Filen er tatt i bruk")
    assert axe.run(page).response["violations"] == []
    page.screenshot(path="/tmp/e2e-imports.png", full_page=True)
    check("people", "people.csv")
    expect(page.locator("main")).to_contain_text("16 nye")
    expect(page.locator("main")).to_contain_text("Jonas Lie (1008) leder Operasjonsavdeling (KIR-OP)")
    assert axe.run(page).response["violations"] == []
    page.screenshot(path="/tmp/e2e-import-preview.png", full_page=True)
    page.click("main form button")
    expect(page.locator(".flash")).to_contain_text("Filen er tatt i bruk")
    # The second export: exactly its differences.
    check("units", "units-2.csv")
    page.click("main form button")
    check("people", "people-2.csv")
    main = page.locator("main")
    expect(main).to_contain_text("Hanna Moe (2009)")
    expect(main).to_contain_text("Tor Ødegård (2004): Akuttmottak (MED-AKUTT) → Sengepost 3, medisin (MED-SENG)")
    expect(main).to_contain_text("Marte Vik (2001)")
    expect(main).to_contain_text("1 deaktivert")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/e2e-import-second.png", full_page=True)
    page.click("main form button")
    # A broken file names its lines and changes nothing.
    page.goto(f"{URL}/admin/imports")
    page.set_input_files("#people-file", files=[{"name": "people.csv", "mimeType": "text/csv",
                                                  "buffer": "employee_number;name;email;title;unit_codes;language;manager_employee_number\n7;;;;NOPE;;\n".encode()}])
    page.locator("#people-file").locator("xpath=ancestor::form").locator("button").click()
    expect(page.locator("main")).to_contain_text("Linje 2, unit_codes")
    expect(page.locator("main")).to_contain_text("Ingenting ble endret")
    assert axe.run(page).response["violations"] == []
    page.screenshot(path="/tmp/e2e-import-refused.png", full_page=True)
    page.goto(f"{URL}/admin/imports/settings")
    expect(page.locator("h1")).to_have_text("Kolonnenavn og HR-titler")
    assert axe.run(page).response["violations"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/e2e-import-settings.png", full_page=True)
