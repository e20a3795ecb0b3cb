import os
import time
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("IVARETA_URL", "http://127.0.0.1:8181")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        # Playwright's own browser download cannot work here; Debian's Chromium is used instead.
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def log_in(page, username):
    page.goto(f"{BASE_URL}/login")
    page.fill("#username", username)
    page.fill("#password", "demo-password")
    page.click("button[type=submit].primary")
    page.wait_for_load_state()


def wait_until_healthy(url, seconds=60):
    """Returns once the server at `url` answers its health check (it migrates first)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/health", timeout=1).status == 200:
                return
        except OSError:
            time.sleep(0.2)
