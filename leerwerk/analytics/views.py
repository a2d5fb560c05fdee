"""The funnel report in the workspace, as a page (tables and a chart) and as CSV, for
analysts, the secretariat and administrators, each within their regions."""

import csv

from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from leerwerk.analytics.chart import weekly_chart
from leerwerk.analytics.forms import FunnelFilterForm
from leerwerk.analytics.selectors import (
    MEASURES,
    FunnelReport,
    FunnelRow,
    OutOfScopeError,
    get_funnel_report,
    get_report_scope,
    list_report_regions,
)

MEASURE_HEADERS = {
    "visits": gettext_lazy("Visits"),
    "repeat_visits": gettext_lazy("Repeat visits"),
    "searches": gettext_lazy("Searches"),
    "offer_views": gettext_lazy("Offer views"),
    "click_outs": gettext_lazy("Click-outs"),
    "interests": gettext_lazy("Interests"),
    "advice_requests": gettext_lazy("Advice requests"),
}
# A spreadsheet runs a cell that starts with one of these as a formula; campaign sources
# come from the address a visitor followed, so they are written as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _funnel(request: HttpRequest) -> tuple[FunnelFilterForm, FunnelReport, bool]:
    scope = get_report_scope(user=request.user)
    regions = [(region.code, region.name) for region in list_report_regions(scope=scope)]
    form = FunnelFilterForm(request.GET or None, regions=regions, all_regions=scope.region_codes is None)
    filters = form.filters(today=timezone.localdate())
    try:
        report = get_funnel_report(
            scope=scope,
            start=filters.start,
            end=filters.end,
            region_code=filters.region_code,
            campaign_source=filters.campaign_source,
        )
    except OutOfScopeError as error:
        raise Http404 from error
    return form, report, scope.region_codes is None


@never_cache
@login_required
def report(request: HttpRequest) -> HttpResponse:
    form, funnel, sees_all = _funnel(request)
    titles = {measure: str(header) for measure, header in MEASURE_HEADERS.items()}
    context = {
        "form": form,
        "report": funnel,
        "sees_all_regions": sees_all,
        "headers": [MEASURE_HEADERS[measure] for measure in MEASURES],
        "chart": weekly_chart(funnel.weeks, titles=titles, number=lambda count: str(intcomma(count))),
        "query": request.GET.urlencode(),
    }
    return render(request, "analytics/report.html", context)


@never_cache
@login_required
def report_csv(request: HttpRequest) -> HttpResponse:
    """The three tables one below the other, each with its total; the first column names
    the table. Hidden counts are written as on the page ("< 5", "x")."""
    _form, funnel, _sees_all = _funnel(request)
    filename = f"metingen-{funnel.start.isoformat()}-{funnel.end.isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([_("Table"), _("Row"), *(str(MEASURE_HEADERS[measure]) for measure in MEASURES)])
    tables = (
        (_("Week"), funnel.weeks, _week_label),
        (_("Region"), funnel.regions, _region_label),
        (_("Campaign source"), funnel.campaigns, _campaign_label),
    )
    for table, rows, label in tables:
        for row in rows:
            writer.writerow([table, _as_text(label(row)), *(str(cell) for cell in row.cells)])
        writer.writerow([table, _("Total"), *(str(cell) for cell in funnel.totals)])
    return response


def _week_label(row: FunnelRow) -> str:
    return f"{row.key} ({row.starts_on:%d-%m-%Y})"


def _region_label(row: FunnelRow) -> str:
    return f"{row.key} {row.name}" if row.key else _("Region unknown")


def _campaign_label(row: FunnelRow) -> str:
    return row.key or _("No campaign")


def _as_text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value
