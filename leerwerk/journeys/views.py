"""The public site's entrances (the home page, residents, employers) and the search for
training offers."""

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from leerwerk.catalogue.vocabulary import Level
from leerwerk.core.requests import HtmxHttpRequest
from leerwerk.journeys.forms import MAX_TEXT, SearchForm
from leerwerk.regions.forms import MunicipalityForm
from leerwerk.regions.selectors import current_year, list_regions
from leerwerk.search.selectors import OfferHit, RunInfo, search_offers, suggest


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "journeys/home.html")


def residents(request: HttpRequest) -> HttpResponse:
    return _entrance(request, "journeys/residents.html")


def employers(request: HttpRequest) -> HttpResponse:
    return _entrance(request, "journeys/employers.html")


def _entrance(request: HttpRequest, template_name: str) -> HttpResponse:
    year = current_year()
    context = {
        "find_form": MunicipalityForm(year=year),
        "served_regions": list_regions(year=year, served_only=True),
    }
    return render(request, template_name, context)


@dataclass(frozen=True)
class ResultCard:
    """What one result shows beside the hit itself."""

    hit: OfferHit
    level: str
    next_run: RunInfo | None


@require_GET
@vary_on_headers("HX-Request")
def search(request: HtmxHttpRequest) -> HttpResponse:
    """The whole page, or (for htmx after a change of the form) only the part that changes."""
    form = SearchForm(request.GET, year=current_year())
    today = timezone.localdate()
    results = search_offers(**form.search_arguments(), today=today)
    context = {
        "form": form,
        "results": results,
        "facets": form.facet_groups(results.facets),
        "cards": _cards(results.hits, today),
        "first_page_url": form.query_string(),
        "without_filters_url": form.query_string(with_filters=False),
        "suggestion_url": form.query_string(text=results.suggestion),
    }
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    return render(request, "journeys/search.html#update" if partial else "journeys/search.html", context)


def _cards(hits: list[OfferHit], today: date) -> list[ResultCard]:
    levels = dict(Level.choices)
    return [ResultCard(hit, str(levels.get(hit.level, "")), hit.next_run(today)) for hit in hits]


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    """`<option>`s for the search box's datalist: completions of what has been typed."""
    words = suggest(prefix=request.GET.get("q", "")[:MAX_TEXT])
    return render(request, "journeys/search.html#suggestions", {"suggestions": words})
