"""One case (`advice:case`) and its core actions: take, assign, status, target groups,
notes, contact moments and appointments. The page reads the case through `read_case`
(logged; 404 outside the user's regions); each action re-reads it through
`get_case_for_adviser`, calls one service and redirects to the case page's section with
a message. Invalid input renders the case page with the form's errors (400)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.advice.forms.cases import (
    AppointmentForm,
    AssignForm,
    ContactMomentForm,
    NoteForm,
    StatusForm,
    TargetGroupsForm,
)
from leerwerk.advice.forms.documents import DocumentForm
from leerwerk.advice.forms.plans import PlanForm, StepForm
from leerwerk.advice.forms.trajectories import OutcomeForm, TrajectoryForm
from leerwerk.advice.models import Appointment, Case, DevelopmentPlan
from leerwerk.advice.selectors.access import is_team_lead, list_region_advisers, offers_taking
from leerwerk.advice.services import cases as case_services
from leerwerk.advice.services.access import read_case
from leerwerk.advice.services.cases import CaseRuleError, allowed_next_statuses
from leerwerk.advice.views.case_forms import case_or_404
from leerwerk.audit.services import Via
from leerwerk.journeys.models import AdviceRequest


def _to_case(case_id: int, section: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("advice:case", kwargs={"case_id": case_id}) + f"#{section}")


def _to_next_or_case(request: AuthenticatedHttpRequest, case_id: int, section: str) -> HttpResponseRedirect:
    """Back to the page the action came from (the queue), or to the case."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return _to_case(case_id, section)


def _plan_form(case: Case) -> PlanForm:
    try:
        plan = case.plan
    except DevelopmentPlan.DoesNotExist:
        return PlanForm()
    return PlanForm(initial={"goal": plan.goal})


def _render_case(request: AuthenticatedHttpRequest, case_id: int, *, status: int = 200, **forms: Any) -> HttpResponse:
    try:
        case = read_case(actor=request.user, case_id=case_id, via=Via.PAGE, full=True)
    except Case.DoesNotExist as error:
        raise Http404 from error
    is_lead = is_team_lead(user=request.user, region_code=case.region_code)
    labels = {
        **dict(AdviceRequest.Goal.choices),
        **dict(AdviceRequest.Situation.choices),
    }
    context: dict[str, Any] = {
        "case": case,
        "today": timezone.localdate(),
        "is_lead": is_lead,
        "can_take": offers_taking(user=request.user, case=case),
        "goal_label": labels.get(case.goal, case.goal),
        "situation_label": labels.get(case.situation, case.situation),
        "source_label": dict(AdviceRequest.Source.choices).get(case.source, case.source),
        "contact_by_label": dict(AdviceRequest.ContactBy.choices).get(case.person.contact_by, case.person.contact_by),
        "target_groups": [group.get_group_display() for group in case.target_groups.all()],
        "status_form": StatusForm(statuses=allowed_next_statuses(case=case)),
        "assign_form": AssignForm(
            advisers=list_region_advisers(region_codes={case.region_code}),
            initial={"adviser": case.assigned_to_id},
        )
        if is_lead
        else None,
        "target_groups_form": TargetGroupsForm(initial={"groups": [g.group for g in case.target_groups.all()]}),
        "note_form": NoteForm(),
        "contact_form": ContactMomentForm(
            initial={"happened_at": timezone.localtime().replace(second=0, microsecond=0)}
        ),
        "appointment_form": AppointmentForm(),
        "document_form": DocumentForm(),
        "plan_form": _plan_form(case),
        "step_form": StepForm(),
        "trajectory_form": TrajectoryForm(),
        "outcome_form": OutcomeForm(),
    }
    context.update(forms)
    return render(request, "advice/case.html", context, status=status)


@login_required
@never_cache
def case_detail(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    return _render_case(request, case_id)


@login_required
@never_cache
@require_POST
def change_status(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    form = StatusForm(request.POST, statuses=allowed_next_statuses(case=case))
    if form.is_valid():
        try:
            case_services.change_status(actor=request.user, case=case, status=form.cleaned_data["status"], via=Via.PAGE)
        except CaseRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The status is now “%(status)s”.") % {"status": case.get_status_display()})
            return _to_case(case.pk, "status")
    return _render_case(request, case_id, status=400, status_form=form)


@login_required
@never_cache
@require_POST
def take(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    try:
        case_services.take_case(actor=request.user, case=case, via=Via.PAGE)
    except CaseRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You now handle this case."))
    return _to_case(case.pk, "status")


@login_required
@never_cache
@require_POST
def assign(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    form = AssignForm(request.POST, advisers=list_region_advisers(region_codes={case.region_code}))
    if form.is_valid():
        adviser = form.cleaned_data["adviser"]
        try:
            case_services.assign_case(actor=request.user, case=case, adviser=adviser, via=Via.PAGE)
        except CaseRuleError as error:
            messages.error(request, str(error))
            return _to_next_or_case(request, case.pk, "status")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case is assigned to %(name)s.") % {"name": adviser})
            return _to_next_or_case(request, case.pk, "status")
    return _render_case(request, case_id, status=400, assign_form=form)


@login_required
@never_cache
@require_POST
def set_target_groups(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    form = TargetGroupsForm(request.POST)
    if form.is_valid():
        groups = set(form.cleaned_data["groups"])
        case_services.set_target_groups(actor=request.user, case=case, groups=groups, via=Via.PAGE)
        messages.success(request, _("The target groups are saved."))
        return _to_case(case.pk, "doelgroepen")
    return _render_case(request, case_id, status=400, target_groups_form=form)


@login_required
@never_cache
@require_POST
def add_note(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            case_services.add_note(actor=request.user, case=case, via=Via.PAGE, **form.cleaned_data)
        except CaseRuleError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The note is added."))
            return _to_case(case.pk, "notities")
    return _render_case(request, case_id, status=400, note_form=form)


@login_required
@never_cache
@require_POST
def add_contact_moment(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    form = ContactMomentForm(request.POST)
    if form.is_valid():
        try:
            case_services.add_contact_moment(actor=request.user, case=case, via=Via.PAGE, **form.cleaned_data)
        except CaseRuleError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The contact moment is added."))
            return _to_case(case.pk, "contactmomenten")
    return _render_case(request, case_id, status=400, contact_form=form)


@login_required
@never_cache
@require_POST
def add_appointment(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    form = AppointmentForm(request.POST)
    if form.is_valid():
        try:
            case_services.add_appointment(actor=request.user, case=case, via=Via.PAGE, **form.cleaned_data)
        except CaseRuleError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The appointment is added."))
            return _to_case(case.pk, "afspraken")
    return _render_case(request, case_id, status=400, appointment_form=form)


@login_required
@never_cache
@require_POST
def cancel_appointment(request: AuthenticatedHttpRequest, case_id: int, appointment_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    try:
        case_services.cancel_appointment(actor=request.user, case=case, appointment_id=appointment_id, via=Via.PAGE)
    except Appointment.DoesNotExist as error:
        raise Http404 from error
    except CaseRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The appointment is cancelled."))
    return _to_case(case.pk, "afspraken")
