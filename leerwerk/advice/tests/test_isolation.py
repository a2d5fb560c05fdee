"""Region isolation, table-driven: every route of the advice app is listed here with a
request that reaches it. An adviser of another region gets 404 for everything of a case
that is not theirs (pages, API, exports, downloads), and lists never show it. The first
test fails when a route is added to the app without being listed, so a new endpoint
cannot skip this check."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from leerwerk.accounts.models import Role, User
from leerwerk.accounts.tests.factories import MembershipFactory, UserFactory
from leerwerk.advice.models import Case, Document, FollowUp, Outcome
from leerwerk.advice.tests.factories import (
    AppointmentFactory,
    CaseFactory,
    DevelopmentPlanFactory,
    OutcomeFactory,
    PlanStepFactory,
    TrajectoryFactory,
)
from leerwerk.audit.models import ProcessingLogEntry


@dataclass(frozen=True)
class Route:
    method: str
    kind: str  # "case": 404 outside the region; "list": 200/403 without the case
    data: dict[str, Any] | None = None


ROUTES: dict[str, Route] = {
    # Pages
    "advice:queue": Route("GET", "list"),
    "advice:follow-ups": Route("GET", "list"),
    "advice:my-plans": Route("GET", "list"),
    "advice:case": Route("GET", "case"),
    "advice:case-status": Route("POST", "case", {"status": "in_progress"}),
    "advice:case-take": Route("POST", "case"),
    "advice:case-assign": Route("POST", "case", {"adviser": "{other_adviser}"}),
    "advice:case-target-groups": Route("POST", "case", {"groups": ["young"]}),
    "advice:note-add": Route("POST", "case", {"text": "Niet van jou", "visibility": "team"}),
    "advice:contact-add": Route(
        "POST", "case", {"happened_at": "2026-11-20T10:00", "channel": "phone", "summary": "Niet van jou"}
    ),
    "advice:appointment-add": Route(
        "POST", "case", {"starts_at": "2026-12-20T10:00", "place": "Ergens", "subject": "Niet van jou"}
    ),
    "advice:appointment-cancel": Route("POST", "case"),
    "advice:document-upload": Route("POST", "case", {"title": "Niet van jou"}),
    "advice:document-download": Route("GET", "case"),
    "advice:document-delete": Route("POST", "case"),
    "advice:plan-edit": Route("GET", "case"),
    "advice:plan-step-add": Route("POST", "case", {"description": "Niet van jou", "status": "planned"}),
    "advice:plan-step-change": Route("POST", "case", {"status": "done"}),
    "advice:plan-pdf": Route("GET", "case"),
    "advice:trajectory-add": Route("POST", "case", {"kind": "training", "started_on": "2026-11-01"}),
    "advice:outcome-add": Route("POST", "case", {"kind": "training_started", "on_date": "2026-11-02"}),
    "advice:person-export-json": Route("GET", "case"),
    "advice:person-export-pdf": Route("GET", "case"),
    "advice:person-erase": Route("POST", "case"),
    "advice:my-plan-pdf": Route("GET", "case"),
    # API
    "api-advice-case-list": Route("GET", "list"),
    "api-advice-case-detail": Route("GET", "case"),
    "api-advice-case-status": Route("POST", "case", {"status": "in_progress"}),
    "api-advice-case-notes": Route("POST", "case", {"text": "Niet van jou", "visibility": "team"}),
    "api-advice-case-trajectories": Route("POST", "case", {"kind": "training", "started_on": "2026-11-01"}),
    "api-advice-case-outcomes": Route("POST", "case", {"kind": "training_started", "on_date": "2026-11-02"}),
}


def _names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _names(pattern.url_patterns, inner)
        elif pattern.name and pattern.lookup_str.startswith("leerwerk.advice."):
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_route_of_the_advice_app_is_in_the_table() -> None:
    assert _names(get_resolver().url_patterns) == set(ROUTES)


@pytest.fixture
def foreign_case(db) -> Case:
    """A case of AM27 with one of everything; the client below is an adviser of AM28."""
    case: Case = CaseFactory.create(region_code="AM27", in_progress=True, person__name="Fenna Vreemd")
    AppointmentFactory(case=case)
    PlanStepFactory(plan=DevelopmentPlanFactory(case=case))
    OutcomeFactory(trajectory=TrajectoryFactory(case=case))
    Document.objects.create(
        case=case,
        token="isolation",
        file=ContentFile(b"%PDF-1.4\n", name="x.pdf"),
        title="Loonstrook",
        kind="pdf",
        size=9,
    )
    return case


def _kwargs(name: str, case: Case) -> dict[str, int]:
    """The route's own arguments, filled from the foreign case (reverse() refuses extras)."""
    values = {
        "case_id": case.pk,
        "person_id": case.person_id,
        "appointment_id": case.appointments.get().pk,
        "document_id": case.documents.get().pk,
        "step_id": case.plan.steps.get().pk,
        "trajectory_id": case.trajectories.get().pk,
    }
    namespace, _sep, short = name.rpartition(":")
    resolver = get_resolver().namespace_dict[namespace][1] if namespace else get_resolver()
    (_bits, _pattern, _defaults, _converters), *_rest = resolver.reverse_dict.getlist(short)
    (_format, params), *_more = _bits
    return {key: values[key] for key in params}


def _request(client: Client, name: str, case: Case, other_adviser: User) -> Any:
    route = ROUTES[name]
    url = reverse(name, kwargs=_kwargs(name, case))
    data = {
        key: (str(other_adviser.pk) if value == "{other_adviser}" else value)
        for key, value in (route.data or {}).items()
    }
    if route.method == "GET":
        return client.get(url)
    if name.startswith("api-"):
        return client.post(url, data, content_type="application/json")
    return client.post(url, data)


@pytest.mark.parametrize("name", sorted(name for name, route in ROUTES.items() if route.kind == "case"))
def test_an_adviser_of_another_region_gets_not_found(
    name: str, client: Client, foreign_case: Case, other_adviser: User
) -> None:
    client.force_login(other_adviser)
    before = _snapshot(foreign_case)

    response = _request(client, name, foreign_case, other_adviser)

    assert response.status_code == 404
    assert "Fenna Vreemd" not in response.content.decode(errors="replace")
    assert _snapshot(foreign_case) == before


@pytest.mark.parametrize("name", sorted(name for name, route in ROUTES.items() if route.kind == "list"))
def test_lists_of_another_region_do_not_show_the_case(
    name: str, client: Client, foreign_case: Case, other_adviser: User
) -> None:
    client.force_login(other_adviser)

    response = _request(client, name, foreign_case, other_adviser)

    assert response.status_code == 200
    assert "Fenna Vreemd" not in response.content.decode(errors="replace")


def _snapshot(case: Case) -> tuple[object, ...]:
    case.refresh_from_db()
    return (
        case.status,
        case.assigned_to_id,
        case.notes.count(),
        case.contact_moments.count(),
        case.appointments.filter(is_cancelled=False).count(),
        case.documents.count(),
        case.plan.steps.count(),
        list(case.plan.steps.values_list("status", flat=True)),
        case.trajectories.count(),
        sum(t.outcomes.count() for t in case.trajectories.all()),
        case.target_groups.count(),
        case.person.name,
    )


# --- The processing log on every access path ---------------------------------------------
# For each route: the request an adviser (or team lead, or the resident) of the case's own
# region makes; it must succeed and leave at least one row about the person in the log.
OWN: dict[str, tuple[str, dict[str, Any] | None]] = {
    "advice:queue": ("adviser", None),
    "advice:follow-ups": ("adviser", None),
    "advice:my-plans": ("resident", None),
    "advice:case": ("adviser", None),
    "advice:case-status": ("adviser", {"status-status": "waiting"}),
    "advice:case-take": ("team_lead", None),
    "advice:case-assign": ("team_lead", {"assign-adviser": "{adviser}"}),
    "advice:case-target-groups": ("adviser", {"groups-groups": ["young", "fifty_plus"]}),
    "advice:note-add": ("adviser", {"note-text": "Gebeld", "note-visibility": "team"}),
    "advice:contact-add": (
        "adviser",
        {"contact-happened_at": "2026-11-20T10:00", "contact-channel": "phone", "contact-summary": "Gebeld"},
    ),
    "advice:appointment-add": (
        "adviser",
        {"appointment-starts_at": "2027-01-20T10:00", "appointment-place": "Loket", "appointment-subject": "Plan"},
    ),
    "advice:appointment-cancel": ("adviser", None),
    "advice:document-upload": ("adviser", {"title": "Cv", "file": "{pdf}"}),
    "advice:document-download": ("adviser", None),
    "advice:document-delete": ("adviser", None),
    "advice:plan-edit": ("adviser", None),
    "advice:plan-step-add": ("adviser", {"description": "Proefles volgen", "status": "planned"}),
    "advice:plan-step-change": ("adviser", {"status": "done"}),
    "advice:plan-pdf": ("adviser", None),
    "advice:trajectory-add": ("adviser", {"kind": "orientation", "started_on": "2026-11-01"}),
    "advice:outcome-add": ("adviser", {"kind": "training_completed", "on_date": "{today}"}),
    "advice:person-export-json": ("adviser", None),
    "advice:person-export-pdf": ("adviser", None),
    "advice:person-erase": ("team_lead", None),
    "advice:my-plan-pdf": ("resident", None),
    "api-advice-case-list": ("adviser", None),
    "api-advice-case-detail": ("adviser", None),
    "api-advice-case-status": ("adviser", {"status": "waiting"}),
    "api-advice-case-notes": ("adviser", {"text": "Gebeld", "visibility": "team"}),
    "api-advice-case-trajectories": ("adviser", {"kind": "orientation", "started_on": "2026-11-01"}),
    "api-advice-case-outcomes": ("adviser", {"kind": "training_completed", "on_date": "{today}"}),
}


def test_every_route_is_in_the_processing_log_table() -> None:
    assert set(OWN) == set(ROUTES)


@pytest.fixture
def own_case(foreign_case: Case) -> Case:
    """The same case, now seen from its own region; with a due six-month follow-up."""
    trajectory = foreign_case.trajectories.get()
    placement: Outcome = OutcomeFactory.create(
        trajectory=trajectory, kind="placed", employer_name="Zorggroep", hours_per_week=24, contract_type="permanent"
    )
    FollowUp.objects.create(trajectory=trajectory, placement=placement, region_code="AM27", due_on=timezone.localdate())
    return foreign_case


@pytest.mark.parametrize("name", sorted(OWN))
def test_each_access_of_the_own_region_is_logged(
    name: str, client: Client, own_case: Case, adviser: User, team_lead: User
) -> None:
    role, data = OWN[name]
    user = {"adviser": adviser, "team_lead": team_lead}.get(role) or desk_resident(own_case)
    client.force_login(user)
    before = ProcessingLogEntry.objects.filter(person_id=own_case.person_id, actor_id=user.pk).count()
    url = reverse(name, kwargs=_kwargs(name, own_case))
    filled = {key: _fill(value, adviser) for key, value in (data or {}).items()}

    if ROUTES[name].method == "GET":
        response = client.get(url)
    elif name.startswith("api-"):
        response = client.post(url, filled, content_type="application/json")
    else:
        response = client.post(url, filled)

    assert response.status_code < 400, response.content[:500]
    after = ProcessingLogEntry.objects.filter(person_id=own_case.person_id, actor_id=user.pk).count()
    assert after > before


def _fill(value: Any, adviser: User) -> Any:
    if value == "{adviser}":
        return str(adviser.pk)
    if value == "{today}":
        return timezone.localdate().isoformat()
    if value == "{pdf}":
        return SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    return value


def desk_resident(case: Case) -> User:
    """The resident the case is for, logged in with the person's e-mail address."""
    resident: User = UserFactory.create(email=case.person.email)
    MembershipFactory(user=resident, role=Role.RESIDENT, organisation=None)
    return resident
