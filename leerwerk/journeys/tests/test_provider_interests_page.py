"""The provider workspace's registrations /werkplek/aanmeldingen/: only the editor's own
providers, newest first, by pages, withdrawn ones without the resident's details."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory
from leerwerk.journeys.models import Interest
from leerwerk.journeys.tests.factories import InterestFactory
from leerwerk.regions.models import Municipality

pytestmark = pytest.mark.django_db

PAGE = reverse("journeys:provider_interests")


def _editor():
    membership = MembershipFactory(role=Role.PROVIDER_EDITOR, organisation=OrganisationFactory(school=True))
    provider = ProviderFactory(name="ROC Oss", organisation=membership.organisation)
    return membership.user, provider


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_editor_sees_the_registrations_of_their_own_offers_only(english, django_assert_max_num_queries):
    user, provider = _editor()
    InterestFactory(
        offer=OfferFactory(provider=provider, title="Heftruckchauffeur"),
        name="Anna de Vries",
        email="anna@voorbeeld.test",
        phone="0612345678",
        municipality=Municipality.objects.get(code="GM0828"),
        question="Kan ik in de avond?",
        wants_help=True,
    )
    InterestFactory(offer=OfferFactory(title="Zorgmedewerker"), name="Bert Jansen", email="bert@voorbeeld.test")
    english.force_login(user)
    with django_assert_max_num_queries(8):
        response = english.get(PAGE)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Interest registrations | Leerwerk</title>" in content
    assert content.count('data-testid="interest-row"') == 1
    assert "Heftruckchauffeur" in content
    assert "Anna de Vries" in content
    assert 'href="mailto:anna@voorbeeld.test"' in content
    assert 'href="tel:0612345678"' in content
    assert "Oss" in content
    assert "Kan ik in de avond?" in content
    assert "also asked an adviser for help" in content
    assert "Zorgmedewerker" not in content
    assert "Bert Jansen" not in content


def test_a_withdrawn_registration_shows_as_withdrawn_without_details(english):
    user, provider = _editor()
    InterestFactory(offer=OfferFactory(provider=provider, title="Heftruckchauffeur"), withdrawn=True, phone="")
    english.force_login(user)
    content = english.get(PAGE).content.decode()
    assert 'data-status="withdrawn"' in content
    assert ">Withdrawn</td>" in content
    assert "mailto:" not in content
    assert "tel:" not in content


def test_the_newest_come_first_in_pages_of_25(english):
    user, provider = _editor()
    offer = OfferFactory(provider=provider)
    now = timezone.now()
    for number in range(30):
        interest = InterestFactory(offer=offer, name=f"Inwoner {number:02d}")
        Interest.objects.filter(pk=interest.pk).update(created_at=now - datetime.timedelta(hours=number))
    english.force_login(user)
    first = english.get(PAGE).content.decode()
    assert first.count('data-testid="interest-row"') == 25
    assert first.index("Inwoner 00") < first.index("Inwoner 01")
    assert "Inwoner 29" not in first
    assert "Page 1 of 2" in first
    second = english.get(PAGE, {"page": 2}).content.decode()
    assert second.count('data-testid="interest-row"') == 5
    assert "Inwoner 29" in second


def test_a_user_without_a_provider_sees_none(english):
    InterestFactory()
    english.force_login(UserFactory())
    content = english.get(PAGE).content.decode()
    assert "You do not manage the offers of a provider yet." in content
    assert 'data-testid="interest-row"' not in content


def test_each_registration_the_editor_is_shown_is_written_to_the_processing_log(client):
    from leerwerk.audit.models import ProcessingLogEntry

    user, provider = _editor()
    shown = InterestFactory(offer=OfferFactory(provider=provider), name="Anna de Vries")
    InterestFactory(name="Van een ander")  # another provider's: not shown, not logged
    client.force_login(user)

    assert client.get(PAGE).status_code == 200

    entry = ProcessingLogEntry.objects.get(actor_id=user.pk)
    assert (entry.subject, entry.subject_id, entry.action) == ("interest", shown.pk, "list")
    assert (entry.actor_role, entry.purpose) == ("provider_editor", "interest")
