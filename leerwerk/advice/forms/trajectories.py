"""The forms of a case's trajectories and their outcomes. Which outcome needs which
details (and the dates' rules) is the service's; these forms parse the input."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerwerk.advice.forms.fields import DateField, OccupationField, PublicOfferField
from leerwerk.advice.models import Outcome, Trajectory

_CHOOSE = ("", _("Choose…"))


class TrajectoryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of trajectory"), choices=[_CHOOSE, *Trajectory.Kind.choices])
    started_on = DateField(label=_("Started on"))
    offer = PublicOfferField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_trajectory_%s")
        super().__init__(*args, **kwargs)


class OutcomeForm(forms.Form):
    """One form per trajectory on the case page: give each its own `auto_id`
    (`outcome_auto_id`)."""

    kind = forms.ChoiceField(label=_("Outcome"), choices=[_CHOOSE, *Outcome.Kind.choices])
    on_date = DateField(label=_("Date"))
    employer_name = forms.CharField(label=_("Employer (placed in work)"), max_length=200, required=False)
    occupation = OccupationField(label=_("Occupation (placed in work; name or number)"), required=False)
    hours_per_week = forms.IntegerField(
        label=_("Hours a week (placed in work)"), min_value=1, max_value=60, required=False
    )
    contract_type = forms.ChoiceField(
        label=_("Contract (placed in work)"), choices=[_CHOOSE, *Outcome.ContractType.choices], required=False
    )
    stop_reason = forms.ChoiceField(
        label=_("Reason (stopped)"), choices=[_CHOOSE, *Outcome.StopReason.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_outcome_%s")
        super().__init__(*args, **kwargs)


def outcome_auto_id(trajectory_id: int) -> str:
    return f"id_outcome{trajectory_id}_%s"
