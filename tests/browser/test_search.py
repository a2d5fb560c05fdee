"""Searching for training in a real browser: the search box, the filters that update the
results in place (htmx), the keyboard, and the same page without JavaScript.

The pages are read in English (the language cookie): the texts are the code's own msgids."""

import datetime
import re
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory
from leerwerk.regions.models import Municipality
from leerwerk.search.services import rebuild_index


def _catalogue() -> None:
    school = ProviderFactory(name="Transportschool Oss")
    soon = timezone.localdate() + datetime.timedelta(days=20)
    forklift = OfferFactory(provider=school, title="Heftruckchauffeur", level="mbo2", sector="logistics")
    RunFactory(offer=forklift, starts_on=soon, municipality=Municipality.objects.get(code="GM0828"))
    certificate = OfferFactory(
        provider=school, title="Heftruck certificaat", level="mbo3", sector="logistics", delivery="online"
    )
    RunFactory(offer=certificate, anytime=True)
    OfferFactory(provider=school, title="Zorgmedewerker", level="mbo3", sector="care")
    rebuild_index()


def _in_english(context: BrowserContext, site: str) -> None:
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": site}])


def _mark_the_page(page: Page) -> None:
    """A mark on the window that a full page load would wipe out."""
    page.evaluate("window.lwNotReloaded = true")


def _not_reloaded(page: Page) -> bool:
    return bool(page.evaluate("window.lwNotReloaded === true"))


def test_a_resident_searches_and_narrows_the_results_with_a_filter(site, page: Page, axe, console_errors):
    _catalogue()
    _in_english(page.context, site)
    page.goto(site + "/")
    page.get_by_label("What do you want to learn?").fill("heftruck")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=heftruck$"))
    expect(page).to_have_title("Searching for heftruck | Leerwerk")
    expect(page.get_by_role("status")).to_have_text("2 offers found")
    expect(page.get_by_role("heading", level=3)).to_have_count(2)
    expect(page.get_by_role("link", name="Heftruckchauffeur")).to_be_visible()
    axe()

    _mark_the_page(page)
    page.get_by_label("MBO level 2").check()
    expect(page.get_by_role("status")).to_have_text("1 offer found")
    expect(page.get_by_role("heading", level=3)).to_have_text(["Heftruckchauffeur"])
    expect(page).to_have_url(re.compile(r"[?&]level=mbo2(&|$)"))
    expect(page.get_by_label("MBO level 2")).to_be_checked()
    assert _not_reloaded(page)
    axe()

    page.get_by_label("Sort by").select_option("title")
    expect(page).to_have_url(re.compile(r"[?&]sort=title(&|$)"))
    assert _not_reloaded(page)

    page.get_by_label("What do you want to learn?").fill("zorg")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_title("Searching for zorg | Leerwerk")
    expect(page.get_by_role("status")).to_have_text("0 offers found")
    expect(page.get_by_text("Without filters there is 1 offer:")).to_be_visible()
    assert _not_reloaded(page)
    axe()

    page.get_by_role("link", name="remove all filters", exact=True).click()
    expect(page.get_by_role("heading", level=3)).to_have_text(["Zorgmedewerker"])
    axe()
    assert console_errors == []


def test_the_search_box_suggests_words_while_typing(site, page: Page, console_errors):
    _catalogue()
    _in_english(page.context, site)
    page.goto(site + "/zoeken/")
    page.get_by_label("What do you want to learn?").press_sequentially("heft")
    expect(page.locator("#lw-search-suggestions option[value='heftruck']")).to_have_count(1)
    assert console_errors == []


def test_a_keyboard_user_searches_and_filters(site, page: Page, axe):
    _catalogue()
    _in_english(page.context, site)
    page.goto(site + "/zoeken/")
    axe()
    search_box = page.get_by_label("What do you want to learn?")
    _tab_to(page, "#lw-search-q")
    expect(search_box).to_be_focused()
    page.keyboard.type("heftruck")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("2 offers found")
    expect(page).to_have_url(re.compile(r"q=heftruck"))
    axe()

    _tab_to(page, "#lw-level-mbo3")
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_have_text("1 offer found")
    expect(page.get_by_role("heading", level=3)).to_have_text(["Heftruck certificaat"])
    checkbox = page.get_by_label("MBO level 3")
    expect(checkbox).to_be_checked()
    expect(checkbox).to_be_focused()  # htmx gives the focus back to the new checkbox
    axe()


def _tab_to(page: Page, selector: str, *, limit: int = 40) -> None:
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_the_filters_work_without_javascript(site, browser: Browser, browser_context_args: dict[str, Any]):
    _catalogue()
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False, "bypass_csp": True})
    _in_english(context, site)
    page = context.new_page()
    try:
        page.goto(site + "/zoeken/?q=heftruck")
        expect(page.get_by_role("status")).to_have_text("2 offers found")
        page.get_by_label("MBO level 3").check()
        page.get_by_role("button", name="Apply filters").click()
        expect(page).to_have_url(re.compile(r"[?&]level=mbo3(&|$)"))
        expect(page.get_by_role("status")).to_have_text("1 offer found")
        expect(page.get_by_label("MBO level 3")).to_be_checked()
        expect(page.get_by_role("heading", level=3)).to_have_text(["Heftruck certificaat"])
    finally:
        context.close()
