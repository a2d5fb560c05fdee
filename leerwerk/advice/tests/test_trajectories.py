"""Trajectories and outcomes: the rules of each outcome, the six-month follow-up, the
case page's forms and their partial."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from leerwerk.advice.forms.trajectories import OutcomeForm, TrajectoryForm
from leerwerk.advice.models import FollowUp, Outcome, Trajectory
from leerwerk.advice.selectors.access import get_case_for_adviser
from leerwerk.advice.services.trajectories import add_outcome, add_trajectory, six_months_after
from leerwerk.advice.tests.factories import CaseFactory, OutcomeFactory, TrajectoryFactory
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.audit.services import Via
from leerwerk.catalogue.tests.factories import OfferFactory

TODAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The services ask `timezone.localdate()` for today; fix it on TODAY."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _trajectory(kind=Trajectory.Kind.WORK_TO_WORK, started_on=datetime.date(2026, 1, 5), **fields):
    return TrajectoryFactory(kind=kind, started_on=started_on, **fields)


def _placed(adviser, trajectory, on_date=datetime.date(2026, 2, 1)):
    return add_outcome(
        actor=adviser,
        case=trajectory.case,
        trajectory=trajectory,
        kind=Outcome.Kind.PLACED,
        on_date=on_date,
        employer_name="Zorggroep De Linde",
        hours_per_week=32,
        contract_type=Outcome.ContractType.FIXED_TERM,
        via=Via.PAGE,
    )


def _errors(**kwargs):
    with pytest.raises(ValidationError) as error:
        add_outcome(via=Via.PAGE, **kwargs)
    return error.value.message_dict


# --- Services ---------------------------------------------------------------------------


def test_a_trajectory_takes_the_cases_region_and_is_logged(adviser):
    case = CaseFactory(region_code="AM27", in_progress=True)
    offer = OfferFactory()

    trajectory = add_trajectory(actor=adviser, case=case, kind="training", started_on=TODAY, offer=offer, via=Via.PAGE)

    assert (trajectory.region_code, trajectory.offer, trajectory.created_by) == ("AM27", offer, adviser)
    assert ProcessingLogEntry.objects.filter(action="create", subject="trajectory", subject_id=trajectory.pk).exists()


def test_a_trajectory_of_an_unknown_kind_is_refused(adviser):
    with pytest.raises(ValidationError):
        add_trajectory(actor=adviser, case=CaseFactory(), kind="holiday", started_on=TODAY, via=Via.PAGE)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 2, 1), datetime.date(2026, 8, 1)),
        (datetime.date(2025, 8, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2027, 8, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 7, 15), datetime.date(2027, 1, 15)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 6, 30)),
    ],
)
def test_the_follow_up_is_six_months_later_on_the_same_day_or_the_months_last(day, expected):
    assert six_months_after(day) == expected


def test_a_placement_is_recorded_with_its_details_and_schedules_the_follow_up(adviser):
    trajectory = _trajectory()

    outcome = _placed(adviser, trajectory)

    assert (outcome.employer_name, outcome.hours_per_week, outcome.contract_type) == (
        "Zorggroep De Linde",
        32,
        "fixed_term",
    )
    follow_up = FollowUp.objects.get(placement=outcome)
    assert (follow_up.trajectory, follow_up.region_code, follow_up.due_on) == (
        trajectory,
        "AM27",
        datetime.date(2026, 8, 1),
    )
    assert follow_up.done_at is None
    assert ProcessingLogEntry.objects.filter(action="create", subject="outcome", subject_id=outcome.pk).exists()


def test_a_placement_needs_the_employer_the_hours_and_the_contract(adviser):
    trajectory = _trajectory()

    errors = _errors(actor=adviser, case=trajectory.case, trajectory=trajectory, kind="placed", on_date=TODAY)

    assert set(errors) == {"employer_name", "hours_per_week", "contract_type"}
    assert not Outcome.objects.exists()


@pytest.mark.parametrize("hours", [0, 61])
def test_the_hours_a_week_are_from_one_to_sixty(adviser, hours):
    trajectory = _trajectory()

    errors = _errors(
        actor=adviser,
        case=trajectory.case,
        trajectory=trajectory,
        kind="placed",
        on_date=TODAY,
        employer_name="Bakkerij",
        hours_per_week=hours,
        contract_type="permanent",
    )

    assert set(errors) == {"hours_per_week"}


def test_stopping_needs_a_reason_and_keeps_no_placement_details(adviser):
    trajectory = _trajectory()

    assert "stop_reason" in _errors(
        actor=adviser, case=trajectory.case, trajectory=trajectory, kind="stopped", on_date=TODAY
    )
    outcome = add_outcome(
        actor=adviser,
        case=trajectory.case,
        trajectory=trajectory,
        kind="stopped",
        on_date=TODAY,
        stop_reason="health",
        employer_name="Niet bewaren",
        via=Via.PAGE,
    )
    assert (outcome.stop_reason, outcome.employer_name) == ("health", "")


@pytest.mark.parametrize("kind", ["training_started", "training_completed"])
def test_training_outcomes_only_belong_to_a_training_trajectory(adviser, kind):
    work = _trajectory(kind=Trajectory.Kind.JOB_SEARCH)
    training = _trajectory(kind=Trajectory.Kind.TRAINING)

    assert "kind" in _errors(actor=adviser, case=work.case, trajectory=work, kind=kind, on_date=TODAY)
    add_outcome(actor=adviser, case=training.case, trajectory=training, kind=kind, on_date=TODAY, via=Via.PAGE)
    assert Outcome.objects.get().trajectory == training


@pytest.mark.parametrize("on_date", [datetime.date(2026, 1, 4), TODAY + datetime.timedelta(days=1)])
def test_an_outcome_date_lies_between_the_start_and_today(adviser, on_date):
    trajectory = _trajectory(kind=Trajectory.Kind.TRAINING)

    errors = _errors(
        actor=adviser, case=trajectory.case, trajectory=trajectory, kind="training_started", on_date=on_date
    )

    assert set(errors) == {"on_date"}


@pytest.mark.parametrize("kind", ["still_in_work", "not_in_work"])
def test_the_six_month_outcome_completes_the_open_follow_up(adviser, kind):
    trajectory = _trajectory()
    placement = _placed(adviser, trajectory)

    add_outcome(actor=adviser, case=trajectory.case, trajectory=trajectory, kind=kind, on_date=TODAY, via=Via.PAGE)

    assert FollowUp.objects.get(placement=placement).done_at is not None


def test_the_six_month_outcome_needs_a_placement_first(adviser):
    trajectory = _trajectory()

    assert "kind" in _errors(
        actor=adviser, case=trajectory.case, trajectory=trajectory, kind="still_in_work", on_date=TODAY
    )


def test_an_outcome_is_refused_for_a_trajectory_of_another_case(adviser):
    trajectory = _trajectory()

    with pytest.raises(ValidationError):
        add_outcome(
            actor=adviser,
            case=CaseFactory(),
            trajectory=trajectory,
            kind="stopped",
            on_date=TODAY,
            stop_reason="moved",
            via=Via.PAGE,
        )


# --- Pages ------------------------------------------------------------------------------


def test_adding_a_trajectory_through_the_case_page(adviser_client):
    case = CaseFactory(in_progress=True)

    response = adviser_client.post(
        reverse("advice:trajectory-add", args=[case.pk]), {"kind": "orientation", "started_on": "2026-03-01"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#trajectories")
    assert case.trajectories.get().started_on == datetime.date(2026, 3, 1)


def test_an_invalid_trajectory_is_shown_again_on_its_own_page(adviser_client):
    case = CaseFactory(in_progress=True)

    response = adviser_client.post(reverse("advice:trajectory-add", args=[case.pk]), {"kind": "", "started_on": ""})

    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'href="#id_trajectory_kind"' in html
    assert not Trajectory.objects.exists()


def test_adding_a_trajectory_to_another_regions_case_is_not_found(client, other_adviser):
    case = CaseFactory(in_progress=True)
    client.force_login(other_adviser)

    response = client.post(
        reverse("advice:trajectory-add", args=[case.pk]), {"kind": "orientation", "started_on": "2026-03-01"}
    )

    assert response.status_code == 404
    assert not Trajectory.objects.exists()


def test_recording_a_placement_through_the_case_page(adviser_client):
    trajectory = _trajectory()
    data = {
        "kind": "placed",
        "on_date": "2026-03-02",
        "employer_name": "Bouwbedrijf Van Dijk",
        "hours_per_week": "36",
        "contract_type": "permanent",
    }

    response = adviser_client.post(reverse("advice:outcome-add", args=[trajectory.case.pk, trajectory.pk]), data)

    assert response.status_code == 302
    assert trajectory.outcomes.get().employer_name == "Bouwbedrijf Van Dijk"
    assert trajectory.follow_ups.get().due_on == datetime.date(2026, 9, 2)


def test_a_refused_outcome_shows_the_service_errors_at_their_fields(adviser_client):
    trajectory = _trajectory()

    response = adviser_client.post(
        reverse("advice:outcome-add", args=[trajectory.case.pk, trajectory.pk]),
        {"kind": "placed", "on_date": "2026-03-02"},
    )

    assert response.status_code == 400
    assert f'href="#id_outcome{trajectory.pk}_employer_name"' in response.content.decode()
    assert not Outcome.objects.exists()


def test_an_outcome_for_a_trajectory_of_another_case_is_not_found(adviser_client):
    trajectory = _trajectory()
    other_case = CaseFactory(in_progress=True)

    response = adviser_client.post(
        reverse("advice:outcome-add", args=[other_case.pk, trajectory.pk]),
        {"kind": "stopped", "on_date": "2026-03-02", "stop_reason": "moved"},
    )

    assert response.status_code == 404
    assert not Outcome.objects.exists()


def test_an_outcome_in_another_region_is_not_found(client, other_adviser):
    trajectory = _trajectory()
    client.force_login(other_adviser)

    response = client.post(
        reverse("advice:outcome-add", args=[trajectory.case.pk, trajectory.pk]),
        {"kind": "stopped", "on_date": "2026-03-02", "stop_reason": "moved"},
    )

    assert response.status_code == 404


def test_the_case_pages_partial_shows_outcomes_and_a_form_per_trajectory(adviser, rf):
    first = _trajectory()
    second = TrajectoryFactory(case=first.case, kind=Trajectory.Kind.TRAINING, started_on=TODAY)
    OutcomeFactory(trajectory=second, kind="training_started", on_date=TODAY)
    _placed(adviser, first)
    case = get_case_for_adviser(user=adviser, case_id=first.case.pk, full=True)
    request = rf.get("/")
    request.user = adviser
    context = {"case": case, "today": TODAY, "trajectory_form": TrajectoryForm(), "outcome_form": OutcomeForm()}

    html = render_to_string("advice/case/_trajectories.html", context, request=request)

    assert html.count('data-testid="trajectory"') == 2
    assert "Zorggroep De Linde" in html
    assert f'id="id_outcome{first.pk}_kind"' in html
    assert f'id="id_outcome{second.pk}_kind"' in html
    assert 'id="id_trajectory_kind"' in html
