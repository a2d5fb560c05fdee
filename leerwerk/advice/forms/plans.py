"""The development plan's forms: its goal, a new step, and the change of a step's status
and due date (one small form per step)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerwerk.advice.forms.fields import DateField, OccupationField, PublicOfferField
from leerwerk.advice.models import PlanStep


class PlanForm(forms.Form):
    goal = forms.CharField(
        label=_("Goal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the resident wants to reach, in their words. The resident sees the plan."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_plan_%s")
        super().__init__(*args, **kwargs)


class StepForm(forms.Form):
    description = forms.CharField(label=_("Step"), max_length=300)
    offer = PublicOfferField(required=False)
    occupation = OccupationField(required=False)
    due_on = DateField(label=_("Due date"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=PlanStep.Status.choices, initial=PlanStep.Status.PLANNED)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_step_%s")
        super().__init__(*args, **kwargs)


class StepChangeForm(forms.Form):
    """The status and due date of one step; give each step's form its own `auto_id`
    (`step_change_auto_id`) so that several fit on one page."""

    status = forms.ChoiceField(label=_("Status"), choices=PlanStep.Status.choices)
    due_on = DateField(label=_("Due date"), required=False)


def step_change_auto_id(step_id: int) -> str:
    return f"id_step{step_id}_%s"
