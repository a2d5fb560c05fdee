"""Template helpers of the advisers' workspace.

`case|advice_plan`: the case's development plan or None (a missing one-to-one row raises
in a template otherwise). `{% step_change_form step as form %}` and
`{% outcome_form_for trajectory as form %}`: a form per row with ids of its own, so that
several fit on one page."""

from django import template

from leerwerk.advice.forms.plans import StepChangeForm, step_change_auto_id
from leerwerk.advice.forms.trajectories import OutcomeForm, outcome_auto_id
from leerwerk.advice.models import Case, DevelopmentPlan, PlanStep, Trajectory

register = template.Library()


@register.filter
def advice_plan(case: Case) -> DevelopmentPlan | None:
    try:
        return case.plan
    except DevelopmentPlan.DoesNotExist:
        return None


@register.simple_tag
def step_change_form(step: PlanStep) -> StepChangeForm:
    return StepChangeForm(auto_id=step_change_auto_id(step.pk), initial={"status": step.status, "due_on": step.due_on})


@register.simple_tag
def outcome_form_for(trajectory: Trajectory) -> OutcomeForm:
    return OutcomeForm(auto_id=outcome_auto_id(trajectory.pk))
