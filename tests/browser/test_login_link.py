"""A resident asks for a login link, opens it from the mail and logs in with the button."""

import re
from urllib.parse import urlsplit

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


def _my_page() -> str:
    try:
        return reverse("journeys:my_page")
    except NoReverseMatch:
        return "/"


def test_a_resident_logs_in_with_a_link_from_the_mail(site, page: Page, axe, mailoutbox):
    page.goto(site + "/mijn/inloggen/")
    expect(page).to_have_title(f"{_nl('Log in with an e-mail link')} | Leerwerk")
    axe()

    page.get_by_label(_nl("E-mail address")).fill("bewoner@voorbeeld.test")
    page.get_by_role("button", name=_nl("Send me a link")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("Check your e-mail"))
    axe()

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/mijn/inloggen/\S+", mailoutbox[0].body)
    assert link is not None
    path = urlsplit(link.group(0)).path

    page.goto(site + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("Log in to Leerwerk"))
    expect(page.get_by_role("link", name=_nl("Partner login")).first).to_be_visible()  # not logged in yet
    axe()

    page.get_by_role("button", name=_nl("Log in"), exact=True).click()
    expect(page).to_have_url(site + _my_page())
    # The residents' page is the journeys app's (and its tests'); the account page shows who is logged in.
    page.goto(site + "/account/")
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("My account"))
    expect(page.get_by_text("bewoner@voorbeeld.test")).to_be_visible()

    page.goto(site + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("This login link does not work"))
    expect(page.get_by_role("alert")).to_contain_text(_nl("The link has already been used: a link works only once."))
    axe()
