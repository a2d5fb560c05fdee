from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from leerwerk.regions.forms import MunicipalityForm, YearForm
from leerwerk.regions.models import LabourMarketRegion
from leerwerk.regions.selectors import (
    current_year,
    get_region,
    get_region_for_municipality,
    list_municipalities,
    list_regions,
)


def region_list(request: HttpRequest) -> HttpResponse:
    year_form = YearForm(request.GET or None)
    year = year_form.year()
    return _render_list(request, year_form, MunicipalityForm(year=current_year()), year)


def find_region(request: HttpRequest) -> HttpResponse:
    """'In which region do I live?': from a municipality to its region page."""
    year = current_year()
    form = MunicipalityForm(request.GET, year=year)
    if form.is_valid():
        region = get_region_for_municipality(code=form.cleaned_data["gemeente"], year=year)
        if region is not None:
            return redirect("regions:detail", code=region.code)
    return _render_list(request, YearForm(), form, year, status=400)


def _render_list(
    request: HttpRequest, year_form: YearForm, find_form: MunicipalityForm, year: int, status: int = 200
) -> HttpResponse:
    context = {
        "regions": list_regions(year=year),
        "year": year,
        "year_form": year_form,
        "find_form": find_form,
    }
    return render(request, "regions/region_list.html", context, status=status)


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        region = get_region(code=code)
    except LabourMarketRegion.DoesNotExist as error:
        raise Http404 from error
    year_form = YearForm(request.GET or None)
    year = year_form.year()
    context = {
        "region": region,
        "year": year,
        "year_form": year_form,
        "municipalities": list_municipalities(region=region, year=year),
    }
    return render(request, "regions/region_detail.html", context)
