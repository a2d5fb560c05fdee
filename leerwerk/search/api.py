"""`GET /api/v1/offers`: the same search as the search page, with its facet counts."""

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from leerwerk.catalogue.models import Provider
from leerwerk.catalogue.vocabulary import Delivery, FundingOption, Level, Schedule, Sector
from leerwerk.core.problems import problem_response, problem_responses
from leerwerk.search.documents import PRICE_BANDS
from leerwerk.search.query import START_PERIODS
from leerwerk.search.selectors import SORTS, Filters, OfferResults, search_offers

_CODE = r"^(AM\d{2}|GM\d{4})$"


def _many(choices: Any, help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=choices), required=False, default=list, help_text=help_text
    )


class SearchInput(serializers.Serializer[Any]):
    q = serializers.CharField(required=False, allow_blank=True, default="", max_length=200, help_text="What to find.")
    level = _many(Level.choices, "Repeat the parameter to allow several levels.")
    sector = _many(Sector.choices, "Repeat for several sectors.")
    delivery = _many(Delivery.choices, "online, classroom, blended.")
    funding = _many(FundingOption.choices, "Who can pay.")
    schedule = _many(Schedule.choices, "Part of the day of a run.")
    provider_kind = _many(Provider.Kind.choices, "Kind of provider.")
    region = serializers.ListField(
        child=serializers.RegexField(r"^AM\d{2}$"),
        required=False,
        default=list,
        help_text="Labour-market region of a run (AM27); online offers are included, those with a run there first.",
    )
    municipality = serializers.ListField(
        child=serializers.RegexField(r"^GM\d{4}$"),
        required=False,
        default=list,
        help_text="Municipality of a run (GM0796); online offers are included, those with a run there first.",
    )
    price = _many([(band, band) for band in PRICE_BANDS], "Price band.")
    start = _many([(period, period) for period in START_PERIODS], "When it starts.")
    sort = serializers.ChoiceField(choices=[(sort, sort) for sort in SORTS], default="relevance")
    page = serializers.IntegerField(min_value=1, max_value=1000, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=100, default=20)

    def filters(self) -> Filters:
        data = self.validated_data
        names = (
            "level",
            "sector",
            "delivery",
            "funding",
            "schedule",
            "provider_kind",
            "region",
            "municipality",
            "price",
            "start",
        )
        return Filters(**{name: tuple(dict.fromkeys(data[name])) for name in names})


class SearchRunOutput(serializers.Serializer[Any]):
    starts_on = serializers.DateField(allow_null=True)
    start_anytime = serializers.BooleanField()
    place = serializers.CharField(help_text="Municipality name; empty for online.")
    schedule = serializers.CharField()


class HitOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    provider = serializers.CharField()
    provider_id = serializers.IntegerField()
    level = serializers.CharField()
    delivery = serializers.CharField()
    price_cents = serializers.IntegerField(allow_null=True, help_text="Including VAT; null when unknown.")
    runs = SearchRunOutput(many=True)


class FacetOutput(serializers.Serializer[Any]):
    value = serializers.CharField()
    count = serializers.IntegerField(help_text="Results with this choice added to the chosen ones of its facet.")
    selected = serializers.BooleanField()


class SearchOutput(serializers.Serializer[OfferResults]):
    count = serializers.IntegerField(source="total")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = HitOutput(many=True, source="hits")
    facets = serializers.DictField(child=FacetOutput(many=True))
    suggestion = serializers.CharField(help_text="A spelling that finds more, when there is one.")
    total_without_filters = serializers.IntegerField(allow_null=True)
    with_typos = serializers.BooleanField(help_text="Few exact results: words with a typo were allowed.")
    named_places = serializers.ListField(
        child=serializers.CharField(),
        help_text=(
            'The municipalities named at the end of q ("bhv den bosch"): sorted by relevance, the offers held '
            "there come first, then those in its labour-market region, then the others."
        ),
    )


class OfferSearchApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="offers_search",
        summary="Search the public offers",
        description=(
            "Dutch full-text search (stemming, compound words, synonyms, typos) with filters and facet counts, "
            "as on the search page. Without q: every public offer."
        ),
        tags=["offers"],
        parameters=[SearchInput],
        responses={200: SearchOutput, **problem_responses(400, 503)},
    )
    def get(self, request: Request) -> Response | HttpResponse:
        incoming = SearchInput(data=request.query_params)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        results = search_offers(
            text=data["q"],
            filters=incoming.filters(),
            sort=data["sort"],
            page=data["page"],
            page_size=data["page_size"],
        )
        if not results.ready:
            unavailable = problem_response(
                status=503,
                title=_("Search is not available yet"),
                detail=_("The search index is being built. Try again in a minute."),
            )
            unavailable["Retry-After"] = "60"
            return unavailable
        return Response(SearchOutput(results).data)
