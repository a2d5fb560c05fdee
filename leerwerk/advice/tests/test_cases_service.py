"""The casework services: take, assign, status, target groups, notes, contact moments,
appointments; each writes the processing log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from leerwerk.advice.models import Case, CaseTargetGroup, Note
from leerwerk.advice.services import cases as services
from leerwerk.advice.services.cases import (
    AlreadyAssignedError,
    CaseClosedError,
    CaseRuleError,
    InvalidTransitionError,
    allowed_next_statuses,
)
from leerwerk.advice.tests.factories import AppointmentFactory, CaseFactory, desk_user
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.audit.services import Via

pytestmark = pytest.mark.django_db

Status = Case.Status


def _log(case: Case) -> list[tuple[str, str, str]]:
    return list(ProcessingLogEntry.objects.filter(case_id=case.pk).values_list("action", "subject", "actor_role"))


def test_taking_a_new_case_makes_it_the_advisers_and_in_progress(adviser):
    case = CaseFactory()

    services.take_case(actor=adviser, case=case, via=Via.PAGE)

    case.refresh_from_db()
    assert case.assigned_to == adviser
    assert case.status == Status.IN_PROGRESS
    assert case.taken_at is not None
    assert _log(case) == [("update", "case", "adviser")]


def test_a_case_assigned_to_a_colleague_cannot_be_taken_by_an_adviser(adviser, team_lead):
    case = CaseFactory(in_progress=True, assigned_to=team_lead)

    with pytest.raises(AlreadyAssignedError):
        services.take_case(actor=adviser, case=case, via=Via.PAGE)

    case.refresh_from_db()
    assert case.assigned_to == team_lead
    assert _log(case) == []


def test_a_team_lead_takes_over_a_case_assigned_to_an_adviser(adviser, team_lead):
    case = CaseFactory(in_progress=True, assigned_to=adviser)

    services.take_case(actor=team_lead, case=case, via=Via.PAGE)

    case.refresh_from_db()
    assert case.assigned_to == team_lead
    assert _log(case) == [("update", "case", "team_lead")]


def test_a_closed_case_cannot_be_taken(adviser):
    case = CaseFactory(closed=True)

    with pytest.raises(CaseClosedError):
        services.take_case(actor=adviser, case=case, via=Via.PAGE)


def test_of_two_advisers_taking_the_same_case_the_second_is_refused(adviser):
    colleague = desk_user(region_code="AM27")
    case = CaseFactory()
    stale_copy = Case.objects.get(pk=case.pk)

    services.take_case(actor=adviser, case=case, via=Via.PAGE)
    with pytest.raises(AlreadyAssignedError):
        services.take_case(actor=colleague, case=stale_copy, via=Via.PAGE)

    assert Case.objects.get(pk=case.pk).assigned_to == adviser


def test_an_adviser_of_another_region_cannot_take_the_case(other_adviser):
    case = CaseFactory()

    with pytest.raises(PermissionDenied):
        services.take_case(actor=other_adviser, case=case, via=Via.PAGE)


def test_a_team_lead_assigns_a_case_to_an_adviser_of_the_region(team_lead, adviser):
    case = CaseFactory()

    services.assign_case(actor=team_lead, case=case, adviser=adviser, via=Via.PAGE)

    case.refresh_from_db()
    assert case.assigned_to == adviser
    assert case.status == Status.NEW  # in progress once the adviser takes it up
    assert _log(case) == [("update", "case", "team_lead")]


def test_an_adviser_cannot_assign(adviser):
    colleague = desk_user(region_code="AM27")
    case = CaseFactory()

    with pytest.raises(PermissionDenied):
        services.assign_case(actor=adviser, case=case, adviser=colleague, via=Via.PAGE)


def test_a_case_is_not_assigned_to_someone_of_another_region(team_lead, other_adviser):
    case = CaseFactory()

    with pytest.raises(ValidationError):
        services.assign_case(actor=team_lead, case=case, adviser=other_adviser, via=Via.PAGE)

    assert Case.objects.get(pk=case.pk).assigned_to is None


@pytest.mark.parametrize(
    ("trait", "allowed"),
    [
        ({}, ["in_progress", "closed"]),
        ({"in_progress": True}, ["waiting", "closed"]),
        ({"waiting": True}, ["in_progress", "closed"]),
        ({"closed": True}, ["in_progress"]),
    ],
)
def test_each_status_allows_its_next_statuses(trait, allowed):
    assert allowed_next_statuses(case=CaseFactory(**trait)) == allowed


def test_closing_a_case_sets_its_closing_moment(adviser):
    case = CaseFactory(in_progress=True)

    services.change_status(actor=adviser, case=case, status=Status.CLOSED, via=Via.PAGE)

    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.closed_at is not None
    assert _log(case) == [("update", "case", "adviser")]


def test_reopening_a_closed_case_clears_its_closing_moment(adviser):
    case = CaseFactory(closed=True)

    services.change_status(actor=adviser, case=case, status=Status.IN_PROGRESS, via=Via.PAGE)

    case.refresh_from_db()
    assert (case.status, case.closed_at) == (Status.IN_PROGRESS, None)


def test_an_invalid_transition_is_refused_and_changes_nothing(adviser):
    case = CaseFactory()

    with pytest.raises(InvalidTransitionError):
        services.change_status(actor=adviser, case=case, status=Status.WAITING, via=Via.PAGE)

    assert Case.objects.get(pk=case.pk).status == Status.NEW
    assert _log(case) == []


def test_a_case_whose_personal_data_was_erased_stays_closed(adviser):
    case = CaseFactory(closed=True, personal_data_erased_at=timezone.now())

    with pytest.raises(InvalidTransitionError):
        services.change_status(actor=adviser, case=case, status=Status.IN_PROGRESS, via=Via.PAGE)


def test_target_groups_are_replaced(adviser):
    case = CaseFactory()
    CaseTargetGroup.objects.create(case=case, group="young")
    CaseTargetGroup.objects.create(case=case, group="fifty_plus")

    services.set_target_groups(actor=adviser, case=case, groups={"fifty_plus", "status_holder"}, via=Via.PAGE)

    assert set(case.target_groups.values_list("group", flat=True)) == {"fifty_plus", "status_holder"}
    assert _log(case) == [("update", "target_groups", "adviser")]


def test_an_unknown_target_group_is_refused(adviser):
    case = CaseFactory()

    with pytest.raises(ValidationError):
        services.set_target_groups(actor=adviser, case=case, groups={"martians"}, via=Via.PAGE)

    assert not case.target_groups.exists()


def test_a_note_is_added_with_its_author_and_visibility(adviser):
    case = CaseFactory(in_progress=True)

    note = services.add_note(
        actor=adviser, case=case, text="  Belt volgende week.  ", visibility=Note.Visibility.TEAM, via=Via.API
    )

    assert (note.author, note.text, note.visibility) == (adviser, "Belt volgende week.", "team")
    entry = ProcessingLogEntry.objects.get(case_id=case.pk)
    assert (entry.action, entry.subject, entry.subject_id, entry.via) == ("create", "note", note.pk, "api")


def test_nothing_is_added_to_a_closed_case(adviser):
    case = CaseFactory(closed=True)
    now = timezone.now()

    with pytest.raises(CaseClosedError):
        services.add_note(actor=adviser, case=case, text="x", visibility="team", via=Via.PAGE)
    with pytest.raises(CaseClosedError):
        services.add_contact_moment(
            actor=adviser, case=case, happened_at=now, channel="phone", summary="x", via=Via.PAGE
        )
    with pytest.raises(CaseClosedError):
        services.add_appointment(actor=adviser, case=case, starts_at=now, place="x", subject="x", via=Via.PAGE)

    assert _log(case) == []


def test_a_contact_moment_is_added_and_logged(adviser):
    case = CaseFactory(in_progress=True)
    when = timezone.now() - datetime.timedelta(hours=2)

    moment = services.add_contact_moment(
        actor=adviser, case=case, happened_at=when, channel="phone", summary="Gebeld.", via=Via.PAGE
    )

    assert (moment.happened_at, moment.channel, moment.author) == (when, "phone", adviser)
    assert _log(case) == [("create", "contact_moment", "adviser")]


def test_a_contact_moment_cannot_be_in_the_future(adviser):
    case = CaseFactory(in_progress=True)

    with pytest.raises(ValidationError):
        services.add_contact_moment(
            actor=adviser,
            case=case,
            happened_at=timezone.now() + datetime.timedelta(days=1),
            channel="phone",
            summary="Gebeld.",
            via=Via.PAGE,
        )


def test_an_appointment_is_added_and_cancelled(adviser):
    case = CaseFactory(in_progress=True)
    starts = timezone.now() + datetime.timedelta(days=3)

    appointment = services.add_appointment(
        actor=adviser, case=case, starts_at=starts, place="Stadhuis", subject="Kennismaking", via=Via.PAGE
    )
    services.cancel_appointment(actor=adviser, case=case, appointment_id=appointment.pk, via=Via.PAGE)

    appointment.refresh_from_db()
    assert appointment.is_cancelled
    assert _log(case) == [("update", "appointment", "adviser"), ("create", "appointment", "adviser")]


def test_an_appointment_of_another_case_is_not_found(adviser):
    case = CaseFactory(in_progress=True)
    elsewhere = AppointmentFactory()

    with pytest.raises(elsewhere.DoesNotExist):
        services.cancel_appointment(actor=adviser, case=case, appointment_id=elsewhere.pk, via=Via.PAGE)


def test_a_cancelled_appointment_is_not_cancelled_twice(adviser):
    appointment = AppointmentFactory(is_cancelled=True)

    with pytest.raises(CaseRuleError):
        services.cancel_appointment(actor=adviser, case=appointment.case, appointment_id=appointment.pk, via=Via.PAGE)
