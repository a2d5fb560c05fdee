"""Writes to the regions.

Public surface:
- `load_composition(records=…, year=…)`: make the database hold a year's complete
  composition (from the CBS table) without changing what earlier years were;
- `set_served_regions(codes=…)`: choose the regions this deployment serves.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction

from leerwerk.regions.models import LabourMarketRegion, Municipality, RegionMembership
from leerwerk.regions.sources.cbs import MunicipalityRecord


class UnknownRegionError(ValueError):
    pass


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class LoadReport:
    year: int
    regions: Counts = field(default_factory=Counts)
    municipalities: Counts = field(default_factory=Counts)
    memberships_started: int = 0
    memberships_ended: int = 0
    memberships_unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(
            self.regions.created
            or self.regions.updated
            or self.municipalities.created
            or self.municipalities.updated
            or self.memberships_started
            or self.memberships_ended
        )

    def lines(self) -> list[str]:
        return [
            f"Composition of {self.year}:",
            f"  regions: {self.regions}",
            f"  municipalities: {self.municipalities}",
            f"  memberships: {self.memberships_started} started, {self.memberships_ended} ended, "
            f"{self.memberships_unchanged} unchanged",
        ]


def _covers(membership: RegionMembership, year: int) -> bool:
    return membership.valid_from <= year and (membership.valid_until is None or membership.valid_until >= year)


@transaction.atomic
def load_composition(*, records: Sequence[MunicipalityRecord], year: int) -> LoadReport:
    """Make `year`'s composition equal to `records`, which list every municipality of
    that year. Earlier years are never changed: a municipality that moves or disappears
    ends its membership the year before, so indicators of earlier years keep counting by
    the composition they had. Running it twice changes nothing the second time."""
    report = LoadReport(year=year)
    regions = _upsert_regions(records, report.regions)
    municipalities = _upsert_municipalities(records, report.municipalities)

    memberships: dict[int, list[RegionMembership]] = defaultdict(list)
    for membership in RegionMembership.objects.order_by("valid_from"):
        memberships[membership.municipality_id].append(membership)

    listed: set[int] = set()
    for record in records:
        municipality = municipalities[record.code]
        listed.add(municipality.pk)
        _place(municipality, regions[record.region_code], year, memberships[municipality.pk], report)

    for municipality_id, held in memberships.items():
        if municipality_id not in listed:
            _end_before(year, held, report)
    return report


def _upsert_regions(records: Iterable[MunicipalityRecord], counts: Counts) -> dict[str, LabourMarketRegion]:
    existing = {region.code: region for region in LabourMarketRegion.objects.all()}
    for code, name in {r.region_code: r.region_name for r in records}.items():
        region = existing.get(code)
        if region is None:
            existing[code] = LabourMarketRegion.objects.create(code=code, name=name)
            counts.created += 1
        elif region.name != name:
            region.name = name
            region.save(update_fields=["name", "updated_at"])
            counts.updated += 1
        else:
            counts.unchanged += 1
    return existing


def _upsert_municipalities(records: Iterable[MunicipalityRecord], counts: Counts) -> dict[str, Municipality]:
    existing = {municipality.code: municipality for municipality in Municipality.objects.all()}
    for record in records:
        wanted = {
            "name": record.name,
            "province_code": record.province_code,
            "province_name": record.province_name,
        }
        municipality = existing.get(record.code)
        if municipality is None:
            existing[record.code] = Municipality.objects.create(code=record.code, **wanted)
            counts.created += 1
        elif any(getattr(municipality, key) != value for key, value in wanted.items()):
            for key, value in wanted.items():
                setattr(municipality, key, value)
            municipality.save(update_fields=[*wanted, "updated_at"])
            counts.updated += 1
        else:
            counts.unchanged += 1
    return existing


def _place(
    municipality: Municipality,
    region: LabourMarketRegion,
    year: int,
    held: list[RegionMembership],
    report: LoadReport,
) -> None:
    covering = next((membership for membership in held if _covers(membership, year)), None)
    if covering is not None and covering.region_id == region.pk:
        report.memberships_unchanged += 1
        return
    if covering is not None and covering.valid_from == year:
        # The same year loaded again with another region: a correction of that year.
        covering.region = region
        covering.save(update_fields=["region"])
        report.memberships_started += 1
        return
    if covering is not None:
        until = covering.valid_until
        covering.valid_until = year - 1
        covering.save(update_fields=["valid_until"])
        report.memberships_ended += 1
    else:
        later = [membership.valid_from for membership in held if membership.valid_from > year]
        until = min(later) - 1 if later else None
    RegionMembership.objects.create(municipality=municipality, region=region, valid_from=year, valid_until=until)
    report.memberships_started += 1


def _end_before(year: int, held: list[RegionMembership], report: LoadReport) -> None:
    """The municipality is not in `year`'s composition (merged away): its membership
    ends the year before. A membership that only started this year was a mistake of an
    earlier load of this same year and goes."""
    for membership in held:
        if not _covers(membership, year):
            continue
        if membership.valid_from == year:
            membership.delete()
        else:
            membership.valid_until = year - 1
            membership.save(update_fields=["valid_until"])
        report.memberships_ended += 1


@transaction.atomic
def set_served_regions(*, codes: Iterable[str]) -> list[LabourMarketRegion]:
    """This deployment serves exactly the regions in `codes`."""
    wanted = set(codes)
    regions = list(LabourMarketRegion.objects.filter(code__in=wanted))
    unknown = wanted - {region.code for region in regions}
    if unknown:
        raise UnknownRegionError(f"Unknown region codes: {', '.join(sorted(unknown))}")
    LabourMarketRegion.objects.exclude(code__in=wanted).update(is_served=False)
    LabourMarketRegion.objects.filter(code__in=wanted).update(is_served=True)
    return regions
