"""The resident's own page /mijn/: their registrations and advice requests (by their login's
e-mail address), withdrawing each, the download of their data, and deleting the account."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.journeys.tests.factories import AdviceRequestFactory, InterestFactory

pytestmark = pytest.mark.django_db

MY_PAGE = reverse("journeys:my_page")


@pytest.fixture
def resident(english):
    user = UserFactory(email="anna@voorbeeld.test")
    english.force_login(user)
    return user


@pytest.fixture
def theirs(resident):
    """Anna's registration and request (one sent with her address in capitals), and someone else's."""
    offer = OfferFactory(title="Heftruckchauffeur", provider=ProviderFactory(name="Transportschool Oss"))
    return {
        "interest": InterestFactory(offer=offer, email="Anna@Voorbeeld.test", phone="0612345678", wants_help=True),
        "advice": AdviceRequestFactory(email="anna@voorbeeld.test", goal=AdviceRequest.Goal.WORK_AGAIN),
        "other_interest": InterestFactory(offer=OfferFactory(title="Zorgmedewerker"), email="bert@voorbeeld.test"),
        "other_advice": AdviceRequestFactory(email="bert@voorbeeld.test"),
    }


@pytest.mark.parametrize(
    "url",
    [
        MY_PAGE,
        reverse("journeys:my-data"),
        reverse("journeys:my-account-delete"),
    ],
)
def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_by_e_mail_link(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login_link") + "?next=")


def test_the_page_lists_only_the_residents_own_registrations(english, theirs, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # session, user, regions, interests, advice requests, roles
        response = english.get(MY_PAGE)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>My page | Leerwerk</title>" in content
    assert "Heftruckchauffeur" in content
    assert "Transportschool Oss" in content
    assert "Zorgmedewerker" not in content
    assert content.count('data-testid="interest-row"') == 1
    assert content.count('data-testid="advice-row"') == 1
    assert "Find work again" in content
    assert "Noordoost-Brabant" in content
    assert f'action="{reverse("journeys:my-interest-withdraw", args=[theirs["interest"].pk])}"' in content
    assert f'action="{reverse("journeys:my-advice-withdraw", args=[theirs["advice"].pk])}"' in content
    assert f'href="{reverse("journeys:my-data")}"' in content
    assert f'href="{reverse("journeys:my-account-delete")}"' in content


def test_the_resident_withdraws_a_registration_and_its_details_are_erased(english, theirs):
    interest = theirs["interest"]
    response = english.post(reverse("journeys:my-interest-withdraw", args=[interest.pk]), follow=True)
    assert response.redirect_chain == [(MY_PAGE, 302)]
    assert "Your interest in “Heftruckchauffeur” is withdrawn. We erased your details." in response.content.decode()
    interest.refresh_from_db()
    assert interest.status == Interest.Status.WITHDRAWN
    assert (interest.email, interest.phone) == ("", "")


def test_the_resident_withdraws_an_advice_request(english, theirs):
    advice = theirs["advice"]
    english.post(reverse("journeys:my-advice-withdraw", args=[advice.pk]))
    advice.refresh_from_db()
    assert advice.status == AdviceRequest.Status.WITHDRAWN
    assert advice.email == ""


def test_someone_elses_registration_cannot_be_withdrawn(english, theirs):
    other_interest, other_advice = theirs["other_interest"], theirs["other_advice"]
    assert english.post(reverse("journeys:my-interest-withdraw", args=[other_interest.pk])).status_code == 404
    assert english.post(reverse("journeys:my-advice-withdraw", args=[other_advice.pk])).status_code == 404
    assert english.get(reverse("journeys:my-interest-withdraw", args=[theirs["interest"].pk])).status_code == 405
    other_interest.refresh_from_db()
    other_advice.refresh_from_db()
    assert other_interest.status == Interest.Status.ACTIVE
    assert other_advice.status == AdviceRequest.Status.NEW


def test_the_download_holds_all_the_residents_data_and_nobody_elses(english, theirs, resident):
    response = english.get(reverse("journeys:my-data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="leerwerk-mijn-gegevens.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "anna@voorbeeld.test"
    assert data["account"]["name"] == resident.full_name
    [interest] = data["interest_registrations"]
    assert interest["offer"]["title"] == "Heftruckchauffeur"
    assert interest["provider"] == "Transportschool Oss"
    assert interest["phone"] == "0612345678"
    assert interest["wants_help"] is True
    assert interest["consent_version"] == "interest-1"
    assert "withdraw_token_hash" not in interest
    [advice] = data["advice_requests"]
    assert advice["goal"] == "work_again"
    assert advice["region_code"] == "AM27"
    assert "bert@voorbeeld.test" not in response.content.decode()


def test_deleting_the_account_asks_first(english, theirs):
    response = english.get(reverse("journeys:my-account-delete"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "This cannot be undone." in content
    assert ">Yes, delete my account</button>" in content
    assert Interest.objects.get(pk=theirs["interest"].pk).email


def test_deleting_the_account_erases_the_registrations_and_deletes_the_user(english, theirs, resident):
    response = english.post(reverse("journeys:my-account-delete"), follow=True)
    assert response.redirect_chain == [(reverse("journeys:home"), 302)]
    assert "Your account is deleted, and so are your details." in response.content.decode()
    assert not get_user_model().objects.filter(pk=resident.pk).exists()
    interest = Interest.objects.get(pk=theirs["interest"].pk)
    assert (interest.status, interest.email, interest.phone) == (Interest.Status.WITHDRAWN, "", "")
    advice = AdviceRequest.objects.get(pk=theirs["advice"].pk)
    assert (advice.status, advice.email) == (AdviceRequest.Status.WITHDRAWN, "")
    assert Interest.objects.get(pk=theirs["other_interest"].pk).email == "bert@voorbeeld.test"
    assert english.get(MY_PAGE).status_code == 302  # logged out


def test_a_partner_account_is_not_deleted_from_the_residents_page(english):
    membership = MembershipFactory(role=Role.PROVIDER_EDITOR, organisation=OrganisationFactory(school=True))
    english.force_login(membership.user)
    content = english.get(reverse("journeys:my-account-delete")).content.decode()
    assert "ask them to delete it" in content
    assert "<button" not in content.split('id="main"')[1].split("</main>")[0]
    assert f'href="{reverse("journeys:my-account-delete")}"' not in english.get(MY_PAGE).content.decode()
    assert english.post(reverse("journeys:my-account-delete")).status_code == 403
    assert get_user_model().objects.filter(pk=membership.user.pk).exists()
