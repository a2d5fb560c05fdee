"""Reads for the person's rights: what we keep about a person (the export), what an
erasure would remove, and whom the retention rule erases.

Public surface: `get_person_data(person=…)`, `get_erasure_summary(person=…)`,
`list_retention_candidates(now=…)`, `count_case_contents(person_ids=…)`,
`months_before(moment, months)`."""

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q

from leerwerk.accounts.models import Role, User
from leerwerk.advice.models import (
    DEFAULT_RETENTION_MONTHS,
    Appointment,
    Case,
    ContactMoment,
    DeskSettings,
    Document,
    Note,
    Outcome,
    Person,
    PlanStep,
    Trajectory,
)
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.audit.selectors import list_entries
from leerwerk.journeys.models import AdviceRequest


def _name(user: User | None) -> str:
    return user.full_name or user.email if user is not None else ""


def _label(choices: Any, value: str) -> str:
    """The display text of a choice in the current language ('' for an empty value)."""
    return str(dict(choices.choices).get(value, value)) if value else ""


def _person(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "region_code": person.region_code,
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "municipality": person.municipality.name if person.municipality else "",
        "postcode": person.postcode,
        "contact_by": person.contact_by,
        "consent_version": person.consent_version,
        "consented_at": person.consented_at,
        "erased_at": person.erased_at,
        "created_at": person.created_at,
    }


def _plan(case: Case) -> dict[str, Any] | None:
    plan = getattr(case, "plan", None)  # select_related: no query, None when there is none
    if plan is None:
        return None
    return {
        "goal": plan.goal,
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
        "steps": [
            {
                "position": step.position,
                "description": step.description,
                "offer": step.offer.title if step.offer else "",
                "occupation": step.occupation.preferred_label if step.occupation else "",
                "due_on": step.due_on,
                "status": step.status,
                "status_label": _label(PlanStep.Status, step.status),
            }
            for step in plan.steps.all()
        ],
    }


def _trajectory(trajectory: Trajectory) -> dict[str, Any]:
    return {
        "kind": trajectory.kind,
        "kind_label": _label(Trajectory.Kind, trajectory.kind),
        "offer": trajectory.offer.title if trajectory.offer else "",
        "started_on": trajectory.started_on,
        "outcomes": [
            {
                "kind": outcome.kind,
                "kind_label": _label(Outcome.Kind, outcome.kind),
                "on_date": outcome.on_date,
                "employer_name": outcome.employer_name,
                "occupation": outcome.occupation.preferred_label if outcome.occupation else "",
                "hours_per_week": outcome.hours_per_week,
                "contract_type": outcome.contract_type,
                "contract_type_label": _label(Outcome.ContractType, outcome.contract_type),
                "stop_reason": outcome.stop_reason,
                "stop_reason_label": _label(Outcome.StopReason, outcome.stop_reason),
            }
            for outcome in trajectory.outcomes.all()
        ],
        "follow_ups": [
            {"due_on": follow_up.due_on, "done_at": follow_up.done_at} for follow_up in trajectory.follow_ups.all()
        ],
    }


def _case(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "region_code": case.region_code,
        "status": case.status,
        "status_label": _label(Case.Status, case.status),
        "source": case.source,
        "goal": case.goal,
        "goal_label": _label(AdviceRequest.Goal, case.goal),
        "situation": case.situation,
        "situation_label": _label(AdviceRequest.Situation, case.situation),
        "question": case.question,
        "adviser": _name(case.assigned_to),
        "received_at": case.received_at,
        "taken_at": case.taken_at,
        "closed_at": case.closed_at,
        "personal_data_erased_at": case.personal_data_erased_at,
        "target_groups": [
            {"group": group.group, "label": group.get_group_display()} for group in case.target_groups.all()
        ],
        "notes": [
            {
                "created_at": note.created_at,
                "author": _name(note.author),
                "visibility": note.visibility,
                "visibility_label": _label(Note.Visibility, note.visibility),
                "text": note.text,
            }
            for note in case.notes.all()
        ],
        "contact_moments": [
            {
                "happened_at": moment.happened_at,
                "channel": moment.channel,
                "channel_label": _label(ContactMoment.Channel, moment.channel),
                "adviser": _name(moment.author),
                "summary": moment.summary,
            }
            for moment in case.contact_moments.all()
        ],
        "appointments": [
            {
                "starts_at": appointment.starts_at,
                "place": appointment.place,
                "subject": appointment.subject,
                "is_cancelled": appointment.is_cancelled,
            }
            for appointment in case.appointments.all()
        ],
        "documents": [
            {"title": document.title, "kind": document.kind, "size": document.size, "uploaded_at": document.created_at}
            for document in case.documents.all()
        ],
        "plan": _plan(case),
        "trajectories": [_trajectory(trajectory) for trajectory in case.trajectories.all()],
    }


def _log_entry(entry: ProcessingLogEntry) -> dict[str, Any]:
    return {
        "at": entry.at,
        "user": entry.actor_email,
        "role": entry.actor_role,
        "role_label": _label(Role, entry.actor_role),
        "action": entry.action,
        "action_label": _label(ProcessingLogEntry.Action, entry.action),
        "subject": entry.subject,
        "subject_id": entry.subject_id,
        "case_id": entry.case_id,
        "purpose": entry.purpose,
        "purpose_label": _label(ProcessingLogEntry.Purpose, entry.purpose),
        "via": entry.via,
    }


def get_person_data(*, person: Person) -> dict[str, Any]:
    """Everything stored about the person, for the export (the GDPR's right of access):
    contact details and consent, every case with all it holds (document titles, not the
    files), and the processing log about them (who looked at or changed what, and why).
    A fixed number of queries, however many cases and records. Dates stay dates: the
    JSON encoder writes them as ISO 8601, the PDF's template formats them."""
    cases = (
        Case.objects.filter(person=person)
        .select_related("assigned_to", "plan")
        .prefetch_related(
            "target_groups",
            Prefetch("notes", queryset=Note.objects.select_related("author")),
            Prefetch("contact_moments", queryset=ContactMoment.objects.select_related("author")),
            Prefetch("appointments", queryset=Appointment.objects.all()),
            Prefetch("documents", queryset=Document.objects.all()),
            Prefetch("plan__steps", queryset=PlanStep.objects.select_related("offer", "occupation")),
            Prefetch(
                "trajectories",
                queryset=Trajectory.objects.select_related("offer").prefetch_related(
                    Prefetch("outcomes", queryset=Outcome.objects.select_related("occupation")), "follow_ups"
                ),
            ),
        )
        .order_by("received_at", "pk")
    )
    return {
        "person": _person(person),
        "cases": [_case(case) for case in cases],
        "processing_log": [_log_entry(entry) for entry in list_entries(person_id=person.pk)],
    }


@dataclass(frozen=True)
class ErasureSummary:
    """What erasing the person removes (counts), for the confirmation page."""

    cases: int
    notes: int
    contact_moments: int
    appointments: int
    documents: int
    plans: int
    trajectories: int
    outcomes: int


def get_erasure_summary(*, person: Person) -> ErasureSummary:
    counts = Case.objects.filter(person=person).aggregate(
        cases=Count("pk", distinct=True),
        notes=Count("notes", distinct=True),
        contact_moments=Count("contact_moments", distinct=True),
        appointments=Count("appointments", distinct=True),
        documents=Count("documents", distinct=True),
        plans=Count("plan", distinct=True),
    )
    kept = Trajectory.objects.filter(case__person=person).aggregate(
        trajectories=Count("pk", distinct=True), outcomes=Count("outcomes", distinct=True)
    )
    return ErasureSummary(**counts, **kept)


def count_case_contents(*, person_ids: list[int]) -> dict[str, dict[str, int]]:
    """Cases and documents of these people per region code (for the retention's dry run)."""
    result: dict[str, dict[str, int]] = {}
    rows = (
        Case.objects.filter(person_id__in=person_ids)
        .values("person__region_code")
        .annotate(case_count=Count("pk", distinct=True), document_count=Count("documents", distinct=True))
    )
    for row in rows:
        result[row["person__region_code"]] = {"cases": row["case_count"], "documents": row["document_count"]}
    return result


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """`moment` moved back by calendar months (31 March minus one month is 28 or 29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True)
class RetentionCandidate:
    person_id: int
    region_code: str
    on_request: bool  # the resident withdrew their request on the public site


def list_retention_candidates(*, now: datetime.datetime) -> list[RetentionCandidate]:
    """The people to erase now, in three queries however many cases there are:
    (1) people not yet erased whose cases are all closed, the latest closed more than
    their region's retention period (DeskSettings.retention_months, calendar months) ago;
    (2) people not yet erased with a case whose advice request the resident withdrew.
    A person in both is erased on request."""
    settings_by_region = dict(DeskSettings.objects.values_list("region__code", "retention_months"))
    expired = Q(last_closed__lt=months_before(now, DEFAULT_RETENTION_MONTHS)) & ~Q(
        region_code__in=list(settings_by_region)
    )
    for code, months in settings_by_region.items():
        expired |= Q(region_code=code, last_closed__lt=months_before(now, months))
    has_open_case = Case.objects.filter(person=OuterRef("pk")).exclude(status=Case.Status.CLOSED)
    expired_people = (
        Person.objects.filter(erased_at__isnull=True)
        .annotate(last_closed=Max("cases__closed_at"))
        .filter(~Exists(has_open_case), last_closed__isnull=False)
        .filter(expired)
        .values_list("pk", "region_code")
    )
    withdrawn_people = (
        Person.objects.filter(erased_at__isnull=True, cases__request__status=AdviceRequest.Status.WITHDRAWN)
        .distinct()
        .values_list("pk", "region_code")
    )
    candidates = {pk: RetentionCandidate(pk, code, on_request=True) for pk, code in withdrawn_people}
    for pk, code in expired_people:
        candidates.setdefault(pk, RetentionCandidate(pk, code, on_request=False))
    return [candidates[pk] for pk in sorted(candidates)]
