"""erase_expired_registrations and its command: what is past its retention is deleted."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.journeys.services import erase_expired_registrations
from leerwerk.journeys.tests.factories import AdviceRequestFactory, InterestFactory

pytestmark = pytest.mark.django_db


def test_registrations_past_their_retention_are_deleted_and_the_rest_kept():
    now = timezone.now()
    expired = InterestFactory(erase_after=now - datetime.timedelta(seconds=1))
    AdviceRequestFactory(interest=expired, erase_after=expired.erase_after)
    kept = InterestFactory(erase_after=now + datetime.timedelta(days=1))
    kept_advice = AdviceRequestFactory(erase_after=now + datetime.timedelta(days=1))
    assert erase_expired_registrations(now=now) == (1, 1)
    assert list(Interest.objects.all()) == [kept]
    assert list(AdviceRequest.objects.all()) == [kept_advice]


def test_the_command_says_how_many_it_deleted():
    InterestFactory(erase_after=timezone.now() - datetime.timedelta(days=1))
    output = io.StringIO()
    call_command("erase_expired_registrations", stdout=output)
    assert output.getvalue().strip() == "Deleted 1 interest registrations and 0 advice requests."
    assert not Interest.objects.exists()
