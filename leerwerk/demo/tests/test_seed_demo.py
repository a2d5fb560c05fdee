import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from leerwerk.accounts.models import Membership, Organisation, Role, User
from leerwerk.demo.promising_occupations import DEMO_SOURCE, PROMISING_OCCUPATIONS
from leerwerk.demo.services import BRABANT, DEMO_PASSWORD, seed_demo
from leerwerk.regions.models import LabourMarketRegion
from leerwerk.search.selectors import Filters, search_offers
from leerwerk.search.services import rebuild_index
from leerwerk.skills.models import PromisingOccupation
from leerwerk.skills.services import load_occupations
from leerwerk.skills.sources import BUNDLED_FILE, read_occupations

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


@pytest.fixture
def demo_occupations():
    """The ESCO occupations the demo names, from the bundled file (the whole file takes longer)."""
    labels = {label for entries in PROMISING_OCCUPATIONS.values() for label, _reason in entries}
    load_occupations(records=[record for record in read_occupations(BUNDLED_FILE) if record.preferred_label in labels])


def test_every_brabant_region_gets_six_to_ten_promising_occupations_once(demo_occupations):
    first = seed_demo()
    assert first.promising_missing == []
    per_region = Counter(PromisingOccupation.objects.values_list("region__code", flat=True))
    assert set(per_region) == set(BRABANT)
    assert all(6 <= count <= 10 for count in per_region.values()), per_region
    assert set(PromisingOccupation.objects.values_list("source", flat=True)) == {DEMO_SOURCE}

    second = seed_demo()
    assert (second.promising_created, second.promising_updated) == (0, 0)
    assert second.promising_unchanged == first.promising_created == PromisingOccupation.objects.count()
    assert Counter(PromisingOccupation.objects.values_list("region__code", flat=True)) == per_region


def test_without_the_occupations_the_seed_leaves_them_out_and_says_how_to_add_them():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert not PromisingOccupation.objects.exists()
    assert "load_occupations" in out.getvalue()


def test_the_demo_catalogue_has_offers_for_every_promising_occupation_in_its_region():
    call_command("load_occupations", stdout=io.StringIO())  # all of them: the search's synonyms come from them
    seed_demo()
    rebuild_index()
    for promising in PromisingOccupation.objects.select_related("region", "occupation"):
        names = [promising.occupation.preferred_label, *promising.occupation.alt_labels]
        found = [search_offers(text=name, filters=Filters(region=(promising.region.code,))).total for name in names]
        assert any(found), f"{promising.occupation} in {promising.region.code}"
