"""The measurement report in the workspace: visits and the funnel per campaign, as a page
and as CSV, for analysts, the secretariat and administrators."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from leerwerk.analytics.forms import ReportFilterForm
from leerwerk.analytics.models import Event
from leerwerk.analytics.selectors import FUNNEL, CampaignReport, may_view_report, visits_by_campaign

FUNNEL_HEADERS = {
    Event.Kind.PAGE_VIEW: gettext_lazy("Page views"),
    Event.Kind.SEARCH: gettext_lazy("Searches"),
    Event.Kind.OFFER_VIEW: gettext_lazy("Offer views"),
    Event.Kind.CLICK_OUT: gettext_lazy("Click-outs"),
    Event.Kind.INTEREST: gettext_lazy("Interests"),
    Event.Kind.ADVICE_REQUEST: gettext_lazy("Advice requests"),
}
# A spreadsheet runs a cell that starts with one of these as a formula; campaign names
# come from the address a visitor followed, so they are written as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _report(request: HttpRequest) -> tuple[ReportFilterForm, CampaignReport]:
    if not may_view_report(user=request.user):
        raise PermissionDenied
    form = ReportFilterForm(request.GET or None)
    start, end, region_code = form.period()
    return form, visits_by_campaign(start=start, end=end, region_code=region_code)


@never_cache
@login_required
def report(request: HttpRequest) -> HttpResponse:
    form, campaign_report = _report(request)
    context = {
        "form": form,
        "report": campaign_report,
        "funnel_headers": [FUNNEL_HEADERS[kind] for kind in FUNNEL],
        "query": request.GET.urlencode(),
    }
    return render(request, "analytics/report.html", context)


@never_cache
@login_required
def report_csv(request: HttpRequest) -> HttpResponse:
    _form, campaign_report = _report(request)
    filename = f"metingen-{campaign_report.start.isoformat()}-{campaign_report.end.isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    header = [_("Source"), _("Medium"), _("Campaign"), _("Unique visitors"), _("Repeat visits")]
    writer.writerow([*header, *(str(FUNNEL_HEADERS[kind]) for kind in FUNNEL)])
    for row in campaign_report.rows:
        names = [_as_text(row.source), _as_text(row.medium), _as_text(row.campaign)]
        writer.writerow([*names, row.visitors, row.repeat_visits, *row.funnel])
    totals = campaign_report.totals
    writer.writerow([_("Total"), "", "", totals.visitors, totals.repeat_visits, *totals.funnel])
    return response


def _as_text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value
