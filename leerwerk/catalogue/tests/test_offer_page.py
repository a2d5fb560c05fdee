"""The public offer page /opleidingen/<id>/ for residents.

The page is read in English (the language cookie): the texts are this code's own msgids,
so the tests do not wait for the Dutch catalogue."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from leerwerk.analytics.models import Event
from leerwerk.analytics.services import discard_events, flush_events
from leerwerk.catalogue.models import Recognition
from leerwerk.catalogue.selectors import list_related_offers
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RecognitionFactory, RunFactory
from leerwerk.catalogue.views import FUNDING_EXPLANATIONS, LEVEL_EXPLANATIONS, study_time
from leerwerk.regions.models import Municipality

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _page(client: Client, offer_id: int) -> str:
    response = client.get(reverse("catalogue:offer", args=[offer_id]))
    assert response.status_code == 200
    return response.content.decode()


def _in_english(text: object) -> str:
    with translation.override("en"):
        return escape(str(text))


def _related_section(content: str) -> str:
    start = content.find("Similar training")
    return content[start:] if start >= 0 else ""


def test_the_page_explains_only_the_offers_own_ways_to_pay(english):
    offer = OfferFactory(funding_options=["free", "uwv"])
    content = _page(english, offer.pk)
    for code, explanation in FUNDING_EXPLANATIONS.items():
        shown = _in_english(explanation) in content
        assert shown == (code in {"free", "uwv"}), code


def test_an_offer_without_ways_to_pay_has_no_such_section(english):
    content = _page(english, OfferFactory(funding_options=[]).pk)
    assert "Who can pay" not in content


def test_the_level_is_explained_in_one_line(english):
    content = _page(english, OfferFactory(level="mbo2").pk)
    assert "MBO level 2 (NLQF level 2)" in content
    assert _in_english(LEVEL_EXPLANATIONS["mbo2"]) in content
    assert _in_english(LEVEL_EXPLANATIONS["mbo3"]) not in content


def test_related_offers_are_public_alike_and_never_the_offer_itself(english):
    offer = OfferFactory(
        title="Verzorgende IG", sector="care", level="mbo3", programme_register="crebo", programme_code="25655"
    )
    alike = OfferFactory(title="Helpende zorg", sector="care", level="mbo3")
    same_code = OfferFactory(
        title="VIG bij een andere school",
        sector="other",
        level="mbo4",
        programme_register="crebo",
        programme_code="25655",
    )
    OfferFactory(title="Conceptopleiding", sector="care", level="mbo3", draft=True)
    OfferFactory(title="Geschorste school", sector="care", level="mbo3", provider=ProviderFactory(suspended=True))
    OfferFactory(title="Heftruck", sector="logistics", level="mbo3")
    OfferFactory(title="Verpleegkunde", sector="care", level="bachelor")

    assert list_related_offers(offer=offer) == [same_code, alike]
    related = _related_section(_page(english, offer.pk))
    assert "VIG bij een andere school" in related
    assert "Helpende zorg" in related
    for absent in ("Conceptopleiding", "Geschorste school", "Heftruck", "Verpleegkunde", "Verzorgende IG"):
        assert absent not in related


def test_at_most_four_related_offers_are_shown(english):
    offer = OfferFactory(sector="care", level="mbo3")
    OfferFactory.create_batch(6, sector="care", level="mbo3")
    assert len(list_related_offers(offer=offer)) == 4


def test_related_offers_of_the_same_sector_and_level_show_each_title_once():
    offer = OfferFactory(title="Verzorgende IG", sector="care", level="mbo3")
    OfferFactory.create_batch(3, title="Begeleider gehandicaptenzorg", sector="care", level="mbo3")
    OfferFactory(title="Helpende zorg", sector="care", level="mbo3")
    assert [other.title for other in list_related_offers(offer=offer)] == [
        "Begeleider gehandicaptenzorg",
        "Helpende zorg",
    ]


def test_the_same_programme_at_other_schools_is_shown_for_each_school():
    offer = OfferFactory(
        title="Kok", sector="hospitality", level="mbo2", programme_register="crebo", programme_code="25180"
    )
    others = OfferFactory.create_batch(
        2, title="Kok", sector="hospitality", level="mbo2", programme_register="crebo", programme_code="25180"
    )
    assert list_related_offers(offer=offer) == sorted(others, key=lambda other: other.pk)


def test_offers_in_the_sector_other_are_related_only_by_their_code():
    offer = OfferFactory(sector="other", level="none")
    OfferFactory(sector="other", level="none")
    assert list_related_offers(offer=offer) == []


def test_only_the_recognitions_valid_today_are_shown(english):
    provider = ProviderFactory()
    RecognitionFactory(provider=provider, kind=Recognition.Kind.CRKBO, description="Geregistreerd sinds 2020")
    RecognitionFactory(provider=provider, kind=Recognition.Kind.NRTO, expired=True)
    RecognitionFactory(provider=provider, kind=Recognition.Kind.NVAO, future=True)
    content = _page(english, OfferFactory(provider=provider).pk)
    assert "CRKBO" in content
    assert "Geregistreerd sinds 2020" in content
    assert "NRTO" not in content
    assert "NVAO" not in content


def test_runs_that_still_start_come_first_and_past_ones_are_left_out(english):
    offer = OfferFactory()
    today = timezone.localdate()
    oss = Municipality.objects.get(code="GM0828")
    RunFactory(offer=offer, anytime=True, schedule="evening")
    RunFactory(offer=offer, starts_on=today + datetime.timedelta(days=90), municipality=oss, seats=12)
    RunFactory(offer=offer, starts_on=today + datetime.timedelta(days=10), municipality=oss, address="Kerkstraat 1")
    RunFactory(offer=offer, starts_on=datetime.date(2020, 1, 6), address="Oude school")
    content = _page(english, offer.pk)
    soon = content.index("Oss, Kerkstraat 1")
    later = content.index(">12<")
    anytime = content.index("Start anytime")
    assert soon < later < anytime
    assert "Oude school" not in content


def test_the_buttons_lead_to_the_counted_click_out_and_the_interest_form(english):
    offer = OfferFactory(url="https://www.voorbeeld.nl/cursus")
    content = _page(english, offer.pk)
    assert f'href="{reverse("journeys:click-out", args=[offer.pk])}"' in content
    assert "Go to the provider" in content
    assert f'href="{reverse("journeys:interest", args=[offer.pk])}"' in content


def test_an_offer_without_a_web_address_has_no_click_out(english):
    offer = OfferFactory(url="")
    assert reverse("journeys:click-out", args=[offer.pk]) not in _page(english, offer.pk)


def test_opening_the_page_records_an_offer_view(client):
    offer = OfferFactory()
    with mock.patch("leerwerk.catalogue.views.record_event") as record_event:
        client.get(reverse("catalogue:offer", args=[offer.pk]))
        client.get(reverse("catalogue:offer", args=[OfferFactory(draft=True).pk]))  # not found: not counted
    record_event.assert_called_once_with(mock.ANY, "offer_view", offer_id=offer.pk)


def test_the_offer_view_is_stored_as_a_measurement_event(client):
    offer = OfferFactory()
    discard_events()
    client.get(reverse("catalogue:offer", args=[offer.pk]), HTTP_USER_AGENT=BROWSER)
    flush_events()
    assert list(Event.objects.filter(kind=Event.Kind.OFFER_VIEW).values_list("offer_id", flat=True)) == [offer.pk]


def test_the_number_of_queries_does_not_grow_with_runs_recognitions_or_related_offers(
    client, django_assert_max_num_queries
):
    provider = ProviderFactory()
    offer = OfferFactory(provider=provider, funding_options=["employer", "own_budget"], url="https://voorbeeld.nl/a")
    for _ in range(8):
        RunFactory(offer=offer, municipality=Municipality.objects.get(code="GM0828"))
        RecognitionFactory(provider=provider)
        OfferFactory(sector=offer.sector, level=offer.level)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("catalogue:offer", args=[offer.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ("", False, None, None, False)),
        ({"duration_value": 3, "duration_unit": "years", "hours_per_week": 8}, ("3 years", False, None, 8, False)),
        # 520 hours over 10 weeks: about 52 hours a week, derived.
        ({"duration_value": 10, "duration_unit": "weeks", "study_load_hours": 520}, ("10 weeks", False, 520, 52, True)),
        # 1 year of 1560 hours: 30 hours a week on average.
        ({"duration_value": 1, "duration_unit": "years", "study_load_hours": 1560}, ("1 year", False, 1560, 30, True)),
        # Days say nothing about weeks: the hours a week stay unknown.
        ({"duration_value": 2, "duration_unit": "days", "study_load_hours": 16}, ("2 days", False, 16, None, False)),
        # No duration, but the load and the hours a week: 100 / 8 is 13 weeks, rounded up.
        ({"study_load_hours": 100, "hours_per_week": 8}, ("13 weeks", True, 100, 8, False)),
    ],
)
def test_the_study_time_shows_only_what_is_known_or_can_be_derived(fields, expected):
    offer = OfferFactory.build(**fields)
    with translation.override("en"):
        time = study_time(offer)
        assert (
            time.duration,
            time.duration_is_estimate,
            time.total_hours,
            time.hours_per_week,
            time.hours_is_estimate,
        ) == expected


def test_the_page_says_so_when_it_does_not_know_how_long_it_takes(english):
    content = _page(english, OfferFactory().pk)
    assert "has not told us how long it takes" in content
