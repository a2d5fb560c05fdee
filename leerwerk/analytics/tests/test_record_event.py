"""`record_event`, the function other apps call: what it keeps of a search, the region
and the offer, and what it refuses."""

import pytest
from django.test import RequestFactory

from leerwerk.analytics.models import Event
from leerwerk.analytics.services import flush_events, record_event

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36"


def _request(path="/zoeken/", **extra):
    return RequestFactory().get(path, **{"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "192.0.2.50", **extra})


def _event():
    flush_events()
    return Event.objects.get()


def test_a_search_keeps_its_query_and_filters_without_personal_data(clock):
    record_event(
        _request("/zoeken/?q=lassen"),
        "search",
        query="lassen jan@example.nl 5211 AB 0612345678",
        filters={"niveau": ["mbo-2", "mbo-3"], "plaats": "Oss", "pagina": 2, "raar": object()},
    )

    event = _event()
    assert event.kind == Event.Kind.SEARCH
    assert event.path == "/zoeken/"
    assert event.query == "lassen [e-mail] [postcode] [number]"
    assert event.filters == {"niveau": ["mbo-2", "mbo-3"], "plaats": "Oss", "pagina": 2}


def test_only_a_search_keeps_a_query(clock):
    record_event(_request("/opleidingen/7/"), Event.Kind.OFFER_VIEW, offer_id=7, query="lassen", filters={"a": "b"})

    event = _event()
    assert (event.offer_id, event.query, event.filters) == (7, "", {})


def test_the_region_is_kept_and_carried_to_the_visitors_later_events(clock):
    record_event(_request(), Event.Kind.SEARCH, region_code="AM27")
    record_event(_request("/opleidingen/7/"), Event.Kind.CLICK_OUT, offer_id=7)
    flush_events()

    assert list(Event.objects.order_by("id").values_list("kind", "region_code")) == [
        ("search", "AM27"),
        ("click_out", "AM27"),
    ]


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="purchase"):
        record_event(_request(), "purchase")


@pytest.mark.parametrize("browser", ["", "Googlebot/2.1", "curl/8.5.0", "python-requests/2.32"])
def test_bots_are_not_counted(browser):
    request = RequestFactory().get("/", HTTP_USER_AGENT=browser)
    record_event(request, Event.Kind.PAGE_VIEW)
    record_event(_request(), Event.Kind.PAGE_VIEW)  # the control

    assert flush_events() == 1


def test_the_client_address_is_the_one_axes_resolves_so_a_forged_header_changes_nothing(clock):
    """Axes (with PROXY_COUNT) decides the client address for the lockout; the hash uses
    the same. By default that is REMOTE_ADDR, so X-Forwarded-For cannot make new visitors."""
    record_event(_request(HTTP_X_FORWARDED_FOR="203.0.113.5"), Event.Kind.PAGE_VIEW)
    record_event(_request(HTTP_X_FORWARDED_FOR="203.0.113.6"), Event.Kind.PAGE_VIEW)
    record_event(_request(REMOTE_ADDR="192.0.2.51"), Event.Kind.PAGE_VIEW)
    flush_events()

    first, second, third = Event.objects.order_by("id")
    assert first.visitor == second.visitor
    assert third.visitor != first.visitor
