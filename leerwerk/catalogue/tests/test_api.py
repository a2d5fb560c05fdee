"""The catalogue's REST API: public reads, and the provider API with its token."""

import pytest

from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.services import create_token, revoke_token
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def _bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def provider_with_key():
    provider = ProviderFactory()
    _token, key = create_token(provider=provider, name="feed", created_by=None)
    return provider, key


BODY = {
    "title": "Heftruckcertificaat",
    "description": "Je leert veilig rijden met een vorkheftruck en haalt het certificaat.",
    "level": "none",
    "sector": "logistics",
    "delivery": "classroom",
    "price": "395.00",
    "funding_options": ["employer", "uwv"],
    "runs": [{"starts_on": "2027-03-01", "municipality": "GM0828", "schedule": "evening", "seats": 8}],
}


def test_an_offer_is_read_with_its_runs(client, django_assert_max_num_queries):
    offer = OfferFactory()
    RunFactory(offer=offer)
    RunFactory(offer=offer, anytime=True)
    with django_assert_max_num_queries(4):
        body = client.get(f"/api/v1/offers/{offer.pk}").json()
    assert body["title"] == offer.title
    assert len(body["runs"]) == 2


def test_an_offer_that_is_not_public_is_a_404(client):
    offer = OfferFactory(provider=ProviderFactory(suspended=True))
    response = client.get(f"/api/v1/offers/{offer.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_providers_are_listed_and_read(client):
    provider = ProviderFactory(name="ROC Test")
    OfferFactory(provider=provider)
    ProviderFactory(applied=True)
    assert [p["name"] for p in client.get("/api/v1/providers").json()["results"]] == ["ROC Test"]
    body = client.get(f"/api/v1/providers/{provider.pk}").json()
    assert body["offer_count"] == 1


def test_a_provider_creates_and_replaces_an_offer_with_its_key(client, provider_with_key):
    provider, key = provider_with_key
    url = f"/api/v1/providers/{provider.pk}/offers/HEF-1"

    created = client.put(url, BODY, content_type="application/json", **_bearer(key))
    assert created.status_code == 201
    assert created.json()["price_cents"] == 39_500
    offer = Offer.objects.get(provider=provider, external_id="HEF-1")
    assert (offer.source, offer.status, offer.runs.get().municipality.code) == ("api", "published", "GM0828")

    same = client.put(url, BODY, content_type="application/json", **_bearer(key))
    assert same.status_code == 200
    assert Offer.objects.get(pk=offer.pk).last_changed_at == offer.last_changed_at

    replaced = client.put(url, {**BODY, "runs": []}, content_type="application/json", **_bearer(key))
    assert replaced.status_code == 200
    assert offer.runs.count() == 0
    assert client.get(url, **_bearer(key)).json()["title"] == "Heftruckcertificaat"


def test_a_wrong_body_is_a_problem_400_that_changes_nothing(client, provider_with_key):
    provider, key = provider_with_key
    body = {
        **BODY,
        "level": "mbo9",
        "runs": [{"starts_on": "2027-03-01", "ends_on": "2027-01-01", "municipality": "GM9999"}],
    }
    response = client.put(
        f"/api/v1/providers/{provider.pk}/offers/X", body, content_type="application/json", **_bearer(key)
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    names = {param["name"] for param in response.json()["invalid-params"]}
    assert names == {"level"}
    body = {**BODY, "runs": [{"starts_on": "2027-03-01", "ends_on": "2027-01-01", "municipality": "GM9999"}]}
    response = client.put(
        f"/api/v1/providers/{provider.pk}/offers/X", body, content_type="application/json", **_bearer(key)
    )
    names = {param["name"] for param in response.json()["invalid-params"]}
    assert names == {"runs[0].municipality", "runs[0].ends_on"}
    assert not Offer.objects.filter(provider=provider).exists()


def test_a_provider_withdraws_an_offer(client, provider_with_key):
    provider, key = provider_with_key
    offer = OfferFactory(provider=provider, external_id="W-1")
    response = client.delete(f"/api/v1/providers/{provider.pk}/offers/W-1", **_bearer(key))
    assert response.status_code == 204
    offer.refresh_from_db()
    assert offer.status == "withdrawn"
    assert client.delete(f"/api/v1/providers/{provider.pk}/offers/none", **_bearer(key)).status_code == 404


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_without_a_valid_key_the_provider_api_answers_401(client, provider_with_key, method):
    provider, _key = provider_with_key
    url = f"/api/v1/providers/{provider.pk}/offers/HEF-1"
    for headers in ({}, _bearer("lw_wrong"), {"HTTP_AUTHORIZATION": "Bearer"}):
        response = getattr(client, method)(url, **headers)
        assert response.status_code == 401, headers
        assert response["Content-Type"] == PROBLEM
        assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_key_stops_working(client, provider_with_key):
    provider, key = provider_with_key
    revoke_token(token=provider.tokens.get())
    response = client.put(
        f"/api/v1/providers/{provider.pk}/offers/HEF-1", BODY, content_type="application/json", **_bearer(key)
    )
    assert response.status_code == 401


def test_a_key_works_only_for_its_own_provider(client, provider_with_key):
    _provider, key = provider_with_key
    other = ProviderFactory()
    response = client.put(
        f"/api/v1/providers/{other.pk}/offers/HEF-1", BODY, content_type="application/json", **_bearer(key)
    )
    assert response.status_code == 403
    assert not Offer.objects.filter(provider=other).exists()
