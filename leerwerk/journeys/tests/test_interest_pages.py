"""The interest page /opleidingen/<id>/interesse/, its confirmation, and the withdraw link
of the confirmation e-mail /intrekken/<token>/."""

import re

import pytest
from django.urls import reverse

from leerwerk.analytics.models import Event
from leerwerk.analytics.services import discard_events, flush_events
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.journeys.selectors import hash_token
from leerwerk.journeys.tests.factories import InterestFactory

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Anna de Vries",
    "email": "anna@voorbeeld.test",
    "phone": "",
    "municipality": "GM0828",
    "postcode": "",
    "question": "Kan ik in de avond?",
    "consent": "on",
}


@pytest.fixture
def offer():
    return OfferFactory(title="Heftruckchauffeur", provider=ProviderFactory(name="Transportschool Oss"))


def _url(offer):
    return reverse("journeys:interest", args=[offer.pk])


def test_the_page_shows_the_form_with_who_gets_the_details(english, offer, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # the offer with its runs and recognitions; the municipalities
        response = english.get(_url(offer))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>I am interested in Heftruckchauffeur | Leerwerk</title>" in content
    assert content.count("<h1") == 1
    for name in ("name", "email", "phone", "municipality", "postcode", "question", "wants_help", "consent"):
        assert f'name="{name}"' in content
    assert 'autocomplete="email"' in content
    assert 'type="tel"' in content
    assert '<option value="GM0828">Oss</option>' in content
    # one of each pair is needed, so neither is marked optional; the question is
    assert 'for="id_municipality">Your municipality</label>' in content
    assert 'for="id_email">E-mail address</label>' in content
    assert 'Your question for the provider <span class="lw-optional">' in content
    assert "I agree that Transportschool Oss gets my details" in content
    assert "kept for 12 months, then erased" in content
    assert "I want help from an adviser of the Leerwerkloket" in content
    assert f'href="{reverse("catalogue:offer", args=[offer.pk])}"' in content


@pytest.mark.parametrize(
    "make",
    [
        lambda: OfferFactory(draft=True),
        lambda: OfferFactory(withdrawn=True),
        lambda: OfferFactory(provider=ProviderFactory(applied=True)),
    ],
)
def test_an_offer_that_is_not_public_is_not_found(client, make):
    offer = make()
    assert client.get(_url(offer)).status_code == 404
    assert client.post(_url(offer), VALID).status_code == 404
    assert client.get(reverse("journeys:interest-done", args=[offer.pk])).status_code == 404
    assert not Interest.objects.exists()


def test_an_unknown_offer_is_not_found(client):
    assert client.get(reverse("journeys:interest", args=[999_999])).status_code == 404


def test_a_form_with_mistakes_is_shown_again_with_the_errors_and_nothing_is_stored(english, offer, events):
    response = english.post(_url(offer), {**VALID, "email": "anna@", "municipality": "", "consent": ""})
    content = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in content
    assert "Please correct the following:" in content
    assert 'href="#id_email">Give an e-mail address like name@example.nl.</a>' in content
    assert 'href="#id_consent">Tick the box to agree.' in content
    assert 'aria-invalid="true"' in content
    assert 'value="Anna de Vries"' in content  # what was typed stays
    assert not Interest.objects.exists()
    assert events == []


def test_sending_the_form_stores_the_interest_and_shows_what_happens_next(
    english, offer, served, events, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(_url(offer), {**VALID, "wants_help": "on"})
    done = reverse("journeys:interest-done", args=[offer.pk])
    assert response.status_code == 302
    assert response["Location"] == done
    interest = Interest.objects.get()
    assert (interest.email, interest.region_code, interest.wants_help) == ("anna@voorbeeld.test", "AM27", True)
    assert AdviceRequest.objects.get().interest == interest
    assert len(mailoutbox) == 1
    assert events == [("interest", {"offer_id": offer.pk, "region_code": "AM27"})]

    content = english.get(done).content.decode()
    assert "Thank you! Your interest is sent." in content
    assert "What happens next?" in content
    assert "Transportschool Oss contacts you to tell you more about the training." in content
    assert "An adviser of the Leerwerkloket Noordoost-Brabant also contacts you." in content
    assert "The e-mail has a link to withdraw your interest." in content
    assert "We keep your details for 12 months." in content
    assert "anna@voorbeeld.test" not in content


def test_a_double_submission_shows_the_same_confirmation_and_is_counted_once(english, offer, events):
    first = english.post(_url(offer), VALID)
    again = english.post(_url(offer), {**VALID, "email": "ANNA@voorbeeld.test"})
    assert first["Location"] == again["Location"]
    assert Interest.objects.count() == 1
    assert len(events) == 1


def test_help_outside_the_served_regions_points_to_the_national_leerwerkloket(english, offer, served):
    english.post(_url(offer), {**VALID, "municipality": "GM0014", "wants_help": "on"})  # Groningen
    content = english.get(reverse("journeys:interest-done", args=[offer.pk])).content.decode()
    assert "This site does not work with the Leerwerkloket of Groningen yet" in content
    assert "national website of the Leerwerkloket" in content
    assert not AdviceRequest.objects.exists()


def test_without_an_e_mail_address_the_confirmation_says_how_to_withdraw(english, offer):
    english.post(_url(offer), {**VALID, "email": "", "phone": "06 12345678"})
    content = english.get(reverse("journeys:interest-done", args=[offer.pk])).content.decode()
    assert "Changed your mind? Tell Transportschool Oss when they contact you." in content


def test_the_confirmation_without_a_registration_leads_to_the_form(client, offer):
    response = client.get(reverse("journeys:interest-done", args=[offer.pk]))
    assert response.status_code == 302
    assert response["Location"] == _url(offer)


# --- The withdraw link -----------------------------------------------------------------------


def test_the_withdraw_link_asks_first_then_withdraws_and_erases(english, offer):
    interest = InterestFactory(offer=offer, name="Anna", question="Avond?", withdraw_token_hash=hash_token("abc123"))
    url = reverse("journeys:withdraw", args=["abc123"])
    response = english.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Do you want to withdraw your interest in Heftruckchauffeur of Transportschool Oss?" in content
    assert re.search(r'<form method="post">', content)
    assert ">Yes, withdraw my interest</button>" in content
    assert '<meta name="robots" content="noindex">' in content
    assert "no-cache" in response["Cache-Control"]
    interest.refresh_from_db()
    assert interest.status == Interest.Status.ACTIVE  # a GET (a mail scanner following links) changes nothing

    response = english.post(url)
    assert response.status_code == 302
    assert response["Location"] == url
    interest.refresh_from_db()
    assert interest.status == Interest.Status.WITHDRAWN
    assert (interest.name, interest.email, interest.question) == ("", "", "")

    content = english.get(url).content.decode()
    assert "Your interest is withdrawn" in content
    assert "We erased your details." in content
    assert "<button" not in content.split('id="main"')[1]


def test_an_unknown_withdraw_token_is_not_found(client):
    InterestFactory(withdraw_token_hash=hash_token("abc123"))
    assert client.get(reverse("journeys:withdraw", args=["abc124"])).status_code == 404
    assert client.post(reverse("journeys:withdraw", args=["abc124"])).status_code == 404
    assert client.get(reverse("journeys:withdraw", args=["x" * 101])).status_code == 404
    assert Interest.objects.get().status == Interest.Status.ACTIVE


BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0"


def test_the_registration_is_measured_without_personal_data(client, offer, served):
    """With the real analytics: the event has the offer and the region, nothing of the resident."""
    discard_events()
    client.post(_url(offer), {**VALID, "wants_help": "on"}, HTTP_USER_AGENT=BROWSER)
    flush_events()
    event = Event.objects.get(kind="interest")
    assert (event.offer_id, event.region_code) == (offer.pk, "AM27")
    stored = str(Event.objects.values().get(pk=event.pk))
    for personal in ("Anna", "anna@voorbeeld.test", "avond", "GM0828"):
        assert personal not in stored
    discard_events()
