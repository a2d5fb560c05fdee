import pytest

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_the_regions_are_listed_with_their_municipality_count(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/regions", {"year": 2026})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 35
    regions = {region["code"]: region for region in body["results"]}
    assert regions["AM27"] == {
        "code": "AM27",
        "name": "Noordoost-Brabant",
        "is_served": False,
        "municipality_count": 10,
    }


def test_lists_are_paginated(client):
    body = client.get("/api/v1/regions", {"page_size": 10, "page": 2}).json()
    assert body["count"] == 35
    assert len(body["results"]) == 10
    assert body["previous"] is not None
    assert body["next"] is not None


def test_a_region_is_read_with_its_municipalities(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/regions/AM27")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Noordoost-Brabant"
    assert len(body["municipalities"]) == 10
    assert {"code": "GM0828", "name": "Oss", "province_code": "PV30", "province_name": "Noord-Brabant"} in body[
        "municipalities"
    ]


def test_an_unknown_region_is_a_problem_404(client):
    response = client.get("/api/v1/regions/AM04")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {
        "type": "about:blank",
        "title": "Niet gevonden.",
        "status": 404,
        "detail": "Er is geen arbeidsmarktregio met code AM04.",
    }


def test_municipalities_can_be_filtered_by_region(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/municipalities", {"region": "AM27"})
    body = response.json()
    assert body["count"] == 10
    assert {m["region_code"] for m in body["results"]} == {"AM27"}


def test_all_municipalities_are_listed_without_a_filter(client):
    assert client.get("/api/v1/municipalities").json()["count"] == 342


def test_an_empty_region_counts_as_left_out(client):
    response = client.get("/api/v1/municipalities", {"region": ""})
    assert response.status_code == 200
    assert response.json()["count"] == 342


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/api/v1/municipalities", {"region": "AM04"}, "region"),
        ("/api/v1/municipalities", {"year": "later"}, "year"),
        ("/api/v1/regions", {"year": "1800"}, "year"),
        ("/api/v1/regions/AM27", {"year": "x"}, "year"),
    ],
)
def test_a_wrong_parameter_is_a_problem_400_that_names_it(client, path, params, name):
    response = client.get(path, params)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == 400
    assert [param["name"] for param in body["invalid-params"]] == [name]


def test_a_page_beyond_the_last_is_a_problem_404(client):
    response = client.get("/api/v1/regions", {"page": 99})
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_an_unknown_api_path_is_a_problem_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_writing_reference_data_is_not_allowed(client):
    response = client.post("/api/v1/regions", {}, content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
