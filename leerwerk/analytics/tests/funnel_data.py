"""Events of two weeks with counts worked out by hand, shared by the funnel's tests.

Week 10 (3 to 9 March 2025) and week 11 (10 to 16 March):

- Mon 3 March, AM27, newsletter: 6 visitors each view a page and search; 5 view an offer.
- Tue 4 March, AM27, no campaign: 5 visitors back for a repeat visit view a page.
- Mon 10 March, AM25, LinkedIn: 7 visitors each view a page, search and click out.
- Tue 11 March, AM27, newsletter: 1 visitor views two pages and registers interest.
- Wed 12 March, region unknown, no campaign: 5 visitors each view a page.
- Mon 17 March, outside the period: 5 visitors in AM27.

Per measure: visits, repeat visits, searches, offer views, click-outs, interests, advice
requests."""

import datetime

from leerwerk.analytics.models import Event
from leerwerk.analytics.tests.factories import EventFactory

K = Event.Kind
START = datetime.date(2025, 3, 3)
END = datetime.date(2025, 3, 16)

WEEKS = {"2025-W10": [11, 5, 6, 5, 0, 0, 0], "2025-W11": [13, 0, 7, 0, 7, 1, 0]}
REGIONS = {
    "AM27": [12, 5, 6, 5, 0, 1, 0],  # Noordoost-Brabant
    "AM25": [7, 0, 7, 0, 7, 0, 0],  # West-Brabant
    "": [5, 0, 0, 0, 0, 0, 0],
}
CAMPAIGNS = {"linkedin": [7, 0, 7, 0, 7, 0, 0], "nieuwsbrief": [7, 0, 6, 5, 0, 1, 0], "": [10, 5, 0, 0, 0, 0, 0]}
TOTALS = [24, 5, 13, 5, 7, 1, 0]


def _visit(name, day, kinds, **fields):
    for kind in kinds:
        EventFactory(visitor=name, day=day, kind=kind, **fields)


def create_events():
    newsletter = {"campaign_source": "nieuwsbrief", "campaign_medium": "email"}
    for n in range(6):
        kinds = [K.PAGE_VIEW, K.SEARCH] + ([K.OFFER_VIEW] if n < 5 else [])
        _visit(f"a{n}", START, kinds, region_code="AM27", **newsletter)
    for n in range(5):
        _visit(f"b{n}", START + datetime.timedelta(days=1), [K.PAGE_VIEW], region_code="AM27", is_repeat=True)
    for n in range(7):
        _visit(
            f"c{n}",
            START + datetime.timedelta(days=7),
            [K.PAGE_VIEW, K.SEARCH, K.CLICK_OUT],
            region_code="AM25",
            campaign_source="linkedin",
        )
    _visit(
        "d0",
        START + datetime.timedelta(days=8),
        [K.PAGE_VIEW, K.PAGE_VIEW, K.INTEREST],
        region_code="AM27",
        **newsletter,
    )
    for n in range(5):
        _visit(f"e{n}", START + datetime.timedelta(days=9), [K.PAGE_VIEW])
    for n in range(5):
        _visit(f"f{n}", END + datetime.timedelta(days=1), [K.PAGE_VIEW], region_code="AM27")
