"""The residents' pages work without JavaScript: a search narrowed with a filter, and a
request for free advice sent (after a first try with a mistake). The browser runs no
scripts at all, so every step is a plain link or form. Dutch pages (the site's default),
with the demo catalogue."""

import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import Browser, Page, expect

from leerwerk.journeys.models import AdviceRequest
from leerwerk.search.services import rebuild_index


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


def _found(count: int) -> str:
    with translation.override("nl"):
        return ngettext("%(counter)s offer found", "%(counter)s offers found", count) % {"counter": count}


@pytest.fixture
def no_script_page(site: str, browser: Browser, browser_context_args: dict[str, Any]):  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())
    rebuild_index()
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    page = context.new_page()
    yield page
    context.close()


def _status_count(page: Page) -> int:
    match = re.search(r"\d+", page.get_by_role("status").inner_text())
    assert match, page.get_by_role("status").inner_text()
    return int(match.group(0))


def test_a_search_is_narrowed_with_a_filter_without_javascript(site, no_script_page: Page):
    page = no_script_page
    page.goto(site + "/leren-en-werken/")
    page.get_by_label(_nl("What do you want to learn?")).fill("heftruck")
    page.get_by_role("button", name=_nl("Search"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=heftruck$"))
    everything = _status_count(page)
    assert everything > 1

    evenings = page.get_by_role("checkbox", name=re.compile(_nl("Evening")))
    evenings.check()
    page.get_by_role("button", name=_nl("Apply filters")).click()
    expect(page).to_have_url(re.compile(r"[?&]schedule=evening(&|$)"))
    expect(page.get_by_role("checkbox", name=re.compile(_nl("Evening")))).to_be_checked()
    narrowed = _status_count(page)
    assert 0 < narrowed < everything
    expect(page.get_by_role("status")).to_have_text(_found(narrowed))
    expect(page.locator(".lw-search__hits > li")).to_have_count(min(narrowed, 20))

    page.get_by_role("link", name=_nl("Remove all filters")).click()
    expect(page.get_by_role("status")).to_have_text(_found(everything))


def test_a_request_for_free_advice_is_sent_without_javascript(site, no_script_page: Page):
    page = no_script_page
    page.goto(site + "/leren-en-werken/")
    page.get_by_role("link", name=_nl("Ask for free advice")).click()
    expect(page).to_have_url(site + "/advies/")

    page.get_by_role("button", name=_nl("Ask for advice")).click()  # empty: the errors come back
    expect(page.get_by_role("alert")).to_contain_text(_nl("Please correct the following:"))

    page.get_by_label(_nl("Find work again")).check()
    page.get_by_label(_nl("I am looking for work")).check()
    page.get_by_label(_nl("Your municipality"), exact=True).select_option(label="Oss")
    page.get_by_label(_nl("Phone number"), exact=True).fill("0412 123456")
    page.get_by_label(_nl("By phone")).check()
    page.get_by_role("checkbox", name=re.compile("Leerwerkloket")).check()  # the consent, the form's only checkbox
    page.get_by_role("button", name=_nl("Ask for advice")).click()

    expect(page).to_have_url(site + "/advies/bedankt/")
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("Thank you! Your question is sent."))
    advice = AdviceRequest.objects.get(phone="0412123456")
    assert (advice.goal, advice.region_code, advice.phone, advice.contact_by) == (
        "work_again",
        "AM27",
        "0412123456",
        "phone",
    )
