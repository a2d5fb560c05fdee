"""The person's rights in the workspace: export as JSON and PDF, and the erase page (a
team lead erases). A person of another region is a 404 on each."""

import json

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import UserFactory
from leerwerk.advice.selectors.rights import get_person_data
from leerwerk.advice.tests.factories import CaseFactory, NoteFactory, PersonFactory, desk_user
from leerwerk.audit.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db

URLS = ["advice:person-export-json", "advice:person-export-pdf", "advice:person-erase"]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def case():
    case = CaseFactory(question="Ik wil omscholen naar de zorg.", person__name="Wim Wessels")
    NoteFactory(case=case, text="Heeft een rijbewijs B.")
    return case


def test_the_json_export_is_a_download_of_everything(adviser_client, adviser, case, django_assert_max_num_queries):
    url = reverse("advice:person-export-json", args=[case.person_id])
    with django_assert_max_num_queries(20):
        response = adviser_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="gegevens-{case.person_id}.json"'
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["person"]["name"] == "Wim Wessels"
    assert data["cases"][0]["question"] == "Ik wil omscholen naar de zorg."
    assert data["cases"][0]["notes"][0]["text"] == "Heeft een rijbewijs B."
    row = ProcessingLogEntry.objects.get(person_id=case.person_id)
    assert (row.actor_id, row.action, row.purpose, row.via, row.case_id) == (
        adviser.pk,
        "export",
        "access_request",
        "page",
        case.pk,
    )


def test_the_pdf_export_is_a_pdf(adviser_client, case):
    response = adviser_client.get(reverse("advice:person-export-pdf", args=[case.person_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="gegevens-{case.person_id}.pdf"'
    assert response.content.startswith(b"%PDF")
    assert ProcessingLogEntry.objects.filter(person_id=case.person_id, action="export").count() == 1


def test_the_pdfs_html_has_the_persons_data_and_fetches_nothing(case):
    html = render_to_string(
        "advice/person_export.html", {"data": get_person_data(person=case.person), "made_at": timezone.now()}
    )
    assert "Wim Wessels" in html
    assert "Heeft een rijbewijs B." in html
    assert "<link" not in html
    assert "src=" not in html


@pytest.mark.parametrize("name", URLS)
def test_a_person_of_another_region_is_not_found(client, other_adviser, case, name):
    client.force_login(other_adviser)
    assert client.get(reverse(name, args=[case.person_id])).status_code == 404
    assert not ProcessingLogEntry.objects.exists()


@pytest.mark.parametrize("name", URLS)
def test_a_user_without_an_advice_role_is_not_found(client, case, name):
    client.force_login(UserFactory())
    assert client.get(reverse(name, args=[case.person_id])).status_code == 404


@pytest.mark.parametrize("name", URLS)
def test_an_anonymous_visitor_is_sent_to_log_in(client, case, name):
    response = client.get(reverse(name, args=[case.person_id]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_erase_page_says_what_goes_and_what_stays(english, team_lead, case, django_assert_max_num_queries):
    english.force_login(team_lead)
    with django_assert_max_num_queries(20):
        response = english.get(reverse("advice:person-erase", args=[case.person_id]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wim Wessels" in page
    assert "What is erased" in page
    assert "What is kept" in page
    assert "1 note;" in page
    assert "Yes, erase the personal data" in page
    row = ProcessingLogEntry.objects.get(person_id=case.person_id)
    assert (row.action, row.actor_id, row.actor_role) == ("read", team_lead.pk, "team_lead")


def test_an_adviser_sees_that_a_team_lead_must_erase(english, adviser, case):
    english.force_login(adviser)
    response = english.get(reverse("advice:person-erase", args=[case.person_id]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Only a team lead" in page
    assert "Yes, erase the personal data" not in page


def test_an_adviser_may_not_erase(adviser_client, case):
    response = adviser_client.post(reverse("advice:person-erase", args=[case.person_id]))
    assert response.status_code == 403
    case.person.refresh_from_db()
    assert case.person.name == "Wim Wessels"
    assert not ProcessingLogEntry.objects.filter(action="erase").exists()


def test_a_team_lead_erases_and_goes_back_to_the_queue(lead_client, team_lead, case):
    response = lead_client.post(reverse("advice:person-erase", args=[case.person_id]))
    assert response.status_code == 302
    assert response["Location"] == reverse("advice:queue")
    case.person.refresh_from_db()
    assert case.person.is_erased
    assert case.person.name == ""
    case.refresh_from_db()
    assert case.question == ""
    assert not case.notes.exists()
    row = ProcessingLogEntry.objects.get(person_id=case.person_id, action="erase")
    assert (row.actor_id, row.purpose, row.via) == (team_lead.pk, "erasure_request", "page")


def test_a_team_lead_of_another_region_cannot_erase(client, case):
    client.force_login(desk_user(region_code="AM28", role=Role.TEAM_LEAD))
    assert client.post(reverse("advice:person-erase", args=[case.person_id])).status_code == 404
    case.person.refresh_from_db()
    assert not case.person.is_erased


def test_an_erased_person_has_nothing_left_to_erase(english, team_lead, case):
    english.force_login(team_lead)
    english.post(reverse("advice:person-erase", args=[case.person_id]))
    page = english.get(reverse("advice:person-erase", args=[case.person_id])).content.decode()
    assert "There is nothing left to erase" in page
    assert "Yes, erase the personal data" not in page


def test_the_erase_page_takes_no_other_method(lead_client, case):
    assert lead_client.put(reverse("advice:person-erase", args=[case.person_id])).status_code == 405


def test_the_case_partial_links_to_the_rights(case):
    html = render_to_string("advice/case/_person_rights.html", {"case": case})
    assert reverse("advice:person-export-json", args=[case.person_id]) in html
    assert reverse("advice:person-export-pdf", args=[case.person_id]) in html
    assert reverse("advice:person-erase", args=[case.person_id]) in html


def test_a_person_without_cases_can_be_exported(adviser_client):
    lonely = PersonFactory()
    response = adviser_client.get(reverse("advice:person-export-json", args=[lonely.pk]))
    assert json.loads(response.content)["cases"] == []
    assert ProcessingLogEntry.objects.get(person_id=lonely.pk).case_id is None
