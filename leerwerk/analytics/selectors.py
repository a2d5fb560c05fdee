"""Reads of the measurement.

Public surface: `FUNNEL`, `CampaignRow`, `CampaignReport`, `visits_by_campaign`,
`may_view_report`, `REPORT_ROLES`."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from leerwerk.accounts.models import Role, User
from leerwerk.accounts.selectors import has_role
from leerwerk.analytics.models import Event

# The event kinds in the order a visitor moves through them.
FUNNEL = (
    Event.Kind.PAGE_VIEW,
    Event.Kind.SEARCH,
    Event.Kind.OFFER_VIEW,
    Event.Kind.CLICK_OUT,
    Event.Kind.INTEREST,
    Event.Kind.ADVICE_REQUEST,
)
# The roles that may read the report.
REPORT_ROLES = (Role.ANALYST, Role.SECRETARIAT, Role.ADMINISTRATOR)

Campaign = tuple[str, str, str]


@dataclass
class CampaignRow:
    source: str
    medium: str
    campaign: str
    visitors: int = 0
    repeat_visits: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FUNNEL, 0))

    @property
    def funnel(self) -> list[int]:
        """The counts of the event kinds in funnel order."""
        return [self.counts[kind] for kind in FUNNEL]


@dataclass
class CampaignReport:
    start: datetime.date
    end: datetime.date
    region_code: str | None
    rows: list[CampaignRow]
    totals: CampaignRow


def visits_by_campaign(*, start: datetime.date, end: datetime.date, region_code: str | None = None) -> CampaignReport:
    """Per campaign (source, medium, campaign; all three empty: no campaign) over the days
    `start` to `end` inclusive: unique visitors (the distinct visitor hashes of each day,
    summed over the days, since a hash means one visitor only within its day), repeat
    visits (those visitor-days that the `lw_seen` cookie marked as a return), and the
    number of events of each kind. A visitor who came through two campaigns in one day
    counts in both rows and once in the totals. Rows with the most visitors first."""
    events = _events(start=start, end=end, region_code=region_code)
    campaign_fields = ("campaign_source", "campaign_medium", "campaign_name")
    rows: dict[Campaign, CampaignRow] = {}

    def row(values: dict[str, object]) -> CampaignRow:
        key: Campaign = (str(values["campaign_source"]), str(values["campaign_medium"]), str(values["campaign_name"]))
        return rows.setdefault(key, CampaignRow(*key))

    visitor_days = events.values(*campaign_fields, "day").annotate(
        visitors=Count("visitor", distinct=True),
        repeats=Count("visitor", distinct=True, filter=Q(is_repeat=True)),
    )
    for values in visitor_days:
        campaign_row = row(values)
        campaign_row.visitors += values["visitors"]
        campaign_row.repeat_visits += values["repeats"]
    for values in events.values(*campaign_fields, "kind").annotate(count=Count("id")):
        row(values).counts[values["kind"]] = values["count"]

    totals = CampaignRow("", "", "")
    for values in events.values("day").annotate(
        visitors=Count("visitor", distinct=True),
        repeats=Count("visitor", distinct=True, filter=Q(is_repeat=True)),
    ):
        totals.visitors += values["visitors"]
        totals.repeat_visits += values["repeats"]
    for campaign_row in rows.values():
        for kind, count in campaign_row.counts.items():
            totals.counts[kind] += count
    ordered = sorted(rows.values(), key=lambda r: (-r.visitors, r.source, r.medium, r.campaign))
    return CampaignReport(start=start, end=end, region_code=region_code, rows=ordered, totals=totals)


def _events(*, start: datetime.date, end: datetime.date, region_code: str | None) -> QuerySet[Event]:
    events = Event.objects.filter(day__gte=start, day__lte=end).order_by()
    if region_code:
        events = events.filter(region_code=region_code)
    return events


def may_view_report(*, user: User | AnonymousUser) -> bool:
    """An active user with the analyst, secretariat or administrator role, or a superuser."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser) or any(has_role(user=user, role=role) for role in REPORT_ROLES)
