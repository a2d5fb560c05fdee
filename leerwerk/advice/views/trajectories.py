"""A case's trajectories and their outcomes, and the list of six-month follow-ups that
are due in the user's regions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.advice.forms.trajectories import OutcomeForm, TrajectoryForm, outcome_auto_id
from leerwerk.advice.models import Trajectory
from leerwerk.advice.selectors.access import is_desk_member
from leerwerk.advice.selectors.trajectories import get_trajectory
from leerwerk.advice.services import trajectories
from leerwerk.advice.views.case_forms import case_or_404, form_error_page
from leerwerk.audit.services import Via

FOLLOW_UPS_SHOWN = 100


def _trajectories_url(case_id: int) -> str:
    return reverse("advice:case", args=[case_id]) + "#trajectories"


@never_cache
@login_required
@require_POST
def add_trajectory(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    form = TrajectoryForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            trajectories.add_trajectory(
                actor=request.user,
                case=case,
                kind=data["kind"],
                started_on=data["started_on"],
                offer=data["offer"],
                via=Via.PAGE,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The trajectory is added."))
            return redirect(_trajectories_url(case.pk))
    return form_error_page(
        request,
        case=case,
        form=form,
        title=gettext_lazy("Add a trajectory"),
        action=reverse("advice:trajectory-add", args=[case.pk]),
        submit=gettext_lazy("Add the trajectory"),
    )


@never_cache
@login_required
@require_POST
def add_outcome(request: AuthenticatedHttpRequest, case_id: int, trajectory_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    try:
        trajectory = get_trajectory(case=case, trajectory_id=trajectory_id)
    except Trajectory.DoesNotExist as error:
        raise Http404 from error
    form = OutcomeForm(request.POST, auto_id=outcome_auto_id(trajectory.pk))
    if form.is_valid():
        data = form.cleaned_data
        try:
            trajectories.add_outcome(
                actor=request.user,
                case=case,
                trajectory=trajectory,
                kind=data["kind"],
                on_date=data["on_date"],
                employer_name=data["employer_name"],
                occupation=data["occupation"],
                hours_per_week=data["hours_per_week"],
                contract_type=data["contract_type"],
                stop_reason=data["stop_reason"],
                via=Via.PAGE,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect(_trajectories_url(case.pk))
    return form_error_page(
        request,
        case=case,
        form=form,
        title=_("Record an outcome of %(trajectory)s") % {"trajectory": trajectory.get_kind_display().lower()},
        action=reverse("advice:outcome-add", args=[case.pk, trajectory.pk]),
        submit=gettext_lazy("Record the outcome"),
    )


@never_cache
@login_required
@require_GET
def follow_ups(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_desk_member(user=request.user):
        raise PermissionDenied
    shown, total = trajectories.read_due_follow_ups(actor=request.user, via=Via.PAGE, limit=FOLLOW_UPS_SHOWN)
    context = {"follow_ups": shown, "total": total, "today": timezone.localdate()}
    return render(request, "advice/follow_ups.html", context)
