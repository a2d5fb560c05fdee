"""SKELETON: to be written (see the brief)."""

from django import forms


class TrajectoryForm(forms.Form):
    pass


class OutcomeForm(forms.Form):
    pass
