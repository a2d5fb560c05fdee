import pytest

from leerwerk.regions.models import LabourMarketRegion
from leerwerk.regions.selectors import (
    current_year,
    get_region,
    get_region_for_municipality,
    list_municipalities,
    list_regions,
    list_years,
)

pytestmark = pytest.mark.django_db


def test_a_municipality_belongs_to_its_region_in_a_given_year():
    region = get_region_for_municipality(code="GM0796", year=2026)
    assert region is not None
    assert (region.code, region.name) == ("AM27", "Noordoost-Brabant")


def test_region_borders_cross_province_borders():
    region = get_region_for_municipality(code="gm1706", year=2026)  # Cranendonck, Noord-Brabant
    assert region is not None
    assert region.code == "AM33"


def test_an_unknown_municipality_or_a_year_before_the_data_has_no_region():
    assert get_region_for_municipality(code="GM9999", year=2026) is None
    assert get_region_for_municipality(code="GM0796", year=2000) is None


def test_municipalities_of_a_region_come_with_that_years_region(django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        municipalities = list(list_municipalities(region="AM27", year=2026))
    assert len(municipalities) == 10
    assert {m.region_code for m in municipalities} == {"AM27"}
    assert "Oss" in [m.name for m in municipalities]


def test_all_municipalities_of_a_year():
    assert list_municipalities(year=2026).count() == 342
    assert list_municipalities(year=2000).count() == 0


def test_regions_count_their_municipalities_per_year(django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        regions = {region.code: region.municipality_count for region in list_regions(year=2026)}
    assert len(regions) == 35
    assert regions["AM27"] == 10
    assert sum(regions.values()) == 342


def test_served_regions_only():
    LabourMarketRegion.objects.filter(code__in=["AM25", "AM27"]).update(is_served=True)
    assert [region.code for region in list_regions(year=2026, served_only=True)] == ["AM27", "AM25"]


def test_get_region_ignores_case_and_raises_for_unknown_codes():
    assert get_region(code="am27").name == "Noordoost-Brabant"
    with pytest.raises(LabourMarketRegion.DoesNotExist):
        get_region(code="AM04")  # there is no AM04


def test_the_years_with_data_run_to_the_current_year():
    years = list_years()
    assert years[0] == 2023
    assert years[-1] == current_year()
