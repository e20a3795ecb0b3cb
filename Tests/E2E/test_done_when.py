"""Issue 22, "Done when", in one browser test at 390 px on SQLite and on PostgreSQL, with axe on the new pages:
from an empty database, `organization create` → the administrator's link → password and two-factor → the HR
files imported (preview, apply) → a leader signs in through the organization's OpenID provider and registers an
event for two imported people → a nurse, invited to a local account, turns on two-factor sign-in, signs in with
a code and asks for support."""
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyotp
import pytest
from authlib.jose import JsonWebKey
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import wait_until_healthy
from test_email import free_port, smtp_server  # noqa: F401 (a fixture)
from test_single_sign_on import next_sign_in, PROVIDER, PROVIDER_PORT
from test_workers import BIN, PG, Postgres, SQLite

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
axe = Axe()


def clean(page):
    assert axe.run(page).response["violations"] == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_from_an_empty_database_to_a_leader_by_single_sign_on_and_a_nurse_asking_for_support(database, smtp_server, tmp_path, browser):
    if database == "postgres" and not PG:
        pytest.fail("IVARETA_TEST_PG is not set: run these through scripts/test")
    mailbox, smtp_port, cert = smtp_server
    key = JsonWebKey.generate_key("EC", "P-256", is_private=True, options={"kid": "k"})
    (tmp_path / "client.jwk").write_text(json.dumps(key.as_dict(is_private=False)))
    provider = subprocess.Popen([sys.executable, str(Path(__file__).parent / "oidc_provider.py"), str(PROVIDER_PORT), str(tmp_path / "client.jwk")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = Postgres(tmp_path) if database == "postgres" else SQLite(tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    db.env.update(IVARETA_BASE_URL=url, IVARETA_SMTP_HOST="localhost", IVARETA_SMTP_PORT=str(smtp_port), IVARETA_SMTP_USERNAME="ivareta",
                  IVARETA_SMTP_PASSWORD="mail-secret", IVARETA_SMTP_FROM="Ivareta <noreply@nordfjord.example>", IVARETA_SMTP_CA_FILE=str(cert),
                  IVARETA_EMAIL_DIGEST_SECONDS="2", LOG_LEVEL="notice")
    made = subprocess.run([BIN, "organization", "create", "--name", "Nordfjord sjukehus", "--country", "NO", "--time-zone", "Europe/Oslo",
                           "--language", "nb", "--admin", "kari.admin", "--email", "kari@nordfjord.example"], env=db.env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    organization = re.search(r"([0-9a-f-]{36})", made.stdout).group(1)
    link = made.stdout.strip().splitlines()[-1].strip()
    (tmp_path / "sso.json").write_text(json.dumps([{
        "organization": organization, "label": "Logg inn med Nordfjord-konto", "issuer": f"{PROVIDER}/a", "clientId": "ivareta-a",
        "clientSecret": "a-secret-not-logged", "match": "employee_number", "claim": "employee_number"}]))
    db.env["IVARETA_SSO_FILE"] = str(tmp_path / "sso.json")
    server = subprocess.Popen([BIN, "serve", "--port", str(port)], env=db.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_healthy(url)
        wait_until_healthy(PROVIDER)

        def phone():
            return browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nb-NO").new_page()

        # The administrator: the one-time link, a password, two-factor sign-in.
        admin = phone()
        admin.goto(link)
        admin.fill("#password", "blue kettle by the river")
        admin.fill("#confirmation", "blue kettle by the river")
        admin.click("button.primary")
        admin.fill("#username", "kari.admin")
        admin.fill("#password", "blue kettle by the river")
        admin.click("button[type=submit].primary")
        authenticator = pyotp.TOTP(admin.locator(".secret-key").inner_text().replace(" ", ""))
        admin.fill("#code", authenticator.now())
        admin.click("button.primary")
        admin.click("a.button.primary")
        expect(admin.locator("h1")).to_have_text("Organisasjonen")
        clean(admin)

        # The HR files, each checked before it is applied.
        for kind in ["units", "people"]:
            admin.click("text=Import fra HR")
            admin.set_input_files(f"#{kind}-file", str(EXAMPLES / f"{kind}.csv"))
            admin.locator(f"#{kind}-file").locator("xpath=ancestor::form").locator("button").click()
            expect(admin.locator("h1")).to_have_text(f"Dette vil {kind}.csv endre")
            clean(admin)
            admin.click("button:has-text('Ta i bruk disse endringene')")
            expect(admin.locator(".flash")).to_contain_text("Filen er tatt i bruk")
            clean(admin)
            admin.goto(f"{url}/admin")

        # A leader from the file signs in through the organization's provider and registers an event for two people.
        next_sign_in({"employee_number": "1003", "sub": "siri"})
        leader = phone()
        leader.goto(f"{url}/login")
        clean(leader)
        leader.click("text=Logg inn med Nordfjord-konto")
        expect(leader.locator("h1")).to_have_text("Mine oppgaver")
        leader.click("text=Registrer en hendelse >> nth=0")
        leader.click("button:has-text('Vis alle på')")
        for name in ["Marte Vik", "Ahmed Khalil"]:
            leader.locator(".people-list li", has_text=name).locator("input[name='involvedPersonIds[]']").check()
        leader.select_option("#kind", "near_miss")
        leader.select_option("#severity", "moderate")
        leader.fill("#summary", "The wrong dose was drawn up and caught at the bedside check.")
        for question in ("patientSafe", "staffSafe", "premisesSafe", "everyoneInformed"):
            leader.check(f"#{question}-yes")
        leader.click("button:has-text('Registrer og start forløpene')")
        expect(leader.locator(".pathway-summary")).to_have_count(2)
        clean(leader)

        # The administrator's other new pages: the organization's settings, and a leader's roles and scope.
        admin.goto(f"{url}/admin/settings")
        clean(admin)
        admin.goto(f"{url}/admin/people?q=Siri")
        admin.click("a:has-text('Siri Håland')")
        expect(admin.locator("main")).to_contain_text("Fra HR")
        clean(admin)

        # The administrator invites the nurse to a local account; the link arrives by e-mail.
        admin.goto(f"{url}/admin/people?q=Marte")
        admin.click("a:has-text('Marte Vik')")
        clean(admin)
        admin.click("text=Inviter til en konto")
        admin.fill("#username", "marte.vik")
        admin.fill("#email", "marte.vik@nordfjord.example")
        admin.click("button:has-text('Send invitasjonen')")
        deadline = time.time() + 30
        while not [m for m in mailbox.received if "marte.vik@nordfjord.example" in m["to"]] and time.time() < deadline:
            time.sleep(0.2)
        mail = [m for m in mailbox.received if "marte.vik@nordfjord.example" in m["to"]]
        assert mail, "no invitation arrived"
        text = mail[0]["message"].get_body(preferencelist=("plain",)).get_content()
        invitation = re.search(re.escape(url) + r"/setup/[A-Za-z0-9_-]+", text).group(0)

        # The nurse chooses a password, turns on two-factor sign-in, signs in with a code and asks for support.
        nurse = phone()
        nurse.goto(invitation)
        nurse.fill("#password", "green kettle by the fjord")
        nurse.fill("#confirmation", "green kettle by the fjord")
        nurse.click("button.primary")
        nurse.fill("#username", "marte.vik")
        nurse.fill("#password", "green kettle by the fjord")
        nurse.click("button[type=submit].primary")
        nurse.goto(f"{url}/settings/two-factor")
        nurse.click("button:has-text('Slå på')")
        nurses_app = pyotp.TOTP(nurse.locator(".secret-key").inner_text().replace(" ", ""))
        nurse.fill("#code", nurses_app.now())
        nurse.click("button.primary")
        expect(nurse.locator("h1")).to_have_text("Gjenopprettingskodene dine")
        nurse.locator("form[action='/logout'] button").first.click()
        nurse.fill("#username", "marte.vik")
        nurse.fill("#password", "green kettle by the fjord")
        nurse.click("button[type=submit].primary")
        expect(nurse.locator("h1")).to_have_text("Koden din")
        nurse.fill("#code", nurses_app.at(time.time() + 30))
        nurse.click("button.primary")
        nurse.click("header >> text=Be om støtte")
        clean(nurse)
        nurse.click("button:has-text('Send forespørselen')")
        expect(nurse.locator("main")).not_to_contain_text("Noe gikk galt")
        clean(nurse)
        nurse.screenshot(path=f"/tmp/e2e-done-when-{database}.png", full_page=True)
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
        provider.terminate()
        provider.wait(timeout=30)
