"""Residents log in with a one-time link sent by e-mail: asking for a link looks the same
for every address, the link works once and for 15 minutes, only after pressing a button,
and never for partners' accounts."""

import logging
import re
import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from leerwerk.accounts import services
from leerwerk.accounts.models import LoginLink, Membership, Role, User
from leerwerk.accounts.services import create_user, send_login_link
from leerwerk.accounts.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = "bewoner@voorbeeld.test"
REQUEST_URL = "/mijn/inloggen/"
SENT_URL = "/mijn/inloggen/verstuurd/"


def _nl(msgid):
    with translation.override("nl"):
        return gettext(msgid)


def _my_page():
    try:
        return reverse("journeys:my_page")
    except NoReverseMatch:
        return "/"


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a link the way the page does; the mail goes out when the request commits."""

    def ask(email=ADDRESS, ip="192.0.2.1", **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(REQUEST_URL, {"email": email, **data}, REMOTE_ADDR=ip)

    return ask


def _link_path(message):
    """The path (with query) of the login link in a mail."""
    match = re.search(r"https?://\S+/mijn/inloggen/\S+", message.body)
    assert match, message.body
    parts = urlsplit(match.group(0))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_the_urls_are_where_the_mail_and_the_residents_page_expect_them():
    assert reverse("accounts:login_link") == REQUEST_URL
    assert reverse("accounts:login_link_sent") == SENT_URL
    assert reverse("accounts:login_link_use", kwargs={"token": "a:b:c"}) == "/mijn/inloggen/a:b:c/"
    assert reverse("accounts:overview") == "/account/"


def test_the_request_page_asks_for_an_email_address(client):
    response = client.get(REQUEST_URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert f"<title>{_nl('Log in with an e-mail link')} | Leerwerk</title>" in content
    assert 'type="email" name="email"' in content
    assert 'autocomplete="email"' in content
    assert "utrecht-textbox" in content
    assert reverse("account_login") in content  # partners are pointed to their own login


def test_a_malformed_address_is_an_error_on_the_form(client, mailoutbox):
    response = client.post(REQUEST_URL, {"email": "geen-adres"})
    assert response.status_code == 200
    assert "utrecht-textbox--invalid" in response.content.decode()
    assert mailoutbox == []


def test_a_known_and_an_unknown_address_get_the_same_answer(ask):
    resident = create_user(email=ADDRESS, email_verified=True)
    MembershipFactory(user=resident, resident=True)

    known = ask(resident.email)
    unknown = ask("onbekend@voorbeeld.test")

    assert (known.status_code, known["Location"]) == (302, SENT_URL)
    assert (unknown.status_code, unknown["Location"]) == (302, SENT_URL)
    assert known.content == unknown.content == b""


def test_the_sent_page_says_to_check_the_mail(client):
    response = client.get(SENT_URL)
    assert response.status_code == 200
    assert _nl("Check your e-mail") in response.content.decode()


def test_an_unknown_address_gets_a_link_but_no_account_yet(ask, mailoutbox):
    ask("Bewoner@Voorbeeld.TEST")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [ADDRESS]
    assert message.subject == _nl("Your login link for Leerwerk")
    assert _link_path(message).startswith("/mijn/inloggen/")
    assert not User.objects.filter(email__iexact=ADDRESS).exists()
    link = LoginLink.objects.get()
    assert link.email == ADDRESS
    assert link.used_at is None
    # Only a hash of the secret is kept: the token in the mail is not in the table.
    token = _link_path(message).split("/")[3]
    nonce = token.split(":")[0]
    assert link.nonce_hash == LoginLink.hash_nonce(nonce)
    assert nonce not in link.nonce_hash


def test_opening_the_link_shows_a_button_but_does_not_log_in(client, ask, mailoutbox, django_assert_max_num_queries):
    ask()
    path = _link_path(mailoutbox[0])

    with django_assert_max_num_queries(3):
        first = client.get(path)
    second = client.get(path)

    for response in (first, second):
        content = response.content.decode()
        assert response.status_code == 200
        assert re.search(r'<form class="utrecht-form" method="post">', content)
        assert f">{_nl('Log in')}</button>" in content
        assert response["Cache-Control"].startswith("max-age=0")
    assert _logged_in_user_id(client) is None
    assert LoginLink.objects.get().used_at is None
    assert not User.objects.filter(email=ADDRESS).exists()


def test_pressing_the_button_logs_in_a_new_resident_without_a_password(client, ask, mailoutbox):
    ask()

    response = client.post(_link_path(mailoutbox[0]))

    assert response.status_code == 302
    assert response["Location"] == _my_page()
    user = User.objects.get(email=ADDRESS)
    assert _logged_in_user_id(client) == str(user.pk)
    assert not user.has_usable_password()
    assert list(Membership.objects.filter(user=user).values_list("role", "organisation")) == [(Role.RESIDENT, None)]
    assert user.emailaddress_set.get().verified
    assert LoginLink.objects.get().used_at is not None
    # The session works on the next request (the backend is one the settings know).
    assert client.get(reverse("accounts:overview")).status_code == 200


def test_a_resident_who_comes_back_logs_in_to_the_same_account(client, ask, mailoutbox):
    resident = create_user(email=ADDRESS, email_verified=True)
    MembershipFactory(user=resident, resident=True)

    ask()
    client.post(_link_path(mailoutbox[0]))

    assert _logged_in_user_id(client) == str(resident.pk)
    assert User.objects.count() == 1
    assert Membership.objects.filter(user=resident).count() == 1


def test_a_link_works_only_once(client, ask, mailoutbox):
    ask()
    path = _link_path(mailoutbox[0])
    client.post(path)
    client.logout()

    again = client.post(path)
    opened = client.get(path)

    assert again.status_code == opened.status_code == 400
    assert _nl("The link has already been used: a link works only once.") in again.content.decode()
    assert reverse("accounts:login_link") in opened.content.decode()  # a way to ask for a new one
    assert _logged_in_user_id(client) is None


def _ask_minutes_ago(ask, minutes):
    signed_at = int(time.time()) - minutes * 60
    with mock.patch.object(signing.TimestampSigner, "timestamp", return_value=signing.b62_encode(signed_at)):
        ask()


def test_a_link_expires_after_15_minutes(client, ask, mailoutbox):
    _ask_minutes_ago(ask, 16)

    response = client.post(_link_path(mailoutbox[0]))

    assert response.status_code == 400
    assert (
        _nl("The link has expired: a link works for %(minutes)s minutes.") % {"minutes": 15}
        in response.content.decode()
    )
    assert client.get(_link_path(mailoutbox[0])).status_code == 400
    assert _logged_in_user_id(client) is None
    assert not User.objects.filter(email=ADDRESS).exists()


def test_a_link_still_works_after_14_minutes(client, ask, mailoutbox):
    _ask_minutes_ago(ask, 14)

    response = client.post(_link_path(mailoutbox[0]))

    assert response.status_code == 302
    assert _logged_in_user_id(client) is not None


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda token: token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), id="signature"),
        pytest.param(lambda token: "x" + token, id="nonce"),
        pytest.param(lambda token: "niet-een-token", id="garbage"),
    ],
)
def test_a_tampered_link_is_refused(client, ask, mailoutbox, tamper):
    ask()
    token = _link_path(mailoutbox[0]).split("/")[3]

    response = client.post(reverse("accounts:login_link_use", kwargs={"token": tamper(token)}))

    assert response.status_code == 400
    assert _nl("The link is not complete or not correct. Perhaps part of it was lost when it was copied.") in (
        response.content.decode()
    )
    assert _logged_in_user_id(client) is None
    assert LoginLink.objects.get().used_at is None


STAFF_ROLES = [role for role in Role if role != Role.RESIDENT]


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_partners_get_no_link(ask, mailoutbox, role):
    partner = MembershipFactory(role=role, user__email="partner@voorbeeld.test").user

    response = ask(partner.email)

    assert (response.status_code, response["Location"]) == (302, SENT_URL)
    assert mailoutbox == []
    assert not LoginLink.objects.exists()


def test_an_account_with_a_password_or_technical_staff_gets_no_link(ask, mailoutbox):
    UserFactory(email="wachtwoord@voorbeeld.test")
    technician = create_user(email="techniek@voorbeeld.test")
    technician.is_staff = True
    technician.save()

    ask("wachtwoord@voorbeeld.test")
    ask("techniek@voorbeeld.test")

    assert mailoutbox == []


def test_a_resident_who_has_become_a_partner_cannot_use_an_old_link(client, ask, mailoutbox):
    ask()
    resident = create_user(email=ADDRESS)
    MembershipFactory(user=resident, role=Role.ADVISER)

    response = client.post(_link_path(mailoutbox[0]))

    assert response.status_code == 400
    assert _logged_in_user_id(client) is None


def test_requests_are_limited_per_address(ask, mailoutbox):
    for _attempt in range(services.LINKS_PER_ADDRESS + 1):
        response = ask("Bewoner@voorbeeld.test")
        assert response["Location"] == SENT_URL

    assert len(mailoutbox) == services.LINKS_PER_ADDRESS
    ask("ander@voorbeeld.test")
    assert len(mailoutbox) == services.LINKS_PER_ADDRESS + 1


def test_requests_are_limited_per_client(ask, mailoutbox, monkeypatch):
    monkeypatch.setattr(services, "LINKS_PER_CLIENT", 3)
    for number in range(4):
        response = ask(f"bewoner{number}@voorbeeld.test", ip="192.0.2.7")
        assert response["Location"] == SENT_URL

    assert len(mailoutbox) == 3
    ask("bewoner9@voorbeeld.test", ip="198.51.100.1")
    assert len(mailoutbox) == 4


def test_a_local_next_is_carried_through_the_mail(client, ask, mailoutbox):
    page = client.get(REQUEST_URL, {"next": "/zoeken/?q=lassen"})
    assert 'name="next" value="/zoeken/?q=lassen"' in page.content.decode()

    ask(next="/zoeken/?q=lassen")
    path = _link_path(mailoutbox[0])
    confirm = client.get(path)
    assert 'name="next" value="/zoeken/?q=lassen"' in confirm.content.decode()

    response = client.post(path.split("?")[0], {"next": "/zoeken/?q=lassen"})
    assert response["Location"] == "/zoeken/?q=lassen"


@pytest.mark.parametrize("evil", ["//evil.example", "https://evil.example/", "/\\evil.example", "evil.example"])
def test_a_next_elsewhere_is_ignored(client, ask, mailoutbox, evil):
    page = client.get(REQUEST_URL, {"next": evil}).content.decode()
    assert f'name="next" value="{escape(evil)}"' not in page

    ask(next=evil)
    path = _link_path(mailoutbox[0])
    assert "evil" not in path

    response = client.post(path, {"next": evil})
    assert response.status_code == 302
    assert response["Location"] == _my_page()


def test_the_mail_task_sends_a_link_only_once(mailoutbox):
    link = LoginLink.objects.create(email=ADDRESS)

    send_login_link.call(link_id=link.pk, next_url="", language="nl")
    send_login_link.call(link_id=link.pk, next_url="", language="nl")

    assert len(mailoutbox) == 1


def test_the_mail_is_in_the_language_of_the_page(client, ask, mailoutbox):
    client.cookies["lw_language"] = "en"
    ask()
    assert mailoutbox[0].subject == "Your login link for Leerwerk"


def test_old_links_are_deleted_when_a_new_one_is_asked_for(ask):
    ask("oud@voorbeeld.test")
    LoginLink.objects.update(created_at=LoginLink.objects.get().created_at - services.RATE_WINDOW)

    ask()

    assert list(LoginLink.objects.values_list("email", flat=True)) == [ADDRESS]


def test_the_log_names_no_address(client, ask, mailoutbox, caplog):
    caplog.set_level(logging.INFO, logger="leerwerk.accounts")
    MembershipFactory(role=Role.ADVISER, user__email="adviseur@voorbeeld.test")

    ask()
    ask("adviseur@voorbeeld.test")
    client.post(_link_path(mailoutbox[0]))

    messages = [record.getMessage() for record in caplog.records if record.name.startswith("leerwerk.accounts")]
    assert any("requested" in message for message in messages)
    assert any("used by user" in message for message in messages)
    assert any("logs in with a password" in message for message in messages)
    assert not any("voorbeeld.test" in message for message in messages)
