"""The person's rights: reading what we keep about them (the export), erasing their
personal data, and the retention rule that erases it when a region's period has passed.

Public surface: `read_person`, `export_person`, `erase_person` → `ErasureReport`,
`apply_retention` → `RetentionReport`, `NotTeamLeadError`.

Erasure empties the person and what was written about them (question, notes, contact
moments, appointments, documents, the development plan) and keeps the anonymous facts
the region's indicators count: the case rows with region, status, target groups, dates,
goal, situation and source, and the trajectories with their outcomes and follow-ups
(ADR 0016). The processing log keeps its rows: they hold ids, never the data."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from leerwerk.accounts.models import User
from leerwerk.advice.models import (
    Appointment,
    Case,
    ContactMoment,
    DevelopmentPlan,
    Document,
    Note,
    Person,
    RetentionRun,
)
from leerwerk.advice.selectors.access import get_person_for_adviser, is_team_lead, role_in_region
from leerwerk.advice.selectors.rights import count_case_contents, get_person_data, list_retention_candidates
from leerwerk.audit.services import Action, Processing, Purpose, Via, log_processing
from leerwerk.journeys.services import withdraw_advice_request, withdraw_interest


class NotTeamLeadError(PermissionDenied):
    """Only a team lead of the person's region may erase their data."""


def _log_person(
    *, actor: User | None, person: Person, case_ids: Sequence[int], action: str, via: str, purpose: str
) -> None:
    """One row per case of the person (one for the person when they have none)."""
    role = role_in_region(user=actor, region_code=person.region_code) if actor is not None else ""
    log_processing(
        actor=actor,
        role=role,
        via=via,
        items=[
            Processing(
                action=action,
                subject="person",
                subject_id=person.pk,
                person_id=person.pk,
                case_id=case_id,
                region_code=person.region_code,
                purpose=purpose,
            )
            for case_id in (list(case_ids) if case_ids else [None])
        ],
    )


def _case_ids(person: Person) -> list[int]:
    return list(Case.objects.filter(person=person).order_by("pk").values_list("pk", flat=True))


def read_person(*, actor: User, person_id: int, via: str, purpose: str = Purpose.CASEWORK) -> Person:
    """The person, if of the user's regions (Person.DoesNotExist otherwise), logged as read."""
    person = get_person_for_adviser(user=actor, person_id=person_id)
    _log_person(actor=actor, person=person, case_ids=_case_ids(person), action=Action.READ, via=via, purpose=purpose)
    return person


@transaction.atomic
def export_person(*, actor: User, person: Person, via: str) -> dict[str, Any]:
    """Everything we keep about the person (`selectors.rights.get_person_data`), logged
    as an export on the person's request for access."""
    data = get_person_data(person=person)
    case_ids = [case["id"] for case in data["cases"]]
    _log_person(
        actor=actor, person=person, case_ids=case_ids, action=Action.EXPORT, via=via, purpose=Purpose.ACCESS_REQUEST
    )
    return data


@dataclass(frozen=True)
class ErasureReport:
    person_id: int
    region_code: str
    cases: int
    notes: int
    contact_moments: int
    appointments: int
    documents: int
    plans: int


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _erase_requests(cases: list[Case], now: datetime.datetime) -> None:
    """The public site's advice request behind each case (and the interest registration
    it followed), erased by journeys' own rule for withdrawing them."""
    for case in cases:
        advice_request = case.request
        if advice_request is None:
            continue
        if advice_request.interest is not None:
            withdraw_interest(interest=advice_request.interest, now=now)  # withdraws its advice request too
        else:
            withdraw_advice_request(advice_request=advice_request, now=now)


@transaction.atomic
def erase_person(
    *, actor: User | None, person: Person, purpose: str, via: str, now: datetime.datetime | None = None
) -> ErasureReport:
    """Erase the person's personal data and keep the anonymous facts (see the module).
    `actor` None is the retention rule; a user must be a team lead of the person's region
    (NotTeamLeadError). The files of deleted documents are removed once the transaction
    commits, so a rollback leaves them. Erasing an erased person again changes nothing
    but is logged again."""
    if actor is not None and not is_team_lead(user=actor, region_code=person.region_code):
        raise NotTeamLeadError
    now = now or timezone.now()
    cases = list(
        Case.objects.filter(person=person)
        .select_related("request__interest")
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    documents = Document.objects.filter(case__person=person)
    file_names = [name for name in documents.values_list("file", flat=True) if name]
    documents_deleted = documents.delete()[0]
    notes = Note.objects.filter(case__person=person).delete()[0]
    contact_moments = ContactMoment.objects.filter(case__person=person).delete()[0]
    appointments = Appointment.objects.filter(case__person=person).delete()[0]
    plans = DevelopmentPlan.objects.filter(case__person=person).delete()[1].get(DevelopmentPlan._meta.label, 0)
    Case.objects.filter(person=person).update(question="", personal_data_erased_at=now, updated_at=now)
    _erase_requests(cases, now)
    person.name = person.email = person.phone = person.postcode = person.contact_by = person.consent_version = ""
    person.municipality = None
    person.consented_at = None
    person.erased_at = now
    person.save()
    if file_names:
        transaction.on_commit(partial(_delete_files, file_names))
    _log_person(
        actor=actor,
        person=person,
        case_ids=[case.pk for case in cases],
        action=Action.ERASE,
        via=via,
        purpose=purpose,
    )
    return ErasureReport(
        person_id=person.pk,
        region_code=person.region_code,
        cases=len(cases),
        notes=notes,
        contact_moments=contact_moments,
        appointments=appointments,
        documents=documents_deleted,
        plans=plans,
    )


@dataclass
class RetentionReport:
    """What a run of the retention rule did (or, in a dry run, would do). `per_region`
    maps a region code to its counts: people, on_request (of those, erased because the
    resident withdrew their request), cases, documents."""

    dry_run: bool = False
    people_erased: int = 0
    people_on_request: int = 0
    cases_erased: int = 0
    documents_deleted: int = 0
    per_region: dict[str, dict[str, int]] = field(default_factory=dict)

    def _add(self, *, region_code: str, on_request: bool, cases: int, documents: int) -> None:
        region = self.per_region.setdefault(region_code, {"people": 0, "on_request": 0, "cases": 0, "documents": 0})
        region["people"] += 1
        region["on_request"] += int(on_request)
        region["cases"] += cases
        region["documents"] += documents
        self.people_erased += 1
        self.people_on_request += int(on_request)
        self.cases_erased += cases
        self.documents_deleted += documents


def apply_retention(*, now: datetime.datetime | None = None, dry_run: bool = False) -> RetentionReport:
    """Erase the people whose region's retention period has passed since their last case
    closed, and the people who withdrew their advice request on the public site (they
    asked for it). Each person is erased in a transaction of their own, so a long run does
    not hold one lock and a failure keeps what was done; the run is saved as a
    `RetentionRun`. A dry run counts and changes nothing (and saves no run)."""
    now = now or timezone.now()
    candidates = list_retention_candidates(now=now)
    report = RetentionReport(dry_run=dry_run)
    if dry_run:
        contents = count_case_contents(person_ids=[candidate.person_id for candidate in candidates])
        for candidate in candidates:
            report._add(region_code=candidate.region_code, on_request=candidate.on_request, cases=0, documents=0)
        for region_code, counts in contents.items():
            region = report.per_region.setdefault(
                region_code, {"people": 0, "on_request": 0, "cases": 0, "documents": 0}
            )
            region["cases"] += counts["cases"]
            region["documents"] += counts["documents"]
            report.cases_erased += counts["cases"]
            report.documents_deleted += counts["documents"]
        return report
    people = Person.objects.in_bulk([candidate.person_id for candidate in candidates])
    for candidate in candidates:
        erased = erase_person(
            actor=None,
            person=people[candidate.person_id],
            purpose=Purpose.ERASURE_REQUEST if candidate.on_request else Purpose.RETENTION,
            via=Via.COMMAND,
            now=now,
        )
        report._add(
            region_code=candidate.region_code,
            on_request=candidate.on_request,
            cases=erased.cases,
            documents=erased.documents,
        )
    RetentionRun.objects.create(
        people_erased=report.people_erased,
        cases_erased=report.cases_erased,
        documents_deleted=report.documents_deleted,
        per_region=report.per_region,
    )
    return report
