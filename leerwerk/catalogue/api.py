"""REST API of the catalogue: the public offers and providers, and the provider API with
which a provider creates, replaces and withdraws its own offers (authenticated with the
provider's API token)."""

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, NotFound, PermissionDenied
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from leerwerk.catalogue.ingest.fields import check_run
from leerwerk.catalogue.ingest.records import OfferRecord, RunRecord
from leerwerk.catalogue.models import Offer, Provider, ProviderToken
from leerwerk.catalogue.selectors import (
    get_provider_offer,
    get_public_offer,
    get_public_provider,
    list_public_providers,
)
from leerwerk.catalogue.services import authenticate_token, save_offer_record, withdraw_offer
from leerwerk.catalogue.vocabulary import (
    Delivery,
    DurationUnit,
    FundingOption,
    LearningPath,
    Level,
    Schedule,
    Sector,
)
from leerwerk.core.pagination import Pagination, paginated_response
from leerwerk.core.problems import problem_responses
from leerwerk.regions.selectors import list_municipality_codes

# --- Output ---------------------------------------------------------------------------


class ProviderSummary(serializers.Serializer[Provider]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Provider.Kind.choices)


class RunOutput(serializers.Serializer[Any]):
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    start_anytime = serializers.BooleanField()
    municipality_code = serializers.CharField(source="municipality.code", allow_null=True, default=None)
    municipality_name = serializers.CharField(source="municipality.name", allow_null=True, default=None)
    address = serializers.CharField()
    seats = serializers.IntegerField(allow_null=True)
    schedule = serializers.CharField(help_text="daytime, evening, weekend or empty")


class OfferSummary(serializers.Serializer[Offer]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    provider = ProviderSummary()
    level = serializers.ChoiceField(choices=Level.choices)
    sector = serializers.ChoiceField(choices=Sector.choices)
    delivery = serializers.ChoiceField(choices=Delivery.choices)
    price_cents = serializers.IntegerField(allow_null=True, help_text="Price including VAT in cents; null: unknown.")
    funding_options = serializers.ListField(child=serializers.ChoiceField(choices=FundingOption.choices))
    url = serializers.URLField(allow_blank=True)


class OfferDetail(OfferSummary):
    external_id = serializers.CharField(help_text="The provider's own id.")
    description = serializers.CharField()
    programme_register = serializers.CharField(help_text="crebo, croho or empty")
    programme_code = serializers.CharField()
    learning_path = serializers.CharField(help_text="bol, bbl, full_time, part_time, dual or empty")
    language = serializers.CharField()
    duration_value = serializers.IntegerField(allow_null=True)
    duration_unit = serializers.CharField(help_text="hours, days, weeks, months, years or empty")
    study_load_hours = serializers.IntegerField(allow_null=True)
    hours_per_week = serializers.IntegerField(allow_null=True)
    price_includes = serializers.CharField()
    status = serializers.ChoiceField(choices=Offer.Status.choices)
    last_changed_at = serializers.DateTimeField()
    runs = RunOutput(many=True)


class RecognitionOutput(serializers.Serializer[Any]):
    kind = serializers.CharField()
    description = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)


class ProviderDetail(ProviderSummary):
    brin_code = serializers.CharField()
    kvk_number = serializers.CharField()
    website = serializers.URLField(allow_blank=True)
    places = serializers.CharField()
    offer_count = serializers.IntegerField(help_text="Published offers.")
    recognitions = RecognitionOutput(many=True)


# --- Public endpoints -----------------------------------------------------------------


class PublicApiView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]


class OfferDetailApi(PublicApiView):
    @extend_schema(
        operation_id="offers_read",
        summary="Read one public offer",
        tags=["offers"],
        responses={200: OfferDetail, **problem_responses(404)},
    )
    def get(self, request: Request, offer_id: int) -> Response:
        try:
            offer = get_public_offer(offer_id=offer_id)
        except Offer.DoesNotExist as error:
            raise NotFound(_("There is no public offer with this id.")) from error
        return Response(OfferDetail(offer).data)


class ProviderListApi(PublicApiView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="providers_list",
        summary="List the admitted providers",
        tags=["providers"],
        responses={200: ProviderSummary(many=True), **problem_responses(404)},
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            request=request, view=self, items=list_public_providers(), serializer_class=ProviderSummary
        )


class ProviderDetailApi(PublicApiView):
    @extend_schema(
        operation_id="providers_read",
        summary="Read one admitted provider",
        tags=["providers"],
        responses={200: ProviderDetail, **problem_responses(404)},
    )
    def get(self, request: Request, provider_id: int) -> Response:
        try:
            provider = get_public_provider(provider_id=provider_id)
        except Provider.DoesNotExist as error:
            raise NotFound(_("There is no admitted provider with this id.")) from error
        return Response(ProviderDetail(provider).data)


# --- The provider API -----------------------------------------------------------------


class ProviderTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer lw_…` with a key from the provider workspace."""

    def authenticate(self, request: Request) -> tuple[Any, ProviderToken] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer":
            return None
        if len(header) != 2:
            raise AuthenticationFailed(_("Send the key as: Authorization: Bearer <key>."))
        token = authenticate_token(key=header[1].decode("ascii", "replace"))
        if token is None:
            raise AuthenticationFailed(_("This API key is unknown or revoked."))
        return AnonymousUser(), token

    def authenticate_header(self, request: Request) -> str:
        return "Bearer"


class ProviderTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "leerwerk.catalogue.api.ProviderTokenAuthentication"
    name = "providerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "A provider's API key (provider workspace)."}


class IsTheProvidersToken(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        token = request.auth
        if not isinstance(token, ProviderToken):
            return False
        if token.provider_id != view.kwargs.get("provider_id"):
            raise PermissionDenied(_("This key belongs to another provider."))
        return True


class RunInput(serializers.Serializer[Any]):
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)
    start_anytime = serializers.BooleanField(default=False)
    municipality = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="CBS municipality code, e.g. GM0796; empty for online."
    )
    address = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    seats = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    schedule = serializers.ChoiceField(choices=Schedule.choices, required=False, allow_blank=True, default="")


class OfferInput(serializers.Serializer[Any]):
    title = serializers.CharField(min_length=3, max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=20_000)
    level = serializers.ChoiceField(choices=Level.choices, default=Level.NONE)
    sector = serializers.ChoiceField(choices=Sector.choices, default=Sector.OTHER)
    programme_code = serializers.RegexField(
        r"^\d{5}$", required=False, allow_blank=True, default="", help_text="CREBO (MBO) or CROHO code, five digits."
    )
    learning_path = serializers.ChoiceField(choices=LearningPath.choices, required=False, allow_blank=True, default="")
    delivery = serializers.ChoiceField(choices=Delivery.choices, default=Delivery.CLASSROOM)
    language = serializers.RegexField(r"^[a-z]{2}$", default="nl")
    duration_value = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    duration_unit = serializers.ChoiceField(choices=DurationUnit.choices, required=False, allow_blank=True, default="")
    study_load_hours = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    hours_per_week = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100)
    price = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        allow_null=True,
        help_text="Euros including VAT; null when unknown.",
    )
    price_includes = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    funding_options = serializers.ListField(
        child=serializers.ChoiceField(choices=FundingOption.choices), required=False, default=list
    )
    url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    status = serializers.ChoiceField(choices=[("published", "published"), ("draft", "draft")], default="published")
    runs = RunInput(many=True, required=False, default=list)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        known = list_municipality_codes()
        errors: dict[str, Any] = {}
        for index, run in enumerate(data.get("runs", [])):
            code = run.get("municipality", "").upper()
            if code and code not in known:
                errors[f"runs[{index}].municipality"] = _("There is no municipality with this CBS code.")
            record = _run_record(run)
            for problem in check_run(record):
                errors[f"runs[{index}].{'starts_on' if problem.field == 'startdatum' else 'ends_on'}"] = problem.message
        if data.get("duration_value") is not None and not data.get("duration_unit"):
            errors["duration_unit"] = _("Say in which unit the duration is.")
        if errors:
            raise serializers.ValidationError(errors)
        return data


def _run_record(run: dict[str, Any]) -> RunRecord:
    return RunRecord(
        starts_on=run.get("starts_on"),
        ends_on=run.get("ends_on"),
        start_anytime=run.get("start_anytime", False),
        municipality_code=run.get("municipality", "").upper(),
        address=run.get("address", ""),
        seats=run.get("seats"),
        schedule=run.get("schedule", ""),
    )


def _record(external_id: str, data: dict[str, Any]) -> OfferRecord:
    code = data.get("programme_code", "")
    level = data["level"]
    price = data.get("price")
    return OfferRecord(
        external_id=external_id,
        title=data["title"].strip(),
        description=data["description"].strip(),
        level=level,
        sector=data["sector"],
        programme_register=("crebo" if level.startswith("mbo") or level == "none" else "croho") if code else "",
        programme_code=code,
        learning_path=data["learning_path"],
        delivery=data["delivery"],
        language=data["language"],
        duration_value=data.get("duration_value"),
        duration_unit=data["duration_unit"],
        study_load_hours=data.get("study_load_hours"),
        hours_per_week=data.get("hours_per_week"),
        price_cents=None if price is None else int(price * 100),
        price_includes=data["price_includes"],
        funding_options=tuple(sorted(set(data["funding_options"]))),
        url=data["url"],
        publish=data["status"] == "published",
        runs=tuple(_run_record(run) for run in data["runs"]),
    )


_PATH = [
    OpenApiParameter("provider_id", int, OpenApiParameter.PATH, description="The provider's id in Leerwerk."),
    OpenApiParameter("external_id", str, OpenApiParameter.PATH, description="The provider's own id of the offer."),
]


class ProviderOfferApi(APIView):
    authentication_classes = [ProviderTokenAuthentication]
    permission_classes = [IsTheProvidersToken]

    def _offer(self, provider_id: int, external_id: str) -> Offer:
        try:
            return get_provider_offer(provider_id=provider_id, external_id=external_id)
        except Offer.DoesNotExist as error:
            raise NotFound(_("This provider has no offer with this id.")) from error

    @extend_schema(
        operation_id="provider_offers_read",
        summary="Read one of your offers",
        tags=["provider API"],
        parameters=_PATH,
        responses={200: OfferDetail, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, provider_id: int, external_id: str) -> Response:
        return Response(OfferDetail(self._offer(provider_id, external_id)).data)

    @extend_schema(
        operation_id="provider_offers_put",
        summary="Create or replace one of your offers",
        description="The body replaces the offer completely, including its runs. 201 when it is new, 200 otherwise.",
        tags=["provider API"],
        parameters=_PATH,
        request=OfferInput,
        responses={200: OfferDetail, 201: OfferDetail, **problem_responses(400, 401, 403, 404)},
    )
    def put(self, request: Request, provider_id: int, external_id: str) -> Response:
        token = request.auth
        assert isinstance(token, ProviderToken)  # noqa: S101  (guaranteed by IsTheProvidersToken)
        incoming = OfferInput(data=request.data)
        incoming.is_valid(raise_exception=True)
        if len(external_id) > 200 or any(character in external_id for character in "\\?#"):
            raise serializers.ValidationError({"external_id": _("An id has at most 200 characters and no \\ ? or #.")})
        offer, happened = save_offer_record(
            provider=token.provider, record=_record(external_id, incoming.validated_data)
        )
        return Response(OfferDetail(offer).data, status=201 if happened == "new" else 200)

    @extend_schema(
        operation_id="provider_offers_delete",
        summary="Withdraw one of your offers",
        description="Withdrawn offers are no longer public; they are kept, not deleted.",
        tags=["provider API"],
        parameters=_PATH,
        responses={204: None, **problem_responses(401, 403, 404)},
    )
    def delete(self, request: Request, provider_id: int, external_id: str) -> Response:
        withdraw_offer(offer=self._offer(provider_id, external_id))
        return Response(status=204)
