"""The resident's own development plans: the plans of the cases for their (verified)
e-mail address, on a page and as a PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.advice.models import Case
from leerwerk.advice.selectors.plans import list_shared_notes
from leerwerk.advice.services.plans import read_own_plan, read_own_plans
from leerwerk.advice.views.pdf import pdf_response
from leerwerk.audit.services import Via

RESIDENT_LOGIN_URL = reverse_lazy("accounts:login_link")


@never_cache
@login_required(login_url=RESIDENT_LOGIN_URL)
@require_GET
def my_plans(request: AuthenticatedHttpRequest) -> HttpResponse:
    cases = read_own_plans(user=request.user, via=Via.PAGE)
    rows = [(case, list_shared_notes(case=case)) for case in cases]
    return render(request, "advice/my_plans.html", {"rows": rows})


@never_cache
@login_required(login_url=RESIDENT_LOGIN_URL)
@require_GET
def my_plan_pdf(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    try:
        case = read_own_plan(user=request.user, case_id=case_id, via=Via.PAGE)
    except Case.DoesNotExist as error:
        raise Http404 from error
    context = {"case": case, "plan": case.plan, "notes": list_shared_notes(case=case), "today": timezone.localdate()}
    return pdf_response(template_name="advice/plan_pdf.html", context=context, filename=f"ontwikkelplan-{case.pk}.pdf")
