"""The residents' pages on a small phone (360 × 740 CSS pixels): nothing scrolls sideways,
the page's key controls lie within the screen's width, and axe finds no problems. A
screenshot of the whole page is saved with each test (its path is in the messages), to
look at when a check fails. Dutch pages (the site's default), with the demo catalogue."""

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from leerwerk.catalogue.models import Offer
from leerwerk.search.services import rebuild_index

WIDTH, HEIGHT = 360, 740

# Each page and the controls a resident needs on it.
PAGES: dict[str, tuple[str, list[str]]] = {
    "residents": (
        "/leren-en-werken/",
        ["#lw-search-q", ".lw-search-entry button[type=submit]", "a[href='/advies/']", "#id_gemeente"],
    ),
    "search": (
        "/zoeken/?q=heftruck",
        ["#lw-search-q", ".lw-search__button", ".lw-search__filters button", "#id_sort", ".lw-search__hits a"],
    ),
    "offer": (
        "/opleidingen/{offer}/",
        ["a[href$='/interesse/']", "a[href^='/go/offer/']", ".utrecht-table__container"],
    ),
    "interest": (
        "/opleidingen/{offer}/interesse/",
        ["#id_name", "#id_email", "#id_phone", "#id_municipality", "#id_postcode", "#id_question", "#id_consent"],
    ),
    "advice": (
        "/advies/",
        ["#id_goal_0", "#id_situation_0", "#id_municipality", "#id_email", "#id_contact_by_1", "#id_consent"],
    ),
    "login link": ("/mijn/inloggen/", ["#id_email", "main button[type=submit]"]),
}


@pytest.fixture
def offer_id(site: str) -> int:
    """The demo catalogue, indexed; an offer with start dates in a table."""
    call_command("seed_demo", stdout=io.StringIO())
    rebuild_index()
    offer = Offer.objects.filter(title__startswith="Heftruckcertificaat", runs__isnull=False).earliest("pk")
    return int(offer.pk)


@pytest.mark.parametrize("name", PAGES)
def test_the_page_fits_a_small_phone(site, offer_id, page: Page, axe: Callable[[], None], tmp_path: Path, name):
    path, controls = PAGES[name]
    controls = [*controls, "main button[type=submit]"] if name in ("interest", "advice") else controls
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(site + path.format(offer=offer_id))
    expect(page.locator("h1")).to_be_visible()
    screenshot = tmp_path / f"{name.replace(' ', '-')}-{WIDTH}px.png"
    page.screenshot(path=str(screenshot), full_page=True)

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= WIDTH, f"{name} scrolls sideways ({scroll_width} px wide); see {screenshot}"
    for selector in controls:
        control = page.locator(selector).first
        expect(control).to_be_visible()
        box = control.bounding_box()
        assert box is not None, f"{selector} is not laid out on {name}; see {screenshot}"
        assert box["x"] >= 0, f"{selector} starts left of the screen on {name}: {box}; see {screenshot}"
        right = box["x"] + box["width"]
        assert right <= WIDTH, f"{selector} ends right of the screen on {name}: {box}; see {screenshot}"
    axe()
