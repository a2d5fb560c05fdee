"""The development plan: its services, the adviser's plan page, the step forms, the PDF
and the case page's plan partial."""

import datetime
import socket

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.advice.forms.plans import PlanForm, StepForm
from leerwerk.advice.models import DevelopmentPlan, PlanStep
from leerwerk.advice.selectors.access import get_case_for_adviser
from leerwerk.advice.services.plans import add_step, change_step, save_plan
from leerwerk.advice.tests.factories import CaseFactory, DevelopmentPlanFactory, PlanStepFactory
from leerwerk.advice.views import pdf
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.audit.services import Via
from leerwerk.catalogue.tests.factories import OfferFactory
from leerwerk.skills.models import Occupation


@pytest.fixture
def occupation(db):
    return Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/test-1",
        code="5321.1",
        isco_group="5321",
        preferred_label="verzorgende IG",
    )


def _log(action, subject):
    return ProcessingLogEntry.objects.filter(action=action, subject=subject)


# --- Services ---------------------------------------------------------------------------


def test_saving_a_plan_creates_it_and_then_changes_its_goal(adviser):
    case = CaseFactory(in_progress=True)

    plan = save_plan(actor=adviser, case=case, goal="  Werk in de zorg  ", via=Via.PAGE)
    again = save_plan(actor=adviser, case=case, goal="Werk als verzorgende", via=Via.API)

    assert again.pk == plan.pk
    assert DevelopmentPlan.objects.get(case=case).goal == "Werk als verzorgende"
    assert _log("create", "plan").get().via == "page"
    assert _log("update", "plan").get().via == "api"


def test_a_plan_needs_a_goal(adviser):
    with pytest.raises(ValidationError) as error:
        save_plan(actor=adviser, case=CaseFactory(), goal="   ", via=Via.PAGE)

    assert "goal" in error.value.message_dict
    assert not DevelopmentPlan.objects.exists()


def test_steps_need_a_plan_first(adviser):
    with pytest.raises(ValidationError):
        add_step(actor=adviser, case=CaseFactory(), description="Intake", via=Via.PAGE)

    assert not PlanStep.objects.exists()


def test_a_step_links_a_public_offer_and_an_occupation_and_goes_last(adviser, occupation):
    plan = DevelopmentPlanFactory()
    PlanStepFactory(plan=plan, position=4)
    offer = OfferFactory()

    step = add_step(
        actor=adviser,
        case=plan.case,
        description="Opleiding volgen",
        offer=offer,
        occupation=occupation,
        due_on=datetime.date(2026, 9, 1),
        status=PlanStep.Status.IN_PROGRESS,
        via=Via.PAGE,
    )

    assert (step.position, step.offer, step.occupation, step.status) == (5, offer, occupation, "in_progress")
    assert _log("create", "plan_step").get().subject_id == step.pk


def test_a_step_cannot_link_an_offer_that_is_not_public(adviser):
    plan = DevelopmentPlanFactory()

    with pytest.raises(ValidationError) as error:
        add_step(actor=adviser, case=plan.case, description="X", offer=OfferFactory(draft=True), via=Via.PAGE)

    assert "offer" in error.value.message_dict


def test_changing_a_step_sets_its_status_and_due_date(adviser):
    step = PlanStepFactory()

    change_step(actor=adviser, case=step.plan.case, step_id=step.pk, status="done", due_on=None, via=Via.PAGE)

    step.refresh_from_db()
    assert (step.status, step.due_on) == ("done", None)
    assert _log("update", "plan_step").exists()


def test_a_step_of_another_case_cannot_be_changed_through_this_case(adviser):
    step = PlanStepFactory()

    with pytest.raises(PlanStep.DoesNotExist):
        change_step(actor=adviser, case=CaseFactory(), step_id=step.pk, status="done", due_on=None, via=Via.PAGE)


# --- The plan page ----------------------------------------------------------------------


def test_the_plan_page_shows_the_goal_and_steps_and_logs_the_read(adviser_client, django_assert_max_num_queries):
    plan = DevelopmentPlanFactory(goal="Aan het werk als kok")
    PlanStepFactory.create_batch(3, plan=plan)

    with django_assert_max_num_queries(12):
        response = adviser_client.get(reverse("advice:plan-edit", args=[plan.case.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Aan het werk als kok" in html
    assert html.count('data-testid="step-row"') == 3
    assert f'id="id_step{plan.steps.first().pk}_status"' in html
    assert ProcessingLogEntry.objects.filter(action="read", case_id=plan.case.pk).exists()


def test_the_plan_pages_query_count_does_not_grow_with_the_steps(adviser_client, django_assert_num_queries):
    plan = DevelopmentPlanFactory()
    url = reverse("advice:plan-edit", args=[plan.case.pk])
    PlanStepFactory(plan=plan)
    adviser_client.get(url)  # warms the session and the user
    with CaptureQueriesContext(connection) as one:
        adviser_client.get(url)
    PlanStepFactory.create_batch(5, plan=plan, offer=OfferFactory())

    with django_assert_num_queries(len(one.captured_queries)):
        adviser_client.get(url)


def test_another_regions_plan_page_is_not_found(client, other_adviser):
    plan = DevelopmentPlanFactory()
    client.force_login(other_adviser)

    assert client.get(reverse("advice:plan-edit", args=[plan.case.pk])).status_code == 404
    assert client.post(reverse("advice:plan-edit", args=[plan.case.pk]), {"goal": "x"}).status_code == 404
    assert not ProcessingLogEntry.objects.exists()


def test_posting_a_goal_saves_the_plan(adviser_client):
    case = CaseFactory(in_progress=True)

    response = adviser_client.post(reverse("advice:plan-edit", args=[case.pk]), {"goal": "Een diploma halen"})

    assert response.status_code == 302
    assert DevelopmentPlan.objects.get(case=case).goal == "Een diploma halen"


def test_an_empty_goal_shows_the_form_again_and_changes_nothing(adviser_client):
    plan = DevelopmentPlanFactory(goal="Oud doel")

    response = adviser_client.post(reverse("advice:plan-edit", args=[plan.case.pk]), {"goal": ""})

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    plan.refresh_from_db()
    assert plan.goal == "Oud doel"


def test_adding_a_step_with_an_offer_number_and_an_occupation_name(adviser_client, occupation):
    plan = DevelopmentPlanFactory()
    offer = OfferFactory()
    data = {
        "description": "Proefdag",
        "offer": str(offer.pk),
        "occupation": "verzorgende IG",
        "due_on": "2026-10-01",
        "status": "planned",
    }

    response = adviser_client.post(reverse("advice:plan-step-add", args=[plan.case.pk]), data)

    assert response.status_code == 302
    step = plan.steps.get()
    assert (step.offer, step.occupation, step.due_on) == (offer, occupation, datetime.date(2026, 10, 1))


def test_an_occupation_can_be_chosen_by_its_number(occupation):
    form = StepForm({"description": "x", "occupation": str(occupation.pk), "status": "planned"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["occupation"] == occupation


@pytest.mark.parametrize("field", ["offer", "occupation"])
def test_an_unknown_offer_or_occupation_is_refused_with_nothing_added(adviser_client, field):
    plan = DevelopmentPlanFactory()
    data = {
        "description": "Proefdag",
        "status": "planned",
        field: str(OfferFactory(withdrawn=True).pk) if field == "offer" else "astronaut",
    }

    response = adviser_client.post(reverse("advice:plan-step-add", args=[plan.case.pk]), data)

    assert response.status_code == 400
    assert f'id="id_step_{field}"' in response.content.decode()
    assert not PlanStep.objects.exists()


def test_a_step_without_a_plan_is_refused(adviser_client):
    case = CaseFactory(in_progress=True)

    response = adviser_client.post(
        reverse("advice:plan-step-add", args=[case.pk]), {"description": "Proefdag", "status": "planned"}
    )

    assert response.status_code == 400
    assert not PlanStep.objects.exists()


def test_changing_a_step_through_its_form(adviser_client):
    step = PlanStepFactory()
    url = reverse("advice:plan-step-change", args=[step.plan.case.pk, step.pk])

    response = adviser_client.post(url, {"status": "done", "due_on": "2026-01-31"})

    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.status, step.due_on) == ("done", datetime.date(2026, 1, 31))


def test_an_invalid_step_change_is_shown_again_with_the_steps_own_ids(adviser_client):
    step = PlanStepFactory()
    url = reverse("advice:plan-step-change", args=[step.plan.case.pk, step.pk])

    response = adviser_client.post(url, {"status": "finished"})

    assert response.status_code == 400
    assert f'href="#id_step{step.pk}_status"' in response.content.decode()
    step.refresh_from_db()
    assert step.status == "planned"


def test_a_step_of_another_case_is_not_found(adviser_client):
    step = PlanStepFactory()
    other = DevelopmentPlanFactory()

    response = adviser_client.post(
        reverse("advice:plan-step-change", args=[other.case.pk, step.pk]), {"status": "done"}
    )

    assert response.status_code == 404


# --- The PDF ----------------------------------------------------------------------------


def test_the_plan_pdf_is_an_attachment_and_its_download_is_logged(adviser_client):
    plan = DevelopmentPlanFactory()
    PlanStepFactory(plan=plan, offer=OfferFactory())

    response = adviser_client.get(reverse("advice:plan-pdf", args=[plan.case.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="ontwikkelplan-{plan.case.pk}.pdf"'
    entry = _log("download", "plan").get()
    assert (entry.subject_id, entry.case_id) == (plan.pk, plan.case.pk)


def test_there_is_no_pdf_without_a_plan_or_outside_the_region(client, adviser, other_adviser):
    plan = DevelopmentPlanFactory()
    client.force_login(adviser)
    assert client.get(reverse("advice:plan-pdf", args=[CaseFactory().pk])).status_code == 404
    client.force_login(other_adviser)
    assert client.get(reverse("advice:plan-pdf", args=[plan.case.pk])).status_code == 404
    assert not _log("download", "plan").exists()


def test_the_pdf_rendering_fetches_nothing_from_the_network(monkeypatch):
    html = (
        '<html><head><link rel="stylesheet" href="http://example.com/evil.css"></head>'
        '<body><img src="https://example.com/tracker.png"><p>Plan</p></body></html>'
    )
    monkeypatch.setattr(pdf, "render_to_string", lambda *args, **kwargs: html)
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)

    content = pdf.render_pdf(template_name="unused.html", context={})

    assert content.startswith(b"%PDF")
    assert calls == []


# --- The case page's partial --------------------------------------------------------------


def _partial(adviser, rf, case):
    full = get_case_for_adviser(user=adviser, case_id=case.pk, full=True)
    request = rf.get("/")
    request.user = adviser
    context = {"case": full, "plan_form": PlanForm(), "step_form": StepForm()}
    return render_to_string("advice/case/_plan.html", context, request=request)


def test_the_case_pages_plan_partial_offers_a_goal_form_without_a_plan(adviser, rf):
    html = _partial(adviser, rf, CaseFactory(in_progress=True))

    assert 'id="id_plan_goal"' in html
    assert 'data-testid="plan-goal"' not in html


def test_the_case_pages_plan_partial_shows_the_plan_and_its_links(adviser, rf):
    plan = DevelopmentPlanFactory(goal="Kok worden")
    PlanStepFactory(plan=plan, description="Snuffelstage")

    html = _partial(adviser, rf, plan.case)

    assert "Kok worden" in html
    assert "Snuffelstage" in html
    assert reverse("advice:plan-pdf", args=[plan.case.pk]) in html
