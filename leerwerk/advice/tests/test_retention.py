"""The retention rule: a person whose cases all closed longer ago than their region's
retention period (calendar months; 24 unless the region sets it) is erased, and so is a
person who withdrew their advice request on the public site."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from leerwerk.accounts.tests.factories import MembershipFactory
from leerwerk.advice.models import DeskSettings, RetentionRun
from leerwerk.advice.selectors.rights import list_retention_candidates, months_before
from leerwerk.advice.services.rights import apply_retention
from leerwerk.advice.tasks import apply_retention_task
from leerwerk.advice.tests.factories import CaseFactory, NoteFactory
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.journeys.models import AdviceRequest
from leerwerk.journeys.tests.factories import AdviceRequestFactory
from leerwerk.regions.models import LabourMarketRegion

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC)


def closed_case(*, months_ago, region_code="AM27", person=None, **fields):
    closed_at = months_before(NOW, months_ago) - datetime.timedelta(hours=1)
    if person is not None:
        fields["person"] = person
    return CaseFactory(region_code=region_code, closed=True, closed_at=closed_at, **fields)


def is_erased(case):
    case.person.refresh_from_db()
    return case.person.is_erased


def test_a_person_25_months_after_closing_is_erased():
    case = closed_case(months_ago=25)
    NoteFactory(case=case)
    apply_retention(now=NOW)
    assert is_erased(case)
    assert not case.notes.exists()


def test_a_person_23_months_after_closing_is_kept():
    case = closed_case(months_ago=23)
    apply_retention(now=NOW)
    assert not is_erased(case)


def test_the_period_is_counted_in_calendar_months():
    just_over = CaseFactory(closed=True, closed_at=months_before(NOW, 24) - datetime.timedelta(minutes=1))
    just_under = CaseFactory(closed=True, closed_at=months_before(NOW, 24) + datetime.timedelta(minutes=1))
    apply_retention(now=NOW)
    assert is_erased(just_over)
    assert not is_erased(just_under)


def test_a_region_with_a_period_of_six_months_erases_after_seven():
    DeskSettings.objects.create(region=LabourMarketRegion.objects.get(code="AM28"), retention_months=6)
    seven = closed_case(months_ago=7, region_code="AM28")
    five = closed_case(months_ago=5, region_code="AM28")
    elsewhere = closed_case(months_ago=7, region_code="AM27")  # the default 24 months
    apply_retention(now=NOW)
    assert is_erased(seven)
    assert not is_erased(five)
    assert not is_erased(elsewhere)


def test_a_person_with_one_open_case_is_kept():
    old = closed_case(months_ago=30)
    CaseFactory(person=old.person, in_progress=True)
    apply_retention(now=NOW)
    assert not is_erased(old)


def test_the_latest_closed_case_counts():
    old = closed_case(months_ago=30)
    closed_case(months_ago=10, person=old.person)
    apply_retention(now=NOW)
    assert not is_erased(old)


def test_a_person_who_withdrew_their_request_is_erased_at_once():
    request = AdviceRequestFactory(status=AdviceRequest.Status.WITHDRAWN, withdrawn_at=NOW)
    case = CaseFactory(request=request, in_progress=True)
    apply_retention(now=NOW)
    assert is_erased(case)
    row = ProcessingLogEntry.objects.get(person_id=case.person_id)
    assert (row.action, row.purpose) == ("erase", "erasure_request")


def test_an_erased_person_is_not_erased_again():
    case = closed_case(months_ago=30)
    apply_retention(now=NOW)
    report = apply_retention(now=NOW)
    assert report.people_erased == 0
    assert ProcessingLogEntry.objects.filter(person_id=case.person_id).count() == 1


def test_the_report_counts_per_region_and_is_saved():
    DeskSettings.objects.create(region=LabourMarketRegion.objects.get(code="AM28"), retention_months=6)
    first = closed_case(months_ago=25)
    closed_case(months_ago=26, person=first.person)
    closed_case(months_ago=8, region_code="AM28")
    closed_case(months_ago=1)
    withdrawn = AdviceRequestFactory(status=AdviceRequest.Status.WITHDRAWN, withdrawn_at=NOW)
    CaseFactory(request=withdrawn, region_code="AM28")

    report = apply_retention(now=NOW)

    assert (report.people_erased, report.people_on_request, report.cases_erased) == (3, 1, 4)
    assert report.per_region == {
        "AM27": {"people": 1, "on_request": 0, "cases": 2, "documents": 0},
        "AM28": {"people": 2, "on_request": 1, "cases": 2, "documents": 0},
    }
    run = RetentionRun.objects.get()
    assert (run.people_erased, run.cases_erased, run.per_region) == (3, 4, report.per_region)


def test_the_log_rows_have_no_actor_and_no_role():
    case = closed_case(months_ago=25)
    apply_retention(now=NOW)
    row = ProcessingLogEntry.objects.get(person_id=case.person_id)
    assert (row.actor_id, row.actor_email, row.actor_role) == (None, "", "")
    assert (row.action, row.purpose, row.via, row.case_id) == ("erase", "retention", "command", case.pk)


def test_finding_whom_to_erase_takes_a_fixed_number_of_queries(django_assert_num_queries):
    for _ in range(5):
        closed_case(months_ago=1)
    closed_case(months_ago=30)
    with django_assert_num_queries(3):  # the settings, the expired people, the withdrawn requests
        candidates = list_retention_candidates(now=NOW)
    assert len(candidates) == 1


def test_a_dry_run_changes_nothing():
    case = closed_case(months_ago=25, question="Mijn vraag")
    NoteFactory(case=case)
    report = apply_retention(now=NOW, dry_run=True)
    assert (report.dry_run, report.people_erased, report.cases_erased) == (True, 1, 1)
    assert report.per_region["AM27"]["people"] == 1
    case.refresh_from_db()
    assert case.question == "Mijn vraag"
    assert not is_erased(case)
    assert not ProcessingLogEntry.objects.exists()
    assert not RetentionRun.objects.exists()


def test_the_command_prints_the_report():
    case = closed_case(months_ago=25)
    case.closed_at = timezone.now() - datetime.timedelta(days=800)
    case.save()
    out = StringIO()
    call_command("apply_advice_retention", stdout=out)
    assert "AM27: 1 " in out.getvalue()
    assert is_erased(case)


def test_the_commands_dry_run_erases_nothing():
    case = closed_case(months_ago=25)
    case.closed_at = timezone.now() - datetime.timedelta(days=800)
    case.save()
    out = StringIO()
    call_command("apply_advice_retention", "--dry-run", stdout=out)
    assert "AM27: 1 " in out.getvalue()
    assert not is_erased(case)


def test_the_task_applies_the_rule():
    case = closed_case(months_ago=25)
    case.closed_at = timezone.now() - datetime.timedelta(days=800)
    case.save()
    result = apply_retention_task.enqueue()
    assert result.return_value["people_erased"] == 1
    assert is_erased(case)


def test_an_administrator_sets_a_regions_retention_period_in_the_admin(client):
    client.force_login(MembershipFactory(administrator=True).user)
    region = LabourMarketRegion.objects.get(code="AM28")
    response = client.post(
        reverse("admin:advice_desksettings_add"),
        {"region": region.pk, "response_working_days": 5, "retention_months": 12},
    )
    assert response.status_code == 302
    assert DeskSettings.objects.get(region=region).retention_months == 12
    assert client.get(reverse("admin:advice_retentionrun_changelist")).status_code == 200
    assert client.get(reverse("admin:advice_retentionrun_add")).status_code == 403
