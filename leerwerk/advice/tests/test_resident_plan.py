"""The resident's own development plans: their page and the PDF, for the cases of their
e-mail address only, logged as the person reading their own data."""

import pytest
from django.urls import reverse
from django.utils import timezone

from leerwerk.accounts.tests.factories import UserFactory
from leerwerk.advice.models import Note
from leerwerk.advice.tests.factories import DevelopmentPlanFactory, NoteFactory, PlanStepFactory
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.catalogue.tests.factories import OfferFactory

URL = reverse("advice:my-plans")


@pytest.fixture
def resident(db):
    return UserFactory(email="sanne@voorbeeld.test")


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client


def _plan(email="Sanne@Voorbeeld.test", **fields):
    return DevelopmentPlanFactory(case__person__email=email, **fields)


def test_the_resident_sees_their_goal_steps_and_offer_links(resident_client):
    plan = _plan(goal="Doktersassistent worden")
    offer = OfferFactory(title="Doktersassistent mbo 4")
    PlanStepFactory(plan=plan, description="Open dag bezoeken", offer=offer)

    response = resident_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Doktersassistent worden" in html
    assert "Open dag bezoeken" in html
    assert reverse("catalogue:offer", args=[offer.pk]) in html
    assert reverse("advice:my-plan-pdf", args=[plan.case.pk]) in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_only_the_notes_shared_with_the_resident_are_shown(resident_client):
    plan = _plan()
    NoteFactory(case=plan.case, text="Gedeeld: bel de opleider", visibility=Note.Visibility.RESIDENT)
    NoteFactory(case=plan.case, text="Intern: twijfel over motivatie", visibility=Note.Visibility.TEAM)

    html = resident_client.get(URL).content.decode()

    assert "Gedeeld: bel de opleider" in html
    assert "Intern: twijfel" not in html


def test_another_persons_plan_and_an_erased_persons_plan_are_not_shown(resident_client):
    _plan(email="iemand.anders@voorbeeld.test", goal="Plan van een ander")
    _plan(goal="Gewist plan", case__person__erased_at=timezone.now())

    html = resident_client.get(URL).content.decode()

    assert "Plan van een ander" not in html
    assert "Gewist plan" not in html
    assert 'data-testid="my-plan"' not in html


def test_the_page_read_is_logged_as_the_person_reading_their_own_data(resident_client, resident):
    plan = _plan()

    resident_client.get(URL)

    entry = ProcessingLogEntry.objects.get()
    assert (entry.actor_id, entry.actor_role, entry.action, entry.purpose, entry.via) == (
        resident.pk,
        "resident",
        "read",
        "own_data",
        "page",
    )
    assert (entry.subject, entry.subject_id, entry.person_id) == ("plan", plan.pk, plan.case.person_id)


def test_the_page_reads_the_plans_in_a_fixed_number_of_queries(resident_client, django_assert_max_num_queries):
    for _ in range(3):
        plan = _plan()
        PlanStepFactory.create_batch(2, plan=plan, offer=OfferFactory())
        NoteFactory(case=plan.case, visibility=Note.Visibility.RESIDENT)

    with django_assert_max_num_queries(9):
        response = resident_client.get(URL)

    assert response.content.decode().count('data-testid="my-plan"') == 3


def test_the_resident_downloads_their_plan_as_pdf(resident_client):
    plan = _plan()

    response = resident_client.get(reverse("advice:my-plan-pdf", args=[plan.case.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    entry = ProcessingLogEntry.objects.get()
    assert (entry.action, entry.purpose, entry.actor_role) == ("download", "own_data", "resident")


def test_another_persons_plan_pdf_is_not_found(resident_client):
    plan = _plan(email="iemand.anders@voorbeeld.test")

    response = resident_client.get(reverse("advice:my-plan-pdf", args=[plan.case.pk]))

    assert response.status_code == 404
    assert not ProcessingLogEntry.objects.exists()


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_link_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login_link"))


def test_the_residents_own_page_links_to_the_plan(resident_client):
    html = resident_client.get(reverse("journeys:my_page")).content.decode()

    assert f'href="{URL}"' in html
