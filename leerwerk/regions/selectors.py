"""Reads of the regions.

Public surface: `current_year`, `list_regions`, `get_region`, `list_municipalities`,
`list_municipality_names`, `list_municipality_codes`, `list_places`,
`get_region_for_municipality`, `list_years`. Every read that depends on the composition
takes the year it is about, because the composition changes from year to year.
"""

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from leerwerk.regions.models import LabourMarketRegion, Municipality, RegionMembership


def current_year() -> int:
    return timezone.localdate().year


def _in_year(year: int, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": year}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": year})
    )


def list_regions(*, year: int, served_only: bool = False) -> QuerySet[LabourMarketRegion]:
    """All regions (or the served ones) with `municipality_count` for that year."""
    regions = LabourMarketRegion.objects.annotate(
        municipality_count=Count("memberships", filter=_in_year(year, "memberships__"))
    )
    if served_only:
        regions = regions.filter(is_served=True)
    return regions.order_by("name")


def get_region(*, code: str) -> LabourMarketRegion:
    """Raises LabourMarketRegion.DoesNotExist for an unknown code."""
    return LabourMarketRegion.objects.get(code=code.upper())


def list_municipalities(*, year: int, region: LabourMarketRegion | str | None = None) -> QuerySet[Municipality]:
    """The municipalities of `year` (of one region when given), each annotated with
    `region_code` and `region_name` of that year."""
    memberships = RegionMembership.objects.filter(_in_year(year))
    if isinstance(region, LabourMarketRegion):
        memberships = memberships.filter(region=region)
    elif region is not None:
        memberships = memberships.filter(region__code=region.upper())
    in_year = memberships.filter(municipality=OuterRef("pk"))
    return (
        Municipality.objects.filter(pk__in=memberships.values("municipality"))
        .annotate(
            region_code=Subquery(in_year.values("region__code")[:1]),
            region_name=Subquery(in_year.values("region__name")[:1]),
        )
        .order_by("name")
    )


def list_municipality_names(*, year: int) -> list[tuple[str, str]]:
    """(code, name) of every municipality of `year`, by name: the choices of a form."""
    in_year = RegionMembership.objects.filter(_in_year(year)).values("municipality")
    return list(Municipality.objects.filter(pk__in=in_year).order_by("name").values_list("code", "name"))


def list_municipality_codes() -> frozenset[str]:
    """Every municipality code that exists or existed."""
    return frozenset(Municipality.objects.values_list("code", flat=True))


def list_places(*, year: int) -> dict[str, tuple[str, str, str]]:
    """Municipality code → (its name, its region's code, the region's name) in `year`."""
    memberships = RegionMembership.objects.filter(_in_year(year)).values_list(
        "municipality__code", "municipality__name", "region__code", "region__name"
    )
    return {code: (name, region_code, region_name) for code, name, region_code, region_name in memberships}


def get_region_for_municipality(*, code: str, year: int) -> LabourMarketRegion | None:
    """The region the municipality belonged to in `year`; None for an unknown code or a
    year in which the municipality did not exist."""
    membership = (
        RegionMembership.objects.filter(_in_year(year), municipality__code=code.upper())
        .select_related("region")
        .first()
    )
    return membership.region if membership else None


def list_years() -> list[int]:
    """The years for which a composition is known, up to the current year."""
    bounds = RegionMembership.objects.aggregate(first=Min("valid_from"), last=Max("valid_from"))
    if bounds["first"] is None:
        return []
    last = max(bounds["last"], current_year())
    return list(range(bounds["first"], last + 1))
