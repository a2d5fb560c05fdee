"""Reads of development plans: the adviser's (inside the case's scope) and the
resident's own (the cases whose person has the resident's verified e-mail address).

Public surface: `get_plan`, `get_step`, `list_resident_cases_with_plans`,
`get_resident_case_with_plan`, `list_shared_notes`."""

from django.db.models import Prefetch, QuerySet

from leerwerk.accounts.models import User
from leerwerk.advice.models import Case, DevelopmentPlan, Note, PlanStep

SHARED_NOTES_ATTRIBUTE = "shared_notes"


def _steps() -> QuerySet[PlanStep]:
    return PlanStep.objects.select_related("offer", "occupation")


def get_plan(*, case: Case) -> DevelopmentPlan | None:
    """The case's plan with its steps (their offer and occupation), or None."""
    return DevelopmentPlan.objects.prefetch_related(Prefetch("steps", queryset=_steps())).filter(case=case).first()


def get_step(*, case: Case, step_id: int) -> PlanStep:
    """A step of the case's plan; raises PlanStep.DoesNotExist for a step of another case."""
    return PlanStep.objects.select_related("plan").get(pk=step_id, plan__case=case)


def _resident_cases(*, user: User) -> QuerySet[Case]:
    """The cases of the resident: their person's e-mail address is the account's (the login
    link proved the account holder reads that mailbox, ADR 0014), not erased, with a plan."""
    if not user.is_authenticated or not user.email:
        return Case.objects.none()
    return (
        Case.objects.filter(
            person__email__iexact=user.email,
            person__erased_at__isnull=True,
            personal_data_erased_at__isnull=True,
            plan__isnull=False,
        )
        .select_related("person", "plan")
        .prefetch_related(
            Prefetch("plan__steps", queryset=_steps()),
            Prefetch(
                "notes",
                queryset=Note.objects.filter(visibility=Note.Visibility.RESIDENT),
                to_attr=SHARED_NOTES_ATTRIBUTE,
            ),
        )
        .order_by("-received_at", "-pk")
    )


def list_resident_cases_with_plans(*, user: User) -> list[Case]:
    """The resident's cases that have a plan, newest first; each with `plan`, its steps and
    `shared_notes` (the notes the adviser shared with the resident)."""
    return list(_resident_cases(user=user))


def get_resident_case_with_plan(*, user: User, case_id: int) -> Case:
    """One of the resident's cases with a plan; raises Case.DoesNotExist for any other."""
    return _resident_cases(user=user).get(pk=case_id)


def list_shared_notes(*, case: Case) -> list[Note]:
    """The notes of the case the adviser shared with the resident, newest first."""
    prefetched: list[Note] | None = getattr(case, SHARED_NOTES_ATTRIBUTE, None)
    if prefetched is not None:
        return prefetched
    return list(case.notes.filter(visibility=Note.Visibility.RESIDENT))
