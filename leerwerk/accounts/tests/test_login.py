"""Logging in with allauth: e-mail and password, lockout after guessing, a second factor
for staff, and the admin for administrators only."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from leerwerk.accounts.models import Role, User
from leerwerk.accounts.services import create_user
from leerwerk.accounts.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord"


@pytest.fixture
def adviser():
    user = create_user(email="adviseur@voorbeeld.test", password=PASSWORD, email_verified=True)
    MembershipFactory(user=user, role=Role.ADVISER)
    return user


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_the_login_page_is_dutch_and_has_no_sign_up(client):
    response = client.get(reverse("account_login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Inloggen voor partners | Leerwerk</title>" in content
    assert "utrecht-textbox" in content
    assert reverse("account_signup") not in content


def test_a_partner_logs_in_with_email_and_password(client, adviser):
    response = _login(client, "Adviseur@Voorbeeld.test", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:overview")
    overview = client.get(reverse("accounts:overview")).content.decode()
    assert "adviseur@voorbeeld.test" in overview
    assert "Adviseur" in overview


def test_a_wrong_password_is_refused_with_a_dutch_message(client, adviser):
    response = _login(client, adviser.email, "fout")
    assert response.status_code == 200
    assert "is niet correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_guessing_locks_the_account_out(client, adviser, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, adviser.email, "fout")

    response = _login(client, adviser.email, PASSWORD)

    assert response.status_code == 429
    assert "Te vaak geprobeerd in te loggen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_up_is_closed(client):
    response = client.post(
        reverse("account_signup"), {"email": "nieuw@voorbeeld.test", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert not User.objects.filter(email="nieuw@voorbeeld.test").exists()
    assert response.status_code == 200


def test_staff_without_a_second_factor_must_set_one_up_first(client, adviser, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    _login(client, adviser.email, PASSWORD)

    response = client.get(reverse("accounts:overview"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password once more before a second factor is added.
    confirm = client.get(reverse("mfa_activate_totp"), follow=True)
    assert confirm.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    setup = client.post(confirm.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert "lw-qr" in setup.content.decode()  # the QR code to scan with an authenticator app


def test_staff_with_a_second_factor_and_residents_go_ahead(client, adviser, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    Authenticator.objects.create(user=adviser, type=Authenticator.Type.TOTP, data={})
    client.force_login(adviser)
    assert client.get(reverse("accounts:overview")).status_code == 200

    resident = MembershipFactory(resident=True).user
    client.force_login(resident)
    assert client.get(reverse("accounts:overview")).status_code == 200


def test_the_overview_needs_a_login(client):
    response = client.get(reverse("accounts:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_only_administrators_open_the_admin(client, adviser):
    client.force_login(adviser)
    assert client.get("/beheer/").status_code == 302

    administrator = MembershipFactory(administrator=True).user
    client.force_login(administrator)
    assert client.get("/beheer/").status_code == 200
    assert client.get("/beheer/regions/labourmarketregion/").status_code == 200


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.RESIDENT, ["journeys:my_page"], ["analytics:report", "journeys:provider_interests"]),
        (Role.PROVIDER_EDITOR, ["journeys:provider_interests"], ["analytics:report", "journeys:my_page"]),
        (Role.ANALYST, ["analytics:report"], ["journeys:provider_interests", "journeys:my_page"]),
        (Role.ADVISER, [], ["analytics:report", "journeys:provider_interests", "journeys:my_page"]),
    ],
)
def test_the_account_page_leads_each_role_to_its_own_work(client, role, shown, hidden):
    membership = (
        MembershipFactory(role=role, organisation=None) if role == Role.RESIDENT else MembershipFactory(role=role)
    )
    client.force_login(membership.user)
    content = client.get(reverse("accounts:overview")).content.decode()
    for name in shown:
        assert f'href="{reverse(name)}"' in content, name
    for name in hidden:
        assert f'href="{reverse(name)}"' not in content, name


def test_the_overview_links_advisers_to_their_cases_and_no_one_else(client, adviser):
    client.force_login(adviser)
    assert reverse("advice:queue") in client.get(reverse("accounts:overview")).content.decode()

    resident = MembershipFactory(resident=True).user
    client.force_login(resident)
    assert reverse("advice:queue") not in client.get(reverse("accounts:overview")).content.decode()
