"""`/api/v1/advice/…`: the advisers' workspace as a REST API, for advisers and team leads
logged in to the workspace (session cookie). The same services and access rules as the
pages: a case outside the user's regions is not found (404), every read and write of a
person's data is logged in the processing log (via "api")."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from leerwerk.accounts.models import User
from leerwerk.advice.models import Case, Note, Outcome, TargetGroup, Trajectory
from leerwerk.advice.selectors.access import get_case_for_adviser, is_desk_member, list_desk_region_codes
from leerwerk.advice.selectors.queue import (
    ASSIGNED_ME,
    ASSIGNED_NOBODY,
    SORT_NEWEST,
    SORT_OLDEST,
    STATUS_ALL,
    STATUS_OPEN,
    QueueFilters,
    list_queue,
)
from leerwerk.advice.selectors.trajectories import get_trajectory
from leerwerk.advice.serializers import CaseDetail, CaseSummary, NoteOutput, OutcomeOutput, TrajectoryOutput
from leerwerk.advice.services.access import log_cases_listed, read_case
from leerwerk.advice.services.cases import CaseRuleError, add_note, change_status, take_in_requests
from leerwerk.advice.services.trajectories import add_outcome, add_trajectory
from leerwerk.audit.services import Via
from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.selectors import get_public_offer
from leerwerk.core.pagination import Pagination
from leerwerk.core.problems import problem_responses
from leerwerk.journeys.models import AdviceRequest
from leerwerk.regions.models import Municipality
from leerwerk.skills.models import Occupation
from leerwerk.skills.selectors import get_occupation, get_occupation_by_uri

TAGS = ["advice"]
ACCESS = (
    "For advisers and team leads of a region's advice desk, logged in to the workspace (session cookie). "
    "A case of a region outside the caller's own is not found (404). "
)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This conflicts with the current state."
    default_code = "conflict"


def _user(request: Request) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101  (IsAuthenticated let only a user through)
    return user


def _case(request: Request, case_id: int) -> Case:
    """The case to change, if it is the caller's (the change itself is logged by the service)."""
    try:
        return get_case_for_adviser(user=_user(request), case_id=case_id)
    except Case.DoesNotExist as error:
        raise Http404 from error


def _invalid(error: DjangoValidationError) -> ApiValidationError:
    """A service's ValidationError as the API's 400 (with invalid-params)."""
    if hasattr(error, "error_dict"):
        return ApiValidationError(error.message_dict)
    return ApiValidationError({"non_field_errors": error.messages})


# --- Fields ---------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class OfferField(serializers.Field[Offer, int, int, Any]):
    """A public offer, by its id."""

    def to_internal_value(self, data: Any) -> Offer:
        try:
            return get_public_offer(offer_id=int(data))
        except (TypeError, ValueError, Offer.DoesNotExist) as error:
            raise serializers.ValidationError(_("There is no public offer with this id.")) from error

    def to_representation(self, value: Offer) -> int:
        return value.pk


@extend_schema_field(OpenApiTypes.STR)
class OccupationField(serializers.Field[Occupation, str, str, Any]):
    """An ESCO occupation, by its ESCO address (URI) or by its id here."""

    def to_internal_value(self, data: Any) -> Occupation:
        try:
            if isinstance(data, int) or (isinstance(data, str) and data.isdigit()):
                return get_occupation(occupation_id=int(data))
            if isinstance(data, str) and data.startswith("http"):
                return get_occupation_by_uri(uri=data)
        except Occupation.DoesNotExist:
            pass
        raise serializers.ValidationError(_("There is no occupation with this ESCO address or id."))

    def to_representation(self, value: Occupation) -> str:
        return value.uri


# --- The list of cases ------------------------------------------------------------------


class CaseListInput(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=[("open", "every status but closed"), (STATUS_ALL, "every status"), *Case.Status.choices],
        default="open",
        help_text="Default: the open cases (every status but closed).",
    )
    region = serializers.CharField(
        required=False, max_length=4, help_text="Only this region (CBS code, for example AM27), one of the caller's."
    )
    assigned = serializers.ChoiceField(
        choices=[(ASSIGNED_ME, "assigned to the caller"), (ASSIGNED_NOBODY, "assigned to nobody")],
        required=False,
        help_text="Only the caller's cases, or only the cases nobody works yet.",
    )
    target_group = serializers.ChoiceField(choices=TargetGroup.choices, required=False)
    situation = serializers.ChoiceField(choices=AdviceRequest.Situation.choices, required=False)
    municipality = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Municipality.objects.all(),
        required=False,
        help_text="The person's municipality (CBS code, for example GM0796).",
    )
    sort = serializers.ChoiceField(
        choices=[(SORT_NEWEST, "newest request first"), (SORT_OLDEST, "longest waiting first")], default=SORT_NEWEST
    )

    def filters(self) -> QueueFilters:
        data = self.validated_data
        municipality = data.get("municipality")
        return QueueFilters(
            status=STATUS_OPEN if data["status"] == "open" else data["status"],
            situation=data.get("situation", ""),
            target_group=data.get("target_group", ""),
            municipality_id=municipality.pk if municipality is not None else None,
            assigned=data.get("assigned", ""),
            region_code=data.get("region", "").upper(),
            sort=data["sort"],
        )


class CaseListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="advice_cases_list",
        summary="List the cases of the caller's regions",
        description=(
            "The cases of the regions of the caller's advice desk, as in the workspace's queue: new advice "
            "requests become cases first. Filters as on the page; paginated. Each listed case is logged as "
            "read in the processing log. Callers without an advice role get 403. " + ACCESS
        ),
        tags=TAGS,
        parameters=[CaseListInput],
        responses={200: CaseSummary(many=True), **problem_responses(400, 403)},
    )
    def get(self, request: Request) -> Response:
        user = _user(request)
        if not is_desk_member(user=user):
            raise PermissionDenied(_("This is for the advisers of a region's advice desk."))
        incoming = CaseListInput(data=request.query_params)
        incoming.is_valid(raise_exception=True)
        region_codes = list_desk_region_codes(user=user)
        take_in_requests(region_codes=region_codes)
        cases = list_queue(user=user, region_codes=region_codes, filters=incoming.filters())
        paginator = Pagination()
        page = paginator.paginate_queryset(cases, request, view=self) or []
        log_cases_listed(actor=user, cases=page, via=Via.API)
        return paginator.get_paginated_response(CaseSummary(page, many=True).data)


# --- One case ---------------------------------------------------------------------------


class CaseDetailApi(APIView):
    @extend_schema(
        operation_id="advice_cases_read",
        summary="Read a case",
        description=(
            "The case with its person, target groups, notes, contact moments, appointments, documents (with "
            "the address to download each), development plan and trajectories with their outcomes. The read "
            "is logged in the processing log. " + ACCESS
        ),
        tags=TAGS,
        responses={200: CaseDetail, **problem_responses(403, 404)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        try:
            case = read_case(actor=_user(request), case_id=case_id, via=Via.API, full=True)
        except Case.DoesNotExist as error:
            raise Http404 from error
        return Response(CaseDetail(case).data)


class StatusInput(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=Case.Status.choices, help_text="The new status.")


class CaseStatusApi(APIView):
    @extend_schema(
        operation_id="advice_cases_status_change",
        summary="Change the status of a case",
        description=(
            "Allowed: new → in progress or closed; in progress → waiting for the resident or closed; waiting → "
            "in progress or closed; closed → in progress (re-opened). Another change is a conflict (409). "
            "Closing starts the retention period of the person's data. " + ACCESS
        ),
        tags=TAGS,
        request=StatusInput,
        responses={200: CaseSummary, **problem_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = _case(request, case_id)
        incoming = StatusInput(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            change_status(actor=_user(request), case=case, status=incoming.validated_data["status"], via=Via.API)
        except CaseRuleError as error:
            raise Conflict(str(error)) from error
        except DjangoValidationError as error:
            raise _invalid(error) from error
        return Response(CaseSummary(case).data)


class NoteInput(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=5000)
    visibility = serializers.ChoiceField(
        choices=Note.Visibility.choices,
        default=Note.Visibility.TEAM,
        help_text="team: the advisers only (default); resident: also shown to the resident with the plan.",
    )


class CaseNotesApi(APIView):
    @extend_schema(
        operation_id="advice_cases_notes_list",
        summary="List the notes of a case",
        description="Newest first. The read is logged in the processing log. " + ACCESS,
        tags=TAGS,
        responses={200: NoteOutput(many=True), **problem_responses(403, 404)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        try:
            case = read_case(actor=_user(request), case_id=case_id, via=Via.API)
        except Case.DoesNotExist as error:
            raise Http404 from error
        return Response(NoteOutput(case.notes.select_related("author"), many=True).data)

    @extend_schema(
        operation_id="advice_cases_notes_create",
        summary="Add a note to a case",
        description="Not on a closed case (409: reopen it first). " + ACCESS,
        tags=TAGS,
        request=NoteInput,
        responses={201: NoteOutput, **problem_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = _case(request, case_id)
        incoming = NoteInput(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            note = add_note(actor=_user(request), case=case, via=Via.API, **incoming.validated_data)
        except CaseRuleError as error:
            raise Conflict(str(error)) from error
        except DjangoValidationError as error:
            raise _invalid(error) from error
        return Response(NoteOutput(note).data, status=status.HTTP_201_CREATED)


# --- Trajectories and outcomes ----------------------------------------------------------


class TrajectoryInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=Trajectory.Kind.choices)
    started_on = serializers.DateField()
    offer = OfferField(required=False, allow_null=True, help_text="The id of a public offer (a training).")


class TrajectoriesApi(APIView):
    @extend_schema(
        operation_id="advice_cases_trajectories_create",
        summary="Start a trajectory for a case",
        description=(
            "A trajectory of a kind (training, work to work, orientation, job search, basic skills) from a "
            "date, for a training optionally with the offer. The region's indicators count its outcomes. " + ACCESS
        ),
        tags=TAGS,
        request=TrajectoryInput,
        responses={201: TrajectoryOutput, **problem_responses(400, 403, 404)},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = _case(request, case_id)
        incoming = TrajectoryInput(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            trajectory = add_trajectory(actor=_user(request), case=case, via=Via.API, **incoming.validated_data)
        except DjangoValidationError as error:
            raise _invalid(error) from error
        return Response(TrajectoryOutput(trajectory).data, status=status.HTTP_201_CREATED)


class OutcomeInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=Outcome.Kind.choices)
    on_date = serializers.DateField(help_text="Not before the trajectory started, not in the future.")
    employer_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    occupation = OccupationField(
        required=False, allow_null=True, help_text="The ESCO address (URI) of the occupation, or its id here."
    )
    hours_per_week = serializers.IntegerField(min_value=1, max_value=60, required=False, allow_null=True)
    contract_type = serializers.ChoiceField(
        choices=Outcome.ContractType.choices, required=False, default="", allow_blank=True
    )
    stop_reason = serializers.ChoiceField(
        choices=Outcome.StopReason.choices, required=False, default="", allow_blank=True
    )


class OutcomesApi(APIView):
    @extend_schema(
        operation_id="advice_cases_outcomes_create",
        summary="Record an outcome of a trajectory",
        description=(
            "Training started or completed (a training trajectory), placed in work (employer, hours a week and "
            "contract needed; a follow-up is then due six months later), still or no longer in work after six "
            "months (completes the follow-up), stopped (with a reason). A trajectory of another case is not "
            "found (404). " + ACCESS
        ),
        tags=TAGS,
        request=OutcomeInput,
        responses={201: OutcomeOutput, **problem_responses(400, 403, 404)},
    )
    def post(self, request: Request, case_id: int, trajectory_id: int) -> Response:
        case = _case(request, case_id)
        try:
            trajectory = get_trajectory(case=case, trajectory_id=trajectory_id)
        except Trajectory.DoesNotExist as error:
            raise Http404 from error
        incoming = OutcomeInput(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            outcome = add_outcome(
                actor=_user(request), case=case, trajectory=trajectory, via=Via.API, **incoming.validated_data
            )
        except DjangoValidationError as error:
            raise _invalid(error) from error
        return Response(OutcomeOutput(outcome).data, status=status.HTTP_201_CREATED)
