"""Every measurement test starts with an empty event queue, no salts in memory, an empty
visit cache, and a clock it can move (`clock`)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from leerwerk.analytics.services import discard_events, forget_salts


@pytest.fixture(autouse=True)
def _clean_measurement():
    discard_events()
    forget_salts()
    cache.clear()
    yield
    discard_events()
    forget_salts()
    cache.clear()


class Clock:
    """Stands in for `django.utils.timezone.now`; `moment` is aware, in Amsterdam time."""

    def __init__(self, moment: datetime.datetime) -> None:
        self.moment = moment

    def now(self) -> datetime.datetime:
        return self.moment

    def next_day(self) -> None:
        self.moment += datetime.timedelta(days=1)

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.moment)


@pytest.fixture
def clock(monkeypatch):
    moment = timezone.make_aware(datetime.datetime(2025, 3, 10, 14, 30))
    fake = Clock(moment)
    monkeypatch.setattr(timezone, "now", fake.now)
    return fake
