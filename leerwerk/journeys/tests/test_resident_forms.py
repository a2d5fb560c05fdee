"""The interest and advice forms: what they accept, how they normalise it, and the
messages they give. Read in English: the texts are this code's own msgids."""

import pytest
from django.utils import translation

from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory
from leerwerk.journeys.forms import AdviceForm, InterestForm, normalise_phone, normalise_postcode
from leerwerk.journeys.services import Contact, Place

pytestmark = pytest.mark.django_db

YEAR = 2026


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def offer():
    return OfferFactory(provider=ProviderFactory(name="Transportschool Oss"))


def _interest(offer, **data):
    values = {"name": "Anna", "email": "anna@voorbeeld.test", "municipality": "GM0828", "consent": "on", **data}
    return InterestForm({key: value for key, value in values.items() if value is not None}, offer=offer, year=YEAR)


def _advice(**data):
    values = {
        "goal": "learn",
        "situation": "job_seeker",
        "municipality": "GM0828",
        "email": "anna@voorbeeld.test",
        "contact_by": "email",
        "consent": "on",
        **data,
    }
    return AdviceForm({key: value for key, value in values.items() if value is not None}, year=YEAR)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06 12345678", "0612345678"),
        ("06-12345678", "0612345678"),
        ("+31 6 12345678", "0612345678"),
        ("+31 (0)6 1234 5678", "0612345678"),
        ("0031612345678", "0612345678"),
        ("(0412) 123 456", "0412123456"),
        ("+32 470 12 34 56", "+32470123456"),
    ],
)
def test_phone_numbers_are_stored_in_one_form(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "06 1234567", "06 123456789", "bel me", "+0 612345678", "0012"])
def test_a_phone_number_that_cannot_be_called_is_refused(typed, offer):
    form = _interest(offer, phone=typed, email="")
    assert not form.is_valid()
    assert form.errors["phone"] == ["Give a phone number of 10 digits, for example 06 12345678."]


@pytest.mark.parametrize(("typed", "stored"), [("5341", "5341"), ("5341 AB", "5341"), ("5341ab", "5341")])
def test_a_postcode_keeps_only_its_four_digits(typed, stored):
    assert normalise_postcode(typed) == stored


@pytest.mark.parametrize("typed", ["534", "53411", "0341", "AB 5341", "5341 A", "5341-AB"])
def test_a_postcode_that_is_not_dutch_is_refused(typed, offer):
    form = _interest(offer, municipality="", postcode=typed)
    assert not form.is_valid()
    assert form.errors["postcode"] == ["Give the four digits of your postcode, for example 5211."]


def test_a_valid_interest_gives_the_contact_and_the_place(offer):
    form = _interest(offer, name="  Anna   de Vries ", phone="06 12345678", question="Avond?", wants_help="on")
    assert form.is_valid(), form.errors
    assert form.contact() == Contact(name="Anna de Vries", email="anna@voorbeeld.test", phone="0612345678")
    assert form.place() == Place(municipality_code="GM0828", postcode="")
    assert form.cleaned_data["wants_help"] is True
    assert form.cleaned_data["question"] == "Avond?"


def test_with_a_municipality_the_postcode_is_not_kept(offer):
    form = _interest(offer, postcode="5341")
    assert form.is_valid()
    assert form.place() == Place(municipality_code="GM0828", postcode="")


def test_a_postcode_alone_is_enough(offer):
    form = _interest(offer, municipality="", postcode="5341 AB")
    assert form.is_valid(), form.errors
    assert form.place() == Place(municipality_code="", postcode="5341")


def test_the_interest_form_explains_each_mistake(offer):
    form = _interest(offer, name="", email="anna@", phone="", municipality="GM9999", consent=None)
    assert not form.is_valid()
    assert form.errors["name"] == ["Give your name."]
    assert form.errors["email"] == ["Give an e-mail address like name@example.nl."]
    assert form.errors["municipality"] == ["Choose a municipality from the list."]
    assert form.errors["consent"] == ["Tick the box to agree. Without your consent we cannot pass on your details."]


def test_without_e_mail_and_phone_or_without_a_place_the_form_says_what_is_missing(offer):
    form = _interest(offer, email="", phone="", municipality="", postcode="")
    assert not form.is_valid()
    assert form.errors["email"] == ["Give your e-mail address or your phone number."]
    assert form.errors["municipality"] == ["Choose your municipality, or give the four digits of your postcode."]


def test_the_municipalities_are_those_of_the_year(offer):
    choices = dict(_interest(offer).fields["municipality"].choices)
    assert choices["GM0828"] == "Oss"
    assert len(choices) == 343  # 342 and "Choose…"


def test_the_consent_says_who_gets_the_details_and_for_how_long(offer, settings):
    label = str(_interest(offer).fields["consent"].label)
    assert "Transportschool Oss gets my details" in label
    assert "the Leerwerkloket (advice desk) of my region too if I ask for help" in label
    assert "kept for 12 months" in label
    settings.RESIDENT_DATA_RETENTION_MONTHS = 6
    assert "kept for 6 months" in str(_interest(offer).fields["consent"].label)
    assert "kept for 6 months" in str(_advice().fields["consent"].label)


def test_a_valid_advice_request():
    form = _advice(name="", phone="0612345678", contact_by="phone", message="Zorg")
    assert form.is_valid(), form.errors
    assert form.contact() == Contact(name="", email="anna@voorbeeld.test", phone="0612345678")
    assert form.cleaned_data["goal"] == "learn"


def test_the_advice_form_needs_the_chosen_way_of_contact():
    form = _advice(contact_by="phone")
    assert not form.is_valid()
    assert form.errors["phone"] == ["Give your phone number, or choose to be contacted by e-mail."]
    form = _advice(email="", phone="0612345678", contact_by="email")
    assert not form.is_valid()
    assert form.errors["email"] == ["Give your e-mail address, or choose to be contacted by phone."]


def test_the_advice_form_knows_only_its_own_choices():
    form = _advice(goal="retire", situation="", contact_by="pigeon", consent=None)
    assert not form.is_valid()
    assert form.errors["goal"] == ["Choose one of the options."]
    assert form.errors["situation"] == ["Choose your situation."]
    assert form.errors["contact_by"] == ["Choose one of the options."]
    assert set(form.errors) == {"goal", "situation", "contact_by", "consent"}
