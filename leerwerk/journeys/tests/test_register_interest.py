"""register_interest and withdraw_interest: what is stored, double submissions, the
follow-up for the advice desk, the e-mail with its withdraw link, and erasure."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import MembershipFactory, OrganisationFactory
from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.journeys.selectors import hash_token
from leerwerk.journeys.services import Contact, Place, register_interest, withdraw_interest
from leerwerk.regions.models import LabourMarketRegion

pytestmark = pytest.mark.django_db

OSS = Place(municipality_code="GM0828")  # Noordoost-Brabant (AM27)
GRONINGEN = Place(municipality_code="GM0014")  # Groningen (AM01)
ANNA = Contact(name="Anna de Vries", email="Anna@Voorbeeld.test", phone="0612345678")


@pytest.fixture(autouse=True)
def _served():
    LabourMarketRegion.objects.filter(code="AM27").update(is_served=True)


@pytest.fixture
def offer():
    return OfferFactory(title="Heftruckchauffeur", provider=ProviderFactory(name="Transportschool Oss"))


def _register(offer, *, contact=ANNA, place=OSS, **options):
    return register_interest(offer=offer, contact=contact, place=place, **options)


def test_an_interest_is_stored_with_the_municipality_its_region_and_the_consent(offer):
    registration = _register(offer, question="Kan ik in de avond?", wants_help=False)
    interest = registration.interest
    assert registration.created
    assert registration.help == "none"
    assert interest.offer == offer
    assert interest.provider == offer.provider
    assert (interest.name, interest.email, interest.phone) == ("Anna de Vries", "Anna@Voorbeeld.test", "0612345678")
    assert interest.municipality.code == "GM0828"
    assert interest.postcode == ""
    assert interest.region_code == "AM27"
    assert interest.question == "Kan ik in de avond?"
    assert interest.status == Interest.Status.ACTIVE
    assert interest.consent_version == "interest-1"
    assert abs(interest.consented_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert len(interest.withdraw_token_hash) == 64
    assert not AdviceRequest.objects.exists()


def test_the_retention_ends_twelve_months_after_the_consent(offer):
    moment = datetime.datetime(2027, 1, 31, 12, 0, tzinfo=datetime.UTC)
    interest = _register(offer, now=moment).interest
    assert interest.erase_after == datetime.datetime(2028, 1, 31, 12, 0, tzinfo=datetime.UTC)


def test_the_retention_follows_the_setting(offer, settings):
    settings.RESIDENT_DATA_RETENTION_MONTHS = 1
    moment = datetime.datetime(2027, 1, 31, 12, 0, tzinfo=datetime.UTC)
    interest = _register(offer, now=moment).interest
    assert interest.erase_after == datetime.datetime(2027, 2, 28, 12, 0, tzinfo=datetime.UTC)


def test_with_only_a_postcode_no_municipality_or_region_is_guessed(offer):
    interest = _register(offer, place=Place(postcode="5341")).interest
    assert interest.postcode == "5341"
    assert interest.municipality is None
    assert interest.region_code == ""


def test_an_unknown_municipality_or_no_place_at_all_is_refused(offer):
    with pytest.raises(ValidationError):
        _register(offer, place=Place(municipality_code="GM9999"))
    with pytest.raises(ValidationError):
        _register(offer, place=Place())
    assert not Interest.objects.exists()


def test_without_e_mail_or_phone_nothing_is_stored(offer):
    with pytest.raises(ValidationError):
        _register(offer, contact=Contact(name="Anna"))
    assert not Interest.objects.exists()


@pytest.mark.parametrize("traits", [{"draft": True}, {"withdrawn": True}])
def test_an_offer_that_is_not_public_takes_no_interest(traits):
    offer = OfferFactory(**traits)
    with pytest.raises(Offer.DoesNotExist):
        _register(offer)
    assert not Interest.objects.exists()


def test_an_offer_of_a_provider_that_is_not_admitted_takes_no_interest():
    offer = OfferFactory(provider=ProviderFactory(suspended=True))
    with pytest.raises(Offer.DoesNotExist):
        _register(offer)


def test_the_same_e_mail_address_for_the_same_offer_within_a_day_is_one_registration(
    offer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(offer)
    with django_capture_on_commit_callbacks(execute=True):
        again = _register(offer, contact=Contact(name="Anna", email="anna@voorbeeld.TEST"))
    assert again.created is False
    assert again.interest == first.interest
    assert Interest.objects.count() == 1
    assert len(mailoutbox) == 1  # the confirmation is not sent twice


def test_the_same_phone_number_within_a_day_is_one_registration(offer):
    first = _register(offer, contact=Contact(phone="0612345678"))
    again = _register(offer, contact=Contact(phone="0612345678", name="Anna"))
    assert not again.created
    assert again.interest == first.interest


def test_after_a_day_or_for_another_offer_the_same_person_registers_again(offer):
    yesterday = timezone.now() - datetime.timedelta(hours=25)
    _register(offer, now=yesterday)
    Interest.objects.update(created_at=yesterday)
    assert _register(offer).created
    assert _register(OfferFactory()).created
    assert Interest.objects.count() == 3


def test_a_withdrawn_registration_is_no_double(offer):
    withdraw_interest(interest=_register(offer, contact=Contact(phone="0612345678")).interest)
    assert _register(offer, contact=Contact(phone="0612345678")).created


def test_asking_for_help_in_a_served_region_makes_a_follow_up_for_the_advice_desk(offer):
    registration = _register(offer, wants_help=True)
    assert registration.help == "desk"
    assert registration.region_name == "Noordoost-Brabant"
    advice = AdviceRequest.objects.get()
    assert advice.source == AdviceRequest.Source.INTEREST
    assert advice.interest == registration.interest
    assert advice.region_code == "AM27"
    assert advice.status == AdviceRequest.Status.NEW
    assert (advice.email, advice.phone, advice.contact_by) == (ANNA.email, ANNA.phone, "email")


def test_asking_for_help_outside_the_served_regions_makes_no_follow_up(offer):
    registration = _register(offer, place=GRONINGEN, wants_help=True)
    assert registration.created
    assert registration.help == "not_served"
    assert registration.region_name == "Groningen"
    assert registration.interest.region_code == "AM01"
    assert not AdviceRequest.objects.exists()


def test_asking_for_help_with_only_a_postcode_leaves_the_follow_up_unrouted(offer):
    registration = _register(offer, place=Place(postcode="5341"), wants_help=True)
    assert registration.help == "unrouted"
    assert AdviceRequest.objects.get().region_code == ""


def _withdraw_link(message) -> str:
    match = re.search(r"http://testserver(/intrekken/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_the_resident_gets_a_confirmation_with_a_withdraw_link_that_works(
    offer, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        interest = _register(offer, wants_help=True).interest
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["Anna@Voorbeeld.test"]
    assert "Heftruckchauffeur" in message.subject
    assert "Transportschool Oss" in message.body
    assert "Noordoost-Brabant" in message.body  # the advice desk that will call
    assert "12 maanden" in message.body or "12 months" in message.body
    link = _withdraw_link(message)
    token = link.split("/")[2]
    assert interest.withdraw_token_hash == hash_token(token)

    client = Client()
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    interest.refresh_from_db()
    assert interest.status == Interest.Status.WITHDRAWN
    assert interest.email == ""


def test_without_an_e_mail_address_no_mail_is_sent(offer, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _register(offer, contact=Contact(phone="0612345678"))
    assert mailoutbox == []


def test_nothing_is_mailed_when_the_registration_is_rolled_back(offer, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _register(offer)
    assert len(callbacks) == 2  # the mails (to the resident, to the provider) wait for the commit
    assert mailoutbox == []


def test_withdrawing_erases_the_contact_details_and_the_follow_up(offer):
    interest = _register(offer, question="Kan ik in de avond?", wants_help=True).interest
    withdraw_interest(interest=interest)
    interest.refresh_from_db()
    assert interest.status == Interest.Status.WITHDRAWN
    assert interest.withdrawn_at is not None
    assert (interest.name, interest.email, interest.phone, interest.question, interest.postcode) == ("",) * 5
    assert interest.municipality is None
    assert interest.offer == offer  # enough to show "withdrawn"
    advice = AdviceRequest.objects.get()
    assert advice.status == AdviceRequest.Status.WITHDRAWN
    assert (advice.name, advice.email, advice.phone) == ("", "", "")


def test_the_mail_of_a_registration_withdrawn_before_it_was_sent_is_not_sent(
    offer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        interest = _register(offer).interest
    withdraw_interest(interest=interest)
    for callback in callbacks:
        callback()
    assert mailoutbox == []


def test_the_providers_editors_hear_of_a_registration_without_the_residents_details(
    offer, mailoutbox, django_capture_on_commit_callbacks
):
    offer.provider.organisation = OrganisationFactory(name="Transportschool Oss")
    offer.provider.save()
    editor = MembershipFactory(role=Role.PROVIDER_EDITOR, organisation=offer.provider.organisation).user
    MembershipFactory(role=Role.PROVIDER_EDITOR)  # of another organisation
    with django_capture_on_commit_callbacks(execute=True):
        _register(offer, contact=Contact(name="Anna de Vries", phone="0612345678"), question="Kan het in de avond?")
    assert [message.to for message in mailoutbox] == [[editor.email]]
    body = mailoutbox[0].body
    assert "Heftruckchauffeur" in body
    assert reverse("journeys:provider_interests") in body
    for detail in ("Anna", "0612345678", "avond"):
        assert detail not in body
