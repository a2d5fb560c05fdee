"""The residents' forms under abuse: a limit per client on how often each form is sent,
CSRF protection, oversized and malformed input refused with a Dutch message (and nothing
stored), and what anyone typed shown back only escaped. The pages are in Dutch, the
site's default: every message checked here must have its Dutch translation."""

import math
import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.journeys.selectors import hash_token
from leerwerk.journeys.tests.factories import AdviceRequestFactory, InterestFactory

pytestmark = pytest.mark.django_db

ADVICE = reverse("journeys:advice")
INTEREST_VALID = {
    "name": "Anna de Vries",
    "email": "anna@voorbeeld.test",
    "phone": "",
    "municipality": "GM0828",
    "postcode": "",
    "question": "Kan ik in de avond?",
    "consent": "on",
}
ADVICE_VALID = {
    "goal": "learn",
    "situation": "employed",
    "municipality": "GM0828",
    "postcode": "",
    "name": "Bert",
    "email": "bert@voorbeeld.test",
    "phone": "",
    "contact_by": "email",
    "message": "Mijn fabriek gaat dicht.",
    "consent": "on",
}
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


def _nl(msgid: str) -> str:
    """The Dutch text of a msgid, which must differ from the English one."""
    with translation.override("nl"):
        dutch = gettext(msgid)
    assert dutch != msgid, f"no Dutch translation of {msgid!r}"
    return dutch


def _nl_plural(singular: str, plural: str, number: int) -> str:
    with translation.override("nl"):
        dutch = ngettext(singular, plural, number)
    assert dutch not in (singular, plural), f"no Dutch translation of {plural!r}"
    return dutch


def _wait_message(response) -> str:
    """The Dutch message of a 429, with the minutes of its Retry-After header."""
    minutes = math.ceil(int(response["Retry-After"]) / 60)
    return _nl_plural(
        "You sent this form too often in a short time, so we did not take it. Please try again in %(minutes)s minute.",
        "You sent this form too often in a short time, so we did not take it. Please try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


@pytest.fixture
def offer():
    return OfferFactory(title="Heftruckchauffeur", provider=ProviderFactory(name="Transportschool Oss"))


def _interest_url(offer):
    return reverse("journeys:interest", args=[offer.pk])


@pytest.fixture
def limit_of_two(settings):
    settings.FORM_RATE_LIMIT = 2
    settings.FORM_RATE_WINDOW_SECONDS = 600


# --- Rate limits ---------------------------------------------------------------------------


def test_the_limit_is_ten_submissions_in_ten_minutes_unless_configured():
    from config import settings as configured

    assert (configured.FORM_RATE_LIMIT, configured.FORM_RATE_WINDOW_SECONDS) == (10, 600)


def test_the_interest_form_takes_its_limit_then_says_to_wait_and_stores_nothing(client, offer, limit_of_two):
    for number in range(2):
        sent = client.post(_interest_url(offer), {**INTEREST_VALID, "email": f"anna{number}@voorbeeld.test"})
        assert sent.status_code == 302
    refused = client.post(_interest_url(offer), {**INTEREST_VALID, "email": "anna9@voorbeeld.test"})
    content = refused.content.decode()
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
    assert escape(_wait_message(refused)) in content
    assert 'role="alert"' in content
    assert 'value="anna9@voorbeeld.test"' in content  # the form again, with what was typed
    assert Interest.objects.count() == 2


def test_the_advice_form_takes_its_limit_then_says_to_wait_and_stores_nothing(client, served, limit_of_two):
    assert client.post(ADVICE, ADVICE_VALID).status_code == 302
    assert client.post(ADVICE, {**ADVICE_VALID, "email": ""}).status_code == 400  # mistakes count too
    refused = client.post(ADVICE, {**ADVICE_VALID, "email": "carla@voorbeeld.test"})
    assert refused.status_code == 429
    assert escape(_wait_message(refused)) in refused.content.decode()
    assert AdviceRequest.objects.count() == 1


def test_the_limit_is_per_client_and_per_form(client, offer, served, limit_of_two):
    for _number in range(3):
        client.post(ADVICE, ADVICE_VALID)
    assert client.post(ADVICE, ADVICE_VALID).status_code == 429
    assert client.post(ADVICE, ADVICE_VALID, REMOTE_ADDR="198.51.100.7").status_code == 302  # another client
    assert client.post(_interest_url(offer), INTEREST_VALID).status_code == 302  # another form
    assert client.get(ADVICE).status_code == 200  # reading the page is not sending it


def test_withdrawing_with_the_e_mail_link_is_limited(client, settings):
    settings.FORM_RATE_LIMIT = 1
    first = InterestFactory(withdraw_token_hash=hash_token("token-first"))
    second = InterestFactory(withdraw_token_hash=hash_token("token-second"))
    assert client.post(reverse("journeys:withdraw", args=["token-first"])).status_code == 302
    refused = client.post(reverse("journeys:withdraw", args=["token-second"]))
    assert refused.status_code == 429
    assert escape(_wait_message(refused)) in refused.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Interest.Status.WITHDRAWN, Interest.Status.ACTIVE)


def test_the_actions_of_the_residents_page_are_limited(client, settings):
    settings.FORM_RATE_LIMIT = 1
    user = UserFactory(email="anna@voorbeeld.test")
    client.force_login(user)
    interest = InterestFactory(email="anna@voorbeeld.test")
    advice = AdviceRequestFactory(email="anna@voorbeeld.test")
    assert client.post(reverse("journeys:my-interest-withdraw", args=[interest.pk])).status_code == 302
    refused = client.post(reverse("journeys:my-advice-withdraw", args=[advice.pk]))
    assert refused.status_code == 429
    assert escape(_wait_message(refused)) in refused.content.decode()
    advice.refresh_from_db()
    assert advice.status == AdviceRequest.Status.NEW

    settings.FORM_RATE_LIMIT = 0
    refused = client.post(reverse("journeys:my-account-delete"))
    assert refused.status_code == 429
    assert type(user).objects.filter(pk=user.pk).exists()


# --- CSRF ----------------------------------------------------------------------------------


def _form_urls(offer, interest, advice):
    return {
        "interest": _interest_url(offer),
        "advice": ADVICE,
        "withdraw": reverse("journeys:withdraw", args=["token-csrf"]),
        "my-interest-withdraw": reverse("journeys:my-interest-withdraw", args=[interest.pk]),
        "my-advice-withdraw": reverse("journeys:my-advice-withdraw", args=[advice.pk]),
        "my-account-delete": reverse("journeys:my-account-delete"),
        "login-link": reverse("accounts:login_link"),
    }


@pytest.mark.parametrize(
    "form",
    [
        "interest",
        "advice",
        "withdraw",
        "my-interest-withdraw",
        "my-advice-withdraw",
        "my-account-delete",
        "login-link",
    ],
)
def test_a_form_sent_without_its_csrf_token_is_refused_in_dutch(offer, form):
    client = Client(enforce_csrf_checks=True)
    user = UserFactory(email="anna@voorbeeld.test")
    client.force_login(user)
    interest = InterestFactory(email="anna@voorbeeld.test", withdraw_token_hash=hash_token("token-csrf"))
    advice = AdviceRequestFactory(email="anna@voorbeeld.test")
    url = _form_urls(offer, interest, advice)[form]
    if form in ("interest", "advice", "withdraw", "my-account-delete", "login-link"):
        assert 'name="csrfmiddlewaretoken"' in client.get(url).content.decode()  # the page's form carries it
    response = client.post(url, {**INTEREST_VALID, **ADVICE_VALID, "email": "nieuw@voorbeeld.test"})
    content = response.content.decode()
    assert response.status_code == 403
    assert escape(_nl("We could not take this form")) in content
    assert escape(_nl("Go back, load the page again and send the form once more.")) in content
    assert Interest.objects.filter(status=Interest.Status.ACTIVE).count() == 1
    assert AdviceRequest.objects.filter(status=AdviceRequest.Status.NEW).count() == 1
    assert type(user).objects.filter(pk=user.pk).exists()


def test_a_form_sent_with_its_csrf_token_is_taken(offer):
    client = Client(enforce_csrf_checks=True)
    client.get(_interest_url(offer))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(_interest_url(offer), {**INTEREST_VALID, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Interest.objects.count() == 1


# --- Oversized and malformed input ------------------------------------------------------------

TOO_LONG = (
    "Make this shorter: at most %(limit_value)d character. You typed %(show_value)d.",
    "Make this shorter: at most %(limit_value)d characters. You typed %(show_value)d.",
)
CONTROL_CHARACTER = "There is a character in this text that we cannot use. Type the text again without it."


def _too_long(limit: int, typed: int) -> str:
    return _nl_plural(*TOO_LONG, limit) % {"limit_value": limit, "show_value": typed}


BAD_INTEREST = [
    ("name", "A" * 101, lambda: _too_long(100, 101)),
    ("question", "Vraag " * 200, lambda: _too_long(1000, 1199)),
    ("email", "anna@", lambda: _nl("Give an e-mail address like name@example.nl.")),
    ("email", "a" * 250 + "@voorbeeld.test", lambda: _too_long(254, 265)),
    ("phone", "12ab", lambda: _nl("Give a phone number of 10 digits, for example 06 12345678.")),
    ("postcode", "AB12", lambda: _nl("Give the four digits of your postcode, for example 5211.")),
    ("municipality", "GM9999", lambda: _nl("Choose a municipality from the list.")),
    ("name", "Anna\x07de Vries", lambda: _nl(CONTROL_CHARACTER)),
    ("name", "Anna\u202egnp.exe", lambda: _nl(CONTROL_CHARACTER)),  # text that reorders itself on screen
    ("question", "Kan ik\x00 in de avond?", lambda: _nl(CONTROL_CHARACTER)),
    ("email", "anna\x1b@voorbeeld.test", lambda: _nl(CONTROL_CHARACTER)),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INTEREST)
def test_bad_input_in_the_interest_form_gets_a_dutch_message_and_nothing_is_stored(
    client, offer, field, value, message
):
    response = client.post(_interest_url(offer), {**INTEREST_VALID, field: value})
    assert response.status_code == 400
    assert escape(message()) in response.content.decode()
    assert not Interest.objects.exists()


BAD_ADVICE = [
    ("message", "x" * 1001, lambda: _too_long(1000, 1001)),
    ("name", "B" * 150, lambda: _too_long(100, 150)),
    ("phone", "+31 6 1234", lambda: _nl("Give a phone number of 10 digits, for example 06 12345678.")),
    ("goal", "everything", lambda: _nl("Choose one of the options.")),
    ("contact_by", "pigeon", lambda: _nl("Choose one of the options.")),
    ("message", "Mijn fabriek\x0c gaat dicht.", lambda: _nl(CONTROL_CHARACTER)),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_ADVICE)
def test_bad_input_in_the_advice_form_gets_a_dutch_message_and_nothing_is_stored(client, field, value, message):
    response = client.post(ADVICE, {**ADVICE_VALID, field: value})
    assert response.status_code == 400
    assert escape(message()) in response.content.decode()
    assert not AdviceRequest.objects.exists()


def test_the_search_leaves_control_characters_out_of_what_it_searches_and_shows(client):
    response = client.get(reverse("journeys:search"), {"q": "heft\x00truck\x1b[31m\u202e"})
    content = response.content.decode()
    assert response.status_code == 200
    assert not any(character in content for character in ("\x00", "\x1b", "\u202e"))
    assert "heft truck [31m" in content


def test_new_lines_and_tabs_in_a_question_are_fine(client, offer):
    response = client.post(_interest_url(offer), {**INTEREST_VALID, "question": "Kan ik\r\n\tin de avond?"})
    assert response.status_code == 302
    assert Interest.objects.get().question == "Kan ik\r\n\tin de avond?"


def test_the_fields_tell_the_browser_their_maximum_length(client, offer):
    content = client.get(_interest_url(offer)).content.decode()
    for field, length in (("name", 100), ("email", 254), ("phone", 20), ("postcode", 7), ("question", 1000)):
        tag = re.search(rf'<(?:input|textarea)[^>]* name="{field}"[^>]*>', content)
        assert tag is not None, field
        assert f'maxlength="{length}"' in tag.group(0), tag.group(0)


@pytest.mark.parametrize("url", ["interest", "advice"])
def test_a_request_larger_than_django_accepts_gets_the_400_page_in_dutch(client, offer, url):
    target = _interest_url(offer) if url == "interest" else ADVICE
    body = urlencode({**INTEREST_VALID, **ADVICE_VALID, "question": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})
    response = client.post(target, body, content_type="application/x-www-form-urlencoded")
    content = response.content.decode()
    assert response.status_code == 400
    assert escape(_nl("We could not read what you sent")) in content
    assert escape(_nl("Go back and try again. Make long texts shorter.")) in content
    assert 'class="utrecht-skip-link' in content  # in the site's frame
    assert not Interest.objects.exists()
    assert not AdviceRequest.objects.exists()


def test_a_request_with_too_many_fields_gets_the_400_page(client):
    body = urlencode([("message", "x")] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.post(ADVICE, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert escape(_nl("We could not read what you sent")) in response.content.decode()
    assert not AdviceRequest.objects.exists()


# --- Escaping ----------------------------------------------------------------------------------


def _assert_only_escaped(content: str, payload: str) -> None:
    assert payload not in content
    assert "<script>alert" not in content
    assert "<img src=x" not in content


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_interest_form_shows_a_payload_in_every_field_only_escaped(client, offer, payload):
    fields = ("name", "email", "phone", "postcode", "question")
    response = client.post(_interest_url(offer), {**INTEREST_VALID, **dict.fromkeys(fields, payload)})
    content = response.content.decode()
    assert response.status_code == 400
    _assert_only_escaped(content, payload)
    assert content.count(escape(payload)) >= len(fields)  # each field shows it back, escaped
    assert not Interest.objects.exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_advice_form_shows_a_payload_in_every_field_only_escaped(client, payload):
    fields = ("name", "email", "phone", "postcode", "message")
    response = client.post(ADVICE, {**ADVICE_VALID, **dict.fromkeys(fields, payload)})
    content = response.content.decode()
    assert response.status_code == 400
    _assert_only_escaped(content, payload)
    assert content.count(escape(payload)) >= len(fields)
    assert not AdviceRequest.objects.exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_stored_payload_shows_escaped_on_the_confirmation_the_providers_list_and_my_page(client, served, payload):
    membership = MembershipFactory(role=Role.PROVIDER_EDITOR, organisation=OrganisationFactory(school=True))
    provider = ProviderFactory(name=f"School {payload}", organisation=membership.organisation)
    offer = OfferFactory(title=f"Heftruck {payload}", provider=provider)  # a provider's text, too
    sent = client.post(_interest_url(offer), {**INTEREST_VALID, "name": payload, "question": payload})
    assert sent.status_code == 302
    assert Interest.objects.get().name == payload  # stored as typed: escaping is the page's job

    pages = {"confirmation": client.get(sent["Location"])}
    advice = client.post(ADVICE, {**ADVICE_VALID, "name": payload, "message": payload})
    assert advice.status_code == 302
    pages["advice confirmation"] = client.get(advice["Location"])
    client.force_login(membership.user)
    pages["provider's list"] = client.get(reverse("journeys:provider_interests"))
    client.force_login(UserFactory(email="anna@voorbeeld.test"))
    pages["my page"] = client.get(reverse("journeys:my_page"))
    for name, response in pages.items():
        assert response.status_code == 200, name
        _assert_only_escaped(response.content.decode(), payload)
    assert escape(payload) in pages["provider's list"].content.decode()
    assert escape(payload) in pages["my page"].content.decode()
    download = client.get(reverse("journeys:my-data"))
    assert download["Content-Type"] == "application/json"
    assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_pages_that_repeat_what_was_typed_escape_it(client, offer, settings, payload):
    search = client.get(reverse("journeys:search"), {"q": payload}).content.decode()
    _assert_only_escaped(search, payload)
    login = client.post(reverse("accounts:login_link"), {"email": payload}).content.decode()
    _assert_only_escaped(login, payload)
    assert escape(payload) in login
    settings.FORM_RATE_LIMIT = 0
    limited = client.post(_interest_url(offer), {**INTEREST_VALID, "name": payload, "question": payload})
    assert limited.status_code == 429
    _assert_only_escaped(limited.content.decode(), payload)
    assert limited.content.decode().count(escape(payload)) == 2
