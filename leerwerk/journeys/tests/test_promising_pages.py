"""The pages of promising occupations: /kansrijke-beroepen/ and /kansrijke-beroepen/<code>/.

The pages are read in English (the language cookie): the texts are this code's own msgids,
so the tests do not wait for the Dutch catalogue."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory
from leerwerk.regions.models import LabourMarketRegion, Municipality
from leerwerk.search.services import rebuild_index
from leerwerk.skills.models import Occupation, PromisingOccupation

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _occupation(label: str, alt_labels: list[str] | None = None) -> Occupation:
    return Occupation.objects.create(
        uri=f"http://data.europa.eu/esco/occupation/test-{label}",
        code="0000",
        isco_group="0000",
        preferred_label=label,
        alt_labels=alt_labels or [],
    )


def _promising(code: str, occupation: Occupation, reason: str, position: int = 1) -> PromisingOccupation:
    return PromisingOccupation.objects.create(
        region=LabourMarketRegion.objects.get(code=code),
        occupation=occupation,
        reason=reason,
        source="Demo: voorbeeld van de regio",
        position=position,
    )


def _offer(title: str, municipality_code: str, **fields):
    offer = OfferFactory(title=title, provider=ProviderFactory(name=f"School {title}"), **fields)
    RunFactory(offer=offer, municipality=Municipality.objects.get(code=municipality_code))
    return offer


@pytest.fixture
def noordoost() -> None:
    """Two promising occupations in Noordoost-Brabant (AM27), one in West-Brabant (AM25),
    and offers in Oss (AM27) and Breda (AM25)."""
    forklift = _occupation("heftruckchauffeur", ["vorkheftruckchauffeur", "heftruckchauffeur"])
    welder = _occupation("lasser", ["lasster"])
    _promising("AM27", forklift, "Distributiecentra zoeken mensen met een heftruckcertificaat.", position=1)
    _promising("AM27", welder, "Metaalbedrijven zoeken lassers.", position=2)
    _promising("AM25", _occupation("kok"), "Restaurants zoeken koks.")
    _offer("Heftruckchauffeur in Oss", "GM0828", sector="logistics")
    _offer("Vorkheftruckchauffeur opleiding", "GM0828", sector="logistics")
    _offer("Heftruckchauffeur in Breda", "GM0758", sector="logistics")
    _offer("Heftruckchauffeur concept", "GM0828", sector="logistics", draft=True)
    _offer("Kok in Breda", "GM0758", sector="hospitality")
    rebuild_index()


def test_a_regions_page_shows_its_occupations_with_the_offers_given_there(english, noordoost):
    response = english.get(reverse("journeys:promising", args=["AM27"]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Promising occupations in Noordoost-Brabant" in content
    assert content.index("Heftruckchauffeur</h2>") < content.index("Lasser</h2>")  # the analysts' order
    assert "Distributiecentra zoeken mensen met een heftruckcertificaat." in content
    assert "Source: Demo: voorbeeld van de regio" in content
    assert "Also called: vorkheftruckchauffeur" in content
    assert "Heftruckchauffeur in Oss" in content
    assert "Vorkheftruckchauffeur opleiding" in content
    assert "Heftruckchauffeur in Breda" not in content  # given in another region
    assert "Heftruckchauffeur concept" not in content  # not public
    assert "Restaurants zoeken koks." not in content  # another region's occupation
    assert 'href="/zoeken/?q=heftruckchauffeur&amp;region=AM27"' in content
    assert "We found no training for this occupation in the region yet." in content  # the welder


def test_an_offer_is_found_by_another_name_of_the_occupation(english):
    # Two-word names are not the search's synonyms of the occupation's name: searched apart.
    _promising("AM27", _occupation("stratenmaker", ["klinkers leggen"]), "Gemeenten zoeken stratenmakers.")
    _offer("Klinkers leggen voor beginners", "GM0828", sector="construction")
    rebuild_index()
    content = english.get(reverse("journeys:promising", args=["AM27"])).content.decode()
    assert "Klinkers leggen voor beginners" in content
    assert 'href="/zoeken/?q=klinkers+leggen&amp;region=AM27"' in content


def test_the_region_code_may_be_written_in_small_letters(english, noordoost):
    assert "Heftruckchauffeur in Oss" in english.get("/kansrijke-beroepen/am27/").content.decode()


def test_a_region_without_promising_occupations_says_so(english):
    content = english.get(reverse("journeys:promising", args=["AM01"])).content.decode()
    assert "have not chosen any promising occupations yet" in content


@pytest.mark.parametrize("code", ["AM99", "XX", "GM0828"])
def test_an_unknown_region_is_not_found(client, code):
    assert client.get(reverse("journeys:promising", args=[code])).status_code == 404


def test_the_page_takes_a_few_queries_whatever_the_number_of_occupations(client, django_assert_max_num_queries):
    for number in range(8):
        _promising("AM27", _occupation(f"beroep{number}"), "Veel vacatures.", position=number)
    rebuild_index()
    with django_assert_max_num_queries(2):
        response = client.get(reverse("journeys:promising", args=["AM27"]))
    assert response.status_code == 200


def test_the_index_lists_the_served_regions_only(english):
    LabourMarketRegion.objects.update(is_served=False)
    LabourMarketRegion.objects.filter(code__in=["AM27", "AM28"]).update(is_served=True)
    content = english.get(reverse("journeys:promising-regions")).content.decode()
    assert f'href="{reverse("journeys:promising", args=["AM27"])}"' in content
    assert f'href="{reverse("journeys:promising", args=["AM28"])}"' in content
    assert content.count('href="/kansrijke-beroepen/AM') == 2


def test_the_residents_page_links_to_the_promising_occupations(client):
    content = client.get(reverse("journeys:residents")).content.decode()
    assert f'href="{reverse("journeys:promising-regions")}"' in content
