"""REST API of the reference data: labour-market regions and municipalities, per year."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from leerwerk.core.pagination import Pagination, paginated_response
from leerwerk.core.problems import problem_responses
from leerwerk.regions.models import LabourMarketRegion
from leerwerk.regions.selectors import current_year, get_region, list_municipalities, list_regions


class YearFilter(serializers.Serializer[Any]):
    year = serializers.IntegerField(
        required=False,
        min_value=1900,
        max_value=2100,
        help_text="The year whose composition is asked for; the current year when left out.",
    )

    def chosen_year(self) -> int:
        return int(self.validated_data.get("year", current_year()))


class Region(serializers.Serializer[LabourMarketRegion]):
    code = serializers.CharField(help_text="CBS code, for example AM27.")
    name = serializers.CharField()
    is_served = serializers.BooleanField(help_text="Whether this deployment serves the region.")
    municipality_count = serializers.IntegerField(help_text="Municipalities in the region in that year.")


class Municipality(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="CBS code, for example GM0796.")
    name = serializers.CharField()
    province_code = serializers.CharField(help_text="CBS code of the province, for example PV30.")
    province_name = serializers.CharField()


class MunicipalityWithRegion(Municipality):
    region_code = serializers.CharField(help_text="The municipality's region in that year.")
    region_name = serializers.CharField()


class RegionWithMunicipalities(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField(help_text="CBS code, for example AM27.")
    name = serializers.CharField()
    is_served = serializers.BooleanField(help_text="Whether this deployment serves the region.")
    year = serializers.IntegerField(help_text="The year of this composition.")
    municipalities = Municipality(many=True)


class PublicApiView(APIView):
    """Reference data is public: no login."""

    authentication_classes = []
    permission_classes = [AllowAny]


class RegionListApi(PublicApiView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="regions_list",
        summary="List the labour-market regions",
        description="All 35 regions with the number of municipalities they had in the given year.",
        tags=["regions"],
        parameters=[YearFilter],
        responses={200: Region(many=True), **problem_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        filters = YearFilter(data=request.query_params)
        filters.is_valid(raise_exception=True)
        regions = list_regions(year=filters.chosen_year())
        return paginated_response(request=request, view=self, items=regions, serializer_class=Region)


class RegionDetailApi(PublicApiView):
    @extend_schema(
        operation_id="regions_read",
        summary="Read one region with its municipalities",
        description="The region and the municipalities that belonged to it in the given year.",
        tags=["regions"],
        parameters=[
            YearFilter,
            OpenApiParameter("code", str, OpenApiParameter.PATH, pattern=r"^AM\d{2}$", description="CBS region code."),
        ],
        responses={200: RegionWithMunicipalities, **problem_responses(400, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        filters = YearFilter(data=request.query_params)
        filters.is_valid(raise_exception=True)
        try:
            region = get_region(code=code)
        except LabourMarketRegion.DoesNotExist as error:
            raise NotFound(_("There is no labour-market region with code %(code)s.") % {"code": code}) from error
        year = filters.chosen_year()
        data = {
            "code": region.code,
            "name": region.name,
            "is_served": region.is_served,
            "year": year,
            "municipalities": list_municipalities(region=region, year=year),
        }
        return Response(RegionWithMunicipalities(data).data)


class MunicipalityFilter(YearFilter):
    region = serializers.CharField(required=False, help_text="Only this region's municipalities, for example AM27.")

    def validate_region(self, value: str) -> str:
        try:
            return get_region(code=value).code
        except LabourMarketRegion.DoesNotExist as error:
            raise serializers.ValidationError(_("There is no labour-market region with this code.")) from error


class MunicipalityListApi(PublicApiView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="municipalities_list",
        summary="List municipalities",
        description="The municipalities of the given year, each with the region it belonged to that year.",
        tags=["municipalities"],
        parameters=[MunicipalityFilter],
        responses={200: MunicipalityWithRegion(many=True), **problem_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        filters = MunicipalityFilter(data=request.query_params)
        filters.is_valid(raise_exception=True)
        municipalities = list_municipalities(region=filters.validated_data.get("region"), year=filters.chosen_year())
        return paginated_response(
            request=request, view=self, items=municipalities, serializer_class=MunicipalityWithRegion
        )
