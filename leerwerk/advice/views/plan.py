"""The development plan of a case: its page (goal, steps, a new step), the changes of a
step, and the plan as a PDF."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.advice.forms.plans import PlanForm, StepChangeForm, StepForm, step_change_auto_id
from leerwerk.advice.models import Case, DevelopmentPlan, PlanStep
from leerwerk.advice.selectors.plans import get_plan, get_step, list_shared_notes
from leerwerk.advice.services import plans
from leerwerk.advice.services.access import log_case, read_case
from leerwerk.advice.views.case_forms import case_or_404
from leerwerk.advice.views.pdf import pdf_response
from leerwerk.audit.services import Action, Via


def _plan_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    *,
    plan_form: PlanForm | None = None,
    step_form: StepForm | None = None,
    changed: tuple[int, StepChangeForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    plan = get_plan(case=case)
    step_rows: list[tuple[PlanStep, StepChangeForm]] = []
    for step in plan.steps.all() if plan is not None else []:
        if changed is not None and changed[0] == step.pk:
            step_rows.append((step, changed[1]))
        else:
            initial = {"status": step.status, "due_on": step.due_on}
            step_rows.append((step, StepChangeForm(auto_id=step_change_auto_id(step.pk), initial=initial)))
    context: dict[str, Any] = {
        "case": case,
        "plan": plan,
        "plan_form": plan_form or PlanForm(initial={"goal": plan.goal if plan else ""}),
        "step_form": step_form or StepForm(),
        "step_rows": step_rows,
        "today": timezone.localdate(),
    }
    return render(request, "advice/plan_edit.html", context, status=status)


def _refused(request: AuthenticatedHttpRequest, case: Case, **forms: Any) -> HttpResponse:
    """The plan page again with the refused form (400); showing the plan is a read."""
    log_case(actor=request.user, case=case, action=Action.READ, via=Via.PAGE)
    return _plan_page(request, case, status=400, **forms)


def _plan_url(case_id: int) -> str:
    return reverse("advice:plan-edit", args=[case_id])


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def edit_plan(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    if request.method != "POST":
        try:
            case = read_case(actor=request.user, case_id=case_id, via=Via.PAGE)
        except Case.DoesNotExist as error:
            raise Http404 from error
        return _plan_page(request, case)
    case = case_or_404(request, case_id)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            plans.save_plan(actor=request.user, case=case, goal=form.cleaned_data["goal"], via=Via.PAGE)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The goal of the plan is saved."))
            return redirect(_plan_url(case.pk))
    return _refused(request, case, plan_form=form)


@never_cache
@login_required
@require_POST
def add_step(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    form = StepForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            plans.add_step(
                actor=request.user,
                case=case,
                description=data["description"],
                offer=data["offer"],
                occupation=data["occupation"],
                due_on=data["due_on"],
                status=data["status"],
                via=Via.PAGE,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The step is added to the plan."))
            return redirect(_plan_url(case.pk) + "#steps")
    return _refused(request, case, step_form=form)


@never_cache
@login_required
@require_POST
def change_step(request: AuthenticatedHttpRequest, case_id: int, step_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    try:
        get_step(case=case, step_id=step_id)
    except PlanStep.DoesNotExist as error:
        raise Http404 from error
    form = StepChangeForm(request.POST, auto_id=step_change_auto_id(step_id))
    if form.is_valid():
        try:
            plans.change_step(
                actor=request.user,
                case=case,
                step_id=step_id,
                status=form.cleaned_data["status"],
                due_on=form.cleaned_data["due_on"],
                via=Via.PAGE,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The step is changed."))
            return redirect(_plan_url(case.pk) + "#steps")
    return _refused(request, case, changed=(step_id, form))


@never_cache
@login_required
@require_GET
def plan_pdf(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    try:
        case, plan = plans.read_plan(actor=request.user, case_id=case_id, via=Via.PAGE)
    except (Case.DoesNotExist, DevelopmentPlan.DoesNotExist) as error:
        raise Http404 from error
    context = {"case": case, "plan": plan, "notes": list_shared_notes(case=case), "today": timezone.localdate()}
    return pdf_response(template_name="advice/plan_pdf.html", context=context, filename=f"ontwikkelplan-{case.pk}.pdf")
