"""Reads of the occupations.

Public surface: `list_occupation_labels()`, `get_occupation()`."""

from leerwerk.skills.models import Occupation


def list_occupation_labels() -> list[tuple[str, list[str]]]:
    """(preferred label, other labels) of every occupation: words people use for work."""
    return [(label, list(alt)) for label, alt in Occupation.objects.values_list("preferred_label", "alt_labels")]


def get_occupation(*, occupation_id: int) -> Occupation:
    return Occupation.objects.get(pk=occupation_id)
