"""Writing the processing log.

Public surface: `Processing` (one processed record) and `log_processing(actor=…, role=…,
via=…, items=…)`, which writes one row per item in one query. The services of the apps
that hold personal data call it in the same transaction as the change they make, so a
change is never without its row; reads are logged by the read services of those apps."""

from collections.abc import Sequence
from dataclasses import dataclass

from leerwerk.accounts.models import User
from leerwerk.audit.models import ProcessingLogEntry

Action = ProcessingLogEntry.Action
Purpose = ProcessingLogEntry.Purpose
Via = ProcessingLogEntry.Via


@dataclass(frozen=True)
class Processing:
    """One record of a person's data that was processed."""

    action: str
    subject: str
    subject_id: int | None
    person_id: int | None
    case_id: int | None
    region_code: str
    purpose: str = Purpose.CASEWORK


def log_processing(*, actor: User | None, role: str, via: str, items: Sequence[Processing]) -> None:
    """`actor` None is the system (a scheduled task); `role` is the role the actor used."""
    ProcessingLogEntry.objects.bulk_create(
        ProcessingLogEntry(
            actor_id=actor.pk if actor is not None else None,
            actor_email=actor.email if actor is not None else "",
            actor_role=role,
            person_id=item.person_id,
            case_id=item.case_id,
            region_code=item.region_code,
            action=item.action,
            subject=item.subject,
            subject_id=item.subject_id,
            purpose=item.purpose,
            via=via,
        )
        for item in items
    )
