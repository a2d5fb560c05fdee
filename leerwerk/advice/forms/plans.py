"""SKELETON: to be written (see the brief)."""

from django import forms


class PlanForm(forms.Form):
    pass


class StepForm(forms.Form):
    pass
