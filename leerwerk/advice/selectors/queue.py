"""The queue: the cases of a user's regions, filtered and sorted, and how many new
cases wait longer than their region's response time.

Public surface: `QueueFilters`, `list_queue`, `Overdue`, `count_overdue`, `working_days_since`,
`overdue_cutoff`, `list_queue_regions`, `list_queue_municipalities`,
`list_assignable_advisers`.

Working days are Monday to Friday; public holidays are ignored (the repository has no
holiday calendar), so around Easter or Christmas a case shows a day or two early."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from leerwerk.accounts.models import ADVICE_ROLES, Membership, User
from leerwerk.advice.models import DEFAULT_RESPONSE_WORKING_DAYS, Case, CaseTargetGroup, DeskSettings
from leerwerk.regions.models import LabourMarketRegion
from leerwerk.regions.selectors import current_year, list_municipalities

OPEN_STATUSES = (Case.Status.NEW, Case.Status.IN_PROGRESS, Case.Status.WAITING)
STATUS_OPEN = ""
STATUS_ALL = "all"
ASSIGNED_ME = "me"
ASSIGNED_NOBODY = "unassigned"
SORT_NEWEST = "newest"
SORT_OLDEST = "oldest"


@dataclass(frozen=True)
class QueueFilters:
    """What the queue shows: `status` "" (open), "all" or one status; `assigned` "me",
    "unassigned" or "" (anyone); `region_code` "" (all of the user's); `sort` "newest" or
    "oldest" (longest waiting first)."""

    status: str = STATUS_OPEN
    situation: str = ""
    target_group: str = ""
    municipality_id: int | None = None
    assigned: str = ""
    region_code: str = ""
    sort: str = SORT_NEWEST


def list_queue(*, user: User, region_codes: set[str], filters: QueueFilters) -> QuerySet[Case]:
    """The cases of `region_codes` (the user's desk regions) matching `filters`, with what
    a row shows fetched alongside (person, municipality, assignee, target groups). The
    filter on region and status and the order on `received_at` follow the index
    `case_region_status_newest`."""
    codes = {filters.region_code} & region_codes if filters.region_code else region_codes
    cases = Case.objects.filter(region_code__in=sorted(codes))
    if filters.status == STATUS_OPEN:
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif filters.status != STATUS_ALL:
        cases = cases.filter(status=filters.status)
    if filters.situation:
        cases = cases.filter(situation=filters.situation)
    if filters.target_group:
        cases = cases.filter(target_groups__group=filters.target_group)
    if filters.municipality_id is not None:
        cases = cases.filter(person__municipality_id=filters.municipality_id)
    if filters.assigned == ASSIGNED_ME:
        cases = cases.filter(assigned_to=user)
    elif filters.assigned == ASSIGNED_NOBODY:
        cases = cases.filter(assigned_to__isnull=True)
    order = ["received_at", "pk"] if filters.sort == SORT_OLDEST else ["-received_at", "-pk"]
    return (
        cases.select_related("person", "person__municipality", "assigned_to")
        .prefetch_related(Prefetch("target_groups", queryset=CaseTargetGroup.objects.order_by("group")))
        .order_by(*order)
    )


def working_days_since(day: datetime.date, today: datetime.date) -> int:
    """The working days after `day` up to and including `today` (0 on the same day)."""
    if today <= day:
        return 0
    days = (today - day).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (day + datetime.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


def overdue_cutoff(*, today: datetime.date, working_days: int) -> datetime.datetime:
    """The moment before which a case received has waited more than `working_days`: the
    start of the (working_days + 1)-th working day counted back from today (inclusive)."""
    day, counted = today, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == working_days + 1:
                break
        day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _response_days(region_codes: set[str]) -> dict[str, int]:
    found = dict(
        DeskSettings.objects.filter(region__code__in=sorted(region_codes)).values_list(
            "region__code", "response_working_days"
        )
    )
    return {code: found.get(code, DEFAULT_RESPONSE_WORKING_DAYS) for code in region_codes}


@dataclass(frozen=True)
class Overdue:
    region_code: str
    working_days: int
    count: int


def count_overdue(*, region_codes: set[str], today: datetime.date | None = None) -> list[Overdue]:
    """Per region (by code), the new cases that wait longer than the region's response
    time (`DeskSettings.response_working_days`, default 5 working days). One query for
    the settings and one for the counts of all regions together."""
    if not region_codes:
        return []
    today = today or timezone.localdate()
    response_days = _response_days(region_codes)
    condition = Q()
    for code, days in sorted(response_days.items()):
        condition |= Q(region_code=code, received_at__lt=overdue_cutoff(today=today, working_days=days))
    counts = dict(
        Case.objects.filter(condition, status=Case.Status.NEW)
        .order_by()
        .values("region_code")
        .annotate(count=Count("pk"))
        .values_list("region_code", "count")
    )
    return [Overdue(code, response_days[code], counts.get(code, 0)) for code in sorted(region_codes)]


def list_queue_regions(*, region_codes: set[str]) -> list[tuple[str, str]]:
    """(code, name) of the user's desk regions, by name."""
    return list(
        LabourMarketRegion.objects.filter(code__in=sorted(region_codes)).order_by("name").values_list("code", "name")
    )


def list_queue_municipalities(*, region_codes: set[str]) -> list[tuple[int, str]]:
    """(id, name) of the municipalities of the user's regions this year: the choices of
    the queue's filter."""
    municipalities = list_municipalities(year=current_year()).filter(Q(region_code__in=sorted(region_codes)))
    return list(municipalities.values_list("pk", "name"))


def list_assignable_advisers(*, region_codes: set[str]) -> dict[str, list[User]]:
    """Per region, its active advisers and team leads by name (whom a team lead assigns
    to), in one query; the same people as `access.list_region_advisers`."""
    memberships = (
        Membership.objects.filter(role__in=ADVICE_ROLES, user__is_active=True, regions__code__in=sorted(region_codes))
        .values_list("regions__code", "user")
        .order_by("user__full_name", "user__email")
    )
    pairs = list(memberships)
    users = {user.pk: user for user in User.objects.filter(pk__in={pk for _code, pk in pairs})}
    advisers: dict[str, list[User]] = {code: [] for code in region_codes}
    for code, pk in pairs:
        if users[pk] not in advisers[code]:
            advisers[code].append(users[pk])
    return advisers
