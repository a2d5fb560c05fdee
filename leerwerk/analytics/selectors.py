"""Reads of the measurement: the funnel report and who may read it.

Public surface: `MEASURES`, `REPORT_ROLES`, `MAX_WEEKS`, `DEFAULT_WEEKS`, `ReportScope`,
`InvalidPeriodError`, `OutOfScopeError`, `FunnelRow`, `FunnelReport`, `may_view_report`,
`get_report_scope`, `list_report_regions`, `whole_weeks`, `default_period`,
`choose_period`, `get_funnel_report`."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from leerwerk.accounts.models import MEASUREMENT_ROLES, Role, User
from leerwerk.accounts.selectors import is_administrator, list_region_codes_in_scope, may_read_measurements
from leerwerk.analytics.models import Event
from leerwerk.analytics.suppression import Cell, Column, protect_measure
from leerwerk.regions.models import LabourMarketRegion
from leerwerk.regions.selectors import current_year, list_regions

# The columns of the report, in the order a visitor moves through the funnel.
MEASURES = ("visits", "repeat_visits", "searches", "offer_views", "click_outs", "interests", "advice_requests")
_EVENT_MEASURES = {
    "searches": Event.Kind.SEARCH,
    "offer_views": Event.Kind.OFFER_VIEW,
    "click_outs": Event.Kind.CLICK_OUT,
    "interests": Event.Kind.INTEREST,
    "advice_requests": Event.Kind.ADVICE_REQUEST,
}
# The roles that may read the report (accounts' MEASUREMENT_ROLES); administrators see
# every region, the others theirs.
REPORT_ROLES = MEASUREMENT_ROLES
_SCOPED_ROLES = (Role.ANALYST, Role.SECRETARIAT)
# The longest period of one report; events are kept 400 days (`prune_events`).
MAX_WEEKS = 53
DEFAULT_WEEKS = 12

Counts = dict[str, int]


class InvalidPeriodError(ValueError):
    """A period that ends before it starts or is longer than MAX_WEEKS; the message says so."""


class OutOfScopeError(Exception):
    """The region is unknown or not one of the reader's; pages and the API answer 404."""


@dataclass(frozen=True)
class ReportScope:
    """The regions a reader may see; None: every region, and the events whose region is
    unknown (most page views: a region is known once a visitor chooses one)."""

    region_codes: frozenset[str] | None

    def includes(self, code: str) -> bool:
        return self.region_codes is None or code in self.region_codes


@dataclass(frozen=True)
class FunnelRow:
    """`key`: the ISO week ("2025-W11", with `starts_on` its Monday), the region code or
    the campaign source; empty for an unknown region or no campaign. `name`: the region's
    name, else the key. `cells` in the order of MEASURES."""

    key: str
    name: str
    cells: tuple[Cell, ...]
    starts_on: datetime.date | None = None


@dataclass(frozen=True)
class FunnelReport:
    start: datetime.date
    end: datetime.date
    region_code: str
    campaign_source: str
    weeks: list[FunnelRow]
    regions: list[FunnelRow]
    campaigns: list[FunnelRow]
    totals: tuple[Cell, ...]


def may_view_report(*, user: User | AnonymousUser) -> bool:
    """An active user with the analyst, secretariat or administrator role, or a superuser."""
    return may_read_measurements(user=user)


def get_report_scope(*, user: User | AnonymousUser) -> ReportScope:
    """Raises PermissionDenied for anyone who may not read the report."""
    if not isinstance(user, User) or not may_view_report(user=user):
        raise PermissionDenied
    if is_administrator(user=user):
        return ReportScope(region_codes=None)
    codes: set[str] = set()
    for role in _SCOPED_ROLES:
        codes |= list_region_codes_in_scope(user=user, role=role)
    return ReportScope(region_codes=frozenset(codes))


def list_report_regions(*, scope: ReportScope) -> QuerySet[LabourMarketRegion]:
    """The regions to choose from, by name."""
    regions = list_regions(year=current_year())
    if scope.region_codes is not None:
        regions = regions.filter(code__in=scope.region_codes)
    return regions


def whole_weeks(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period widened to whole ISO weeks: from its Monday to its Sunday."""
    return start - datetime.timedelta(days=start.weekday()), end + datetime.timedelta(days=6 - end.weekday())


def default_period(*, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last 12 weeks, this one included."""
    monday = today - datetime.timedelta(days=today.weekday())
    return whole_weeks(monday - datetime.timedelta(weeks=DEFAULT_WEEKS - 1), today)


def choose_period(
    *, start: datetime.date | None, end: datetime.date | None, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The report's period in whole weeks: a missing end is today (or the start, if that is
    later), a missing start 12 weeks before the end, neither the last 12 weeks. Raises
    InvalidPeriodError for a period that ends before it starts or is too long."""
    if start is None and end is None:
        return default_period(today=today)
    if end is None:
        end = max(today, start) if start is not None else today
    if start is None:
        start = end - datetime.timedelta(weeks=DEFAULT_WEEKS, days=-1)
    if start > end:
        raise InvalidPeriodError(_("The start of the period is after its end."))
    first, last = whole_weeks(start, end)
    if (last - first).days + 1 > MAX_WEEKS * 7:
        raise InvalidPeriodError(_("Choose a period of at most %(weeks)d weeks.") % {"weeks": MAX_WEEKS})
    return first, last


def get_funnel_report(
    *,
    scope: ReportScope,
    start: datetime.date,
    end: datetime.date,
    region_code: str = "",
    campaign_source: str = "",
) -> FunnelReport:
    """Visits (the distinct visitor hashes of each day, summed over the days, since a hash
    means one visitor only within its day), repeat visits (those visitor-days that the
    `lw_seen` cookie marked as a return) and the events of each kind, over the whole weeks
    around `start` to `end`, per week, per region and per campaign source, with small
    numbers suppressed (`suppression`). A visitor who came through two campaigns, or in two
    regions, in one day counts in both rows and once in the total. Raises OutOfScopeError
    for a region that is unknown or outside `scope`."""
    if region_code and not (
        scope.includes(region_code) and LabourMarketRegion.objects.filter(code=region_code).exists()
    ):
        raise OutOfScopeError(region_code)
    start, end = whole_weeks(start, end)
    events = Event.objects.filter(day__gte=start, day__lte=end).order_by()
    if region_code:
        events = events.filter(region_code=region_code)
    elif scope.region_codes is not None:
        events = events.filter(region_code__in=scope.region_codes)
    if campaign_source:
        events = events.filter(campaign_source=campaign_source)

    weeks: dict[str, Counts] = {
        _iso_week(start + datetime.timedelta(weeks=n)): {} for n in range((end - start).days // 7 + 1)
    }
    for _value, day, counts in _counts_per_day(events, None):
        _add(weeks.setdefault(_iso_week(day), {}), counts)
    regions: dict[str, Counts] = defaultdict(dict)
    for code, _day, counts in _counts_per_day(events, "region_code"):
        _add(regions[code], counts)
    campaigns: dict[str, Counts] = defaultdict(dict)
    for source, _day, counts in _counts_per_day(events, "campaign_source"):
        _add(campaigns[source], counts)
    totals: Counts = {}
    for counts in weeks.values():
        _add(totals, counts)

    names: dict[str, str] = dict(LabourMarketRegion.objects.filter(code__in=regions).values_list("code", "name"))
    region_keys = sorted(regions, key=lambda code: (code == "", (names.get(code) or code).casefold(), code))
    campaign_keys = sorted(campaigns, key=lambda source: (source == "", source.casefold(), source))
    tables = [list(weeks.values()), [regions[key] for key in region_keys], [campaigns[key] for key in campaign_keys]]
    total_cells, (week_cells, region_cells, campaign_cells) = _protect(totals, tables)
    return FunnelReport(
        start=start,
        end=end,
        region_code=region_code,
        campaign_source=campaign_source,
        weeks=[_week_row(key, cells) for key, cells in zip(weeks, week_cells, strict=True)],
        regions=[
            FunnelRow(key=key, name=names.get(key, key), cells=cells)
            for key, cells in zip(region_keys, region_cells, strict=True)
        ],
        campaigns=[
            FunnelRow(key=key, name=key, cells=cells) for key, cells in zip(campaign_keys, campaign_cells, strict=True)
        ],
        totals=total_cells,
    )


def _week_row(monday: str, cells: tuple[Cell, ...]) -> FunnelRow:
    starts_on = datetime.date.fromisoformat(monday)
    year, week, _weekday = starts_on.isocalendar()
    return FunnelRow(key=f"{year}-W{week:02d}", name=f"{year}-W{week:02d}", cells=cells, starts_on=starts_on)


def _iso_week(day: datetime.date) -> str:
    """The Monday of the day's ISO week, as an ISO date."""
    return (day - datetime.timedelta(days=day.weekday())).isoformat()


def _add(into: Counts, counts: Counts) -> None:
    for measure in MEASURES:
        into[measure] = into.get(measure, 0) + counts.get(measure, 0)


def _counts_per_day(events: QuerySet[Event], field: str | None) -> Iterable[tuple[str, datetime.date, Counts]]:
    """The counts of each day (and value of `field`), aggregated by the database."""
    fields = ("day",) if field is None else (field, "day")
    rows = events.values(*fields).annotate(
        visits=Count("visitor", distinct=True),
        repeat_visits=Count("visitor", distinct=True, filter=Q(is_repeat=True)),
        **{measure: Count("id", filter=Q(kind=kind)) for measure, kind in _EVENT_MEASURES.items()},
    )
    for row in rows:
        yield ("" if field is None else row[field]), row["day"], {measure: row[measure] for measure in MEASURES}


def _protect(totals: Counts, tables: list[list[Counts]]) -> tuple[tuple[Cell, ...], list[list[tuple[Cell, ...]]]]:
    """Suppress each measure over the three tables at once (weeks first); the cells come
    back per table and row, in the order of MEASURES."""
    total_cells: list[Cell] = []
    by_measure: list[list[list[Cell]]] = []
    for measure in MEASURES:
        weeks, *groups = (Column(tuple(row.get(measure, 0) for row in table)) for table in tables)
        total, week_cells, group_cells = protect_measure(total=totals.get(measure, 0), weeks=weeks, groups=groups)
        total_cells.append(total)
        by_measure.append([week_cells, *group_cells])
    rows = [
        [tuple(by_measure[m][index][row] for m in range(len(MEASURES))) for row in range(len(table))]
        for index, table in enumerate(tables)
    ]
    return tuple(total_cells), rows
