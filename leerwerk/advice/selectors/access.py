"""Who may see which cases: an adviser or team lead sees the cases of the regions of
their memberships with one of those roles, and nothing else. A case (or request, or
person) of another region is "not found": `DoesNotExist`, which every edge turns into a
404 (pages, API, exports, downloads), so the workspace does not reveal that it exists.

Public surface: `list_desk_region_codes`, `is_desk_member`, `is_team_lead`,
`role_in_region`, `may_take_case`, `offers_taking`, `list_cases_in_scope`, `get_case_for_adviser`,
`get_request_for_adviser`, `get_person_for_adviser`, `get_desk_settings`, `list_region_advisers`."""

from django.db.models import Prefetch, QuerySet

from leerwerk.accounts.models import ADVICE_ROLES, Membership, Role, User
from leerwerk.advice.models import (
    DEFAULT_RESPONSE_WORKING_DAYS,
    DEFAULT_RETENTION_MONTHS,
    Case,
    DeskSettings,
    Outcome,
    Person,
    Trajectory,
)
from leerwerk.journeys.models import AdviceRequest

_SCOPE_ATTRIBUTE = "_leerwerk_desk_scope"


def _memberships(user: User) -> list[tuple[str, str]]:
    """(role, region code) pairs of the user's advice memberships, asked once per user object."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, _SCOPE_ATTRIBUTE, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, role__in=ADVICE_ROLES, regions__code__isnull=False).values_list(
                "role", "regions__code"
            )
        )
        setattr(user, _SCOPE_ATTRIBUTE, cached)
    return list(cached)


def list_desk_region_codes(*, user: User) -> set[str]:
    """The regions whose cases the user works (as adviser or team lead)."""
    return {code for _role, code in _memberships(user)}


def is_desk_member(*, user: User) -> bool:
    return bool(_memberships(user))


def is_team_lead(*, user: User, region_code: str) -> bool:
    return (Role.TEAM_LEAD.value, region_code) in _memberships(user)


def role_in_region(*, user: User, region_code: str) -> str:
    """The role the user acts in for a case of `region_code`, for the processing log."""
    return Role.TEAM_LEAD.value if is_team_lead(user=user, region_code=region_code) else Role.ADVISER.value


def may_take_case(*, user: User, case: Case) -> bool:
    """Whether the user may make the case theirs: an open case that is unassigned or
    already theirs, or, for a team lead of its region, assigned to a colleague."""
    if case.is_closed:
        return False
    if case.assigned_to_id is None or case.assigned_to_id == user.pk:
        return True
    return is_team_lead(user=user, region_code=case.region_code)


def offers_taking(*, user: User, case: Case) -> bool:
    """Whether the case page offers the user to take the case: they may, and it would
    change something (a case that is already theirs and started stays as it is)."""
    already_working_on_it = case.assigned_to_id == user.pk and case.status != Case.Status.NEW
    return may_take_case(user=user, case=case) and not already_working_on_it


def list_cases_in_scope(*, user: User) -> QuerySet[Case]:
    return Case.objects.filter(region_code__in=list_desk_region_codes(user=user))


def get_case_for_adviser(*, user: User, case_id: int, full: bool = False) -> Case:
    """The case, if it is in the user's regions; raises Case.DoesNotExist otherwise.
    `full` fetches everything the case page shows in a fixed number of queries."""
    cases = list_cases_in_scope(user=user).select_related("person", "person__municipality", "assigned_to")
    if full:
        cases = cases.select_related("request", "plan").prefetch_related(
            "target_groups",
            "notes__author",
            "contact_moments__author",
            "appointments",
            "documents",
            "plan__steps__offer",
            "plan__steps__occupation",
            Prefetch(
                "trajectories",
                queryset=Trajectory.objects.select_related("offer").prefetch_related(
                    Prefetch("outcomes", queryset=Outcome.objects.select_related("occupation")), "follow_ups"
                ),
            ),
        )
    return cases.get(pk=case_id)


def get_request_for_adviser(*, user: User, request_id: int) -> AdviceRequest:
    """An open advice request of the user's regions (not withdrawn); raises DoesNotExist."""
    return AdviceRequest.objects.select_related("municipality").get(
        pk=request_id, region_code__in=list_desk_region_codes(user=user), status=AdviceRequest.Status.NEW
    )


def get_person_for_adviser(*, user: User, person_id: int) -> Person:
    return Person.objects.select_related("municipality").get(
        pk=person_id, region_code__in=list_desk_region_codes(user=user)
    )


def get_desk_settings(*, region_code: str) -> DeskSettings:
    """The region's settings, or an unsaved row with the defaults."""
    found = DeskSettings.objects.filter(region__code=region_code).first()
    if found is not None:
        return found
    return DeskSettings(response_working_days=DEFAULT_RESPONSE_WORKING_DAYS, retention_months=DEFAULT_RETENTION_MONTHS)


def list_region_advisers(*, region_codes: set[str]) -> QuerySet[User]:
    """The advisers and team leads of these regions (whom a team lead can assign to)."""
    return (
        User.objects.filter(
            is_active=True, memberships__role__in=ADVICE_ROLES, memberships__regions__code__in=region_codes
        )
        .distinct()
        .order_by("full_name", "email")
    )
