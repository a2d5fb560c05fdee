"""`GET /api/v1/offers`: search with filters and facets; wrong parameters are a 400 problem."""

import pytest

from leerwerk.catalogue.tests.factories import OfferFactory, RunFactory
from leerwerk.regions.models import Municipality
from leerwerk.search.services import rebuild_index

PROBLEM = "application/problem+json"


@pytest.fixture
def catalogue(db):
    den_bosch = Municipality.objects.get(code="GM0796")
    heftruck = OfferFactory(title="Heftruck rijden", level="none", sector="logistics", price_cents=39_500)
    RunFactory(offer=heftruck, municipality=den_bosch, schedule="evening")
    OfferFactory(title="Heftruck online theorie", level="none", sector="logistics", delivery="online", price_cents=0)
    OfferFactory(title="Verzorgende IG", level="mbo3", sector="care", price_cents=None)
    rebuild_index()


def test_search_returns_results_with_runs_and_facets(client, catalogue, django_assert_num_queries):
    with django_assert_num_queries(0):  # the index alone answers
        response = client.get("/api/v1/offers", {"q": "heftruck", "sort": "price"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [hit["title"] for hit in body["results"]] == ["Heftruck online theorie", "Heftruck rijden"]
    assert body["results"][1]["runs"][0]["place"] == "'s-Hertogenbosch"
    levels = {item["value"]: item["count"] for item in body["facets"]["level"]}
    assert levels == {"none": 2}
    assert body["with_typos"] is False


def test_repeated_parameters_are_alternatives(client, catalogue):
    body = client.get("/api/v1/offers?level=none&level=mbo3").json()
    assert body["count"] == 3
    body = client.get("/api/v1/offers?level=mbo3&price=unknown").json()
    assert [hit["title"] for hit in body["results"]] == ["Verzorgende IG"]


def test_a_place_filter_includes_online_offers_after_those_held_there(client, catalogue):
    body = client.get("/api/v1/offers", {"q": "heftruck", "municipality": "GM0796"}).json()
    assert [hit["title"] for hit in body["results"]] == ["Heftruck rijden", "Heftruck online theorie"]
    body = client.get("/api/v1/offers", {"q": "heftruck", "municipality": "GM0014"}).json()
    assert [hit["title"] for hit in body["results"]] == ["Heftruck online theorie"]


def test_offers_held_in_the_chosen_place_come_before_online_ones_that_match_better(client, db):
    """The issue: "offers with a run in the chosen region or municipality first". An online
    offer with the word in its title (which scores three times the text) comes after one
    held there that has it only in its text."""
    in_text = OfferFactory(
        title="Praktijkopleiding logistiek", description="Met heftruck rijden.", delivery="classroom"
    )
    RunFactory(offer=in_text, municipality=Municipality.objects.get(code="GM0796"))
    OfferFactory(title="Heftruck", description="Heftruck theorie, online.", delivery="online")
    rebuild_index()
    everywhere = client.get("/api/v1/offers", {"q": "heftruck"}).json()
    assert [hit["title"] for hit in everywhere["results"]] == ["Heftruck", "Praktijkopleiding logistiek"]
    for place in ({"municipality": "GM0796"}, {"region": "AM27"}):
        body = client.get("/api/v1/offers", {"q": "heftruck", **place}).json()
        assert [hit["title"] for hit in body["results"]] == ["Praktijkopleiding logistiek", "Heftruck"], place
        assert body["named_places"] == []
    # A place named in the text is a wish, not a choice: an offer titled with the words
    # comes before one held there that only mentions them (query.place_preference).
    named = client.get("/api/v1/offers", {"q": "heftruck den bosch"}).json()
    assert [hit["title"] for hit in named["results"]] == ["Heftruck", "Praktijkopleiding logistiek"]
    assert named["named_places"] == ["'s-Hertogenbosch"]


def test_paging(client, catalogue):
    body = client.get("/api/v1/offers", {"page_size": 2, "page": 2, "sort": "title"}).json()
    assert (body["count"], body["page"], body["pages"]) == (3, 2, 2)
    assert [hit["title"] for hit in body["results"]] == ["Verzorgende IG"]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("level=phd", "level"),
        ("region=Brabant", "region"),
        ("municipality=0796", "municipality"),
        ("sort=cheapest", "sort"),
        ("page=0", "page"),
        ("page_size=1000", "page_size"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_a_wrong_parameter_is_a_problem(client, catalogue, query, name):
    response = client.get(f"/api/v1/offers?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert name in [item["name"].split(".")[0] for item in response.json()["invalid-params"]]


def test_without_an_index_the_search_is_unavailable_for_a_moment(client, db):
    OfferFactory(title="Heftruck rijden")
    response = client.get("/api/v1/offers", {"q": "heftruck"})
    assert response.status_code == 503
    assert response["Content-Type"] == PROBLEM
    assert response["Retry-After"] == "60"
    assert response.json()["title"] == "Zoeken is nog niet beschikbaar"
