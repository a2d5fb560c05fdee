"""Writes to the occupations.

Public surface:
- `load_occupations(records=…)`: make the table hold these ESCO occupations (idempotent;
  occupations that left ESCO are kept, they may be referred to);
- `set_promising_occupation(…)`: make a region list an occupation as promising, with its
  reason, source and position (idempotent). Analysts edit them in the admin."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from leerwerk.regions.models import LabourMarketRegion
from leerwerk.skills.models import Occupation, PromisingOccupation
from leerwerk.skills.sources import OccupationRecord


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def load_occupations(*, records: Sequence[OccupationRecord]) -> LoadReport:
    report = LoadReport()
    existing = {occupation.uri: occupation for occupation in Occupation.objects.all()}
    new: list[Occupation] = []
    changed: list[Occupation] = []
    for record in records:
        wanted = {
            "code": record.code,
            "isco_group": record.isco_group,
            "preferred_label": record.preferred_label,
            "alt_labels": list(record.alt_labels),
            "description": record.description,
        }
        occupation = existing.get(record.uri)
        if occupation is None:
            new.append(Occupation(uri=record.uri, **wanted))
        elif any(getattr(occupation, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(occupation, name, value)
            changed.append(occupation)
        else:
            report.unchanged += 1
    Occupation.objects.bulk_create(new, batch_size=500)
    Occupation.objects.bulk_update(changed, ["code", "isco_group", "preferred_label", "alt_labels", "description"])
    report.created, report.updated = len(new), len(changed)
    return report


@transaction.atomic
def set_promising_occupation(
    *, region: LabourMarketRegion, occupation: Occupation, reason: str, source: str, position: int
) -> str:
    """Returns "created", "updated" or "unchanged"; a row that is already as asked is not
    saved again, so its `updated_at` keeps saying when someone last changed it."""
    wanted = {"reason": reason, "source": source, "position": position}
    promising = PromisingOccupation.objects.filter(region=region, occupation=occupation).first()
    if promising is None:
        PromisingOccupation.objects.create(region=region, occupation=occupation, **wanted)
        return "created"
    if all(getattr(promising, name) == value for name, value in wanted.items()):
        return "unchanged"
    for name, value in wanted.items():
        setattr(promising, name, value)
    promising.save(update_fields=[*wanted, "updated_at"])
    return "updated"
