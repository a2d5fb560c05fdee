"""Forms of the provider workspace: filtering the offers, editing one offer, uploading a
file, and creating an API key. They parse and check input; the services do the work."""

import copy
import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from leerwerk.catalogue.ingest.fields import FieldValueError, parse_price
from leerwerk.catalogue.models import ImportRun, Offer
from leerwerk.catalogue.services.offers import EDITABLE_FIELDS
from leerwerk.catalogue.vocabulary import FundingOption

# The fields of the model that the form shows as Django generates them; the price and the
# ways of paying get fields of their own below.
_MODEL_FIELDS = [name for name in EDITABLE_FIELDS if name not in ("price_cents", "funding_options")]
_THOUSANDS_ONLY = re.compile(r"\d{1,3}(\.\d{3})+")


class OfferFilterForm(forms.Form):
    """The filter above a provider's offers (GET, so the field names are in the address)."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    zoek = forms.CharField(label=_("Title or own id contains"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All")), *Offer.Status.choices]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, str]:
        """The filters for `list_provider_offers`; none for an invalid filter."""
        if not self.is_valid():
            return {"status": "", "text": ""}
        return {"status": self.cleaned_data["status"], "text": self.cleaned_data["zoek"].strip()}


def format_euros(cents: int | None) -> str:
    """Cents as the amount a Dutch user types: 125000 → "1.250,00"."""
    if cents is None:
        return ""
    whole, rest = divmod(cents, 100)
    return f"{whole:,}".replace(",", ".") + f",{rest:02d}"


def _offer_formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OfferForm(forms.ModelForm[Offer]):
    """One offer's editable fields (`EDITABLE_FIELDS`) and its status. The price is typed in
    euros ("1.250,00") and kept in cents."""

    price = forms.CharField(
        label=_("Price in euros, including VAT"),
        required=False,
        max_length=20,
        help_text=_("For example 1.250,00. Write 0 when the offer is free; leave it empty when the price is unknown."),
    )
    funding_options = forms.MultipleChoiceField(
        label=_("Who can pay"),
        required=False,
        choices=FundingOption.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Offer
        fields = [*_MODEL_FIELDS, "status"]
        widgets = {"status": forms.RadioSelect}
        formfield_callback = _offer_formfield

    field_order = [*(name if name != "price_cents" else "price" for name in EDITABLE_FIELDS), "status"]

    def __init__(self, data: Mapping[str, Any] | None = None, *, offer: Offer) -> None:
        # The form checks a copy, so the page keeps showing the saved offer while the user
        # corrects the errors; `edit_offer` changes the offer itself.
        initial = {"price": format_euros(offer.price_cents), "funding_options": list(offer.funding_options)}
        super().__init__(data, instance=copy.copy(offer), initial=initial)

    def clean_price(self) -> int | None:
        text = self.cleaned_data["price"].strip()
        if _THOUSANDS_ONLY.fullmatch(text):
            text = text.replace(".", "")  # "1.250" is one thousand two hundred and fifty euros
        try:
            return parse_price(text)
        except FieldValueError as error:
            raise forms.ValidationError(str(error)) from error

    def changes(self) -> dict[str, Any]:
        """The values for `edit_offer(changes=…)`."""
        changes = {name: self.cleaned_data[name] for name in _MODEL_FIELDS}
        changes["price_cents"] = self.cleaned_data["price"]
        changes["funding_options"] = sorted(self.cleaned_data["funding_options"])
        return changes

    def status(self) -> Offer.Status:
        return Offer.Status(self.cleaned_data["status"])


# The format a file's extension stands for when the user does not choose one. A .json file
# can be EDU-DEX or OOAPI, so its format must be chosen.
_FORMAT_BY_EXTENSION = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx"}


def _megabytes(size: int) -> str:
    """Bytes as megabytes with at most one decimal, in the user's notation: "20", "0,5"."""
    megabytes = round(size / 1_000_000, 1)
    return number_format(megabytes, decimal_pos=0 if megabytes == int(megabytes) else 1)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV or Excel file made with the template, or an EDU-DEX or OOAPI file (JSON)."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        help_text=_("Leave this on “recognise” for a CSV or Excel file."),
    )
    is_snapshot = forms.BooleanField(
        label=_("Complete list: withdraw my offers that are not in this file"),
        required=False,
    )
    apply_valid_rows = forms.BooleanField(
        label=_("Apply the correct rows when some rows have errors"),
        required=False,
        help_text=_("Without this, one wrong row stops the whole file and nothing changes."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Recognise from the file name")), *ImportRun.Format.choices]
        self.fields["format"].choices = choices  # type: ignore[attr-defined]

    def max_megabytes(self) -> str:
        return _megabytes(settings.CATALOGUE_UPLOAD_MAX_BYTES)

    def clean_file(self) -> "UploadedFile[bytes]":
        """Refuse a file that is too large before anything is read from it."""
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if upload.size is not None and upload.size > settings.CATALOGUE_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; at most %(maximum)s MB is accepted. Split it into smaller files.")
                % {"size": _megabytes(upload.size), "maximum": self.max_megabytes()}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload is not None and not cleaned.get("format"):
            guessed = _FORMAT_BY_EXTENSION.get(PurePath(upload.name or "").suffix.lower())
            if guessed is None:
                self.add_error("format", _("Choose the format of this file."))
            else:
                cleaned["format"] = guessed
        return cleaned


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=100,
        help_text=_("For example the name of the system that sends your offers."),
        error_messages={"required": _("Give the key a name.")},
    )
