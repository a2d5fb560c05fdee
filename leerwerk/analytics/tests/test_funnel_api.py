"""`GET /api/v1/analytics/funnel`: the shape of the answer, the suppressed counts, bad
input, the scope and who may ask."""

import pytest
from django.urls import reverse

from leerwerk.analytics.tests.funnel_data import END, START, create_events

pytestmark = pytest.mark.django_db

URL = reverse("api-analytics-funnel")
PERIOD = {"from": START.isoformat(), "to": END.isoformat()}
PROBLEM = "application/problem+json"


@pytest.fixture
def events():
    create_events()


def _values(figures):
    return {measure: figure["value"] for measure, figure in figures.items()}


def test_the_funnel_per_week_region_and_campaign(client, reader, events, django_assert_max_num_queries):
    client.force_login(reader("administrator"))

    with django_assert_max_num_queries(10):
        response = client.get(URL, PERIOD)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"from", "to", "region", "campaign", "totals", "weeks", "regions", "campaigns"}
    assert (body["from"], body["to"], body["region"], body["campaign"]) == ("2025-03-03", "2025-03-16", None, None)
    assert _values(body["totals"]) == {
        "visits": 24,
        "repeat_visits": 5,
        "searches": 13,
        "offer_views": 5,
        "click_outs": 7,
        "interests": None,
        "advice_requests": 0,
    }
    assert body["totals"]["visits"] == {"value": 24, "suppressed": False, "reason": None}
    assert body["totals"]["interests"] == {"value": None, "suppressed": True, "reason": "fewer_than_5"}
    assert [(week["week"], week["starts_on"]) for week in body["weeks"]] == [
        ("2025-W10", "2025-03-03"),
        ("2025-W11", "2025-03-10"),
    ]
    assert _values(body["weeks"][1]["figures"])["click_outs"] == 7
    assert [(region["code"], region["name"]) for region in body["regions"]] == [
        ("AM27", "Noordoost-Brabant"),
        ("AM25", "West-Brabant"),
        (None, None),
    ]
    assert [campaign["source"] for campaign in body["campaigns"]] == ["linkedin", "nieuwsbrief", None]


def test_a_count_that_would_reveal_a_small_number_is_not_given(client, reader, events):
    client.force_login(reader("analyst", ("AM27",)))

    body = client.get(URL, PERIOD).json()

    assert body["totals"]["visits"] == {"value": None, "suppressed": True, "reason": "protects_small_numbers"}
    assert body["weeks"][1]["figures"]["visits"] == {"value": None, "suppressed": True, "reason": "fewer_than_5"}
    assert [region["code"] for region in body["regions"]] == ["AM27"]


def test_one_grouping_and_the_filters(client, reader, events):
    client.force_login(reader("secretariat", ("AM25", "AM27")))

    body = client.get(URL, {**PERIOD, "region": "am25", "campaign": "linkedin", "group": "campaign"}).json()

    assert set(body) == {"from", "to", "region", "campaign", "totals", "campaigns"}
    assert (body["region"], body["campaign"]) == ("AM25", "linkedin")
    assert _values(body["campaigns"][0]["figures"])["searches"] == 7


@pytest.mark.parametrize(
    ("params", "wrong"),
    [
        ({"from": "3 maart"}, "from"),
        ({"to": "2025-02-30"}, "to"),
        ({"from": "2025-03-10", "to": "2025-03-01"}, "from"),
        ({"from": "2023-01-01", "to": "2025-03-01"}, "from"),
        ({"region": "AM99"}, "region"),
        ({"group": "day"}, "group"),
    ],
)
def test_wrong_input_is_a_problem_naming_the_parameter(client, reader, params, wrong):
    client.force_login(reader("administrator"))

    response = client.get(URL, params)

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert [param["name"] for param in response.json()["invalid-params"]] == [wrong]


def test_a_region_outside_the_scope_is_not_found(client, reader):
    client.force_login(reader("analyst", ("AM27",)))

    response = client.get(URL, {"region": "AM25"})

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 404


def test_an_anonymous_caller_is_refused(client):
    response = client.get(URL)

    assert response.status_code in (401, 403)
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("role", [None, "resident", "adviser"])
def test_residents_and_other_roles_are_forbidden(client, reader, role):
    client.force_login(reader(role))

    response = client.get(URL)

    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
