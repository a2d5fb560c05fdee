"""Errors: pages in the site frame, the API in problem+json, never a bare traceback."""

import pytest
from django.test import override_settings
from django.urls import path

from config import urls as site_urls
from leerwerk.core import views
from leerwerk.core.problems import PROBLEM_CONTENT_TYPE


def _boom(request):
    raise RuntimeError("broken on purpose")


urlpatterns = [
    path("kapot/", _boom),
    path("api/v1/kapot", _boom),
    *site_urls.urlpatterns,
]
handler500 = site_urls.handler500


@pytest.fixture
def broken_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_an_unhandled_error_on_a_page_shows_the_500_page_in_the_frame(broken_client):
    response = broken_client.get("/kapot/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Er ging iets mis" in content
    assert "utrecht-skip-link" in content


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_an_unhandled_error_in_the_api_is_a_problem_500(broken_client):
    response = broken_client.get("/api/v1/kapot")
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["status"] == 500


def test_the_403_handler_answers_pages_and_api_apart(rf):
    assert views.permission_denied(rf.get("/api/v1/regions")).status_code == 403
    assert views.permission_denied(rf.get("/api/v1/regions"))["Content-Type"] == PROBLEM_CONTENT_TYPE


@pytest.mark.django_db
def test_the_403_page_is_in_the_frame(rf):
    response = views.permission_denied(rf.get("/beheer/"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


@pytest.mark.django_db
def test_the_health_check_asks_the_database(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.content == b"ok"
