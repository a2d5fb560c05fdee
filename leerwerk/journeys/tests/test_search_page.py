"""The search page /zoeken/ and its suggestions, on an index built from the test's offers.

The page is read in English (the language cookie): the texts are this code's own msgids,
so the tests do not wait for the Dutch catalogue."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from leerwerk.analytics.models import Event
from leerwerk.analytics.services import discard_events, flush_events
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory
from leerwerk.journeys.forms import SORT_CHOICES
from leerwerk.regions.models import Municipality
from leerwerk.search.selectors import SORTS
from leerwerk.search.services import rebuild_index

pytestmark = pytest.mark.django_db

SEARCH = reverse("journeys:search")


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def catalogue(db):
    """Two forklift offers, one in care, and 25 Excel courses online (two pages)."""
    oss = Municipality.objects.get(code="GM0828")
    bosch = Municipality.objects.get(code="GM0796")
    school = ProviderFactory(name="Transportschool Oss")
    trainer = ProviderFactory(name="Leerbedrijf Noord", private=True)
    soon = timezone.localdate() + datetime.timedelta(days=20)
    forklift = OfferFactory(
        provider=school, title="Heftruckchauffeur", level="mbo2", sector="logistics", price_cents=45_000
    )
    RunFactory(offer=forklift, starts_on=soon, municipality=oss, schedule="evening")
    certificate = OfferFactory(
        provider=trainer,
        title="Heftruck certificaat",
        level="mbo3",
        sector="logistics",
        delivery="online",
        price_cents=None,
    )
    RunFactory(offer=certificate, anytime=True)
    care = OfferFactory(provider=school, title="Zorgmedewerker", level="mbo3", sector="care", price_cents=0)
    RunFactory(offer=care, municipality=bosch)
    for number in range(25):
        OfferFactory(
            provider=trainer,
            title=f"Excel cursus {number:02d}",
            level="none",
            sector="business",
            delivery="online",
            price_cents=10_000 + number * 1_000,
        )
    rebuild_index()
    return {"forklift": forklift, "certificate": certificate, "care": care}


def _checkbox(content: str, facet: str, value: str) -> str:
    match = re.search(rf'<input [^>]*id="lw-{facet}-{value}"[^>]*>', content)
    assert match, f"no checkbox for {facet}={value}"
    return match.group(0)


def _titles(content: str) -> list[str]:
    return re.findall(r'<h3 class="utrecht-heading-3 lw-search__title"><a [^>]*>([^<]+)</a>', content)


def test_the_text_and_the_filters_in_the_address_give_the_results_and_the_checked_boxes(english, catalogue):
    response = english.get(SEARCH, {"q": "heftruck", "level": "mbo2"})
    content = response.content.decode()
    assert response.status_code == 200
    assert _titles(content) == ["Heftruckchauffeur"]
    assert f'href="{reverse("catalogue:offer", args=[catalogue["forklift"].pk])}"' in content
    assert "checked" in _checkbox(content, "level", "mbo2")
    assert "checked" not in _checkbox(content, "level", "mbo3")
    assert 'value="heftruck"' in content  # the search box keeps the text
    assert "<title>Searching for heftruck | Leerwerk</title>" in content
    assert content.count("<h1") == 1
    assert 'role="status" aria-live="polite">1 offer found</p>' in content


def test_a_result_shows_provider_level_price_and_next_start(english, catalogue):
    content = english.get(SEARCH, {"q": "heftruck"}).content.decode()
    forklift = content[
        content.index(">Heftruckchauffeur<") : content.index("</article>", content.index(">Heftruckchauffeur<"))
    ]
    assert "By Transportschool Oss" in forklift
    assert "MBO level 2" in forklift
    assert "€ 450,-" in forklift
    assert "Oss" in forklift
    assert "Evening" not in forklift  # the part of the day is a filter, not shown per result
    certificate = content[content.index(">Heftruck certificaat<") :]
    certificate = certificate[: certificate.index("</article>")]
    assert "Price on request" in certificate
    assert "Start anytime" in certificate
    assert "Online" in certificate


def test_the_facets_show_their_counts_in_the_vocabularys_order_and_hide_empty_values(english, catalogue):
    content = english.get(SEARCH, {"q": "heftruck"}).content.decode()
    assert 'MBO level 2 <span aria-hidden="true">(1)</span><span class="lw-visually-hidden">, 1 offer</span>' in content
    assert content.index('id="lw-level-mbo2"') < content.index('id="lw-level-mbo3"')
    assert 'id="lw-level-mbo4"' not in content  # no results: not offered as a choice
    assert 'id="lw-sector-care"' not in content
    assert "<legend" in content
    assert 'id="lw-region-AM27"' in content
    # a region's count includes the online offers, which can be followed from anywhere
    assert re.search(r'for="lw-region-AM27">Noordoost-Brabant <span aria-hidden="true">\(2\)</span>', content)


def test_a_chosen_value_without_results_stays_visible_and_checked(english, catalogue):
    content = english.get(SEARCH, {"q": "heftruck", "level": "master"}).content.decode()
    assert "checked" in _checkbox(content, "level", "master")
    assert 'Master <span aria-hidden="true">(0)</span>' in content


def test_the_municipalities_are_the_twelve_with_most_offers_and_the_chosen_ones(english, db):
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True)[:15])
    for rank, code in enumerate(codes):
        for _number in range(15 - rank):
            RunFactory(municipality=Municipality.objects.get(code=code))
    rebuild_index()
    content = english.get(SEARCH).content.decode()
    shown = re.findall(r'id="lw-municipality-(GM\d{4})"', content)
    assert sorted(shown) == sorted(codes[:12])
    content = english.get(SEARCH, {"municipality": codes[14]}).content.decode()
    shown = re.findall(r'id="lw-municipality-(GM\d{4})"', content)
    assert codes[14] in shown
    assert len(shown) == 13


def test_an_htmx_request_gets_only_the_part_that_changes(english, catalogue):
    response = english.get(SEARCH, {"q": "heftruck", "level": "mbo3"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert '<h1 class="utrecht-heading-1">' not in content
    assert content.startswith("<title>Searching for heftruck | Leerwerk</title>")
    assert '<p id="lw-search-status" hx-swap-oob="innerHTML">1 offer found</p>' in content
    assert _titles(content) == ["Heftruck certificaat"]
    assert "checked" in _checkbox(content, "level", "mbo3")
    assert "HX-Request" in response["Vary"]


def test_htmx_restoring_the_history_gets_the_whole_page(english, catalogue):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    content = english.get(SEARCH, {"q": "heftruck"}, headers=headers).content.decode()
    assert "<html" in content
    assert "hx-swap-oob" not in content


def test_the_form_updates_the_results_in_place_with_htmx_and_works_without(english, catalogue):
    content = english.get(SEARCH).content.decode()
    form = re.search(r'<form id="lw-search"[^>]*>', content)
    assert form
    for attribute in (
        f'action="{SEARCH}"',
        'method="get"',
        "novalidate",
        f'hx-get="{SEARCH}"',
        'hx-trigger="change, submit"',
        'hx-target="#lw-search-update"',
        'hx-push-url="true"',
    ):
        assert attribute in form.group(0)
    assert 'id="lw-search-update"' in content
    assert ">Apply filters</button>" in content
    search_box = re.search(r'<input [^>]*id="lw-search-q"[^>]*>', content)
    assert search_box
    assert 'type="search"' in search_box.group(0)
    assert 'list="lw-search-suggestions"' in search_box.group(0)
    assert f'hx-get="{reverse("journeys:suggest")}"' in search_box.group(0)
    assert 'hx-trigger="input changed delay:200ms"' in search_box.group(0)
    assert '<label class="utrecht-form-label" for="lw-search-q">What do you want to learn?</label>' in content


def test_the_pages_of_results_keep_the_whole_search(english, catalogue):
    first = english.get(SEARCH, {"q": "excel", "sector": "business", "sort": "title"}).content.decode()
    assert _titles(first)[:2] == ["Excel cursus 00", "Excel cursus 01"]
    assert len(_titles(first)) == 20
    assert "Page 1 of 2" in first
    assert 'href="?q=excel&amp;sector=business&amp;sort=title&amp;pagina=2"' in first

    second = english.get(SEARCH, {"q": "excel", "sector": "business", "sort": "title", "pagina": "2"}).content.decode()
    assert _titles(second) == [f"Excel cursus {number}" for number in range(20, 25)]
    assert "Page 2 of 2" in second
    assert 'href="?q=excel&amp;sector=business&amp;sort=title&amp;pagina=1"' in second
    assert 'rel="next"' not in second


def test_a_page_beyond_the_last_one_leads_back_to_the_first(english, catalogue):
    content = english.get(SEARCH, {"q": "excel", "pagina": "9"}).content.decode()
    assert _titles(content) == []
    assert 'href="?q=excel">Go to the first page</a>' in content


def test_the_results_can_be_sorted_by_price(english, catalogue):
    content = english.get(SEARCH, {"sector": ["logistics", "care"], "sort": "price"}).content.decode()
    assert _titles(content) == ["Zorgmedewerker", "Heftruckchauffeur", "Heftruck certificaat"]  # free, € 450, unknown
    assert '<option value="price" selected>Price, low to high</option>' in content


def test_with_a_place_chosen_the_page_says_those_held_there_come_first(english, catalogue):
    notice = "First the offers in the region or municipality you chose, then the online ones."
    content = english.get(SEARCH, {"q": "heftruck", "municipality": "GM0828"}).content.decode()
    assert notice in content
    assert _titles(content) == ["Heftruckchauffeur", "Heftruck certificaat"]
    for other in ({"q": "heftruck"}, {"q": "heftruck", "municipality": "GM0828", "sort": "price"}):
        assert notice not in english.get(SEARCH, other).content.decode(), other


def test_a_place_named_at_the_end_of_the_search_comes_first_and_the_page_says_so(english, catalogue):
    content = english.get(SEARCH, {"q": "heftruck oss"}).content.decode()
    assert (
        "First the offers in Oss, then those in the region around it, then the others. "
        "Offers with your search words in their name come before offers that only mention them."
    ) in content
    assert _titles(content) == ["Heftruckchauffeur", "Heftruck certificaat"]  # the one online is not left out
    by_price = english.get(SEARCH, {"q": "heftruck oss", "sort": "price"}).content.decode()
    assert "First the offers in Oss" not in by_price  # that order is by price


def test_without_results_the_page_offers_the_search_without_filters_and_advice(english, catalogue):
    content = english.get(SEARCH, {"q": "heftruck", "level": "master"}).content.decode()
    assert _titles(content) == []
    assert "We found no offers for “heftruck”." in content
    assert (
        'Without filters there are 2 offers: <a class="utrecht-link" href="?q=heftruck">remove all filters</a>'
        in content
    )
    assert f'href="{reverse("journeys:advice")}">Ask for free advice</a>' in content
    assert 'role="status" aria-live="polite">0 offers found</p>' in content


def test_without_results_the_page_offers_a_corrected_spelling(english, catalogue):
    content = english.get(SEARCH, {"q": "heftruk", "level": "master"}).content.decode()
    assert 'Did you mean <a class="utrecht-link" href="?q=heftruck&amp;level=master">heftruck</a>?' in content


def test_a_typo_finds_the_offers_and_suggests_the_spelling(english, catalogue):
    content = english.get(SEARCH, {"q": "heftruk"}).content.decode()
    assert "Heftruck certificaat" in _titles(content)
    assert "We also show offers with words that look like yours." in content
    assert 'href="?q=heftruck">heftruck</a>' in content


def test_unknown_values_in_the_address_are_ignored(english, catalogue):
    response = english.get(
        SEARCH + "?level=phd&level=mbo2&level=mbo2&region=AM99&municipality=GM9999&start=someday"
        "&price=cheap&sort=cheapest&pagina=first&q=" + "heftruck " * 40
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert _titles(content) == ["Heftruckchauffeur"]
    assert "checked" in _checkbox(content, "level", "mbo2")
    assert 'id="lw-level-phd"' not in content


def test_the_suggestions_complete_what_is_typed(english, catalogue):
    response = english.get(reverse("journeys:suggest"), {"q": "heft"})
    content = response.content.decode()
    assert response.status_code == 200
    assert '<option value="heftruck"></option>' in content
    assert "<html" not in content
    assert english.get(reverse("journeys:suggest"), {"q": ""}).content.decode() == ""


def test_the_page_makes_two_queries_however_many_results(english, catalogue, django_assert_max_num_queries):
    for number in range(30):
        RunFactory(offer=OfferFactory(title=f"Lassen {number}"), municipality=Municipality.objects.get(code="GM0828"))
    rebuild_index()
    with django_assert_max_num_queries(2):  # the names of the regions and of the municipalities
        response = english.get(SEARCH, {"q": "lassen", "region": "AM27"})
    assert len(_titles(response.content.decode())) == 20
    with django_assert_max_num_queries(0):
        english.get(reverse("journeys:suggest"), {"q": "las"})


def test_the_page_says_calmly_when_the_search_is_not_ready(english, db):
    response = english.get(SEARCH, {"q": "heftruck"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "We are preparing the search. Please try again in a few minutes." in content
    assert 'aria-live="polite">The search is being prepared.</p>' in content
    assert english.get(reverse("journeys:suggest"), {"q": "heft"}).content.decode() == ""


def test_without_text_the_page_lists_every_offer(english, catalogue):
    content = english.get(SEARCH).content.decode()
    assert "<title>Find training | Leerwerk</title>" in content
    assert "28 offers found" in content


def test_the_sort_choices_are_the_searchs_own():
    assert [code for code, _label in SORT_CHOICES] == list(SORTS)


@pytest.mark.parametrize("url_name", ["journeys:home", "journeys:residents"])
def test_the_entrances_have_a_search_box_that_leads_to_the_search(english, url_name):
    content = english.get(reverse(url_name)).content.decode()
    form = re.search(r'<form [^>]*role="search"[^>]*>', content)
    assert form
    assert f'action="{SEARCH}"' in form.group(0)
    assert 'method="get"' in form.group(0)
    assert 'type="search"' in content
    assert 'name="q"' in content


def test_the_main_menu_leads_to_the_search(english):
    content = english.get(reverse("journeys:home")).content.decode()
    assert f'href="{SEARCH}">Find training</a>' in content


def test_a_search_is_measured_with_its_text_and_filters_but_not_its_next_pages(english, catalogue):
    discard_events()
    browser = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}  # not a robot
    english.get(SEARCH, {"q": "heftruck", "region": "AM27", "level": ["mbo2", "mbo3"]}, headers=browser)
    english.get(SEARCH, {"q": "heftruck", "pagina": "2"}, headers=browser)
    flush_events()
    searches = list(Event.objects.filter(kind=Event.Kind.SEARCH))
    assert [(event.query, event.region_code) for event in searches] == [("heftruck", "AM27")]
    assert searches[0].filters == {"level": ["mbo2", "mbo3"], "region": ["AM27"]}
