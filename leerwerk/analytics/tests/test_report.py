"""`visits_by_campaign` against counts worked out by hand."""

import datetime

import pytest

from leerwerk.analytics.models import Event
from leerwerk.analytics.selectors import visits_by_campaign
from leerwerk.analytics.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2025, 3, 10)
TUESDAY = MONDAY + datetime.timedelta(days=1)
K = Event.Kind


def _visit(visitor, day, kinds, region="AM27", **fields):
    for kind in kinds:
        EventFactory(visitor=visitor, day=day, kind=kind, region_code=region, **fields)


@pytest.fixture
def events():
    """Monday: A and B through the newsletter (B a repeat visit), C without a campaign,
    D in another region. Tuesday: B again through the newsletter (a repeat) and C through
    LinkedIn. Wednesday, outside the period: E through the newsletter."""
    _visit("a1", MONDAY, [K.PAGE_VIEW, K.PAGE_VIEW, K.SEARCH, K.OFFER_VIEW, K.CLICK_OUT], newsletter=True)
    _visit("b1", MONDAY, [K.PAGE_VIEW, K.SEARCH, K.OFFER_VIEW, K.INTEREST], newsletter=True, repeat=True)
    _visit("c1", MONDAY, [K.PAGE_VIEW, K.ADVICE_REQUEST])
    _visit("d1", MONDAY, [K.PAGE_VIEW, K.SEARCH], region="AM08", newsletter=True)
    _visit("b2", TUESDAY, [K.PAGE_VIEW], newsletter=True, repeat=True)
    _visit("c2", TUESDAY, [K.PAGE_VIEW, K.SEARCH], campaign_source="linkedin", campaign_medium="social")
    _visit("e3", TUESDAY + datetime.timedelta(days=1), [K.PAGE_VIEW], newsletter=True)


def test_each_campaign_has_its_visitors_repeats_and_funnel(events):
    report = visits_by_campaign(start=MONDAY, end=TUESDAY, region_code="AM27")

    rows = {(row.source, row.medium, row.campaign): row for row in report.rows}
    assert list(rows) == [("nieuwsbrief", "email", "voorjaar"), ("", "", ""), ("linkedin", "social", "")]
    newsletter = rows["nieuwsbrief", "email", "voorjaar"]
    assert (newsletter.visitors, newsletter.repeat_visits) == (3, 2)  # a1, b1 on Monday; b2 on Tuesday
    assert newsletter.funnel == [4, 2, 2, 1, 1, 0]
    no_campaign = rows["", "", ""]
    assert (no_campaign.visitors, no_campaign.repeat_visits, no_campaign.funnel) == (1, 0, [1, 0, 0, 0, 0, 1])
    linkedin = rows["linkedin", "social", ""]
    assert (linkedin.visitors, linkedin.funnel) == (1, [1, 1, 0, 0, 0, 0])
    assert (report.totals.visitors, report.totals.repeat_visits) == (5, 2)
    assert report.totals.funnel == [6, 3, 2, 1, 1, 1]


def test_without_a_region_every_region_counts(events):
    report = visits_by_campaign(start=MONDAY, end=MONDAY)

    newsletter = report.rows[0]
    assert (newsletter.source, newsletter.visitors, newsletter.funnel) == ("nieuwsbrief", 3, [4, 3, 2, 1, 1, 0])
    assert report.totals.visitors == 4


def test_a_visitor_counts_once_per_day_in_the_total_even_through_two_campaigns():
    _visit("x", MONDAY, [K.PAGE_VIEW])
    _visit("x", MONDAY, [K.SEARCH], newsletter=True)

    report = visits_by_campaign(start=MONDAY, end=MONDAY)

    assert [row.visitors for row in report.rows] == [1, 1]
    assert report.totals.visitors == 1


def test_an_empty_period_has_no_rows_and_zero_totals(django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        report = visits_by_campaign(start=MONDAY, end=TUESDAY)

    assert report.rows == []
    assert (report.totals.visitors, report.totals.funnel) == (0, [0] * 6)
