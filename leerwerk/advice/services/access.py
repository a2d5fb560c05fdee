"""Reading a case, logged: every page and API view that shows a case calls `read_case`,
so each read of a person's data leaves a row in the processing log. And `log_case`,
the one way the other services log what they did to a case.

Public surface: `read_case`, `log_case`, `log_cases_listed`."""

from collections.abc import Sequence

from leerwerk.accounts.models import User
from leerwerk.advice.models import Case
from leerwerk.advice.selectors.access import get_case_for_adviser, role_in_region
from leerwerk.audit.services import Action, Processing, Purpose, log_processing


def log_case(
    *,
    actor: User | None,
    case: Case,
    action: str,
    via: str,
    subject: str = "case",
    subject_id: int | None = None,
    purpose: str = Purpose.CASEWORK,
    role: str | None = None,
) -> None:
    """One row for one thing done to `case` (its person's data). `role` defaults to the
    actor's role in the case's region (the system, actor None, has none)."""
    if role is None:
        role = role_in_region(user=actor, region_code=case.region_code) if actor is not None else ""
    log_processing(
        actor=actor,
        role=role,
        via=via,
        items=[
            Processing(
                action=action,
                subject=subject,
                subject_id=subject_id if subject_id is not None else case.pk,
                person_id=case.person_id,
                case_id=case.pk,
                region_code=case.region_code,
                purpose=purpose,
            )
        ],
    )


def log_cases_listed(*, actor: User, cases: Sequence[Case], via: str) -> None:
    """A list that shows people's names (the queue) logs one row per person shown, in one query."""
    log_processing(
        actor=actor,
        role=role_in_region(user=actor, region_code=cases[0].region_code) if cases else "",
        via=via,
        items=[
            Processing(
                action=Action.LIST,
                subject="case",
                subject_id=case.pk,
                person_id=case.person_id,
                case_id=case.pk,
                region_code=case.region_code,
            )
            for case in cases
        ],
    )


def read_case(*, actor: User, case_id: int, via: str, full: bool = False) -> Case:
    """The case for the user (Case.DoesNotExist outside their regions), logged as read."""
    case = get_case_for_adviser(user=actor, case_id=case_id, full=full)
    log_case(actor=actor, case=case, action=Action.READ, via=via)
    return case
