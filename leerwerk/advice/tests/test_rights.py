"""The person's rights: the export holds everything we keep about them, and erasure removes
the personal data while the facts the indicators count stay exactly as they were."""

import datetime
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db.models import Count
from django.utils import timezone

from leerwerk.accounts.models import Role
from leerwerk.advice.models import (
    Case,
    CaseTargetGroup,
    DevelopmentPlan,
    Document,
    FollowUp,
    Outcome,
    Trajectory,
)
from leerwerk.advice.selectors.rights import get_person_data, months_before
from leerwerk.advice.services.rights import erase_person, export_person
from leerwerk.advice.tests.factories import (
    AppointmentFactory,
    CaseFactory,
    CaseTargetGroupFactory,
    ContactMomentFactory,
    DevelopmentPlanFactory,
    NoteFactory,
    OutcomeFactory,
    PersonFactory,
    PlanStepFactory,
    TrajectoryFactory,
    desk_user,
)
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.audit.services import Purpose, Via
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.journeys.tests.factories import AdviceRequestFactory, InterestFactory

pytestmark = pytest.mark.django_db

NAME = "Zwaantje Qwertyuiop"
EMAIL = "zwaantje.geheim@voorbeeld.test"
PHONE = "0699887766"
QUESTION = "GEHEIME-VRAAG over mijn schulden"
NOTE = "GEHEIME-NOTITIE over de gezondheid"
SUMMARY = "GEHEIM-GESPREK met de inwoner"
PLACE = "GEHEIME-PLEK Dorpsstraat 7"
PLAN_GOAL = "GEHEIM-DOEL verzorgende worden"
STEP = "GEHEIME-STAP intake"
DOCUMENT_TITLE = "GEHEIM-CV Zwaantje"
FILE_CONTENT = b"%PDF-1.4 GEHEIM-BESTAND"
SECRETS = [NAME, EMAIL, PHONE, QUESTION, NOTE, SUMMARY, PLACE, PLAN_GOAL, STEP, DOCUMENT_TITLE]


def add_document(case, *, title=DOCUMENT_TITLE, content=FILE_CONTENT):
    token = uuid.uuid4().hex
    return Document.objects.create(
        case=case, token=token, file=ContentFile(content, name="cv.pdf"), title=title, kind="pdf", size=len(content)
    )


def full_case(person, **fields):
    """A case with something of every kind, the personal parts marked GEHEIM."""
    interest = InterestFactory(name=NAME, email=EMAIL, phone=PHONE, question=QUESTION)
    request = AdviceRequestFactory(name=NAME, email=EMAIL, phone=PHONE, message=QUESTION, interest=interest)
    case = CaseFactory(person=person, request=request, question=QUESTION, goal="learn", **fields)
    CaseTargetGroupFactory(case=case, group="young")
    CaseTargetGroupFactory(case=case, group="on_benefits")
    NoteFactory(case=case, text=NOTE)
    ContactMomentFactory(case=case, summary=SUMMARY)
    AppointmentFactory(case=case, place=PLACE)
    PlanStepFactory(plan=DevelopmentPlanFactory(case=case, goal=PLAN_GOAL), description=STEP)
    add_document(case)
    training = TrajectoryFactory(case=case)
    OutcomeFactory(trajectory=training, kind=Outcome.Kind.TRAINING_STARTED)
    work = TrajectoryFactory(case=case, kind=Trajectory.Kind.WORK_TO_WORK)
    placed = OutcomeFactory(
        trajectory=work, kind=Outcome.Kind.PLACED, employer_name="Bakkerij Van Dijk BV", hours_per_week=32
    )
    FollowUp.objects.create(
        trajectory=work, placement=placed, region_code=case.region_code, due_on=timezone.localdate()
    )
    return case


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test its own MEDIA_ROOT, so that what is in it is this test's alone."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def person():
    return PersonFactory(name=NAME, email=EMAIL, phone=PHONE, postcode="5211")


def test_the_export_holds_everything_kept_about_the_person(person, adviser):
    case = full_case(person, in_progress=True, assigned_to=adviser)
    export_person(actor=adviser, person=person, via=Via.PAGE)  # a row for the log below

    data = get_person_data(person=person)

    assert data["person"]["name"] == NAME
    assert data["person"]["email"] == EMAIL
    assert data["person"]["consent_version"] == "advice-1"
    [exported] = data["cases"]
    assert exported["id"] == case.pk
    assert exported["question"] == QUESTION
    assert exported["adviser"] == "Ada Adviseur"
    assert {group["group"] for group in exported["target_groups"]} == {"young", "on_benefits"}
    assert exported["notes"][0]["text"] == NOTE
    assert exported["notes"][0]["visibility"] == "team"
    assert exported["contact_moments"][0]["summary"] == SUMMARY
    assert exported["appointments"][0]["place"] == PLACE
    assert exported["documents"] == [
        {
            "title": DOCUMENT_TITLE,
            "kind": "pdf",
            "size": len(FILE_CONTENT),
            "uploaded_at": exported["documents"][0]["uploaded_at"],
        }
    ]
    assert exported["plan"]["goal"] == PLAN_GOAL
    assert exported["plan"]["steps"][0]["description"] == STEP
    assert [trajectory["kind"] for trajectory in exported["trajectories"]] == ["training", "work_to_work"]
    assert exported["trajectories"][1]["outcomes"][0]["employer_name"] == "Bakkerij Van Dijk BV"
    assert len(exported["trajectories"][1]["follow_ups"]) == 1
    [logged] = data["processing_log"]
    assert (logged["user"], logged["role"], logged["action"], logged["purpose"]) == (
        adviser.email,
        "adviser",
        "export",
        "access_request",
    )


def test_the_export_takes_the_same_number_of_queries_for_one_case_or_three(person, django_assert_num_queries):
    full_case(person)
    with django_assert_num_queries(11) as one:
        get_person_data(person=person)
    full_case(person)
    full_case(person, closed=True)
    with django_assert_num_queries(len(one.captured_queries)):
        data = get_person_data(person=person)
    assert len(data["cases"]) == 3


def test_an_export_is_logged_once_per_case_on_the_persons_request(person, adviser):
    first, second = CaseFactory(person=person), CaseFactory(person=person)
    export_person(actor=adviser, person=person, via=Via.API)
    rows = ProcessingLogEntry.objects.filter(person_id=person.pk, action="export")
    assert sorted(rows.values_list("case_id", flat=True)) == [first.pk, second.pk]
    assert {(row.purpose, row.via, row.actor_id) for row in rows} == {("access_request", "api", adviser.pk)}


def test_an_export_of_a_person_without_cases_is_one_row(adviser):
    lonely = PersonFactory()
    export_person(actor=adviser, person=lonely, via=Via.PAGE)
    row = ProcessingLogEntry.objects.get(person_id=lonely.pk)
    assert (row.action, row.case_id, row.subject, row.subject_id) == ("export", None, "person", lonely.pk)


def _indicator_counts():
    return {
        "outcomes": sorted(
            Outcome.objects.values_list("kind", "trajectory__region_code").annotate(n=Count("pk")).order_by()
        ),
        "trajectories": sorted(Trajectory.objects.values_list("kind").annotate(n=Count("pk")).order_by()),
        "target_groups": sorted(CaseTargetGroup.objects.values_list("group").annotate(n=Count("case")).order_by()),
        "cases": sorted(Case.objects.values_list("region_code", "status", "goal").annotate(n=Count("pk")).order_by()),
        "follow_ups": FollowUp.objects.count(),
        "placed_employers": sorted(Outcome.objects.exclude(employer_name="").values_list("employer_name", flat=True)),
    }


def _everything_in_the_database():
    rows = []
    for model in apps.get_models(include_auto_created=True):
        rows.extend(repr(row) for row in model._default_manager.values_list())
    return "\n".join(rows)


def _everything_in_media_root():
    root = Path(django_settings.MEDIA_ROOT)
    return b"".join(path.read_bytes() for path in root.rglob("*") if path.is_file())


def test_erasure_keeps_the_indicators_and_leaves_no_personal_value_anywhere(
    person, team_lead, django_capture_on_commit_callbacks
):
    full_case(person, closed=True)
    full_case(person, in_progress=True)
    bystander = CaseFactory(region_code="AM28", question="Een andere vraag")
    NoteFactory(case=bystander)
    add_document(bystander, title="Diploma", content=b"%PDF-1.4 ANDER-BESTAND")
    before = _indicator_counts()
    assert NAME in _everything_in_the_database()
    assert FILE_CONTENT in _everything_in_media_root()

    with django_capture_on_commit_callbacks(execute=True):
        report = erase_person(actor=team_lead, person=person, purpose=Purpose.ERASURE_REQUEST, via=Via.PAGE)

    assert _indicator_counts() == before
    everything = _everything_in_the_database()
    assert [secret for secret in SECRETS if secret in everything] == []
    assert FILE_CONTENT not in _everything_in_media_root()
    assert b"ANDER-BESTAND" in _everything_in_media_root()  # someone else's document stays
    assert "Een andere vraag" in everything
    assert Document.objects.filter(case__person=person).count() == 0
    assert (report.cases, report.notes, report.documents, report.plans) == (2, 2, 2, 2)


def test_erasure_leaves_no_personal_value_when_the_person_is_alone(
    person, team_lead, django_capture_on_commit_callbacks
):
    full_case(person, closed=True)
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(actor=team_lead, person=person, purpose=Purpose.ERASURE_REQUEST, via=Via.PAGE)
    everything = _everything_in_the_database()
    assert [secret for secret in SECRETS if secret in everything] == []
    assert FILE_CONTENT not in _everything_in_media_root()


def test_erasure_empties_the_person_and_marks_the_cases(person, team_lead):
    case = full_case(person, closed=True)
    now = timezone.now()
    erase_person(actor=team_lead, person=person, purpose=Purpose.ERASURE_REQUEST, via=Via.PAGE, now=now)
    person.refresh_from_db()
    assert (person.name, person.email, person.phone, person.postcode, person.consent_version) == ("", "", "", "", "")
    assert person.consented_at is None
    assert person.erased_at == now
    assert person.region_code == "AM27"
    case.refresh_from_db()
    assert (case.question, case.personal_data_erased_at, case.status, case.goal) == ("", now, "closed", "learn")
    assert not DevelopmentPlan.objects.filter(case=case).exists()
    request = AdviceRequest.objects.get(pk=case.request_id)
    assert (request.name, request.email, request.phone, request.message) == ("", "", "", "")
    interest = Interest.objects.get(pk=request.interest_id)
    assert (interest.name, interest.email, interest.question) == ("", "", "")


def test_erasure_is_logged_per_case_with_the_purpose(person, team_lead):
    first, second = CaseFactory(person=person), CaseFactory(person=person)
    erase_person(actor=team_lead, person=person, purpose=Purpose.ERASURE_REQUEST, via=Via.PAGE)
    rows = ProcessingLogEntry.objects.filter(person_id=person.pk, action="erase")
    assert sorted(rows.values_list("case_id", flat=True)) == [first.pk, second.pk]
    assert {(row.actor_id, row.actor_role, row.purpose, row.via) for row in rows} == {
        (team_lead.pk, "team_lead", "erasure_request", "page")
    }


def test_an_adviser_may_not_erase(person, adviser):
    case = CaseFactory(person=person, question=QUESTION)
    with pytest.raises(PermissionDenied):
        erase_person(actor=adviser, person=person, purpose=Purpose.ERASURE_REQUEST, via=Via.PAGE)
    case.refresh_from_db()
    assert case.question == QUESTION
    assert not ProcessingLogEntry.objects.filter(action="erase").exists()


def test_a_team_lead_of_another_region_may_not_erase(person):
    other_lead = desk_user(region_code="AM28", role=Role.TEAM_LEAD)
    with pytest.raises(PermissionDenied):
        erase_person(actor=other_lead, person=person, purpose=Purpose.ERASURE_REQUEST, via=Via.PAGE)


def test_a_failed_erasure_keeps_the_files(person, team_lead, django_capture_on_commit_callbacks, monkeypatch):
    document = add_document(CaseFactory(person=person))
    path = Path(document.file.path)
    monkeypatch.setattr(
        "leerwerk.advice.services.rights._erase_requests", lambda cases, now: (_ for _ in ()).throw(RuntimeError)
    )
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        erase_person(actor=team_lead, person=person, purpose=Purpose.ERASURE_REQUEST, via=Via.PAGE)
    assert path.exists()
    assert Document.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (
            datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC),
            1,
            datetime.datetime(2026, 2, 28, 12, tzinfo=datetime.UTC),
        ),
        (datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC), 24, datetime.datetime(2024, 1, 15, tzinfo=datetime.UTC)),
        (datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC), 13, datetime.datetime(2024, 12, 15, tzinfo=datetime.UTC)),
    ],
)
def test_months_are_counted_as_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected
