"""The follow-up months on a phone: the nurse answers the two check-ins waiting on their earlier pathway and
sees the trend; their leader sees the "needs attention" signal only while the nurse allows it."""
import re

from playwright.sync_api import expect

from conftest import BASE_URL, log_in
from test_accessibility import violations

SIGNAL = "check-ins suggest they may need more support"


def answer(page, wellbeing, reactions, contact):
    page.check(f"#item-wellbeing-{wellbeing}")
    for key in ["intrusive_memories", "nervousness", "sleep", "concentration", "anxiety", "anger", "self_blame",
                "professional_confidence", "wish_to_leave"]:
        page.check(f"#item-{key}-{reactions}")
    page.check(f"#item-wants_contact-{contact}")
    page.click("button:has-text('Send my answers')")


def earlier_pathway(page):
    return page.locator("section.pathway-check-ins", has=page.locator("text=You said yes"))


def test_the_nurse_answers_two_check_ins_sees_the_trend_and_the_leader_sees_the_signal_only_with_consent(browser):
    def phone():
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                      has_touch=True, locale="en-GB")
        return context, context.new_page()

    nurse_context, nurse = phone()
    log_in(nurse, "nurse")
    nurse.click("nav >> text=Check-ins")
    assert violations(nurse) == []
    waiting = nurse.locator("a.button.primary", has_text="Answer the check-in")
    expect(waiting).to_have_count(2)
    # The earlier pathway already shows the two answered check-ins as a chart with a text alternative.
    section = earlier_pathway(nurse)
    expect(section.locator("svg.trend")).to_have_count(2)
    expect(section.locator("svg.trend desc").first).to_contain_text("How you were doing, by date")

    # The first: a hard day. A red flag shows the crisis numbers at once, on the answer page.
    waiting.first.click()
    assert violations(nurse) == []
    nurse.click("button:has-text('Send my answers')")
    expect(nurse.locator(".error-summary")).to_be_visible()
    assert violations(nurse) == []
    # "Yes, please" to being contacted asks who, with nobody chosen in advance; nobody chosen means a peer supporter.
    expect(nurse.locator("#contact-by")).to_contain_text("If you would like someone to contact you: who?")
    expect(nurse.locator("#contact-by input:checked")).to_have_count(0)
    answer(nurse, wellbeing=1, reactions=2, contact=1)
    expect(nurse.locator(".crisis-now a[href='tel:113']")).to_be_visible()
    expect(nurse.locator(".contact-arranged")).to_contain_text("peer supporter")
    expect(nurse.locator("text=It may help to talk to someone who works with this")).to_be_visible()
    assert violations(nurse) == []
    nurse.screenshot(path="/tmp/e2e-check-in-red-flag.png", full_page=True)

    # The second: the walkthrough's near-crisis answer (2 of 10, every reaction "a lot", no wish for contact)
    # once got a bare thank-you. It opens with the crisis numbers and the ways to help.
    nurse.click("text=Back to your check-ins")
    expect(waiting).to_have_count(1)
    waiting.first.click()
    answer(nurse, wellbeing=2, reactions=2, contact=0)
    expect(nurse.locator(".crisis-now a[href='tel:113']")).to_be_visible()
    expect(nurse.locator(".crisis-now")).to_contain_text("Ask a peer supporter to get in touch")
    expect(nurse.locator("h2", has_text="Thank you")).to_be_visible()
    expect(nurse.locator("text=It may help to talk to someone who works with this")).to_be_visible()
    assert violations(nurse) == []
    nurse.screenshot(path="/tmp/e2e-check-in-worst.png", full_page=True)
    nurse.click("text=Back to your check-ins")
    section = earlier_pathway(nurse)
    points = section.locator("svg.trend").first.locator("circle.point")
    expect(points).to_have_count(4)
    expect(section.locator("table.answers tbody tr")).to_have_count(4)
    assert violations(nurse) == []
    nurse.screenshot(path="/tmp/e2e-check-ins-trend.png", full_page=True)

    # The leader, who follows that pathway, sees the signal — and nothing of the answers.
    leader_context, leader = phone()
    log_in(leader, "leader")
    leader.goto(f"{BASE_URL}/inbox")
    leader.locator("li", has_text="A pathway you follow needs your attention").locator("a", has_text="Open").first.click()
    expect(leader.locator(".attention-signal")).to_contain_text(SIGNAL)
    assert "Trouble sleeping" not in leader.content()
    assert violations(leader) == []
    signalled = leader.url
    leader.screenshot(path="/tmp/e2e-leader-signal.png", full_page=True)

    # The nurse takes the consent back: the signal is gone at once.
    nurse.goto(f"{BASE_URL}/check-ins")
    earlier_pathway(nurse).locator("button:has-text('Change to no')").click()
    expect(nurse.locator(".flash, [role=status]").first).to_be_visible()
    leader.goto(signalled)
    expect(leader.locator("h1")).to_be_visible()
    expect(leader.locator(".attention-signal")).to_have_count(0)
    nurse_context.close()
    leader_context.close()


def test_occupational_health_and_the_coordinators_services_pass_axe(phone):
    log_in(phone, "coordinator")
    phone.goto(f"{BASE_URL}/program/scheme#services")
    expect(phone.locator("#services")).to_be_visible()
    assert violations(phone) == []
    phone.context.clear_cookies()
    log_in(phone, "ohs")
    expect(phone.locator("h1")).to_have_text(re.compile("Referrals"))
    assert violations(phone) == []
