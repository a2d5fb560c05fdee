"""The case page `advice:case` and its actions (take, assign, status, target groups,
notes, contact moments, appointments)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerwerk.accounts.tests.factories import UserFactory
from leerwerk.advice.models import Appointment, Case, ContactMoment, Note
from leerwerk.advice.tests.factories import (
    AppointmentFactory,
    CaseFactory,
    CaseTargetGroupFactory,
    ContactMomentFactory,
    NoteFactory,
)
from leerwerk.audit.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db


def url(name: str, case: Case, *args: int) -> str:
    return reverse(f"advice:{name}", args=[case.pk, *args])


def _log(case: Case) -> list[tuple[str, str]]:
    return list(ProcessingLogEntry.objects.filter(case_id=case.pk).values_list("action", "subject"))


# The page --------------------------------------------------------------------------------


def test_the_case_page_shows_the_person_and_the_request(adviser_client):
    case = CaseFactory(
        person__name="Fatima Bakker", person__email="fatima@voorbeeld.test", question="Ik wil de zorg in."
    )
    NoteFactory(case=case, text="Eerste notitie")

    response = adviser_client.get(url("case", case))

    assert response.status_code == 200
    content = response.content.decode()
    assert response.context["case"].person.name == "Fatima Bakker"
    assert "Fatima Bakker</h1>" in content
    assert "fatima@voorbeeld.test" in content
    assert "Ik wil de zorg in." in content
    assert "Eerste notitie" in content
    for section in ("gegevens", "status", "doelgroepen", "notities", "contactmomenten", "afspraken"):
        assert f'id="{section}"' in content
    assert response["Cache-Control"].startswith("max-age=0")


def test_reading_the_case_is_logged(adviser_client, adviser):
    case = CaseFactory()

    adviser_client.get(url("case", case))

    entry = ProcessingLogEntry.objects.get(case_id=case.pk)
    assert (entry.actor_id, entry.action, entry.subject, entry.via) == (adviser.pk, "read", "case", "page")


def test_a_case_of_another_region_is_not_found(client, other_adviser):
    case = CaseFactory()
    client.force_login(other_adviser)

    assert client.get(url("case", case)).status_code == 404
    assert client.post(url("note-add", case), {"note-text": "x", "note-visibility": "team"}).status_code == 404
    assert client.post(url("case-take", case)).status_code == 404
    assert not ProcessingLogEntry.objects.exists()


def test_a_user_without_an_advice_role_gets_not_found(client):
    case = CaseFactory()
    client.force_login(UserFactory())

    assert client.get(url("case", case)).status_code == 404


def test_the_status_form_offers_only_the_allowed_next_statuses(adviser_client):
    case = CaseFactory(in_progress=True)

    form = adviser_client.get(url("case", case)).context["status_form"]

    assert [value for value, _label in form.fields["status"].choices] == ["waiting", "closed"]


def _page_queries(client, case: Case) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("case", case))
    assert response.status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_what_the_case_holds(lead_client):
    small = CaseFactory(in_progress=True)
    NoteFactory(case=small)
    ContactMomentFactory(case=small)
    AppointmentFactory(case=small)
    CaseTargetGroupFactory(case=small)
    large = CaseFactory(in_progress=True)
    NoteFactory.create_batch(5, case=large)
    ContactMomentFactory.create_batch(5, case=large)
    AppointmentFactory.create_batch(5, case=large)
    CaseTargetGroupFactory(case=large, group="young")
    CaseTargetGroupFactory(case=large, group="fifty_plus")

    assert _page_queries(lead_client, small) == _page_queries(lead_client, large)


# Taking and assigning -----------------------------------------------------------------


def test_taking_a_case_makes_it_yours(adviser_client, adviser):
    case = CaseFactory()

    response = adviser_client.post(url("case-take", case))

    assert response.status_code == 302
    assert response["Location"] == url("case", case) + "#status"
    case.refresh_from_db()
    assert (case.assigned_to, case.status) == (adviser, Case.Status.IN_PROGRESS)
    assert _log(case) == [("update", "case")]


def test_taking_a_colleagues_case_shows_a_message_and_changes_nothing(adviser_client, team_lead):
    case = CaseFactory(in_progress=True, assigned_to=team_lead)

    response = adviser_client.post(url("case-take", case), follow=True)

    assert Case.objects.get(pk=case.pk).assigned_to == team_lead
    assert len(list(response.context["messages"])) == 1


def test_take_accepts_only_post(adviser_client):
    assert adviser_client.get(url("case-take", CaseFactory())).status_code == 405


def test_a_team_lead_assigns_the_case(lead_client, adviser):
    case = CaseFactory()

    response = lead_client.post(url("case-assign", case), {"assign-adviser": adviser.pk})

    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).assigned_to == adviser


def test_assigning_to_someone_outside_the_region_is_a_form_error(lead_client, other_adviser):
    case = CaseFactory()

    response = lead_client.post(url("case-assign", case), {"assign-adviser": other_adviser.pk})

    assert response.status_code == 400
    assert response.context["assign_form"].errors
    assert Case.objects.get(pk=case.pk).assigned_to is None


def test_an_adviser_cannot_assign(adviser_client, adviser):
    case = CaseFactory()

    response = adviser_client.post(url("case-assign", case), {"assign-adviser": adviser.pk})

    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).assigned_to is None


# Status --------------------------------------------------------------------------------


def test_changing_the_status_redirects_with_a_message(adviser_client):
    case = CaseFactory(in_progress=True)

    response = adviser_client.post(url("case-status", case), {"status-status": "waiting"}, follow=True)

    assert response.redirect_chain == [(url("case", case) + "#status", 302)]
    assert Case.objects.get(pk=case.pk).status == Case.Status.WAITING
    assert len(list(response.context["messages"])) == 1


def test_a_status_that_is_not_allowed_is_a_form_error_and_changes_nothing(adviser_client):
    case = CaseFactory()

    response = adviser_client.post(url("case-status", case), {"status-status": "waiting"})

    assert response.status_code == 400
    assert "status" in response.context["status_form"].errors
    assert Case.objects.get(pk=case.pk).status == Case.Status.NEW


# Target groups -------------------------------------------------------------------------


def test_target_groups_are_saved(adviser_client):
    case = CaseFactory()

    response = adviser_client.post(url("case-target-groups", case), {"groups-groups": ["young", "on_benefits"]})

    assert response.status_code == 302
    assert set(case.target_groups.values_list("group", flat=True)) == {"young", "on_benefits"}


def test_an_unknown_target_group_is_a_form_error(adviser_client):
    case = CaseFactory()

    response = adviser_client.post(url("case-target-groups", case), {"groups-groups": ["martians"]})

    assert response.status_code == 400
    assert not case.target_groups.exists()


# Notes, contact moments, appointments --------------------------------------------------


def test_a_note_is_added(adviser_client, adviser):
    case = CaseFactory(in_progress=True)

    response = adviser_client.post(url("note-add", case), {"note-text": "Belt terug.", "note-visibility": "team"})

    assert response["Location"] == url("case", case) + "#notities"
    note = Note.objects.get(case=case)
    assert (note.text, note.author) == ("Belt terug.", adviser)
    assert ("create", "note") in _log(case)


def test_an_empty_note_is_a_form_error_and_nothing_is_added(adviser_client):
    case = CaseFactory(in_progress=True)

    response = adviser_client.post(url("note-add", case), {"note-text": "", "note-visibility": "team"})

    assert response.status_code == 400
    assert "text" in response.context["note_form"].errors
    assert not Note.objects.exists()


def test_a_note_on_a_closed_case_is_refused_with_the_text_kept(adviser_client):
    case = CaseFactory(closed=True)

    response = adviser_client.post(url("note-add", case), {"note-text": "Te laat.", "note-visibility": "team"})

    assert response.status_code == 400
    assert response.context["note_form"].non_field_errors()
    assert not Note.objects.exists()


def test_a_contact_moment_is_added(adviser_client):
    case = CaseFactory(in_progress=True)
    when = timezone.localtime() - datetime.timedelta(hours=1)

    response = adviser_client.post(
        url("contact-add", case),
        {
            "contact-happened_at": when.strftime("%Y-%m-%dT%H:%M"),
            "contact-channel": "phone",
            "contact-summary": "Gebeld.",
        },
    )

    assert response.status_code == 302
    assert ContactMoment.objects.get(case=case).summary == "Gebeld."


def test_a_contact_moment_in_the_future_is_a_form_error(adviser_client):
    case = CaseFactory(in_progress=True)
    when = timezone.localtime() + datetime.timedelta(days=2)

    response = adviser_client.post(
        url("contact-add", case),
        {"contact-happened_at": when.strftime("%Y-%m-%dT%H:%M"), "contact-channel": "phone", "contact-summary": "x"},
    )

    assert response.status_code == 400
    assert not ContactMoment.objects.exists()


def test_an_appointment_is_made_and_cancelled(adviser_client):
    case = CaseFactory(in_progress=True)
    starts = timezone.localtime() + datetime.timedelta(days=3)

    response = adviser_client.post(
        url("appointment-add", case),
        {
            "appointment-starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "appointment-place": "Stadhuis Oss",
            "appointment-subject": "Kennismaking",
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get(case=case)

    response = adviser_client.post(url("appointment-cancel", case, appointment.pk))

    assert response["Location"] == url("case", case) + "#afspraken"
    appointment.refresh_from_db()
    assert appointment.is_cancelled


def test_an_appointment_of_another_case_cannot_be_cancelled_through_this_case(adviser_client):
    case = CaseFactory(in_progress=True)
    elsewhere = AppointmentFactory()

    assert adviser_client.post(url("appointment-cancel", case, elsewhere.pk)).status_code == 404
    assert not Appointment.objects.get(pk=elsewhere.pk).is_cancelled
