"""SKELETON: to be written (see the brief)."""

from django import forms


class DocumentForm(forms.Form):
    pass
