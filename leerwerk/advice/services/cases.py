"""Casework: advice requests become cases (intake), and the state changes of a case that
an adviser or team lead makes: take, assign, change status, target groups, notes,
contact moments and appointments.

Public surface: `take_in_requests`, `take_case`, `assign_case`, `change_status`,
`set_target_groups`, `add_note`, `add_contact_moment`, `add_appointment`,
`cancel_appointment`, `allowed_next_statuses`, and the domain errors `CaseRuleError`
(base), `InvalidTransitionError`, `CaseClosedError`, `AlreadyAssignedError`.

Who may work a case: any desk member (adviser or team lead) of the case's region, not
only its assignee; taking over a case assigned to someone else and assigning are the
team lead's. Every change is logged with `log_case` in the same transaction."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from leerwerk.accounts.models import User
from leerwerk.advice.models import Appointment, Case, CaseTargetGroup, ContactMoment, Note, Person, TargetGroup
from leerwerk.advice.selectors.access import is_team_lead, list_desk_region_codes, list_region_advisers, may_take_case
from leerwerk.advice.services.access import log_case
from leerwerk.audit.services import Action
from leerwerk.journeys.models import AdviceRequest

Status = Case.Status

_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.IN_PROGRESS: frozenset({Status.WAITING, Status.CLOSED}),
    Status.WAITING: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
}


class CaseRuleError(Exception):
    """A rule of casework refused the change; `str(error)` is the message for the user."""


class InvalidTransitionError(CaseRuleError):
    """The case cannot go from its status to the one asked (a 409 in the API)."""


class CaseClosedError(CaseRuleError):
    """Nothing is added to a closed case; reopen it first."""


class AlreadyAssignedError(CaseRuleError):
    """The case is someone else's; only a team lead takes it over."""


# Intake ---------------------------------------------------------------------------------


def take_in_requests(*, region_codes: set[str]) -> int:
    """Turn the new advice requests of these regions that have no case yet into a person
    and a case each; returns how many. A fixed number of queries however many requests
    (bulk inserts). Idempotent: a request with a case is not taken in again, concurrent
    calls skip the rows the other has locked (PostgreSQL), and the unique `Case.request`
    refuses a double that still slips through (its person is then removed again).

    Requests without a region (only a postcode was given) are not taken in: no desk is
    theirs. Requests without e-mail or phone still become cases. An interest follow-up
    gets the offer's title in its question. No processing-log row: intake is the system
    copying the request into the desk's records, and no user reads anything."""
    if not region_codes:
        return 0
    # Usually there is nothing new: find that out without a transaction, which on SQLite
    # would take the write lock and make every queue page wait for the others.
    waiting = AdviceRequest.objects.filter(
        region_code__in=sorted(region_codes), status=AdviceRequest.Status.NEW, case__isnull=True
    )
    if not waiting.exists():
        return 0
    return _take_in(region_codes)


@transaction.atomic
def _take_in(region_codes: set[str]) -> int:
    requests = list(
        AdviceRequest.objects.filter(
            region_code__in=sorted(region_codes), status=AdviceRequest.Status.NEW, case__isnull=True
        )
        .select_related("interest__offer")
        .select_for_update(skip_locked=True, of=("self",))
        .order_by("created_at", "pk")
    )
    if not requests:
        return 0
    people = Person.objects.bulk_create(
        [
            Person(
                region_code=request.region_code,
                name=request.name,
                email=request.email,
                phone=request.phone,
                municipality_id=request.municipality_id,
                postcode=request.postcode,
                contact_by=request.contact_by,
                consent_version=request.consent_version,
                consented_at=request.consented_at,
            )
            for request in requests
        ]
    )
    Case.objects.bulk_create(
        [
            Case(
                region_code=request.region_code,
                person_id=person.pk,
                request=request,
                received_at=request.created_at,
                goal=request.goal,
                situation=request.situation,
                source=request.source,
                question=_intake_question(request),
                status=Status.NEW,
            )
            for request, person in zip(requests, people, strict=True)
        ],
        ignore_conflicts=True,
    )
    person_ids = [person.pk for person in people]
    orphans, _deleted = Person.objects.filter(pk__in=person_ids, cases__isnull=True).delete()
    return len(people) - orphans


def _intake_question(request: AdviceRequest) -> str:
    if request.source != AdviceRequest.Source.INTEREST or request.interest is None:
        return request.message
    with translation.override(settings.LANGUAGE_CODE):  # stored text: in the site's language
        line = _("Interest in: %(title)s") % {"title": request.interest.offer.title}
    return f"{line}\n\n{request.message}" if request.message else line


# Taking and assigning ------------------------------------------------------------------


def _require_desk_member(actor: User, case: Case) -> None:
    if case.region_code not in list_desk_region_codes(user=actor):
        raise PermissionDenied


@transaction.atomic
def take_case(*, actor: User, case: Case, via: str) -> Case:
    """The actor takes the case: it becomes theirs, and a new case is in progress.
    Anyone of the region takes an unassigned case; a case assigned to someone else only
    a team lead takes over. The update is conditional, so of two advisers taking the
    same case at once one is refused."""
    _require_desk_member(actor, case)
    if case.is_closed:
        raise CaseClosedError(_("A closed case cannot be taken. Reopen it first."))
    previous = case.assigned_to_id
    if not may_take_case(user=actor, case=case):
        raise AlreadyAssignedError(_("This case is already assigned to a colleague. Ask your team lead."))
    now = timezone.now()
    status = Status.IN_PROGRESS if case.status == Status.NEW else case.status
    taken_at = case.taken_at or now
    updated = (
        Case.objects.filter(pk=case.pk, assigned_to_id=previous, status=case.status)
        .exclude(status=Status.CLOSED)
        .update(assigned_to=actor, status=status, taken_at=taken_at, updated_at=now)
    )
    if not updated:
        raise AlreadyAssignedError(_("The case changed in the meantime. Look again and try once more."))
    case.assigned_to, case.status, case.taken_at, case.updated_at = actor, status, taken_at, now
    log_case(actor=actor, case=case, action=Action.UPDATE, via=via)
    return case


@transaction.atomic
def assign_case(*, actor: User, case: Case, adviser: User, via: str) -> Case:
    """A team lead assigns the case to an adviser (or team lead) of its region. The status
    stays: the case is in progress when the adviser takes it up (`take_case`)."""
    _require_desk_member(actor, case)
    if not is_team_lead(user=actor, region_code=case.region_code):
        raise PermissionDenied(_("Only a team lead assigns cases."))
    if case.is_closed:
        raise CaseClosedError(_("A closed case cannot be assigned. Reopen it first."))
    if not list_region_advisers(region_codes={case.region_code}).filter(pk=adviser.pk).exists():
        raise ValidationError(_("This person is not an adviser of the case's region."), code="not_an_adviser")
    case.assigned_to = adviser
    case.save(update_fields=["assigned_to", "updated_at"])
    log_case(actor=actor, case=case, action=Action.UPDATE, via=via)
    return case


# Status --------------------------------------------------------------------------------


def allowed_next_statuses(*, case: Case) -> list[str]:
    """The statuses the case can go to from its own, in the order of `Case.Status`. A
    case whose personal data was erased stays closed."""
    if case.personal_data_erased_at is not None:
        return []
    allowed = _TRANSITIONS[case.status]
    return [status for status in Status.values if status in allowed]


@transaction.atomic
def change_status(*, actor: User, case: Case, status: str, via: str) -> Case:
    """Move the case to `status` along the allowed transitions (`allowed_next_statuses`);
    `InvalidTransitionError` otherwise. Closing sets `closed_at` (the retention rule counts
    from it); reopening clears it; starting work sets `taken_at` once."""
    _require_desk_member(actor, case)
    if status not in allowed_next_statuses(case=case):
        raise InvalidTransitionError(
            _("A case that is “%(current)s” cannot become “%(status)s”.")
            % {"current": case.get_status_display(), "status": dict(Status.choices).get(status, status)}
        )
    now = timezone.now()
    case.status = status
    if status == Status.CLOSED:
        case.closed_at = now
    else:
        case.closed_at = None
    if status == Status.IN_PROGRESS and case.taken_at is None:
        case.taken_at = now
    case.save(update_fields=["status", "closed_at", "taken_at", "updated_at"])
    log_case(actor=actor, case=case, action=Action.UPDATE, via=via)
    return case


# Target groups -------------------------------------------------------------------------


@transaction.atomic
def set_target_groups(*, actor: User, case: Case, groups: set[str], via: str) -> None:
    """Replace the case's target groups by `groups` (values of `TargetGroup`). Also on a
    closed case: the groups are facts the region's indicators count."""
    _require_desk_member(actor, case)
    unknown = groups - set(TargetGroup.values)
    if unknown:
        raise ValidationError(_("Unknown target group: %(groups)s") % {"groups": ", ".join(sorted(unknown))})
    CaseTargetGroup.objects.filter(case=case).exclude(group__in=groups).delete()
    existing = set(CaseTargetGroup.objects.filter(case=case).values_list("group", flat=True))
    CaseTargetGroup.objects.bulk_create(
        [CaseTargetGroup(case=case, group=group) for group in sorted(groups - existing)], ignore_conflicts=True
    )
    log_case(actor=actor, case=case, action=Action.UPDATE, via=via, subject="target_groups")


# Notes, contact moments, appointments --------------------------------------------------


def _require_open(case: Case) -> None:
    if case.is_closed:
        raise CaseClosedError(_("The case is closed. Reopen it to add something."))


@transaction.atomic
def add_note(*, actor: User, case: Case, text: str, visibility: str, via: str) -> Note:
    _require_desk_member(actor, case)
    _require_open(case)
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the note."), code="required")
    if visibility not in Note.Visibility.values:
        raise ValidationError(_("Choose who may see the note."), code="invalid")
    note = Note.objects.create(case=case, author=actor, text=text, visibility=visibility)
    log_case(actor=actor, case=case, action=Action.CREATE, via=via, subject="note", subject_id=note.pk)
    return note


@transaction.atomic
def add_contact_moment(
    *, actor: User, case: Case, happened_at: datetime.datetime, channel: str, summary: str, via: str
) -> ContactMoment:
    """A contact that took place: not in the future."""
    _require_desk_member(actor, case)
    _require_open(case)
    summary = summary.strip()
    if not summary:
        raise ValidationError(_("Write a short summary."), code="required")
    if channel not in ContactMoment.Channel.values:
        raise ValidationError(_("Choose how the contact took place."), code="invalid")
    if happened_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError(_("A contact moment cannot be in the future."), code="future")
    moment = ContactMoment.objects.create(
        case=case, author=actor, happened_at=happened_at, channel=channel, summary=summary
    )
    log_case(actor=actor, case=case, action=Action.CREATE, via=via, subject="contact_moment", subject_id=moment.pk)
    return moment


@transaction.atomic
def add_appointment(
    *, actor: User, case: Case, starts_at: datetime.datetime, place: str, subject: str, via: str
) -> Appointment:
    _require_desk_member(actor, case)
    _require_open(case)
    place, subject = place.strip(), subject.strip()
    if not place or not subject:
        raise ValidationError(_("Give the place and the subject of the appointment."), code="required")
    appointment = Appointment.objects.create(case=case, author=actor, starts_at=starts_at, place=place, subject=subject)
    log_case(actor=actor, case=case, action=Action.CREATE, via=via, subject="appointment", subject_id=appointment.pk)
    return appointment


@transaction.atomic
def cancel_appointment(*, actor: User, case: Case, appointment_id: int, via: str) -> Appointment:
    """Cancel an appointment of this case (Appointment.DoesNotExist for another case's).
    Allowed on a closed case too: closing may leave appointments to cancel."""
    _require_desk_member(actor, case)
    appointment = Appointment.objects.select_for_update().get(pk=appointment_id, case=case)
    if appointment.is_cancelled:
        raise CaseRuleError(_("This appointment was already cancelled."))
    appointment.is_cancelled = True
    appointment.save(update_fields=["is_cancelled", "updated_at"])
    log_case(actor=actor, case=case, action=Action.UPDATE, via=via, subject="appointment", subject_id=appointment.pk)
    return appointment
