"""The counted click-out /go/offer/<id> to the provider's own page of an offer."""

from unittest import mock

import pytest
from django.urls import reverse

from leerwerk.analytics.models import Event
from leerwerk.analytics.services import discard_events, flush_events
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory

pytestmark = pytest.mark.django_db

OFFER_URL = "https://www.voorbeeld.nl/opleidingen/heftruck?bron=leerwerk"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"


def _click_out(offer_id: int) -> str:
    return reverse("journeys:click-out", args=[offer_id])


def test_the_click_out_sends_the_resident_to_exactly_the_offers_own_address(client):
    offer = OfferFactory(url=OFFER_URL)
    response = client.get(_click_out(offer.pk))
    assert response.status_code == 302
    assert response["Location"] == OFFER_URL


def test_the_click_out_is_counted(client):
    offer = OfferFactory(url=OFFER_URL)
    with mock.patch("leerwerk.journeys.views.record_event") as record_event:
        client.get(_click_out(offer.pk))
    record_event.assert_called_once_with(mock.ANY, "click_out", offer_id=offer.pk)


def test_the_click_out_is_stored_as_a_measurement_event(client):
    offer = OfferFactory(url=OFFER_URL)
    discard_events()
    client.get(_click_out(offer.pk), HTTP_USER_AGENT=BROWSER)
    flush_events()
    assert list(Event.objects.filter(kind=Event.Kind.CLICK_OUT).values_list("offer_id", flat=True)) == [offer.pk]


def test_a_head_request_is_answered_but_not_counted(client):
    offer = OfferFactory(url=OFFER_URL)
    with mock.patch("leerwerk.journeys.views.record_event") as record_event:
        response = client.head(_click_out(offer.pk))
    assert response.status_code == 302
    record_event.assert_not_called()


@pytest.mark.parametrize(
    "query",
    [
        {"next": "https://evil.example/"},
        {"url": "https://evil.example/"},
        {"to": "//evil.example"},
        {"redirect": "javascript:alert(1)"},
    ],
)
def test_no_parameter_can_choose_where_it_leads(client, query):
    offer = OfferFactory(url=OFFER_URL)
    response = client.get(_click_out(offer.pk), query)
    assert response.status_code == 302
    assert response["Location"] == OFFER_URL


@pytest.mark.parametrize(
    "state",
    [
        {"draft": True},
        {"withdrawn": True},
        {"provider": "suspended"},
        {"provider": "applied"},
        {"url": ""},
    ],
)
def test_an_offer_that_is_not_public_or_has_no_address_is_not_found(client, state):
    if "provider" in state:
        state = {"provider": ProviderFactory(**{state["provider"]: True})}
    offer = OfferFactory(**{"url": OFFER_URL, **state})
    with mock.patch("leerwerk.journeys.views.record_event") as record_event:
        response = client.get(_click_out(offer.pk))
    assert response.status_code == 404
    record_event.assert_not_called()


def test_an_unknown_offer_is_not_found(client):
    assert client.get(_click_out(999_999)).status_code == 404


def test_an_address_that_is_not_a_web_address_is_never_a_target(client):
    offer = OfferFactory(url="javascript:alert(1)")  # stored past the form's validation
    assert client.get(_click_out(offer.pk)).status_code == 404


def test_the_click_out_is_never_cached(client):
    offer = OfferFactory(url=OFFER_URL)
    cache_control = client.get(_click_out(offer.pk))["Cache-Control"]
    for directive in ("no-cache", "no-store", "must-revalidate", "private", "max-age=0"):
        assert directive in cache_control


def test_only_reading_is_allowed(client):
    offer = OfferFactory(url=OFFER_URL)
    assert client.post(_click_out(offer.pk)).status_code == 405


def test_the_click_out_takes_one_query(client, django_assert_max_num_queries):
    offer = OfferFactory(url=OFFER_URL)
    with mock.patch("leerwerk.journeys.views.record_event"), django_assert_max_num_queries(1):
        client.get(_click_out(offer.pk))
