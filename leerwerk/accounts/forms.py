"""The form of the page where a resident asks for a login link."""

from django import forms
from django.utils.translation import gettext_lazy as _


class LoginLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
