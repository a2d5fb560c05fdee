"""`get_funnel_report` against counts worked out by hand (see funnel_data), its scope and
its period."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from leerwerk.analytics.selectors import (
    InvalidPeriodError,
    OutOfScopeError,
    ReportScope,
    choose_period,
    get_funnel_report,
    get_report_scope,
)
from leerwerk.analytics.tests.funnel_data import CAMPAIGNS, END, REGIONS, START, TOTALS, WEEKS, create_events

pytestmark = pytest.mark.django_db

EVERYTHING = ReportScope(region_codes=None)


def _published(counts):
    return ["< 5" if 0 < count < 5 else str(count) for count in counts]


def _rows(rows):
    return {row.key: [str(cell) for cell in row.cells] for row in rows}


@pytest.fixture
def events():
    create_events()


def test_the_funnel_per_week_region_and_campaign_for_all_regions(events, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        report = get_funnel_report(scope=EVERYTHING, start=START, end=END)

    assert (report.start, report.end) == (START, END)
    assert _rows(report.weeks) == {week: _published(counts) for week, counts in WEEKS.items()}
    assert [row.starts_on for row in report.weeks] == [START, START + datetime.timedelta(days=7)]
    assert _rows(report.regions) == {code: _published(counts) for code, counts in REGIONS.items()}
    assert [row.name for row in report.regions] == ["Noordoost-Brabant", "West-Brabant", ""]
    assert _rows(report.campaigns) == {source: _published(counts) for source, counts in CAMPAIGNS.items()}
    assert list(_rows(report.campaigns)) == ["linkedin", "nieuwsbrief", ""]
    assert [str(cell) for cell in report.totals] == _published(TOTALS)


def test_a_region_reader_sees_only_their_region_with_its_small_week_protected(events):
    report = get_funnel_report(scope=ReportScope(region_codes=frozenset({"AM27"})), start=START, end=END)

    # AM27 alone: 11 visits in week 10 and 1 in week 11, so the total (12) is withheld, and
    # so are the smallest visits of the regions (12) and campaigns (newsletter 7, none 5).
    assert _rows(report.weeks)["2025-W11"][:2] == ["< 5", "0"]
    assert _rows(report.weeks)["2025-W10"] == _published(WEEKS["2025-W10"])
    assert list(_rows(report.regions)) == ["AM27"]
    assert _rows(report.regions)["AM27"][0] == "x"
    assert _rows(report.campaigns) == {
        "nieuwsbrief": ["7", "0", "6", "5", "0", "< 5", "0"],
        "": ["x", "5", "0", "0", "0", "0", "0"],
    }
    assert [str(cell) for cell in report.totals] == ["x", "5", "6", "5", "0", "< 5", "0"]


def test_the_region_and_campaign_filters_narrow_every_table(events):
    by_region = get_funnel_report(scope=EVERYTHING, start=START, end=END, region_code="AM25")
    by_campaign = get_funnel_report(scope=EVERYTHING, start=START, end=END, campaign_source="linkedin")

    for report in (by_region, by_campaign):
        assert _rows(report.weeks) == {"2025-W10": ["0"] * 7, "2025-W11": _published(REGIONS["AM25"])}
        assert list(_rows(report.regions)) == ["AM25"]
        assert list(_rows(report.campaigns)) == ["linkedin"]
        assert [str(cell) for cell in report.totals] == _published(REGIONS["AM25"])


def test_the_period_is_widened_to_whole_weeks(events):
    report = get_funnel_report(scope=EVERYTHING, start=START + datetime.timedelta(days=2), end=END)

    assert report.start == START
    assert [str(cell) for cell in report.totals] == _published(TOTALS)


def test_an_empty_period_has_its_weeks_with_zeros(django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        report = get_funnel_report(scope=EVERYTHING, start=START, end=END)

    assert [row.key for row in report.weeks] == ["2025-W10", "2025-W11"]
    assert all(str(cell) == "0" for row in report.weeks for cell in row.cells)
    assert report.regions == report.campaigns == []


@pytest.mark.parametrize("code", ["AM25", "AM99", "XX"])
def test_a_region_outside_the_scope_or_unknown_is_refused(code):
    with pytest.raises(OutOfScopeError):
        get_funnel_report(scope=ReportScope(region_codes=frozenset({"AM27"})), start=START, end=END, region_code=code)


def test_an_unknown_region_is_refused_for_administrators_too():
    with pytest.raises(OutOfScopeError):
        get_funnel_report(scope=EVERYTHING, start=START, end=END, region_code="AM99")


def test_analysts_and_the_secretariat_see_their_regions_administrators_all(reader):
    analyst = reader("analyst", ("AM27",))
    assert get_report_scope(user=analyst) == ReportScope(region_codes=frozenset({"AM27"}))
    assert get_report_scope(user=reader("secretariat", ("AM25", "AM26"))).region_codes == {"AM25", "AM26"}
    assert get_report_scope(user=reader("administrator", ("AM27",))).region_codes is None
    assert get_report_scope(user=reader("superuser")).region_codes is None


def test_an_adviser_role_adds_no_regions_to_the_report(reader):
    from leerwerk.accounts.tests.factories import MembershipFactory
    from leerwerk.regions.models import LabourMarketRegion

    analyst = reader("analyst", ("AM27",))
    MembershipFactory(user=analyst, role="adviser", regions=list(LabourMarketRegion.objects.filter(code="AM25")))

    assert get_report_scope(user=analyst).region_codes == {"AM27"}


@pytest.mark.parametrize("role", [None, "resident", "adviser", "provider_editor", "employer_contact"])
def test_other_users_have_no_scope(reader, role):
    with pytest.raises(PermissionDenied):
        get_report_scope(user=reader(role))


def test_an_anonymous_visitor_has_no_scope():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        get_report_scope(user=AnonymousUser())


WEDNESDAY = datetime.date(2025, 3, 12)


@pytest.mark.parametrize(
    ("start", "end", "period"),
    [
        (None, None, (datetime.date(2024, 12, 23), datetime.date(2025, 3, 16))),  # 12 weeks, this one included
        (None, datetime.date(2025, 1, 8), (datetime.date(2024, 10, 14), datetime.date(2025, 1, 12))),
        (datetime.date(2025, 2, 1), None, (datetime.date(2025, 1, 27), datetime.date(2025, 3, 16))),
        (datetime.date(2025, 6, 1), None, (datetime.date(2025, 5, 26), datetime.date(2025, 6, 1))),
        (
            datetime.date(2024, 3, 13),
            datetime.date(2025, 3, 12),
            (datetime.date(2024, 3, 11), datetime.date(2025, 3, 16)),
        ),
    ],
)
def test_the_period_is_whole_weeks_with_defaults(start, end, period):
    assert choose_period(start=start, end=end, today=WEDNESDAY) == period


@pytest.mark.parametrize(
    ("start", "end"),
    [(datetime.date(2025, 3, 12), datetime.date(2025, 3, 11)), (datetime.date(2024, 3, 3), datetime.date(2025, 3, 12))],
)
def test_a_reversed_or_too_long_period_is_refused(start, end):
    with pytest.raises(InvalidPeriodError):
        choose_period(start=start, end=end, today=WEDNESDAY)
