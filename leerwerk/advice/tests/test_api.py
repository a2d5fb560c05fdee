"""The advice API `/api/v1/advice/…`: the cases of the caller's regions, one case, its
status, notes, trajectories and outcomes; the access rules and the processing log."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from leerwerk.accounts.tests.factories import UserFactory
from leerwerk.advice.models import Case, Note, Outcome, Trajectory
from leerwerk.advice.tests.factories import (
    AppointmentFactory,
    CaseFactory,
    CaseTargetGroupFactory,
    ContactMomentFactory,
    DevelopmentPlanFactory,
    NoteFactory,
    OutcomeFactory,
    PlanStepFactory,
    TrajectoryFactory,
)
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.journeys.tests.factories import AdviceRequestFactory

PROBLEM = "application/problem+json"
LIST = reverse("api-advice-case-list")


def _detail(case: Case) -> str:
    return reverse("api-advice-case-detail", kwargs={"case_id": case.pk})


def _post(client: Client, url: str, data: dict[str, object]):
    return client.post(url, data, content_type="application/json")


def _log(actor_id: int, action: str) -> list[ProcessingLogEntry]:
    return list(ProcessingLogEntry.objects.filter(actor_id=actor_id, action=action, via="api").order_by("pk"))


@pytest.fixture
def case(db):
    return CaseFactory(region_code="AM27", person__name="Sanne de Wit")


@pytest.fixture
def foreign_case(db):
    return CaseFactory(region_code="AM28", person__name="Fenna Vreemd")


# --- List ------------------------------------------------------------------------------


def test_the_list_shows_the_open_cases_of_the_callers_region(adviser_client, adviser, case, foreign_case):
    closed = CaseFactory(region_code="AM27", closed=True)
    CaseTargetGroupFactory(case=case, group="fifty_plus")

    response = adviser_client.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (row,) = body["results"]
    assert row["id"] == case.pk
    assert row["person"]["name"] == "Sanne de Wit"
    assert row["target_groups"] == ["fifty_plus"]
    assert row["page_url"] == reverse("advice:case", kwargs={"case_id": case.pk})
    assert closed.pk not in [row["id"] for row in body["results"]]


def test_the_list_logs_each_listed_case(adviser_client, adviser, case):
    adviser_client.get(LIST)

    (entry,) = _log(adviser.pk, "list")
    assert (entry.case_id, entry.person_id, entry.region_code) == (case.pk, case.person_id, "AM27")


def test_the_list_takes_in_new_advice_requests_first(adviser_client):
    request = AdviceRequestFactory(region_code="AM27", name="Rik Nieuw")

    response = adviser_client.get(LIST)

    (row,) = response.json()["results"]
    assert row["person"]["name"] == "Rik Nieuw"
    assert Case.objects.get(pk=row["id"]).request == request


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "all"}, {"new", "mine", "closed"}),
        ({"status": "closed"}, {"closed"}),
        ({"assigned": "me"}, {"mine"}),
        ({"assigned": "unassigned"}, {"new"}),
        ({"target_group": "young"}, {"mine"}),
        ({"situation": "job_seeker"}, {"new"}),
    ],
)
def test_the_list_filters(adviser_client, adviser, query, expected):
    cases = {
        "new": CaseFactory(region_code="AM27", situation="job_seeker"),
        "mine": CaseFactory(region_code="AM27", in_progress=True, assigned_to=adviser, situation="employed"),
        "closed": CaseFactory(region_code="AM27", closed=True, situation="employed"),
    }
    CaseTargetGroupFactory(case=cases["mine"], group="young")

    response = adviser_client.get(LIST, query)

    assert response.status_code == 200
    names = {name for name, case in cases.items() if case.pk in {row["id"] for row in response.json()["results"]}}
    assert names == expected


def test_an_invalid_filter_is_a_problem_naming_the_parameter(adviser_client, case):
    response = adviser_client.get(LIST, {"status": "lost", "municipality": "Oss"})

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert {param["name"] for param in response.json()["invalid-params"]} == {"status", "municipality"}


def test_the_list_needs_a_login(client, case):
    response = client.get(LIST)

    assert response.status_code in (401, 403)
    assert response["Content-Type"] == PROBLEM


def test_the_list_is_forbidden_without_an_advice_role(client, case):
    client.force_login(UserFactory())

    response = client.get(LIST)

    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM


def test_the_list_of_another_region_does_not_show_the_case(client, other_adviser, case):
    client.force_login(other_adviser)

    response = client.get(LIST, {"status": "all"})

    assert response.json()["count"] == 0


@pytest.mark.parametrize("count", [3, 20])
def test_the_lists_query_count_does_not_grow_with_the_cases(adviser_client, adviser, count, django_assert_num_queries):
    for _number in range(count):
        listed = CaseFactory(region_code="AM27", in_progress=True, assigned_to=adviser)
        CaseTargetGroupFactory(case=listed, group="young")
        CaseTargetGroupFactory(case=listed, group="fifty_plus")
    adviser_client.get(LIST)  # the session and the scope's first reads

    # session, user, memberships, intake (nothing new), count, page, target groups, log insert
    with django_assert_num_queries(QUERIES_PER_LIST):
        response = adviser_client.get(LIST)

    assert response.json()["count"] == count


QUERIES_PER_LIST = 8


# --- One case --------------------------------------------------------------------------


def test_the_case_shows_everything_of_it(adviser_client, case):
    NoteFactory(case=case, text="Wil de zorg in.")
    ContactMomentFactory(case=case, summary="Eerste gesprek.")
    AppointmentFactory(case=case, subject="Plan bespreken")
    PlanStepFactory(plan=DevelopmentPlanFactory(case=case, goal="Aan het werk in de zorg."), description="Intake")
    OutcomeFactory(trajectory=TrajectoryFactory(case=case), kind=Outcome.Kind.TRAINING_STARTED)

    response = adviser_client.get(_detail(case))

    assert response.status_code == 200
    body = response.json()
    assert body["person"]["name"] == "Sanne de Wit"
    assert body["person"]["email"] == case.person.email
    assert [note["text"] for note in body["notes"]] == ["Wil de zorg in."]
    assert body["contact_moments"][0]["summary"] == "Eerste gesprek."
    assert body["appointments"][0]["subject"] == "Plan bespreken"
    assert body["plan"]["goal"] == "Aan het werk in de zorg."
    assert body["plan"]["steps"][0]["description"] == "Intake"
    assert body["trajectories"][0]["outcomes"][0]["kind"] == "training_started"


def test_a_case_without_a_plan_has_plan_null(adviser_client, case):
    assert adviser_client.get(_detail(case)).json()["plan"] is None


def test_reading_a_case_is_logged(adviser_client, adviser, case):
    adviser_client.get(_detail(case))

    (entry,) = _log(adviser.pk, "read")
    assert (entry.case_id, entry.person_id, entry.actor_role) == (case.pk, case.person_id, "adviser")


def test_a_case_of_another_region_is_not_found(client, other_adviser, case):
    client.force_login(other_adviser)

    response = client.get(_detail(case))

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert "Sanne" not in response.content.decode()
    assert not ProcessingLogEntry.objects.filter(case_id=case.pk).exists()


def test_a_user_without_an_advice_role_does_not_find_a_case(client, case):
    client.force_login(UserFactory())

    assert client.get(_detail(case)).status_code == 404


@pytest.mark.parametrize("extra", [1, 4])
def test_the_cases_query_count_does_not_grow_with_its_parts(adviser_client, case, extra, django_assert_num_queries):
    plan = DevelopmentPlanFactory(case=case)
    for _number in range(extra):
        NoteFactory(case=case)
        ContactMomentFactory(case=case)
        PlanStepFactory(plan=plan)
        OutcomeFactory(trajectory=TrajectoryFactory(case=case))
    adviser_client.get(_detail(case))

    with django_assert_num_queries(QUERIES_PER_CASE):
        assert adviser_client.get(_detail(case)).status_code == 200


QUERIES_PER_CASE = 14


# --- Status ----------------------------------------------------------------------------


def _status(case: Case) -> str:
    return reverse("api-advice-case-status", kwargs={"case_id": case.pk})


def test_changing_the_status_answers_the_case(adviser_client, adviser, case):
    response = _post(adviser_client, _status(case), {"status": "in_progress"})

    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS
    (entry,) = _log(adviser.pk, "update")
    assert entry.case_id == case.pk


def test_a_status_change_that_is_not_allowed_is_a_conflict(adviser_client, case):
    response = _post(adviser_client, _status(case), {"status": "waiting"})

    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    case.refresh_from_db()
    assert case.status == Case.Status.NEW


def test_an_unknown_status_is_invalid(adviser_client, case):
    response = _post(adviser_client, _status(case), {"status": "lost"})

    assert response.status_code == 400
    assert response.json()["invalid-params"][0]["name"] == "status"
    case.refresh_from_db()
    assert case.status == Case.Status.NEW


def test_the_status_of_a_case_of_another_region_is_not_changed(client, other_adviser, case):
    client.force_login(other_adviser)

    response = _post(client, _status(case), {"status": "closed"})

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    case.refresh_from_db()
    assert case.status == Case.Status.NEW


# --- Notes -----------------------------------------------------------------------------


def _notes(case: Case) -> str:
    return reverse("api-advice-case-notes", kwargs={"case_id": case.pk})


def test_the_notes_of_a_case_are_listed_and_the_read_logged(adviser_client, adviser, case):
    NoteFactory(case=case, text="Belt maandag terug.")

    response = adviser_client.get(_notes(case))

    assert response.status_code == 200
    assert [note["text"] for note in response.json()] == ["Belt maandag terug."]
    assert _log(adviser.pk, "read")


def test_adding_a_note_creates_it(adviser_client, adviser, case):
    response = _post(adviser_client, _notes(case), {"text": "Cv gestuurd.", "visibility": "resident"})

    assert response.status_code == 201
    note = case.notes.get()
    assert (note.text, note.visibility, note.author) == ("Cv gestuurd.", Note.Visibility.RESIDENT, adviser)
    assert response.json()["id"] == note.pk
    (entry,) = _log(adviser.pk, "create")
    assert (entry.subject, entry.subject_id) == ("note", note.pk)


@pytest.mark.parametrize("data", [{"text": ""}, {"text": "Iets", "visibility": "everyone"}, {}])
def test_an_invalid_note_is_not_added(adviser_client, case, data):
    response = _post(adviser_client, _notes(case), data)

    assert response.status_code == 400
    assert response.json()["invalid-params"]
    assert not case.notes.exists()


def test_a_note_on_a_closed_case_is_a_conflict(adviser_client):
    closed = CaseFactory(region_code="AM27", closed=True)

    response = _post(adviser_client, _notes(closed), {"text": "Te laat."})

    assert response.status_code == 409
    assert not closed.notes.exists()


def test_notes_of_a_case_of_another_region_are_not_found(client, other_adviser, case):
    client.force_login(other_adviser)

    assert client.get(_notes(case)).status_code == 404
    assert _post(client, _notes(case), {"text": "Niet van mij."}).status_code == 404
    assert not case.notes.exists()


# --- Trajectories and outcomes ---------------------------------------------------------


def _trajectories(case: Case) -> str:
    return reverse("api-advice-case-trajectories", kwargs={"case_id": case.pk})


def _outcomes(trajectory: Trajectory, case: Case | None = None) -> str:
    case_id = (case or trajectory.case).pk
    return reverse("api-advice-case-outcomes", kwargs={"case_id": case_id, "trajectory_id": trajectory.pk})


def _days_ago(days: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


def test_adding_a_trajectory_creates_it(adviser_client, adviser):
    case = CaseFactory(region_code="AM27", in_progress=True)

    response = _post(adviser_client, _trajectories(case), {"kind": "training", "started_on": _days_ago(3)})

    assert response.status_code == 201
    trajectory = case.trajectories.get()
    assert (trajectory.kind, trajectory.region_code) == ("training", "AM27")
    assert response.json()["id"] == trajectory.pk
    assert _log(adviser.pk, "create")


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "holiday", "started_on": "2025-01-01"},
        {"kind": "training"},
        {"kind": "training", "started_on": "2025-01-01", "offer": 999999},
    ],
)
def test_an_invalid_trajectory_is_not_added(adviser_client, data):
    case = CaseFactory(region_code="AM27", in_progress=True)

    response = _post(adviser_client, _trajectories(case), data)

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert not case.trajectories.exists()


def test_recording_a_placement_creates_the_outcome_and_its_follow_up(adviser_client, adviser):
    trajectory = TrajectoryFactory(case__region_code="AM27", kind=Trajectory.Kind.JOB_SEARCH, started_on=_date(60))

    response = _post(
        adviser_client,
        _outcomes(trajectory),
        {
            "kind": "placed",
            "on_date": _days_ago(10),
            "employer_name": "Bakkerij De Korenschoof",
            "hours_per_week": 32,
            "contract_type": "fixed_term",
        },
    )

    assert response.status_code == 201
    outcome = trajectory.outcomes.get()
    assert (outcome.kind, outcome.employer_name, outcome.hours_per_week) == ("placed", "Bakkerij De Korenschoof", 32)
    assert trajectory.follow_ups.count() == 1
    assert _log(adviser.pk, "create")


def _date(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "placed"},  # employer, hours and contract missing
        {"kind": "stopped"},  # the reason missing
        {"kind": "placed", "employer_name": "X", "hours_per_week": 99, "contract_type": "permanent"},
        {"kind": "training_started", "occupation": "http://data.europa.eu/esco/occupation/unknown"},
    ],
)
def test_an_invalid_outcome_is_not_recorded(adviser_client, data):
    trajectory = TrajectoryFactory(case__region_code="AM27", started_on=_date(30))

    response = _post(adviser_client, _outcomes(trajectory), {"on_date": _days_ago(1), **data})

    assert response.status_code == 400
    assert response.json()["invalid-params"]
    assert not trajectory.outcomes.exists()


def test_a_trajectory_of_another_case_is_not_found(adviser_client, case):
    other = TrajectoryFactory(case__region_code="AM27", started_on=_date(30))

    response = _post(adviser_client, _outcomes(other, case), {"kind": "training_started", "on_date": _days_ago(1)})

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert not other.outcomes.exists()


def test_outcomes_of_a_case_of_another_region_are_not_recorded(client, other_adviser):
    trajectory = TrajectoryFactory(case__region_code="AM27", started_on=_date(30))
    client.force_login(other_adviser)

    response = _post(client, _outcomes(trajectory), {"kind": "training_started", "on_date": _days_ago(1)})

    assert response.status_code == 404
    assert not trajectory.outcomes.exists()
