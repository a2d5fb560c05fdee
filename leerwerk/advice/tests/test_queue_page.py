"""The queue page `advice:queue`."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerwerk.accounts.tests.factories import UserFactory
from leerwerk.advice.models import Case
from leerwerk.advice.tests.factories import CaseFactory, CaseTargetGroupFactory
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.journeys.tests.factories import AdviceRequestFactory

pytestmark = pytest.mark.django_db

URL = reverse("advice:queue")


def test_the_queue_lists_the_regions_open_cases_with_the_persons_name(adviser_client):
    CaseFactory(person__name="Fatima Bakker")
    CaseFactory(person__name="Gesloten Geval", closed=True)
    CaseFactory(region_code="AM28", person__name="Ander Regio")

    response = adviser_client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Fatima Bakker" in content
    assert "Gesloten Geval" not in content
    assert "Ander Regio" not in content
    assert response["Cache-Control"].startswith("max-age=0")


def test_new_advice_requests_are_taken_in_when_the_queue_opens(adviser_client):
    AdviceRequestFactory(name="Nieuwe Aanvrager")

    response = adviser_client.get(URL)

    assert "Nieuwe Aanvrager" in response.content.decode()
    assert Case.objects.count() == 1


def test_listing_names_is_logged_per_person_shown(adviser_client, adviser):
    cases = CaseFactory.create_batch(2)

    adviser_client.get(URL)

    rows = ProcessingLogEntry.objects.filter(actor_id=adviser.pk)
    assert sorted(rows.values_list("case_id", "action", "via")) == sorted((case.pk, "list", "page") for case in cases)


def test_the_filter_in_the_address_shows_closed_cases(adviser_client):
    CaseFactory(person__name="Gesloten Geval", closed=True)

    response = adviser_client.get(URL, {"status": "closed"})

    assert "Gesloten Geval" in response.content.decode()


def test_an_invalid_filter_value_is_ignored_and_shown_as_an_error(adviser_client):
    CaseFactory(person__name="Fatima Bakker")

    response = adviser_client.get(URL, {"status": "nonsense", "municipality": "abc", "page": "x"})

    assert response.status_code == 200
    assert "Fatima Bakker" in response.content.decode()
    assert response.context["form"].errors.keys() == {"status", "municipality"}


def test_the_overdue_count_is_shown_per_region(adviser_client):
    CaseFactory(received_at=timezone.now() - datetime.timedelta(days=15))
    CaseFactory()

    response = adviser_client.get(URL)

    assert 'data-region="AM27" data-count="1"' in response.content.decode()


def test_an_unassigned_case_has_a_take_button_and_an_assigned_one_none(adviser_client, team_lead):
    free = CaseFactory()
    taken = CaseFactory(in_progress=True, assigned_to=team_lead)

    content = adviser_client.get(URL).content.decode()

    assert reverse("advice:case-take", args=[free.pk]) in content
    assert reverse("advice:case-take", args=[taken.pk]) not in content
    assert reverse("advice:case-assign", args=[free.pk]) not in content  # an adviser does not assign


def test_a_team_lead_sees_the_assign_form(lead_client, adviser):
    case = CaseFactory()

    content = lead_client.get(URL).content.decode()

    assert reverse("advice:case-assign", args=[case.pk]) in content
    assert "Ada Adviseur" in content


def test_a_team_lead_assigns_from_the_queue_and_comes_back_to_it(lead_client, adviser):
    case = CaseFactory()

    response = lead_client.post(
        reverse("advice:case-assign", args=[case.pk]), {"assign-adviser": adviser.pk, "next": URL + "?sort=oldest"}
    )

    assert response.status_code == 302
    assert response["Location"] == URL + "?sort=oldest"
    assert Case.objects.get(pk=case.pk).assigned_to == adviser


def test_a_user_without_an_advice_role_is_forbidden(client):
    client.force_login(UserFactory())

    assert client.get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response["Location"]


def _queue_queries(client, number: int) -> int:
    for case in CaseFactory.create_batch(number):
        CaseTargetGroupFactory(case=case)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["rows"]) == min(Case.objects.count(), 25)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_number_of_cases(lead_client):
    few = _queue_queries(lead_client, 3)
    many = _queue_queries(lead_client, 27)

    assert few == many
    assert many <= 16
