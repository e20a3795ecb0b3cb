"""Issue 22, part 4: signing in with the organization's identity provider (OpenID Connect), against a real
provider started here on loopback (oidc_provider.py, built with authlib). Two organizations: one whose client
authenticates with a secret, one with its own signed key and pushed authorization requests (as HelseID). Every
hostile answer — a forged signature, a wrong audience, an expired token, a wrong nonce, a replayed state — is
refused, and so are an unknown person and a cancelled sign-in. At 390 px, with axe on the new pages."""
import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from authlib.jose import JsonWebKey
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import wait_until_healthy
from test_workers import BIN, SQLite

PORT = 8194
URL = f"http://127.0.0.1:{PORT}"
PROVIDER_PORT = 8195
PROVIDER = f"http://127.0.0.1:{PROVIDER_PORT}"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
SECRET = "a-secret-not-logged"
axe = Axe()


def ivareta(env, *arguments):
    done = subprocess.run([BIN, *arguments], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def next_sign_in(claims, mode="normal"):
    request = urllib.request.Request(f"{PROVIDER}/test/next", data=json.dumps({"claims": claims, "mode": mode}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    urllib.request.urlopen(request).read()


@pytest.fixture
def world(tmp_path):
    key = JsonWebKey.generate_key("EC", "P-256", is_private=True, options={"kid": "ivareta-b-1"})
    (tmp_path / "client.pem").write_bytes(key.as_pem(is_private=True))
    (tmp_path / "client.jwk").write_text(json.dumps(key.as_dict(is_private=False)))
    provider_log = open(tmp_path / "provider.log", "w")
    provider = subprocess.Popen([sys.executable, str(Path(__file__).parent / "oidc_provider.py"), str(PROVIDER_PORT), str(tmp_path / "client.jwk")],
                                stdout=provider_log, stderr=subprocess.STDOUT)
    wait_until_healthy(PROVIDER)
    db = SQLite(tmp_path)
    db.env["IVARETA_BASE_URL"] = URL
    organizations = {}
    for name in ["Nordfjord sjukehus", "Helse Vest"]:
        out = ivareta(db.env, "organization", "create", "--name", name, "--country", "NO", "--time-zone", "Europe/Oslo", "--language", "nb",
                      "--admin", "admin." + name.split()[0].lower())
        organizations[name] = re.search(r"([0-9a-f-]{36})", out).group(1)
        for kind in ["units", "people"]:
            ivareta(db.env, "import", kind, str(EXAMPLES / f"{kind}.csv"), "--organization", organizations[name], "--apply")
    (tmp_path / "sso.json").write_text(json.dumps([
        {"organization": organizations["Nordfjord sjukehus"], "label": "Logg inn med Nordfjord-konto", "issuer": f"{PROVIDER}/a",
         "clientId": "ivareta-a", "clientSecret": SECRET, "match": "employee_number", "claim": "employee_number"},
        {"organization": organizations["Helse Vest"], "label": "Logg inn med HelseID", "issuer": f"{PROVIDER}/b", "clientId": "ivareta-b",
         "privateKeyFile": str(tmp_path / "client.pem"), "keyId": "ivareta-b-1", "match": "email", "claim": "email"},
    ]))
    db.env["IVARETA_SSO_FILE"] = str(tmp_path / "sso.json")
    db.env["LOG_LEVEL"] = "info"
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([BIN, "serve", "--port", str(PORT)], env=db.env, stdout=log, stderr=subprocess.STDOUT)
    wait_until_healthy(URL)
    yield tmp_path
    server.terminate()
    server.wait(timeout=30)
    provider.terminate()
    provider.wait(timeout=30)
    log.close()
    provider_log.close()


def phone(browser):
    return browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nb-NO").new_page()


def test_a_leader_signs_in_with_the_organizations_provider_and_every_forged_answer_is_refused(world, browser):
    page = phone(browser)
    callbacks = []
    page.on("request", lambda request: callbacks.append(request.url) if "/login/sso/callback" in request.url else None)
    next_sign_in({"employee_number": "1003", "sub": "siri"})
    page.goto(f"{URL}/login")
    assert axe.run(page).response["violations"] == []
    page.screenshot(path="/tmp/e2e-sso-login.png", full_page=True)
    page.click("text=Logg inn med Nordfjord-konto")
    expect(page.locator("body")).to_contain_text("Siri Håland")
    expect(page.locator("body")).to_contain_text("Logg ut")
    assert "/tasks" in page.url, page.url
    # The provider's answer again (a replayed state): used up, refused.
    replay = phone(browser)
    response = replay.goto(callbacks[-1])
    assert response.status == 400
    expect(replay.locator("main")).to_contain_text("allerede brukt")
    assert axe.run(replay).response["violations"] == []
    replay.screenshot(path="/tmp/e2e-sso-refused.png", full_page=True)
    # Signing out ends the provider's session too, and comes back here.
    page.locator("form[action='/logout'] button").first.click()
    page.wait_for_url(re.compile(r".*/login.*"), timeout=10000)
    expect(page.locator(".flash")).to_be_visible()
    assert page.url.startswith(f"{URL}/login")

    # Each spoiled ID token is refused, and nobody is signed in.
    for mode in ["forged", "wrong_audience", "expired", "wrong_nonce"]:
        attempt = phone(browser)
        next_sign_in({"employee_number": "1003", "sub": "siri"}, mode)
        attempt.goto(f"{URL}/login")
        attempt.click("text=Logg inn med Nordfjord-konto")
        expect(attempt.locator("main")).to_contain_text("kunne ikke stoles på")
        expect(attempt.locator("body")).not_to_contain_text("Logg ut")
    # Someone HR does not know is refused with a page that says so; so is a cancelled sign-in.
    for claims, mode, sentence in [({"employee_number": "9999"}, "normal", "ikke kjent i Ivareta"), ({"employee_number": "1003"}, "deny", "avbrutt")]:
        attempt = phone(browser)
        next_sign_in(claims, mode)
        attempt.goto(f"{URL}/login")
        attempt.click("text=Logg inn med Nordfjord-konto")
        expect(attempt.locator("main")).to_contain_text(sentence)
        expect(attempt.locator("body")).not_to_contain_text("Logg ut")

    # The second organization: its own key instead of a secret, the request pushed first, people matched by address.
    other = phone(browser)
    next_sign_in({"email": "PER.AS@nordfjord.example", "sub": "per"})
    other.goto(f"{URL}/login")
    other.click("text=Logg inn med HelseID")
    expect(other.locator("body")).to_contain_text("Per Ås")
    expect(other.locator("body")).to_contain_text("Logg ut")

    log = (world / "serve.log").read_text()
    assert SECRET not in log and "id_token" not in log and "code=" not in log
    assert "Single sign-on refused: the ID token's audience" in log
