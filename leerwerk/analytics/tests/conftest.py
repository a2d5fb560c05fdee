"""Every measurement test starts with an empty event queue, no salts in memory, an empty
visit cache, and a clock it can move (`clock`)."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
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


@pytest.fixture(autouse=True)
def _reference_regions(request):
    """The 35 regions, loaded once per session (conftest.py); a browser test that pytest
    runs before these tests in the same session has flushed them, so they come back."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    from leerwerk.regions.models import LabourMarketRegion

    if not LabourMarketRegion.objects.exists():
        call_command("load_regions", stdout=io.StringIO())


@pytest.fixture
def reader(db):
    """`reader(role, regions=("AM27",))`: a user with that role in a partnership for those
    regions ("superuser" for a superuser, "resident" for a resident, None for no role)."""
    from leerwerk.accounts.models import Role
    from leerwerk.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
    from leerwerk.regions.models import LabourMarketRegion

    def make(role: str | None, regions: tuple[str, ...] = ("AM27",)):
        if role == "superuser":
            return UserFactory(is_superuser=True, is_staff=True)
        user = UserFactory()
        if role == Role.RESIDENT:
            MembershipFactory(user=user, role=role, organisation=None)
        elif role:
            MembershipFactory(
                user=user,
                role=role,
                organisation=OrganisationFactory(kind="partnership"),
                regions=list(LabourMarketRegion.objects.filter(code__in=regions)),
            )
        return user

    return make
