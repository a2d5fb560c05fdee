"""Reads of the occupations.

Public surface: `list_occupation_labels()`, `get_occupation()`, `get_occupation_by_uri()`, `get_occupation_by_label()`,
`list_promising_occupations()`."""

from django.db.models import QuerySet

from leerwerk.skills.models import Occupation, PromisingOccupation


def list_occupation_labels() -> list[tuple[str, list[str]]]:
    """(preferred label, other labels) of every occupation: words people use for work."""
    return [(label, list(alt)) for label, alt in Occupation.objects.values_list("preferred_label", "alt_labels")]


def get_occupation(*, occupation_id: int) -> Occupation:
    return Occupation.objects.get(pk=occupation_id)


def get_occupation_by_uri(*, uri: str) -> Occupation:
    """The occupation with this ESCO address; raises Occupation.DoesNotExist."""
    return Occupation.objects.get(uri=uri.strip())


def get_occupation_by_label(*, preferred_label: str) -> Occupation | None:
    """The occupation with this Dutch preferred label (the first by code when several share it)."""
    return Occupation.objects.filter(preferred_label=preferred_label).order_by("code", "pk").first()


def list_promising_occupations(*, region_code: str) -> QuerySet[PromisingOccupation]:
    """The promising occupations of the region, in the order its analysts gave them."""
    return (
        PromisingOccupation.objects.filter(region__code=region_code.upper())
        .select_related("occupation")
        .order_by("position", "occupation__preferred_label", "pk")
    )
