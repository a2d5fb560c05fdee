"""`GET /api/v1/analytics/funnel`: the funnel report of the workspace page as JSON, for
analysts, the secretariat and administrators logged in to the workspace (session)."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from leerwerk.analytics.selectors import (
    MAX_WEEKS,
    MEASURES,
    FunnelRow,
    InvalidPeriodError,
    OutOfScopeError,
    choose_period,
    get_funnel_report,
    get_report_scope,
)
from leerwerk.analytics.suppression import Cell, Hidden
from leerwerk.core.problems import problem_responses
from leerwerk.regions.models import LabourMarketRegion
from leerwerk.regions.selectors import get_region

GROUPS = ("week", "region", "campaign")


class FunnelInput(serializers.Serializer[Any]):
    region = serializers.CharField(
        required=False, max_length=10, help_text="Only this labour-market region (CBS code, for example AM27)."
    )
    # "from" is a Python keyword, so the field is set by name.
    locals()["from"] = serializers.DateField(
        required=False, help_text="First day; moved back to its Monday. Default: 12 weeks before `to`."
    )
    to = serializers.DateField(
        required=False, help_text="Last day; moved on to its Sunday. Default: today (or `from`, if later)."
    )
    campaign = serializers.CharField(
        required=False, max_length=100, help_text="Only this campaign source (the utm_source of the links)."
    )
    group = serializers.ChoiceField(
        choices=[("week", "per ISO week"), ("region", "per region"), ("campaign", "per campaign source")],
        required=False,
        help_text="Only this grouping (weeks, regions or campaigns); all three when left out.",
    )

    def validate_region(self, value: str) -> str:
        try:
            return get_region(code=value.strip()).code
        except LabourMarketRegion.DoesNotExist as error:
            raise serializers.ValidationError(_("There is no labour-market region with this code.")) from error

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        try:
            data["period"] = choose_period(start=data.get("from"), end=data.get("to"), today=timezone.localdate())
        except InvalidPeriodError as error:
            raise serializers.ValidationError({"from": str(error)}) from error
        return data


class FunnelFigure(serializers.Serializer[Cell]):
    """A count. A count from 1 to 4 is not given: `value` is null, `suppressed` true and
    `reason` `fewer_than_5` (the page shows "< 5"). A count that would let someone work out
    such a number from the others, for example a total, is not given either: `reason`
    `protects_small_numbers` (the page shows "x"). 0 is given as 0."""

    value = serializers.IntegerField(allow_null=True, min_value=0, help_text="The count; null when it is not given.")
    suppressed = serializers.BooleanField(source="is_hidden", help_text="True when the count is not given.")
    reason = serializers.ChoiceField(
        source="hidden",
        choices=[
            (Hidden.FEWER_THAN_5.value, "a count from 1 to 4"),
            (Hidden.PROTECTS.value, "a count that would reveal a count from 1 to 4"),
        ],
        allow_null=True,
        help_text="Why the count is not given; null when it is.",
    )


class FunnelFigures(serializers.Serializer[Any]):
    visits = FunnelFigure(help_text="Visitors per day, summed over the days.")
    repeat_visits = FunnelFigure(help_text="Visits of a browser that was here on an earlier day.")
    searches = FunnelFigure()
    offer_views = FunnelFigure()
    click_outs = FunnelFigure(help_text="Visitors sent on to a provider's own page.")
    interests = FunnelFigure(help_text="Interest registrations.")
    advice_requests = FunnelFigure(help_text="Requests for free advice.")


class FunnelWeek(serializers.Serializer[FunnelRow]):
    week = serializers.CharField(source="key", help_text="ISO week, for example 2025-W11.")
    starts_on = serializers.DateField(help_text="Its Monday.")
    figures = FunnelFigures()


class FunnelRegion(serializers.Serializer[FunnelRow]):
    code = serializers.CharField(allow_null=True, help_text="CBS code; null for visits whose region is not known.")
    name = serializers.CharField(allow_null=True)
    figures = FunnelFigures()


class FunnelCampaign(serializers.Serializer[FunnelRow]):
    # "source" is an attribute of every DRF field, so the field is set by name.
    locals()["source"] = serializers.CharField(
        allow_null=True, help_text="The campaign source; null for visits without one."
    )
    figures = FunnelFigures()


class FunnelOutput(serializers.Serializer[Any]):
    locals()["from"] = serializers.DateField(help_text="The Monday the report starts.")
    to = serializers.DateField(help_text="The Sunday the report ends.")
    region = serializers.CharField(allow_null=True, help_text="The region asked for; null: all regions you may see.")
    campaign = serializers.CharField(allow_null=True, help_text="The campaign source asked for; null: all.")
    totals = FunnelFigures(help_text="The whole period. A visitor counts once per day, however many rows they are in.")
    weeks = FunnelWeek(many=True, required=False, help_text="Every week of the period, in order.")
    regions = FunnelRegion(many=True, required=False, help_text="The regions with events, by name.")
    campaigns = FunnelCampaign(many=True, required=False, help_text="The campaign sources with events, by name.")


def _figures(cells: tuple[Cell, ...]) -> dict[str, Cell]:
    return dict(zip(MEASURES, cells, strict=True))


class FunnelApi(APIView):
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="analytics_funnel_read",
        summary="Read the funnel report",
        description=(
            "Visits, repeat visits, searches, offer views, click-outs, interest registrations and advice "
            "requests per week, per region and per campaign source, over whole ISO weeks (at most "
            f"{MAX_WEEKS}), as on the workspace page /werkplek/metingen/. For analysts, the secretariat and "
            "administrators, logged in to the workspace (session cookie); analysts and the secretariat see "
            "their own regions only, and a region outside them is not found (404). Counts from 1 to 4, and "
            "counts that would reveal them, are not given (see `suppressed`)."
        ),
        tags=["analytics"],
        parameters=[FunnelInput],
        responses={200: FunnelOutput, **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        scope = get_report_scope(user=request.user)
        incoming = FunnelInput(data=request.query_params)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        start, end = data["period"]
        try:
            report = get_funnel_report(
                scope=scope,
                start=start,
                end=end,
                region_code=data.get("region", ""),
                campaign_source=data.get("campaign", "").strip(),
            )
        except OutOfScopeError as error:
            raise NotFound(_("You have no access to the measurement of this region.")) from error
        groups = (data["group"],) if "group" in data else GROUPS
        body: dict[str, Any] = {
            "from": report.start,
            "to": report.end,
            "region": report.region_code or None,
            "campaign": report.campaign_source or None,
            "totals": _figures(report.totals),
        }
        if "week" in groups:
            body["weeks"] = [
                {"key": row.key, "starts_on": row.starts_on, "figures": _figures(row.cells)} for row in report.weeks
            ]
        if "region" in groups:
            body["regions"] = [
                {"code": row.key or None, "name": row.name or None, "figures": _figures(row.cells)}
                for row in report.regions
            ]
        if "campaign" in groups:
            body["campaigns"] = [
                {"source": row.key or None, "figures": _figures(row.cells)} for row in report.campaigns
            ]
        return Response(FunnelOutput(body).data)
