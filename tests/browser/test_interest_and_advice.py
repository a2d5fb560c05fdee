"""A resident tells a provider they are interested in an offer (with the keyboard only),
withdraws it with the link from the e-mail, and asks for free advice; axe checks every
page on the way, the forms with their errors shown too.

The pages are read in English (the language cookie): the texts are the code's own msgids."""

import re

from django.conf import settings
from django.core import mail
from playwright.sync_api import BrowserContext, Page, expect

from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.regions.models import LabourMarketRegion

MAX_TABS = 40
# A form sent with mistakes comes back with status 400, which Chromium logs as an error.
FORM_ERROR_STATUS = "the server responded with a status of 400 (Bad Request)"


def _in_english(context: BrowserContext, site: str) -> None:
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": site}])


def _serve_noordoost_brabant() -> None:
    LabourMarketRegion.objects.filter(code="AM27").update(is_served=True)


def _offer_id():  # type: ignore[no-untyped-def]
    """A public offer of Transportschool Oss."""
    return OfferFactory(title="Heftruckchauffeur", provider=ProviderFactory(name="Transportschool Oss")).pk


def _tab_to(page: Page, label: str) -> None:
    """Press Tab until the field with this label has the focus."""
    field = page.get_by_label(label, exact=True)
    for _press in range(MAX_TABS):
        if field.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {label!r}")


def test_a_resident_shows_interest_with_the_keyboard_and_withdraws_it(site, page: Page, axe, console_errors):
    _serve_noordoost_brabant()
    offer_id = _offer_id()
    _in_english(page.context, site)
    page.goto(f"{site}/opleidingen/{offer_id}/interesse/")
    expect(page.get_by_role("heading", level=1)).to_have_text("I am interested in Heftruckchauffeur")
    expect(page.get_by_text("I agree that Transportschool Oss gets my details")).to_be_visible()
    axe()

    # Sent empty: the errors are listed at the top and beside each field.
    page.get_by_role("button", name="Send my interest").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Please correct the following:")
    expect(page.get_by_role("alert").get_by_role("link")).to_have_count(4)
    expect(page.get_by_label("Your name", exact=True)).to_have_attribute("aria-invalid", "true")
    axe()

    _tab_to(page, "Your name")
    page.keyboard.type("Anna de Vries")
    page.keyboard.press("Tab")
    page.keyboard.type("anna@voorbeeld.test")
    page.keyboard.press("Tab")
    page.keyboard.type("06 12345678")
    page.keyboard.press("Tab")
    page.keyboard.type("Oss")
    expect(page.get_by_label("Your municipality", exact=True)).to_have_value("GM0828")
    _tab_to(page, "Your question for the provider (optional)")
    page.keyboard.type("Kan ik in de avond leren?")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name=re.compile("I want help from an adviser"))).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name=re.compile("I agree that Transportschool Oss"))).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send my interest")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{site}/opleidingen/{offer_id}/interesse/bedankt/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you! Your interest is sent.")
    expect(page.get_by_text("An adviser of the Leerwerkloket Noordoost-Brabant also contacts you.")).to_be_visible()
    axe()
    interest = Interest.objects.get(municipality__code="GM0828", phone="0612345678", wants_help=True)
    assert AdviceRequest.objects.get().interest == interest

    [message] = mail.outbox
    match = re.search(r"/intrekken/[\w-]+/", str(message.body))
    assert match, message.body
    page.goto(site + match.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw your interest")
    axe()
    page.get_by_role("button", name="Yes, withdraw my interest").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your interest is withdrawn")
    axe()
    interest.refresh_from_db()
    assert (interest.status, interest.email) == (Interest.Status.WITHDRAWN, "")
    assert [error for error in console_errors if FORM_ERROR_STATUS not in error] == []


def test_a_resident_asks_for_free_advice(site, page: Page, axe, console_errors):
    _serve_noordoost_brabant()
    _in_english(page.context, site)
    page.goto(site + "/leren-en-werken/")
    page.get_by_role("link", name="Ask for free advice").click()
    expect(page).to_have_url(site + "/advies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Free advice about learning and work")
    axe()

    page.get_by_role("button", name="Ask for advice").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the following:")
    axe()

    page.get_by_label("Find other work").check()
    page.get_by_label("I may lose my job").check()
    page.get_by_label("Your municipality", exact=True).select_option(label="Oss")
    page.get_by_label("Phone number", exact=True).fill("0412 123456")
    page.get_by_label("By phone").check()
    page.get_by_label("Anything else you want to tell us (optional)").fill("Mijn fabriek gaat dicht.")
    page.get_by_role("checkbox", name=re.compile("I agree that the Leerwerkloket")).check()
    page.get_by_role("button", name="Ask for advice").click()

    expect(page).to_have_url(site + "/advies/bedankt/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you! Your question is sent.")
    expect(page.get_by_text("An adviser of the Leerwerkloket Noordoost-Brabant calls you.")).to_be_visible()
    axe()
    advice = AdviceRequest.objects.get()
    assert (advice.region_code, advice.phone, advice.goal) == ("AM27", "0412123456", "other_work")
    assert [error for error in console_errors if FORM_ERROR_STATUS not in error] == []


def test_a_resident_outside_the_served_regions_learns_where_to_go(site, page: Page, axe):
    _serve_noordoost_brabant()
    _in_english(page.context, site)
    page.goto(site + "/advies/")
    page.get_by_label("Learn something new").check()
    page.get_by_label("I have a job").check()
    page.get_by_label("Your municipality", exact=True).select_option(label="Groningen")
    page.get_by_label("E-mail address", exact=True).fill("bert@voorbeeld.test")
    page.get_by_label("By e-mail").check()
    page.get_by_role("checkbox", name=re.compile("I agree that the Leerwerkloket")).check()
    page.get_by_role("button", name="Ask for advice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We cannot pass on your question")
    expect(page.get_by_text("national website of the Leerwerkloket")).to_be_visible()
    axe()
    assert not AdviceRequest.objects.exists()
