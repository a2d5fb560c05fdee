"""The list of six-month follow-ups that are due in the adviser's regions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerwerk.advice.models import FollowUp, Outcome
from leerwerk.advice.selectors.trajectories import count_due_follow_ups, list_due_follow_ups
from leerwerk.advice.tests.factories import CaseFactory, OutcomeFactory, TrajectoryFactory
from leerwerk.audit.models import ProcessingLogEntry

URL = reverse("advice:follow-ups")


def _follow_up(*, region_code="AM27", due_in_days=-1, done=False, name="Bea Bakker"):
    case = CaseFactory(region_code=region_code, in_progress=True, person__name=name)
    trajectory = TrajectoryFactory(case=case, started_on=timezone.localdate() - datetime.timedelta(days=400))
    placement = OutcomeFactory(
        trajectory=trajectory,
        kind=Outcome.Kind.PLACED,
        on_date=timezone.localdate() - datetime.timedelta(days=200),
        employer_name="Garage Smits",
        hours_per_week=38,
        contract_type="permanent",
    )
    return FollowUp.objects.create(
        trajectory=trajectory,
        placement=placement,
        region_code=region_code,
        due_on=timezone.localdate() + datetime.timedelta(days=due_in_days),
        done_at=timezone.now() if done else None,
    )


def test_the_due_follow_ups_of_the_region_are_listed_oldest_first(adviser):
    newer = _follow_up(due_in_days=-2)
    older = _follow_up(due_in_days=-30)
    today = _follow_up(due_in_days=0)
    _follow_up(due_in_days=3)  # not yet due
    _follow_up(done=True)
    _follow_up(region_code="AM28")

    assert list(list_due_follow_ups(region_codes={"AM27"})) == [older, newer, today]
    assert count_due_follow_ups(region_codes={"AM27"}) == 3
    assert count_due_follow_ups(region_codes={"AM27", "AM28"}) == 4


def test_the_page_lists_the_due_follow_ups_with_links_to_their_cases(adviser_client):
    due = _follow_up(name="Bea Bakker")
    _follow_up(region_code="AM28", name="Xander Ander")

    response = adviser_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="follow-up-row"') == 1
    assert "Bea Bakker" in html
    assert "Xander Ander" not in html
    assert reverse("advice:case", args=[due.trajectory.case_id]) in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_showing_the_list_logs_each_person_shown(adviser_client, adviser):
    due = _follow_up()

    adviser_client.get(URL)

    entry = ProcessingLogEntry.objects.get(action="list")
    assert (entry.actor_id, entry.case_id, entry.person_id) == (
        adviser.pk,
        due.trajectory.case_id,
        due.trajectory.case.person_id,
    )


def test_the_page_says_when_nothing_is_due(adviser_client):
    _follow_up(due_in_days=5)

    response = adviser_client.get(URL)

    assert response.status_code == 200
    assert 'data-testid="follow-up-row"' not in response.content.decode()
    assert not ProcessingLogEntry.objects.exists()


def test_the_query_count_does_not_grow_with_the_follow_ups(adviser_client, django_assert_num_queries):
    _follow_up()
    adviser_client.get(URL)  # warms the session
    with CaptureQueriesContext(connection) as one:
        adviser_client.get(URL)
    for _ in range(4):
        _follow_up()

    with django_assert_num_queries(len(one.captured_queries)):
        response = adviser_client.get(URL)

    assert response.content.decode().count('data-testid="follow-up-row"') == 5


@pytest.mark.parametrize("user_kind", ["resident", "anonymous"])
def test_only_desk_members_see_the_list(client, django_user_model, user_kind):
    _follow_up()
    if user_kind == "resident":
        client.force_login(django_user_model.objects.create_user(email="bewoner@voorbeeld.test"))

    response = client.get(URL)

    assert response.status_code == (403 if user_kind == "resident" else 302)
