"""The middleware: which requests count as a page view, the campaign kept for the visit,
and the `lw_seen` cookie, the only cookie it sets."""

import datetime

import pytest
from django.conf import settings

from leerwerk.analytics.models import Event
from leerwerk.analytics.services import flush_events

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def visitor(client):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    client.defaults["REMOTE_ADDR"] = "198.51.100.23"
    return client


def _events():
    flush_events()
    return list(Event.objects.filter(kind=Event.Kind.PAGE_VIEW).order_by("id"))  # the middleware's own


def test_a_page_view_is_recorded_with_its_campaign_and_entrance(visitor, clock):
    response = visitor.get("/leren-en-werken/?utm_source=nieuwsbrief&utm_medium=email&utm_campaign=voorjaar&x=1")

    assert response.status_code == 200
    [event] = _events()
    assert event.kind == Event.Kind.PAGE_VIEW
    assert event.path == "/leren-en-werken/"
    assert event.entrance == Event.Entrance.RESIDENTS
    assert (event.campaign_source, event.campaign_medium, event.campaign_name) == ("nieuwsbrief", "email", "voorjaar")
    assert event.day == clock.today
    assert event.is_repeat is False


def test_the_campaign_and_entrance_stay_with_the_visitor_for_the_rest_of_the_day(visitor, client, clock):
    visitor.get("/werkgevers/?utm_source=linkedin&utm_medium=social&utm_campaign=bbl")
    visitor.get("/zoeken/")
    other = client.__class__(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.9")
    other.get("/zoeken/")

    first, later, stranger = _events()
    assert later.visitor == first.visitor
    assert (later.campaign_source, later.campaign_medium, later.campaign_name) == ("linkedin", "social", "bbl")
    assert later.entrance == Event.Entrance.EMPLOYERS
    assert stranger.visitor != first.visitor
    assert (stranger.campaign_source, stranger.entrance) == ("", "")


def test_a_long_campaign_value_is_cut_to_100_characters(visitor, clock):
    visitor.get("/?utm_source=" + "a" * 300)

    [event] = _events()
    assert event.campaign_source == "a" * 100


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/api/v1/regions", {}),
        ("/static/leerwerk/site.css", {}),
        ("/werkplek/metingen/", {}),
        ("/account/login/", {}),
        ("/beheer/login/", {}),
        ("/health", {}),
        ("/zoeken/", {"HTTP_HX_REQUEST": "true"}),
        ("/", {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}),
        ("/bestaat-niet/", {}),
    ],
)
def test_no_page_view_is_recorded_outside_the_public_pages(visitor, clock, path, headers):
    visitor.get(path, **headers)
    visitor.get("/")  # the control: this one counts

    assert [event.path for event in _events()] == ["/"]


def test_a_post_is_not_a_page_view(visitor, clock):
    visitor.post("/zoeken/")

    assert _events() == []


def test_the_seen_cookie_holds_only_todays_date(visitor, clock):
    response = visitor.get("/")

    cookie = response.cookies["lw_seen"]
    assert cookie.value == clock.today.isoformat() == "2025-03-10"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 360 * 24 * 60 * 60


@pytest.mark.parametrize("header", [{"HTTP_DNT": "1"}, {"HTTP_SEC_GPC": "1"}])
def test_no_seen_cookie_for_a_browser_that_asks_not_to_be_tracked(visitor, clock, header):
    visitor.cookies["lw_seen"] = "2025-03-01"
    response = visitor.get("/", **header)

    assert "lw_seen" not in response.cookies
    [event] = _events()
    assert event.is_repeat is False  # the old cookie is not read either


def test_an_anonymous_visitor_gets_no_cookie_but_lw_seen_and_the_functional_ones(visitor, clock):
    cookies = set()
    for path in ("/", "/leren-en-werken/", "/werkgevers/", "/zoeken/?q=lassen", "/regios/"):
        response = visitor.get(path)
        assert response.status_code == 200
        cookies |= set(response.cookies)

    assert "lw_seen" in cookies
    assert cookies - {"lw_seen"} <= {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    assert settings.SESSION_COOKIE_NAME not in cookies


def test_a_return_on_a_later_day_is_a_repeat_visit(visitor, clock):
    visitor.get("/")
    visitor.get("/zoeken/")  # the same day: the cookie says today, not a repeat
    clock.next_day()
    response = visitor.get("/")
    visitor.get("/zoeken/")  # later that day: still the repeat visit

    assert response.cookies["lw_seen"].value == "2025-03-11"
    assert [event.is_repeat for event in _events()] == [False, False, True, True]


def test_a_malformed_seen_cookie_is_ignored(visitor, clock):
    visitor.cookies["lw_seen"] = "gisteren"
    response = visitor.get("/")

    assert response.cookies["lw_seen"].value == "2025-03-10"
    [event] = _events()
    assert event.is_repeat is False


def test_the_cookie_is_not_set_again_the_same_day(visitor, clock):
    visitor.cookies["lw_seen"] = datetime.date(2025, 3, 10).isoformat()

    assert "lw_seen" not in visitor.get("/").cookies


def test_nothing_is_recorded_when_measurement_is_switched_off(visitor, clock, settings):
    settings.ANALYTICS_ENABLED = False
    response = visitor.get("/")

    assert "lw_seen" not in response.cookies
    assert _events() == []
