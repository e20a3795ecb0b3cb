"""E-mail through a real SMTP server on loopback (aiosmtpd) that insists on STARTTLS and a login: the message
arrives in the recipient's language and says nothing about the event or anyone in it."""
import email
import os
import re
import signal
import socket
import ssl
import subprocess
import time
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

BIN = os.environ.get("IVARETA_BIN", ".build/debug/ivareta")


class Mailbox:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append({
            "tls": session.ssl is not None,
            "authenticated": session.authenticated,
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "message": email.message_from_bytes(envelope.original_content, policy=policy.default),
        })
        return "250 Message accepted"


def only_ivareta(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"ivareta" and auth_data.password == b"mail-secret"
    return AuthResult(success=ok)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            authenticator=only_ivareta, auth_required=True)
    controller.start()
    yield mailbox, port, cert
    controller.stop()


def test_a_due_reminder_arrives_by_email_in_the_recipients_language_and_says_nothing_sensitive(smtp_server, tmp_path):
    mailbox, smtp_port, cert = smtp_server
    web_port = free_port()
    env = dict(os.environ, IVARETA_DATA_DIR=str(tmp_path / "data"), IVARETA_SMTP_HOST="localhost", IVARETA_SMTP_PORT=str(smtp_port),
               IVARETA_SMTP_USERNAME="ivareta", IVARETA_SMTP_PASSWORD="mail-secret", IVARETA_SMTP_FROM="Ivareta <noreply@fjordvik.example>",
               IVARETA_SMTP_CA_FILE=str(cert), IVARETA_BASE_URL=f"http://127.0.0.1:{web_port}", IVARETA_EMAIL_DIGEST_SECONDS="2")
    env.pop("DATABASE_URL", None)
    # The demo's Danish-reading leader (leader2) asked for e-mail; reminders for yesterday's near miss are due at once.
    server = subprocess.Popen([BIN, "serve", "--demo", "--port", str(web_port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 90
        while not mailbox.received and time.time() < deadline and server.poll() is None:
            time.sleep(0.2)
    finally:
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=30)
    assert mailbox.received, "no e-mail arrived; server said: " + errors.decode(errors="replace")[-2000:]

    for delivery in mailbox.received:
        assert delivery["tls"] and delivery["authenticated"]
        assert delivery["from"] == "noreply@fjordvik.example"
        assert delivery["to"] == ["henrik.aas@fjordvik.example"]
        message = delivery["message"]
        # The demo's reminders fall due together, so they come as one e-mail naming each.
        assert message["Subject"] == "Ivareta: noget venter på dig" or re.fullmatch(r"Ivareta: \d+ ting venter på dig", message["Subject"])
        assert message["Message-ID"].endswith("@fjordvik.example>")
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        assert "fristen nærmer sig" in text
        assert f"http://127.0.0.1:{web_port}/cases/" in text or f"http://127.0.0.1:{web_port}/inbox" in text
        assert 'lang="da"' in html
        for secret in ["blood sample", "Wrong patient", "Medical Ward 5", "Emergency", "Henrik", "Aas", "AVV-", "near miss", "nærved"]:
            assert secret not in text and secret not in html, f"the e-mail mentions {secret!r}"
    assert len({delivery["message"]["Message-ID"] for delivery in mailbox.received}) == len(mailbox.received)


def test_a_forgotten_password_is_replaced_through_a_link_by_email(smtp_server, tmp_path, browser):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    mailbox, smtp_port, cert = smtp_server
    web_port = free_port()
    url = f"http://127.0.0.1:{web_port}"
    env = dict(os.environ, IVARETA_DATA_DIR=str(tmp_path / "data"), IVARETA_SMTP_HOST="localhost", IVARETA_SMTP_PORT=str(smtp_port),
               IVARETA_SMTP_USERNAME="ivareta", IVARETA_SMTP_PASSWORD="mail-secret", IVARETA_SMTP_FROM="Ivareta <noreply@fjordvik.example>",
               IVARETA_SMTP_CA_FILE=str(cert), IVARETA_BASE_URL=url, IVARETA_EMAIL_DIGEST_SECONDS="2")
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([BIN, "serve", "--demo", "--port", str(web_port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        from conftest import wait_until_healthy
        wait_until_healthy(url)
        page = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="da-DK").new_page()
        page.goto(f"{url}/login")
        page.click("a[href='/login/reset']")
        assert Axe().run(page).response["violations"] == []
        page.fill("#username", "leader2")
        page.click("button.primary")
        expect(page.locator("main")).to_contain_text("er et link på vej")
        page.screenshot(path="/tmp/e2e-password-reset.png", full_page=True)

        def reset_mail():
            return [d for d in mailbox.received if d["message"]["Subject"] == "Vælg en ny adgangskode til Ivareta"]
        deadline = time.time() + 30
        while not reset_mail() and time.time() < deadline:
            time.sleep(0.2)
        assert reset_mail(), "no reset e-mail arrived"
        delivery = reset_mail()[0]
        assert delivery["tls"] and delivery["to"] == ["henrik.aas@fjordvik.example"]
        text = delivery["message"].get_body(preferencelist=("plain",)).get_content()
        link = re.search(re.escape(url) + r"/setup/[A-Za-z0-9_-]+", text).group(0)
        page.goto(link)
        page.fill("#password", "grøn kedel ved åen")
        page.fill("#confirmation", "grøn kedel ved åen")
        page.click("button.primary")
        expect(page.locator(".flash")).to_contain_text("Din adgangskode er gemt")
        page.fill("#username", "leader2")
        page.fill("#password", "grøn kedel ved åen")
        page.click("button[type=submit].primary")
        assert "/login" not in page.url
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
