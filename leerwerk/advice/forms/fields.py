"""Fields the advice forms share: a public offer chosen by its number, an occupation
chosen by its number or its Dutch name, and a date picked in the browser's date field."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerwerk.catalogue.models import Offer
from leerwerk.catalogue.selectors import public_offers
from leerwerk.skills.models import Occupation
from leerwerk.skills.selectors import get_occupation, get_occupation_by_label


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PublicOfferField(forms.IntegerField):
    """The number of a public offer (as in its page's address); cleans to the Offer."""

    default_error_messages = {"not_public": _("There is no training with this number in the catalogue.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Training (number in the catalogue)"))
        kwargs.setdefault("help_text", _("The number in the address of the training's page, as in /opleidingen/123/."))
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Offer | None:
        number = super().clean(value)
        if number is None:
            return None
        offer = public_offers().filter(pk=number).first()
        if offer is None:
            raise forms.ValidationError(self.error_messages["not_public"], code="not_public")
        return offer


class OccupationField(forms.CharField):
    """An occupation by its number or its Dutch name; cleans to the Occupation."""

    default_error_messages = {"unknown": _("We do not know this occupation. Use its exact name or its number.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Occupation (name or number)"))
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Occupation | None:
        text = str(super().clean(value)).strip()
        if not text:
            return None
        if text.isdigit():
            found: Occupation | None
            try:
                found = get_occupation(occupation_id=int(text))
            except Occupation.DoesNotExist:
                found = None
        else:
            found = get_occupation_by_label(preferred_label=text)
        if found is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return found
