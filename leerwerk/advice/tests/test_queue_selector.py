"""The queue's selectors: filters, order, working days and the overdue count."""

import datetime

import pytest
from django.utils import timezone

from leerwerk.advice.models import CaseTargetGroup, DeskSettings
from leerwerk.advice.selectors.queue import (
    QueueFilters,
    count_overdue,
    list_assignable_advisers,
    list_queue,
    list_queue_municipalities,
    overdue_cutoff,
    working_days_since,
)
from leerwerk.advice.tests.factories import CaseFactory, PersonFactory
from leerwerk.regions.models import LabourMarketRegion, Municipality

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2025, 6, 2)


def _ids(cases) -> list[int]:
    return [case.pk for case in cases]


def test_the_queue_shows_open_cases_of_the_users_regions_newest_first(adviser):
    now = timezone.now()
    older = CaseFactory(received_at=now - datetime.timedelta(days=2))
    newer = CaseFactory(received_at=now - datetime.timedelta(days=1), in_progress=True)
    CaseFactory(closed=True)
    CaseFactory(region_code="AM28")

    cases = list_queue(user=adviser, region_codes={"AM27"}, filters=QueueFilters())

    assert _ids(cases) == [newer.pk, older.pk]


def test_oldest_sorts_the_longest_waiting_first(adviser):
    now = timezone.now()
    older = CaseFactory(received_at=now - datetime.timedelta(days=2))
    newer = CaseFactory(received_at=now - datetime.timedelta(days=1))

    cases = list_queue(user=adviser, region_codes={"AM27"}, filters=QueueFilters(sort="oldest"))

    assert _ids(cases) == [older.pk, newer.pk]


def test_status_all_and_one_status(adviser):
    new, closed = CaseFactory(), CaseFactory(closed=True)

    assert set(_ids(list_queue(user=adviser, region_codes={"AM27"}, filters=QueueFilters(status="all")))) == {
        new.pk,
        closed.pk,
    }
    assert _ids(list_queue(user=adviser, region_codes={"AM27"}, filters=QueueFilters(status="closed"))) == [closed.pk]


def test_filters_on_situation_target_group_municipality_and_assignee(adviser):
    oss = Municipality.objects.get(name="Oss")
    mine = CaseFactory(assigned_to=adviser, situation="job_seeker", person=PersonFactory(municipality=oss))
    CaseTargetGroup.objects.create(case=mine, group="fifty_plus")
    other = CaseFactory(situation="employed")

    def queue(**filters):
        return _ids(list_queue(user=adviser, region_codes={"AM27"}, filters=QueueFilters(**filters)))

    assert queue(situation="job_seeker") == [mine.pk]
    assert queue(target_group="fifty_plus") == [mine.pk]
    assert queue(municipality_id=oss.pk) == [mine.pk]
    assert queue(assigned="me") == [mine.pk]
    assert queue(assigned="unassigned") == [other.pk]


def test_a_region_filter_never_widens_the_users_regions(adviser):
    CaseFactory(region_code="AM28")

    assert _ids(list_queue(user=adviser, region_codes={"AM27"}, filters=QueueFilters(region_code="AM28"))) == []


@pytest.mark.parametrize(
    ("day", "today", "expected"),
    [
        (MONDAY, MONDAY, 0),
        (MONDAY, MONDAY + datetime.timedelta(days=4), 4),  # Friday
        (MONDAY, MONDAY + datetime.timedelta(days=7), 5),  # next Monday
        (MONDAY - datetime.timedelta(days=2), MONDAY, 1),  # Saturday to Monday
        (MONDAY, MONDAY + datetime.timedelta(days=21), 15),
    ],
)
def test_working_days_count_monday_to_friday(day, today, expected):
    assert working_days_since(day, today) == expected


def test_the_cutoff_is_the_start_of_the_day_after_which_a_case_is_still_on_time():
    cutoff = overdue_cutoff(today=MONDAY + datetime.timedelta(days=7), working_days=5)

    assert timezone.localtime(cutoff) == timezone.make_aware(datetime.datetime(2025, 6, 2))


def test_overdue_counts_new_cases_waiting_longer_than_each_regions_response_time():
    today = timezone.localdate()
    long_ago = timezone.now() - datetime.timedelta(days=14)  # at least 10 working days
    three_days = timezone.now() - datetime.timedelta(days=3)  # 1 to 3 working days
    CaseFactory(received_at=long_ago)
    CaseFactory(received_at=long_ago, in_progress=True)  # taken: not waiting
    CaseFactory(received_at=three_days)
    CaseFactory(region_code="AM28", received_at=three_days)
    DeskSettings.objects.create(region=LabourMarketRegion.objects.get(code="AM28"), response_working_days=0)

    overdue = {
        item.region_code: (item.working_days, item.count)
        for item in count_overdue(region_codes={"AM27", "AM28"}, today=today)
    }

    assert overdue == {"AM27": (5, 1), "AM28": (0, 1)}


def test_overdue_is_one_query_for_all_regions_besides_their_settings(django_assert_num_queries):
    with django_assert_num_queries(2):
        count_overdue(region_codes={"AM27", "AM28", "AM29"})


def test_the_municipality_choices_are_those_of_the_users_regions():
    names = [name for _pk, name in list_queue_municipalities(region_codes={"AM27"})]

    assert "Oss" in names
    assert "Eindhoven" not in names


def test_assignable_advisers_are_per_region(adviser, team_lead, other_adviser):
    advisers = list_assignable_advisers(region_codes={"AM27", "AM28"})

    assert set(advisers["AM27"]) == {adviser, team_lead}
    assert advisers["AM28"] == [other_adviser]
