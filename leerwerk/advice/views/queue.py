"""The queue (`advice:queue`): the cases of the adviser's regions, filtered by the query
string, 25 a page, with per region the new cases waiting longer than the response time.
New advice requests are taken in first, so the queue is never behind the public site."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from leerwerk.accounts.models import User
from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.advice.forms.cases import QueueFilterForm
from leerwerk.advice.models import Case
from leerwerk.advice.selectors.access import is_team_lead, list_desk_region_codes
from leerwerk.advice.selectors.queue import (
    QueueFilters,
    count_overdue,
    list_assignable_advisers,
    list_queue,
    list_queue_municipalities,
    list_queue_regions,
    working_days_since,
)
from leerwerk.advice.services.access import log_cases_listed
from leerwerk.advice.services.cases import take_in_requests
from leerwerk.audit.services import Via
from leerwerk.journeys.models import AdviceRequest

PAGE_SIZE = 25


@dataclass(frozen=True)
class QueueRow:
    case: Case
    waiting_days: int | None  # working days, for a new case
    goal: str
    situation: str
    advisers: list[User] | None  # whom the team lead can assign to; None for an adviser


@login_required
@never_cache
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    region_codes = list_desk_region_codes(user=request.user)
    if not region_codes:
        raise PermissionDenied
    take_in_requests(region_codes=region_codes)
    regions = list_queue_regions(region_codes=region_codes)
    form = QueueFilterForm(
        request.GET or None,
        regions=regions,
        municipalities=list_queue_municipalities(region_codes=region_codes),
    )
    filters = form.filters() if form.is_bound else QueueFilters()
    cases = list_queue(user=request.user, region_codes=region_codes, filters=filters)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    log_cases_listed(actor=request.user, cases=shown, via=Via.PAGE)

    lead_regions = {code for code in region_codes if is_team_lead(user=request.user, region_code=code)}
    advisers = list_assignable_advisers(region_codes=lead_regions) if lead_regions else {}
    today = timezone.localdate()
    goals, situations = dict(AdviceRequest.Goal.choices), dict(AdviceRequest.Situation.choices)
    rows = [
        QueueRow(
            case=case,
            waiting_days=working_days_since(timezone.localdate(case.received_at), today)
            if case.status == Case.Status.NEW
            else None,
            goal=str(goals.get(case.goal, case.goal)),
            situation=str(situations.get(case.situation, case.situation)),
            advisers=advisers.get(case.region_code) if case.region_code in lead_regions else None,
        )
        for case in shown
    ]
    region_names = dict(regions)
    overdue = [
        (region_names.get(item.region_code, item.region_code), item)
        for item in count_overdue(region_codes=region_codes, today=today)
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "overdue": overdue,
        "is_lead": bool(lead_regions),
        "next_url": request.get_full_path(),
    }
    return render(request, "advice/queue.html", context)
