"""The residents' journeys with the keyboard only: from the residents' page through the
search to an offer and "Ik heb interesse", and from the search to a request for free
advice. Only page.keyboard is used (Tab, Shift+Tab, Enter, Space, typing): no clicks and
no filling of located fields. At every step the focus must be visible, the skip link
must work, and axe checks every page on the way. The demo catalogue is the data; the
pages are in Dutch (the site's default), their texts read from the catalogue."""

import io
import re
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import Page, expect

from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.search.services import rebuild_index

MAX_TABS = 120  # the search page has some 30 filters before its results

# The focused element, and whether its focus can be seen: the browser says it shows the
# focus (:focus-visible) and the element has an outline of 2 px or more, or a box shadow.
FOCUS = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow !== "none" && !/^rgba\\(0, 0, 0, 0\\) 0px 0px 0px 0px$/.test(style.boxShadow);
  return {
    element: `${element.tagName.toLowerCase()}#${element.id} ${(element.innerText || element.name || "").slice(0, 40)}`,
    visible: element.matches(":focus-visible") && (outline || shadow),
  };
}"""


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


def _nl_found(count: int) -> str:
    with translation.override("nl"):
        return ngettext("%(counter)s offer found", "%(counter)s offers found", count) % {"counter": count}


@pytest.fixture
def demo(site):  # type: ignore[no-untyped-def]
    """The demo catalogue, its regions served, and the search index built from it."""
    call_command("seed_demo", stdout=io.StringIO())
    rebuild_index()
    return site


def _focus_is_visible(page: Page) -> str:
    focus = page.evaluate(FOCUS)
    assert focus["visible"], f"the focus on {focus['element']} cannot be seen on {page.url}"
    return str(focus["element"])


def _press(page: Page, key: str) -> None:
    """Press a key that moves the focus, and check that the new focus can be seen."""
    page.keyboard.press(key)
    _focus_is_visible(page)


def _tab_to(page: Page, selector: str) -> None:
    """Tab until the element matching `selector` has the focus; the focus must be visible
    on every element passed on the way."""
    for _press_number in range(MAX_TABS):
        _press(page, "Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"Tab never reached {selector} on {page.url}")


def _skip_to_content(page: Page) -> None:
    """The first Tab shows the skip link; Enter puts the focus on the main content."""
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=_nl("Skip to main content"))
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    _focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_resident_finds_an_offer_and_shows_interest_with_the_keyboard_only(demo, page: Page, axe: Callable[[], None]):
    page.goto(demo + "/leren-en-werken/")
    axe()
    _skip_to_content(page)

    # The residents' page: the search box, then the search.
    _tab_to(page, "#lw-search-q")
    page.keyboard.type("heftruck")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=heftruck$"))
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\d+"))
    axe()

    # The search page: past the filters to the first result, and open it.
    _skip_to_content(page)
    _tab_to(page, ".lw-search__hits a")
    title = page.evaluate("document.activeElement.innerText")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    axe()

    # The offer page: "Ik heb interesse".
    _skip_to_content(page)
    _tab_to(page, "a[href$='/interesse/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/opleidingen/\d+/interesse/$"))
    axe()

    # The form, field by field.
    _skip_to_content(page)
    _tab_to(page, "#id_name")
    page.keyboard.type("Anna de Vries")
    _press(page, "Tab")
    page.keyboard.type("anna@voorbeeld.test")
    _press(page, "Tab")
    page.keyboard.type("06 12345678")
    _press(page, "Tab")
    page.keyboard.type("Oss")  # a list takes the typed name of its option
    expect(page.locator("#id_municipality")).to_have_value("GM0828")
    _tab_to(page, "#id_question")
    page.keyboard.type("Kan ik in de avond leren?")
    _press(page, "Tab")
    page.keyboard.press("Space")
    expect(page.locator("#id_wants_help")).to_be_checked()
    _press(page, "Tab")
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    _press(page, "Tab")
    expect(page.locator("button[type=submit]").last).to_be_focused()
    _press(page, "Shift+Tab")  # back to the consent, and on again
    expect(page.locator("#id_consent")).to_be_focused()
    _press(page, "Tab")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/opleidingen/\d+/interesse/bedankt/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("Thank you! Your interest is sent."))
    axe()
    _skip_to_content(page)
    interest = Interest.objects.get()
    assert (interest.offer.title, interest.phone, interest.wants_help) == (title, "0612345678", True)
    assert interest.municipality is not None
    assert interest.municipality.code == "GM0828"


def test_a_resident_finds_nothing_and_asks_for_free_advice_with_the_keyboard_only(
    demo, page: Page, axe: Callable[[], None]
):
    page.goto(demo + "/zoeken/")
    axe()
    _skip_to_content(page)

    # Nothing for what they look for: the search offers free advice.
    _tab_to(page, "#lw-search-q")
    page.keyboard.type("astronaut")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text(_nl_found(0))
    axe()
    _tab_to(page, "a[href='/advies/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(demo + "/advies/")
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("Free advice about learning and work"))
    axe()

    # The form: a group of radio buttons is one Tab stop; Space chooses the option in focus.
    _skip_to_content(page)
    _tab_to(page, "#id_goal_0")
    page.keyboard.press("Space")
    _tab_to(page, "#id_situation_0")
    page.keyboard.press("Space")
    _press(page, "Tab")
    page.keyboard.type("Oss")
    expect(page.locator("#id_municipality")).to_have_value("GM0828")
    _tab_to(page, "#id_name")
    page.keyboard.type("Bert")
    _press(page, "Tab")
    page.keyboard.type("bert@voorbeeld.test")
    _tab_to(page, "#id_contact_by_0")
    page.keyboard.press("Space")
    _press(page, "Tab")
    page.keyboard.type("Mijn fabriek gaat dicht.")
    _press(page, "Tab")
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    _press(page, "Tab")
    page.keyboard.press("Enter")

    expect(page).to_have_url(demo + "/advies/bedankt/")
    expect(page.get_by_role("heading", level=1)).to_have_text(_nl("Thank you! Your question is sent."))
    axe()
    advice = AdviceRequest.objects.get(email="bert@voorbeeld.test")
    assert (advice.goal, advice.situation, advice.region_code) == ("learn", "employed", "AM27")
    assert (advice.email, advice.contact_by) == ("bert@voorbeeld.test", "email")
    assert advice.message == "Mijn fabriek gaat dicht."
