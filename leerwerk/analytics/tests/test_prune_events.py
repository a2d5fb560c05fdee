import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from leerwerk.analytics.models import Event
from leerwerk.analytics.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _events_days_ago(*days_ago):
    for days in days_ago:
        EventFactory(day=timezone.localdate() - datetime.timedelta(days=days))


def test_events_older_than_the_retention_are_deleted():
    _events_days_ago(0, 10, 399, 400, 401, 800)
    out = io.StringIO()

    call_command("prune_events", stdout=out)

    assert sorted(Event.objects.values_list("day", flat=True)) == [
        timezone.localdate() - datetime.timedelta(days=days) for days in (400, 399, 10, 0)
    ]
    assert "Deleted 2 events" in out.getvalue()


def test_the_retention_can_be_given_in_days():
    _events_days_ago(0, 5, 40)

    call_command("prune_events", "--days", "5", stdout=io.StringIO())

    assert Event.objects.count() == 2


def test_a_retention_below_one_day_is_refused():
    _events_days_ago(0)

    with pytest.raises(CommandError):
        call_command("prune_events", "--days", "0", stdout=io.StringIO())
    assert Event.objects.count() == 1
