"""The admin lists interest registrations and advice requests, read only."""

import pytest
from django.urls import reverse

from leerwerk.accounts.tests.factories import MembershipFactory
from leerwerk.journeys.tests.factories import AdviceRequestFactory, InterestFactory

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
