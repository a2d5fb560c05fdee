"""The development plan ("ontwikkelplan") of a case: its goal and steps, written by the
adviser, read by the adviser and by the resident (on their own page and as a PDF).

Public surface: `save_plan`, `add_step`, `change_step`, `read_plan`, `read_own_plans`,
`read_own_plan`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from leerwerk.accounts.models import User
from leerwerk.advice.models import Case, DevelopmentPlan, PlanStep
from leerwerk.advice.selectors.access import get_case_for_adviser
from leerwerk.advice.selectors.plans import (
    get_plan,
    get_resident_case_with_plan,
    get_step,
    list_resident_cases_with_plans,
)
from leerwerk.advice.services.access import log_case
from leerwerk.audit.services import Action, Processing, Purpose, log_processing
from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.selectors import public_offers
from leerwerk.skills.models import Occupation

PLAN = "plan"
STEP = "plan_step"
RESIDENT_ROLE = "resident"
GOAL_MAX_LENGTH = 2000
DESCRIPTION_MAX_LENGTH = 300


@transaction.atomic
def save_plan(*, actor: User, case: Case, goal: str, via: str) -> DevelopmentPlan:
    """Creates the case's plan or changes its goal."""
    goal = goal.strip()
    if not goal:
        raise ValidationError({"goal": _("Write down the goal of the plan.")})
    if len(goal) > GOAL_MAX_LENGTH:
        raise ValidationError({"goal": _("The goal can be at most %(count)d characters.") % {"count": GOAL_MAX_LENGTH}})
    plan, created = DevelopmentPlan.objects.update_or_create(case=case, defaults={"goal": goal})
    action = Action.CREATE if created else Action.UPDATE
    log_case(actor=actor, case=case, action=action, via=via, subject=PLAN, subject_id=plan.pk)
    return plan


def _check_status(status: str) -> None:
    if status not in PlanStep.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})


@transaction.atomic
def add_step(
    *,
    actor: User,
    case: Case,
    description: str,
    offer: Offer | None = None,
    occupation: Occupation | None = None,
    due_on: datetime.date | None = None,
    status: str = PlanStep.Status.PLANNED,
    via: str,
) -> PlanStep:
    """Adds a step at the end of the plan. The case needs a plan (a goal) first; a
    linked offer must be public (a resident must be able to open it)."""
    plan = DevelopmentPlan.objects.select_for_update().filter(case=case).first()
    if plan is None:
        raise ValidationError(_("Write down the goal of the plan before adding steps."))
    description = description.strip()
    if not description:
        raise ValidationError({"description": _("Describe the step.")})
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            {"description": _("A step can be at most %(count)d characters.") % {"count": DESCRIPTION_MAX_LENGTH}}
        )
    if offer is not None and not public_offers().filter(pk=offer.pk).exists():
        raise ValidationError({"offer": _("This training is not (or no longer) in the catalogue.")})
    _check_status(status)
    last = plan.steps.aggregate(last=Max("position"))["last"]
    step = PlanStep.objects.create(
        plan=plan,
        position=0 if last is None else last + 1,
        description=description,
        offer=offer,
        occupation=occupation,
        due_on=due_on,
        status=status,
    )
    log_case(actor=actor, case=case, action=Action.CREATE, via=via, subject=STEP, subject_id=step.pk)
    return step


@transaction.atomic
def change_step(
    *, actor: User, case: Case, step_id: int, status: str, due_on: datetime.date | None, via: str
) -> PlanStep:
    """Changes a step's status and due date. Raises PlanStep.DoesNotExist for a step of
    another case."""
    step = get_step(case=case, step_id=step_id)
    _check_status(status)
    step.status = status
    step.due_on = due_on
    step.save(update_fields=["status", "due_on", "updated_at"])
    log_case(actor=actor, case=case, action=Action.UPDATE, via=via, subject=STEP, subject_id=step.pk)
    return step


@transaction.atomic
def read_plan(*, actor: User, case_id: int, via: str) -> tuple[Case, DevelopmentPlan]:
    """The case and its plan for the PDF, logged as downloaded. Raises Case.DoesNotExist
    outside the user's regions and DevelopmentPlan.DoesNotExist when there is no plan."""
    case = get_case_for_adviser(user=actor, case_id=case_id)
    plan = get_plan(case=case)
    if plan is None:
        raise DevelopmentPlan.DoesNotExist
    log_case(actor=actor, case=case, action=Action.DOWNLOAD, via=via, subject=PLAN, subject_id=plan.pk)
    return case, plan


def _log_own(*, user: User, cases: list[Case], action: str, via: str) -> None:
    log_processing(
        actor=user,
        role=RESIDENT_ROLE,
        via=via,
        items=[
            Processing(
                action=action,
                subject=PLAN,
                subject_id=case.plan.pk,
                person_id=case.person_id,
                case_id=case.pk,
                region_code=case.region_code,
                purpose=Purpose.OWN_DATA,
            )
            for case in cases
        ],
    )


@transaction.atomic
def read_own_plans(*, user: User, via: str) -> list[Case]:
    """The resident's cases with their plans (see `list_resident_cases_with_plans`), each
    read logged as the person reading their own data."""
    cases = list_resident_cases_with_plans(user=user)
    if cases:
        _log_own(user=user, cases=cases, action=Action.READ, via=via)
    return cases


@transaction.atomic
def read_own_plan(*, user: User, case_id: int, via: str) -> Case:
    """One of the resident's cases with its plan, for the PDF, logged as downloaded.
    Raises Case.DoesNotExist for a case that is not theirs."""
    case = get_resident_case_with_plan(user=user, case_id=case_id)
    _log_own(user=user, cases=[case], action=Action.DOWNLOAD, via=via)
    return case
