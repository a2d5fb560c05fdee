"""Promising occupations per region: the model's rules, the service and the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.urls import reverse

from leerwerk.regions.models import LabourMarketRegion
from leerwerk.skills.models import Occupation, PromisingOccupation
from leerwerk.skills.selectors import list_promising_occupations
from leerwerk.skills.services import set_promising_occupation

pytestmark = pytest.mark.django_db


@pytest.fixture
def occupation() -> Occupation:
    return Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/test-heftruck",
        code="8344.1",
        isco_group="8344",
        preferred_label="heftruckchauffeur",
        alt_labels=["vorkheftruckchauffeur"],
    )


@pytest.fixture
def region() -> LabourMarketRegion:
    return LabourMarketRegion.objects.get(code="AM27")


def _promising(region, occupation, **fields) -> PromisingOccupation:
    return PromisingOccupation.objects.create(
        region=region, occupation=occupation, **{"reason": "Veel vacatures.", "source": "Eigen analyse", **fields}
    )


def test_an_occupation_is_promising_in_a_region_only_once(region, occupation):
    _promising(region, occupation)
    with pytest.raises(IntegrityError):
        _promising(region, occupation)


def test_the_same_occupation_may_be_promising_in_another_region(region, occupation):
    _promising(region, occupation)
    _promising(LabourMarketRegion.objects.get(code="AM25"), occupation)
    assert PromisingOccupation.objects.count() == 2


@pytest.mark.parametrize("field", ["reason", "source"])
def test_a_promising_occupation_always_has_a_reason_and_a_source(region, occupation, field):
    with pytest.raises(IntegrityError):
        _promising(region, occupation, **{field: ""})


def test_setting_a_promising_occupation_twice_changes_nothing_the_second_time(region, occupation):
    arguments = {
        "region": region,
        "occupation": occupation,
        "reason": "Veel vacatures.",
        "source": "Demo",
        "position": 1,
    }
    assert set_promising_occupation(**arguments) == "created"
    assert set_promising_occupation(**arguments) == "unchanged"
    assert set_promising_occupation(**{**arguments, "reason": "Nog meer vacatures."}) == "updated"
    promising = PromisingOccupation.objects.get()
    assert promising.reason == "Nog meer vacatures."


def test_a_regions_list_keeps_the_analysts_order(region, occupation):
    other = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/test-kok", code="5120.1", isco_group="5120", preferred_label="kok"
    )
    _promising(region, occupation, position=2)
    _promising(region, other, position=1)
    _promising(LabourMarketRegion.objects.get(code="AM25"), occupation, position=0)
    assert [p.occupation.preferred_label for p in list_promising_occupations(region_code="am27")] == [
        "kok",
        "heftruckchauffeur",
    ]


def test_an_administrator_adds_one_in_the_admin_and_is_named_as_its_curator(client, region, occupation):
    # A superuser: the skills app may not use the accounts app's factories (same layer).
    administrator = get_user_model().objects.create_superuser(email="beheer@voorbeeld.test", password="lang-wachtwoord")
    client.force_login(administrator)
    response = client.post(
        reverse("admin:skills_promisingoccupation_add"),
        {
            "region": region.pk,
            "occupation": occupation.pk,
            "reason": "Distributiecentra zoeken mensen.",
            "source": "UWV Kansrijke beroepen 2026",
            "position": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    promising = PromisingOccupation.objects.get()
    assert promising.curated_by == administrator
    assert promising.source == "UWV Kansrijke beroepen 2026"
    assert client.get(reverse("admin:skills_promisingoccupation_changelist")).status_code == 200
