"""The advice page /advies/, its confirmation, the message for a region this site does not
serve, and the entrance on the residents' page."""

import pytest
from django.urls import reverse

from leerwerk.analytics.models import Event
from leerwerk.analytics.services import discard_events, flush_events
from leerwerk.journeys.models import AdviceRequest

pytestmark = pytest.mark.django_db

ADVICE = reverse("journeys:advice")
VALID = {
    "goal": "other_work",
    "situation": "threatened_with_dismissal",
    "municipality": "GM0828",
    "postcode": "",
    "name": "",
    "email": "bert@voorbeeld.test",
    "phone": "06 12345678",
    "contact_by": "phone",
    "message": "Ik werk in een fabriek die sluit.",
    "consent": "on",
}


def test_the_page_shows_the_short_form(english, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the municipalities
        response = english.get(ADVICE)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Free advice about learning and work | Leerwerk</title>" in content
    assert "<legend" in content
    for value in ("learn", "other_work", "work_again"):
        assert f'name="goal" value="{value}"' in content
    for value in ("employed", "job_seeker", "threatened_with_dismissal", "self_employed", "student", "other"):
        assert f'name="situation" value="{value}"' in content
    assert 'name="contact_by" value="email"' in content
    assert "I agree that the Leerwerkloket (advice desk) of my region gets my details" in content
    assert "kept for 12 months" in content


def test_a_form_with_mistakes_is_shown_again_and_nothing_is_stored(english, served, events):
    response = english.post(ADVICE, {**VALID, "goal": "", "phone": "", "email": ""})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Please correct the following:" in content
    assert 'href="#id_goal_0">' in content
    assert "Give your e-mail address or your phone number." in content
    assert not AdviceRequest.objects.exists()
    assert events == []


def test_a_request_in_a_served_region_is_stored_counted_and_confirmed(
    english, served, events, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(ADVICE, VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("journeys:advice-done")
    advice = AdviceRequest.objects.get()
    assert (advice.region_code, advice.phone, advice.contact_by) == ("AM27", "0612345678", "phone")
    assert events == [("advice_request", {"region_code": "AM27"})]
    assert len(mailoutbox) == 1

    content = english.get(reverse("journeys:advice-done")).content.decode()
    assert "Thank you! Your question is sent." in content
    assert "An adviser of the Leerwerkloket Noordoost-Brabant calls you." in content
    assert "You get an e-mail from us with what you sent." in content
    assert "We keep your details for 12 months." in content


def test_a_municipality_outside_the_served_regions_gets_the_national_alternative(english, served, events, mailoutbox):
    response = english.post(ADVICE, {**VALID, "municipality": "GM0014"})  # Groningen
    content = response.content.decode()
    assert response.status_code == 200
    assert "We cannot pass on your question" in content
    assert "Groningen is in the labour-market region Groningen." in content
    assert "This site does not work with the Leerwerkloket of Groningen yet." in content
    assert "We have not kept your details." in content
    assert "national website of the Leerwerkloket" in content
    assert "https://" not in content.split('id="main"')[1].split("<footer")[0]
    assert not AdviceRequest.objects.exists()
    assert events == []
    assert mailoutbox == []


def test_the_confirmation_without_a_request_leads_to_the_form(client):
    response = client.get(reverse("journeys:advice-done"))
    assert response.status_code == 302
    assert response["Location"] == ADVICE


def test_the_residents_page_has_the_free_advice_entrance(english):
    content = english.get(reverse("journeys:residents")).content.decode()
    assert f'href="{ADVICE}">Ask for free advice</a>' in content
    assert ">Free advice</h2>" in content


def test_the_request_is_measured_without_personal_data(client, served):
    """With the real analytics: the event has the region, nothing of the resident."""
    discard_events()
    browser = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0"
    client.post(ADVICE, VALID, HTTP_USER_AGENT=browser)
    flush_events()
    event = Event.objects.get(kind="advice_request")
    assert (event.region_code, event.offer_id) == ("AM27", None)
    stored = str(Event.objects.values().get(pk=event.pk))
    for personal in ("bert@voorbeeld.test", "0612345678", "fabriek", "GM0828"):
        assert personal not in stored
    discard_events()
