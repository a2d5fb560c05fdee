import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from leerwerk.accounts.models import Membership, Organisation, Role, User
from leerwerk.demo.services import BRABANT, DEMO_PASSWORD, seed_demo
from leerwerk.regions.models import LabourMarketRegion

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_user_for_every_role_in_the_brabant_regions():
    report = seed_demo()
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert report.users_created == User.objects.count() == len(report.logins)
    served = set(LabourMarketRegion.objects.filter(is_served=True).values_list("code", flat=True))
    assert served == set(BRABANT)
    advisers = Membership.objects.filter(role=Role.ADVISER, organisation__kind=Organisation.Kind.MUNICIPALITY)
    assert {code for m in advisers for code in m.regions.values_list("code", flat=True)} == set(BRABANT)


def test_seeding_twice_duplicates_nothing():
    seed_demo()
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    report = seed_demo()
    assert report.users_created == 0
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts


def test_every_demo_user_logs_in_with_the_demo_password(client):
    report = seed_demo()
    for login in report.logins:
        response = client.post(reverse("account_login"), {"login": login.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, login.email
        client.post(reverse("account_logout"))


def test_demo_data_is_refused_where_it_is_disabled(settings):
    settings.DEMO_DATA_ENABLED = False
    with pytest.raises(CommandError, match="disabled"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()


def test_the_command_prints_the_logins():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "adviseur.am27@demo.leerwerk.test" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
