#!/usr/bin/env python3
"""Phone screenshots (390 px) of the involved person's pages in Norwegian and Danish, for docs/screenshots.

Run against a demo server: `swift run ivareta serve --demo`, then
`.venv-test/bin/python scripts/screenshots.py [base-url]`. Uses the system Chromium; nothing is installed.
"""
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def log_in(page, username: str) -> None:
    page.goto(f"{BASE}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo-password")
    page.click("button[type=submit]")


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        # So that the inbox has something to show: the leader asks for a peer supporter on the nurse's behalf,
        # as she agreed, after the event on her pathway.
        context = browser.new_context()
        page = context.new_page()
        log_in(page, "nurse")
        page.goto(f"{BASE}/support")
        case = page.locator("a[href^='/cases/']").first.get_attribute("href")
        context.close()
        context = browser.new_context()
        page = context.new_page()
        log_in(page, "leader")
        page.goto(f"{BASE}{case}")
        if page.locator("#person-agreed").count():
            page.check("#person-agreed")
            page.locator("form.on-behalf button").click()
        context.close()
        for language in ("nb", "da"):
            context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True)
            page = context.new_page()
            log_in(page, "nurse")
            page.request.post(f"{BASE}/language", form={"language": language, "_csrf": csrf(page)})
            page.goto(f"{BASE}/support")
            page.screenshot(path=OUT / f"my-support-{language}.png", full_page=True)
            case = page.locator("a[href^='/cases/']").first.get_attribute("href")
            page.goto(f"{BASE}{case}")
            page.screenshot(path=OUT / f"case-page-person-{language}.png", full_page=True)
            page.goto(f"{BASE}/support/request")
            page.screenshot(path=OUT / f"request-{language}.png", full_page=True)
            page.goto(f"{BASE}/inbox")
            page.screenshot(path=OUT / f"inbox-{language}.png", full_page=True)
            page.goto(f"{BASE}/check-ins")
            page.screenshot(path=OUT / f"check-ins-{language}.png", full_page=True)
            ready = page.locator("main a.button.primary[href^='/check-ins/']")
            if ready.count():
                ready.first.click()
                page.screenshot(path=OUT / f"check-in-form-{language}.png", full_page=True)
            context.close()
        browser.close()


def csrf(page) -> str:
    """The token the page's forms carry: bound to the session, so read from the page."""
    return page.locator("input[name=_csrf]").first.get_attribute("value")


if __name__ == "__main__":
    main()
