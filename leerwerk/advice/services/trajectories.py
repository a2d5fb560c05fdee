"""Trajectories of a case and their outcomes: the facts the region's indicators count.
Recording a placement schedules the six-month follow-up; recording whether the person is
still in work after six months completes it.

Public surface: `add_trajectory`, `add_outcome`, `six_months_after`, `read_due_follow_ups`."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.accounts.models import User
from leerwerk.advice.models import Case, FollowUp, Outcome, Trajectory
from leerwerk.advice.selectors.access import list_desk_region_codes
from leerwerk.advice.selectors.trajectories import list_due_follow_ups
from leerwerk.advice.services.access import log_case, log_cases_listed
from leerwerk.audit.services import Action
from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.selectors import public_offers
from leerwerk.skills.models import Occupation

MIN_HOURS_PER_WEEK = 1
MAX_HOURS_PER_WEEK = 60
FOLLOW_UP_MONTHS = 6
EMPLOYER_NAME_MAX_LENGTH = 200
TRAINING_OUTCOMES = {Outcome.Kind.TRAINING_STARTED, Outcome.Kind.TRAINING_COMPLETED}
FOLLOW_UP_OUTCOMES = {Outcome.Kind.STILL_IN_WORK, Outcome.Kind.NOT_IN_WORK}


def six_months_after(day: datetime.date) -> datetime.date:
    """The same day of the month six months later; the month's last day when it is shorter
    (31 August → 28 or 29 February)."""
    months = day.month - 1 + FOLLOW_UP_MONTHS
    year, month = day.year + months // 12, months % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def add_trajectory(
    *, actor: User, case: Case, kind: str, started_on: datetime.date, offer: Offer | None = None, via: str
) -> Trajectory:
    """A trajectory of the case, counted in the case's region."""
    if kind not in Trajectory.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of trajectory from the list.")})
    if offer is not None and not public_offers().filter(pk=offer.pk).exists():
        raise ValidationError({"offer": _("This training is not (or no longer) in the catalogue.")})
    trajectory = Trajectory.objects.create(
        case=case, region_code=case.region_code, kind=kind, started_on=started_on, offer=offer, created_by=actor
    )
    log_case(actor=actor, case=case, action=Action.CREATE, via=via, subject="trajectory", subject_id=trajectory.pk)
    return trajectory


def _placement_errors(*, employer_name: str, hours_per_week: int | None, contract_type: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not employer_name:
        errors["employer_name"] = _("Give the employer's name.")
    elif len(employer_name) > EMPLOYER_NAME_MAX_LENGTH:
        errors["employer_name"] = _("The employer's name can be at most %(count)d characters.") % {
            "count": EMPLOYER_NAME_MAX_LENGTH
        }
    if hours_per_week is None or not MIN_HOURS_PER_WEEK <= hours_per_week <= MAX_HOURS_PER_WEEK:
        errors["hours_per_week"] = _("Give the hours a week: a whole number from %(min)d to %(max)d.") % {
            "min": MIN_HOURS_PER_WEEK,
            "max": MAX_HOURS_PER_WEEK,
        }
    if contract_type not in Outcome.ContractType.values:
        errors["contract_type"] = _("Choose the kind of contract.")
    return errors


def _outcome_errors(
    *, trajectory: Trajectory, kind: str, on_date: datetime.date, open_follow_up: FollowUp | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in Outcome.Kind.values:
        errors["kind"] = _("Choose an outcome from the list.")
    elif kind in TRAINING_OUTCOMES and trajectory.kind != Trajectory.Kind.TRAINING:
        errors["kind"] = _("A training can only start or be completed in a training trajectory.")
    elif kind in FOLLOW_UP_OUTCOMES and open_follow_up is None:
        errors["kind"] = _(
            "There is no open six-month follow-up in this trajectory: record the placement in work first."
        )
    if on_date < trajectory.started_on:
        errors["on_date"] = _("The date cannot be before the trajectory started (%(date)s).") % {
            "date": trajectory.started_on.strftime("%d-%m-%Y")
        }
    elif on_date > timezone.localdate():
        errors["on_date"] = _("The date cannot be in the future.")
    return errors


@transaction.atomic
def add_outcome(
    *,
    actor: User,
    case: Case,
    trajectory: Trajectory,
    kind: str,
    on_date: datetime.date,
    employer_name: str = "",
    occupation: Occupation | None = None,
    hours_per_week: int | None = None,
    contract_type: str = "",
    stop_reason: str = "",
    via: str,
) -> Outcome:
    """Records an outcome of the trajectory. A placement in work needs the employer, the
    hours and the contract, and schedules the follow-up six months later; "still in work"
    and "no longer in work" complete that follow-up; "stopped" needs a reason. Fields that
    do not belong to the kind are not kept."""
    if trajectory.case_id != case.pk:
        raise ValidationError(_("This trajectory belongs to another case."))
    open_follow_up = trajectory.follow_ups.select_for_update().filter(done_at__isnull=True).order_by("due_on").first()
    errors = _outcome_errors(trajectory=trajectory, kind=kind, on_date=on_date, open_follow_up=open_follow_up)
    is_placed = kind == Outcome.Kind.PLACED
    employer_name = employer_name.strip()
    if is_placed:
        errors |= _placement_errors(
            employer_name=employer_name, hours_per_week=hours_per_week, contract_type=contract_type
        )
    if kind == Outcome.Kind.STOPPED and stop_reason not in Outcome.StopReason.values:
        errors["stop_reason"] = _("Choose the reason for stopping.")
    if errors:
        raise ValidationError(errors)
    outcome = Outcome.objects.create(
        trajectory=trajectory,
        kind=kind,
        on_date=on_date,
        employer_name=employer_name if is_placed else "",
        occupation=occupation if is_placed else None,
        hours_per_week=hours_per_week if is_placed else None,
        contract_type=contract_type if is_placed else "",
        stop_reason=stop_reason if kind == Outcome.Kind.STOPPED else "",
        recorded_by=actor,
    )
    if is_placed:
        FollowUp.objects.create(
            trajectory=trajectory,
            placement=outcome,
            region_code=trajectory.region_code,
            due_on=six_months_after(on_date),
        )
    elif kind in FOLLOW_UP_OUTCOMES and open_follow_up is not None:
        open_follow_up.done_at = timezone.now()
        open_follow_up.save(update_fields=["done_at", "updated_at"])
    log_case(actor=actor, case=case, action=Action.CREATE, via=via, subject="outcome", subject_id=outcome.pk)
    return outcome


@transaction.atomic
def read_due_follow_ups(*, actor: User, via: str, limit: int) -> tuple[list[FollowUp], int]:
    """Up to `limit` due follow-ups of the actor's regions (the oldest first) and how many
    are due in all; each case shown is logged as listed (the list shows the person's name)."""
    due: QuerySet[FollowUp] = list_due_follow_ups(region_codes=list_desk_region_codes(user=actor))
    shown = list(due[:limit])
    total = len(shown) if len(shown) < limit else due.count()
    if shown:
        log_cases_listed(actor=actor, cases=[follow_up.trajectory.case for follow_up in shown], via=via)
    return shown, total
