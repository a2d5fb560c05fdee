"""The admin lists interest registrations and advice requests, read only; analysts keep
the promising occupations of their regions."""

import pytest
from django.urls import reverse

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import MembershipFactory
from leerwerk.journeys.tests.factories import AdviceRequestFactory, InterestFactory
from leerwerk.regions.models import LabourMarketRegion
from leerwerk.skills.models import Occupation, PromisingOccupation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("model", "factory"), [("interest", InterestFactory), ("advicerequest", AdviceRequestFactory)])
def test_an_administrator_reads_but_cannot_change(client, model, factory):
    record = factory()
    client.force_login(MembershipFactory(administrator=True).user)
    assert client.get(reverse(f"admin:journeys_{model}_changelist")).status_code == 200
    detail = client.get(reverse(f"admin:journeys_{model}_change", args=[record.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert client.get(reverse(f"admin:journeys_{model}_add")).status_code == 403
    assert client.post(reverse(f"admin:journeys_{model}_delete", args=[record.pk]), {"post": "yes"}).status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()


def _occupation(label):
    return Occupation.objects.create(uri=f"http://data.europa.eu/esco/occupation/test-{label}", preferred_label=label)


def test_an_analyst_keeps_the_promising_occupations_of_their_own_region_only(client):
    own, other = LabourMarketRegion.objects.get(code="AM27"), LabourMarketRegion.objects.get(code="AM25")
    forklift, welder = _occupation("heftruckchauffeur"), _occupation("lasser")
    PromisingOccupation.objects.create(region=own, occupation=forklift, reason="Vraag", source="Demo", position=1)
    PromisingOccupation.objects.create(region=other, occupation=forklift, reason="Vraag", source="Demo", position=1)
    analyst = MembershipFactory(role=Role.ANALYST, regions=[own]).user
    client.force_login(analyst)

    listing = client.get(reverse("admin:skills_promisingoccupation_changelist"))
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 1
    add = reverse("admin:skills_promisingoccupation_add")
    fields = {"occupation": welder.pk, "reason": "Tekort aan lassers.", "source": "Demo", "position": 2}
    refused = client.post(add, {**fields, "region": other.pk})
    assert refused.status_code == 200  # the form again: another region is no choice
    assert client.post(add, {**fields, "region": own.pk}).status_code == 302
    assert PromisingOccupation.objects.filter(occupation=welder).get().region == own
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    assert client.get(reverse("admin:journeys_interest_changelist")).status_code == 403


def test_an_adviser_has_no_admin(client):
    client.force_login(MembershipFactory(role=Role.ADVISER).user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302  # to the admin's login
