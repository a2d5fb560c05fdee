"""The demo's casework: team leads, cases in every state in every Brabant region, and the
demo resident's plan."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from leerwerk.accounts.models import Membership, Role
from leerwerk.advice.models import Case, FollowUp, Outcome, PlanStep
from leerwerk.advice.selectors.queue import count_overdue
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.demo.advice_cases import DEMO_RESIDENT_EMAIL
from leerwerk.demo.services import BRABANT, seed_demo

pytestmark = pytest.mark.django_db


def test_every_brabant_region_has_a_team_lead():
    seed_demo()

    leads = Membership.objects.filter(role=Role.TEAM_LEAD, user__email__startswith="teamleider.")
    assert {code for m in leads for code in m.regions.values_list("code", flat=True)} == set(BRABANT)


def test_every_region_has_a_case_in_every_state():
    seed_demo()

    per_region = Counter(Case.objects.values_list("region_code", "status"))
    for code in BRABANT:
        assert {status for (region, status) in per_region if region == code} == set(Case.Status.values), code
        assert Case.objects.filter(region_code=code, status=Case.Status.NEW, assigned_to__isnull=True).count() == 2


def test_every_region_has_a_new_case_waiting_longer_than_the_response_time():
    seed_demo()

    overdue = count_overdue(region_codes=set(BRABANT))

    assert {row.region_code: row.count for row in overdue} == dict.fromkeys(BRABANT, 1)


def test_the_closed_cases_carry_a_training_a_placement_with_a_due_follow_up_and_a_stop():
    seed_demo()
    today = timezone.localdate()

    kinds = Counter(Outcome.objects.values_list("kind", flat=True))
    assert kinds == {
        "training_started": len(BRABANT),
        "training_completed": len(BRABANT),
        "placed": len(BRABANT),
        "stopped": len(BRABANT),
    }
    due = FollowUp.objects.filter(done_at__isnull=True, due_on__lte=today)
    assert sorted(due.values_list("region_code", flat=True)) == sorted(BRABANT)


def test_the_work_is_in_the_processing_log_as_done_by_a_command():
    seed_demo()

    entries = ProcessingLogEntry.objects.filter(via="command")
    assert entries.filter(action="create", subject="note").exists()
    assert set(entries.values_list("actor_email", flat=True)) == {
        f"adviseur.{code.lower()}@demo.leerwerk.test" for code in BRABANT
    }


def test_the_demo_resident_sees_her_plan(client):
    seed_demo()
    case = Case.objects.get(person__email=DEMO_RESIDENT_EMAIL)
    assert case.region_code == "AM27"
    assert case.plan.steps.count() == 3
    assert case.plan.steps.filter(status=PlanStep.Status.DONE).exists()

    client.force_login(Membership.objects.get(user__email=DEMO_RESIDENT_EMAIL).user)
    response = client.get(reverse("advice:my-plans"))

    assert response.status_code == 200
    assert "helpende zorg en welzijn" in response.content.decode()


def test_seeding_twice_creates_no_more_cases():
    first = seed_demo()
    counts = (Case.objects.count(), Outcome.objects.count(), ProcessingLogEntry.objects.count())

    second = seed_demo()

    assert first.advice.created == len(BRABANT) * 6 + 1
    assert (second.advice.created, second.advice.unchanged) == (0, first.advice.created)
    assert (Case.objects.count(), Outcome.objects.count(), ProcessingLogEntry.objects.count()) == counts


def test_the_command_prints_the_team_leads():
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    assert "teamleider.am27@demo.leerwerk.test" in out.getvalue()
    assert "Demo advice cases: 31 new" in out.getvalue()
