from axe_playwright_python.sync_playwright import Axe

from playwright.sync_api import expect

from conftest import BASE_URL, log_in

axe = Axe()


def violations(page):
    found = axe.run(page).response["violations"]
    return [f'{v["id"]} ({v["impact"]}): {v["nodes"][0]["html"][:120]}' for v in found]


def test_leader_pages_have_no_accessibility_violations(phone):
    phone.goto(f"{BASE_URL}/login")
    assert violations(phone) == []
    log_in(phone, "leader")
    assert violations(phone) == []
    phone.goto(f"{BASE_URL}/events/new")
    assert violations(phone) == []
    phone.click("button:has-text('Register and start the pathways')")
    expect(phone.locator(".error-summary")).to_be_visible()
    assert violations(phone) == []
    phone.goto(f"{BASE_URL}/tasks")
    phone.locator(".cards.tasks li a").first.click()
    assert violations(phone) == []
    phone.click("text=See the event")
    assert violations(phone) == []
    # Putting the event right: the form, and the question asked when someone is taken off.
    phone.click("text=Correct the event")
    assert violations(phone) == []
    phone.locator("input[name='involvedPersonIds[]']:checked").first.uncheck()
    phone.click("button:has-text('Save the correction')")
    expect(phone.locator("fieldset.removal")).to_be_visible()
    assert violations(phone) == []
    phone.goto(f"{BASE_URL}/events")
    assert violations(phone) == []
    phone.goto(f"{BASE_URL}/events/new")
    phone.click("button:has-text('List everyone in')")
    assert violations(phone) == []


def test_involved_person_pages_have_no_accessibility_violations(phone):
    log_in(phone, "nurse")
    assert violations(phone) == []
    phone.goto(f"{BASE_URL}/support/request")
    assert violations(phone) == []
    phone.click("button:has-text('Send my request')")
    assert phone.locator("ul.choices").is_visible()
    assert violations(phone) == []


def test_supporter_pages_have_no_accessibility_violations(phone):
    log_in(phone, "supporter")
    assert violations(phone) == []
    phone.locator(".cards li a").first.click()
    assert violations(phone) == []


def test_settings_and_admin_pages_have_no_accessibility_violations(phone):
    log_in(phone, "supporter")
    phone.goto(f"{BASE_URL}/settings/notifications")
    assert violations(phone) == []
    # Only a start time: the browser lets it through and the server explains.
    phone.fill("#quietStart", "22:00")
    phone.click("button:has-text('Save settings')")
    expect(phone.locator(".error-summary")).to_be_visible()
    assert violations(phone) == []
    phone.goto(f"{BASE_URL}/inbox")
    assert violations(phone) == []
    phone.click("form button:has-text('Log out')")
    log_in(phone, "admin")
    phone.goto(f"{BASE_URL}/admin/jobs")
    assert violations(phone) == []


def test_coordinator_and_availability_pages_have_no_accessibility_violations(phone):
    log_in(phone, "coordinator")
    assert violations(phone) == []
    phone.click("text=Teams, rota and supporters")
    assert violations(phone) == []
    phone.click("button:has-text('Create the team')")  # an empty name: the browser stops it, nothing is sent
    phone.locator("ul.cards li:has-text('Central resource group') a").click()
    assert violations(phone) == []
    phone.goto(f"{BASE_URL}/program/scheme")
    phone.locator("ul.cards li:has-text('Hege Fossum') a").click()
    assert violations(phone) == []
    phone.click("form button:has-text('Log out')")
    log_in(phone, "supporter")
    phone.click("text=Your availability and time away")
    assert violations(phone) == []


def test_defusing_page_has_no_accessibility_violations(phone):
    log_in(phone, "leader")
    phone.goto(f"{BASE_URL}/tasks")
    # The demo's unexpected death has had no defusing conversation recorded (its steps were marked done by hand).
    phone.locator(".cards.tasks li.task", has_text="Unexpected death").first.locator("a").first.click()
    phone.click("text=See the event")
    phone.goto(phone.url.split("?")[0] + "/defusing")
    expect(phone.locator("h1")).to_have_text("Defusing conversation")
    assert violations(phone) == []
    # Nobody ticked: the browser lets it through and the server explains, with what was typed kept.
    for box in phone.locator("input[name='took[]']").all():
        box.uncheck()
    phone.click("button:has-text('Record the conversation')")
    expect(phone.locator(".error-summary")).to_contain_text("Tick at least one person")
    assert violations(phone) == []


def test_review_pages_have_no_accessibility_violations(phone):
    log_in(phone, "quality")
    assert violations(phone) == []
    phone.select_option("#review-event", index=0)
    phone.fill("#review-facilitator", "director")
    phone.fill("#review-scheduled", "2026-12-21T09:00")
    phone.click("button:has-text('Register the review')")
    expect(phone.locator("h1")).to_contain_text("Learning review")
    phone.fill("#proposal-text", "Label the infusion lines at both ends")
    phone.fill("#proposal-by", "nurse")
    phone.click("button:has-text('Record the proposal')")
    assert violations(phone) == []
    phone.click("form button:has-text('Log out')")
    log_in(phone, "ohs")
    assert violations(phone) == []
