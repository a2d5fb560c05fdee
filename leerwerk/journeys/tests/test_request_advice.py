"""request_advice: routing by municipality to this year's region, the served regions,
postcodes, the confirmation e-mail, and withdrawal."""

import pytest
from django.core.exceptions import ValidationError

from leerwerk.journeys.models import AdviceRequest
from leerwerk.journeys.services import (
    Contact,
    Place,
    RegionNotServedError,
    request_advice,
    withdraw_advice_request,
)
from leerwerk.regions.models import LabourMarketRegion

pytestmark = pytest.mark.django_db

BERT = Contact(name="Bert", email="bert@voorbeeld.test", phone="0412123456")
OSS = Place(municipality_code="GM0828")


@pytest.fixture(autouse=True)
def _served():
    LabourMarketRegion.objects.filter(code__in=["AM27", "AM25"]).update(is_served=True)


def _ask(*, place=OSS, contact=BERT, contact_by="email", **options):
    values = {"goal": "other_work", "situation": "threatened_with_dismissal", "message": "", **options}
    return request_advice(contact=contact, contact_by=contact_by, place=place, **values)


@pytest.mark.parametrize(
    ("municipality", "region"),
    # Oss, 's-Hertogenbosch, Breda, Cranendonck
    [("GM0828", "AM27"), ("GM0796", "AM27"), ("GM0758", "AM25"), ("GM1706", None)],
)
def test_a_request_goes_to_the_region_of_the_municipality_this_year(municipality, region):
    if region is None:  # Cranendonck (Noord-Brabant) belongs to Midden-Limburg, which is not served
        with pytest.raises(RegionNotServedError) as raised:
            _ask(place=Place(municipality_code=municipality))
        assert raised.value.region.code == "AM33"
        return
    advice = _ask(place=Place(municipality_code=municipality))
    assert advice.region_code == region
    assert advice.municipality.code == municipality


def test_the_request_keeps_what_the_resident_said():
    advice = _ask(message="  Ik werk in de zorg.  ", contact_by="phone")
    assert advice.goal == AdviceRequest.Goal.OTHER_WORK
    assert advice.situation == AdviceRequest.Situation.THREATENED_WITH_DISMISSAL
    assert (advice.name, advice.email, advice.phone) == ("Bert", "bert@voorbeeld.test", "0412123456")
    assert advice.contact_by == AdviceRequest.ContactBy.PHONE
    assert advice.message == "Ik werk in de zorg."
    assert advice.source == AdviceRequest.Source.FORM
    assert advice.interest is None
    assert advice.status == AdviceRequest.Status.NEW
    assert advice.consent_version == "advice-1"
    assert advice.created_at is not None


def test_a_municipality_outside_the_served_regions_is_refused_and_nothing_is_stored(mailoutbox):
    with pytest.raises(RegionNotServedError) as raised:
        _ask(place=Place(municipality_code="GM0014"))  # Groningen
    assert raised.value.region.name == "Groningen"
    assert raised.value.municipality.code == "GM0014"
    assert not AdviceRequest.objects.exists()
    assert mailoutbox == []


def test_a_postcode_is_kept_without_a_region_for_the_desks_to_route():
    advice = _ask(place=Place(postcode="5341"))
    assert (advice.postcode, advice.municipality, advice.region_code) == ("5341", None, "")


def test_the_preferred_way_of_contact_must_be_given():
    with pytest.raises(ValidationError):
        _ask(contact=Contact(email="bert@voorbeeld.test"), contact_by="phone")
    with pytest.raises(ValidationError):
        _ask(contact=Contact(phone="0612345678"), contact_by="email")
    assert not AdviceRequest.objects.exists()


def test_the_resident_gets_a_confirmation_by_e_mail(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(message="Ik werk in de zorg.")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["bert@voorbeeld.test"]
    assert "Noordoost-Brabant" in mailoutbox[0].body
    assert "Ik werk in de zorg." in mailoutbox[0].body
    assert "/mijn/" in mailoutbox[0].body


def test_without_an_e_mail_address_no_confirmation_is_sent(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(contact=Contact(phone="0612345678"), contact_by="phone")
    assert mailoutbox == []


def test_withdrawing_erases_the_contact_details():
    advice = _ask(message="Ik werk in de zorg.", place=Place(postcode="5341"))
    withdraw_advice_request(advice_request=advice)
    advice.refresh_from_db()
    assert advice.status == AdviceRequest.Status.WITHDRAWN
    assert advice.withdrawn_at is not None
    assert (advice.name, advice.email, advice.phone, advice.message, advice.postcode) == ("",) * 5
