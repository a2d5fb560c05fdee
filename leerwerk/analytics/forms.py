"""The period and region filter above the measurement report (GET, so the field names are
in the address and the CSV link repeats them)."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerk.regions.selectors import current_year, list_regions

DEFAULT_DAYS = 30


class ReportFilterForm(forms.Form):
    van = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    regio = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = [(region.code, region.name) for region in list_regions(year=current_year())]
        self.fields["regio"].choices = [("", _("All regions")), *regions]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period is after its end."))
        return cleaned

    def period(self) -> tuple[datetime.date, datetime.date, str | None]:
        """Start, end and region code for `visits_by_campaign`; the last 30 days up to
        today, all regions, for an empty or invalid filter."""
        today = timezone.localdate()
        default_start = today - datetime.timedelta(days=DEFAULT_DAYS - 1)
        if not self.is_valid():
            return default_start, today, None
        end = self.cleaned_data["tot"] or today
        start = self.cleaned_data["van"] or min(default_start, end)
        return start, end, self.cleaned_data["regio"] or None
