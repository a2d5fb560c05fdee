"""Loading a year's composition: idempotent, and a merger changes later years only."""

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from leerwerk.regions.models import LabourMarketRegion, Municipality, RegionMembership
from leerwerk.regions.selectors import get_region_for_municipality, list_municipalities
from leerwerk.regions.services import load_composition
from leerwerk.regions.sources.cbs import (
    BUNDLED_FILE,
    BUNDLED_FIRST_YEAR,
    COLUMNS,
    MunicipalityRecord,
    SourceFileError,
    read_municipalities,
)

pytestmark = pytest.mark.django_db


def _bundled() -> list[MunicipalityRecord]:
    return read_municipalities(BUNDLED_FILE)


def _write(path: Path, records: list[MunicipalityRecord]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for r in records:
            writer.writerow([r.code, r.name, r.province_code, r.province_name, r.region_code, r.region_name])
    return path


def test_the_bundled_file_holds_every_municipality_and_region():
    records = _bundled()
    assert len(records) == 342
    assert len({record.region_code for record in records}) == 35
    names = {record.code: record.name for record in records}
    assert names["GM0014"] == "Groningen"  # " (gemeente)" is dropped
    assert names["GM0796"] == "'s-Hertogenbosch"


def test_a_fresh_database_gets_the_whole_composition():
    RegionMembership.objects.all().delete()
    LabourMarketRegion.objects.all().delete()
    Municipality.objects.all().delete()

    report = load_composition(records=_bundled(), year=BUNDLED_FIRST_YEAR)

    assert (report.regions.created, report.municipalities.created, report.memberships_started) == (35, 342, 342)
    assert LabourMarketRegion.objects.count() == 35
    assert Municipality.objects.count() == 342
    assert RegionMembership.objects.filter(valid_until__isnull=True).count() == 342


def test_loading_the_same_file_again_changes_nothing():
    before = list(RegionMembership.objects.values_list("pk", "region_id", "valid_from", "valid_until"))

    report = load_composition(records=_bundled(), year=BUNDLED_FIRST_YEAR)

    assert not report.has_changes
    assert report.municipalities.unchanged == 342
    assert report.memberships_unchanged == 342
    assert list(RegionMembership.objects.values_list("pk", "region_id", "valid_from", "valid_until")) == before


def test_a_merger_changes_the_composition_from_its_year_without_rewriting_earlier_years():
    # Boxtel and Vught (Noordoost-Brabant) merge into a new municipality from 2027.
    merged_codes = {"GM0757", "GM0865"}
    records = [r for r in _bundled() if r.code not in merged_codes]
    template = next(r for r in _bundled() if r.code == "GM0757")
    records.append(replace(template, code="GM1999", name="Boxtel-Vught"))

    report = load_composition(records=records, year=2027)

    assert report.municipalities.created == 1
    assert report.memberships_started == 1
    assert report.memberships_ended == 2
    codes_2026 = set(list_municipalities(region="AM27", year=2026).values_list("code", flat=True))
    codes_2027 = set(list_municipalities(region="AM27", year=2027).values_list("code", flat=True))
    assert merged_codes <= codes_2026
    assert "GM1999" not in codes_2026
    assert codes_2027 == (codes_2026 - merged_codes) | {"GM1999"}
    assert get_region_for_municipality(code="GM0757", year=2026).code == "AM27"
    assert get_region_for_municipality(code="GM0757", year=2027) is None
    assert get_region_for_municipality(code="GM1999", year=2027).code == "AM27"
    # The earlier years' memberships were only closed, never moved.
    assert RegionMembership.objects.get(municipality__code="GM0757").valid_from == BUNDLED_FIRST_YEAR


def test_a_municipality_that_moves_to_another_region_keeps_its_old_region_for_earlier_years():
    records = [
        replace(r, region_code="AM33", region_name="Midden-Limburg") if r.code == "GM0794" else r for r in _bundled()
    ]

    report = load_composition(records=records, year=2028)

    assert (report.memberships_started, report.memberships_ended) == (1, 1)
    assert get_region_for_municipality(code="GM0794", year=2027).code == "AM32"
    assert get_region_for_municipality(code="GM0794", year=2028).code == "AM33"


def test_loading_a_year_again_with_a_correction_replaces_that_year_only():
    moved = [
        replace(r, region_code="AM33", region_name="Midden-Limburg") if r.code == "GM0794" else r for r in _bundled()
    ]
    load_composition(records=moved, year=2028)

    load_composition(records=_bundled(), year=2028)

    assert get_region_for_municipality(code="GM0794", year=2028).code == "AM32"
    assert RegionMembership.objects.filter(municipality__code="GM0794").count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("gemeentecode,gemeentenaam\nGM0001,X\n", "missing columns"),
        (",".join(COLUMNS) + "\nGM01,X,PV20,G,AM01,Groningen\n", "not a municipality code"),
        (",".join(COLUMNS) + "\nGM0001,X,PV20,G,AM1,Groningen\n", "not a region code"),
        (",".join(COLUMNS) + "\nGM0001,X,PV20,G,AM01,Groningen\nGM0001,Y,PV20,G,AM01,Groningen\n", "occurs twice"),
        (",".join(COLUMNS) + "\nGM0001,X,PV20,G,AM01,Groningen\nGM0002,Y,PV20,G,AM01,Grunn\n", "called both"),
    ],
)
def test_a_malformed_file_is_refused_and_changes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    before = RegionMembership.objects.count()

    with pytest.raises(CommandError, match=message):
        call_command("load_regions", file=path, year=2030, stdout=io.StringIO())

    assert RegionMembership.objects.count() == before
    with pytest.raises(SourceFileError):
        read_municipalities(path)


def test_the_command_reports_what_it_changed(tmp_path):
    out = io.StringIO()
    call_command("load_regions", stdout=out)
    assert "342 unchanged" in out.getvalue()
    assert "Nothing changed." in out.getvalue()

    records = [replace(r, name="Den Bosch") if r.code == "GM0796" else r for r in _bundled()]
    out = io.StringIO()
    call_command("load_regions", file=_write(tmp_path / "renamed.csv", records), year=2026, stdout=out)
    assert "1 updated" in out.getvalue()
    assert Municipality.objects.get(code="GM0796").name == "Den Bosch"


def test_the_command_needs_a_year_with_another_file(tmp_path):
    with pytest.raises(CommandError, match="--year is required"):
        call_command("load_regions", file=_write(tmp_path / "x.csv", _bundled()), stdout=io.StringIO())
