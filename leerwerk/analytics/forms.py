"""The filter above the funnel report (GET, so the field names are in the address and the
CSV link repeats them): period, region and campaign source."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerwerk.analytics.selectors import InvalidPeriodError, choose_period, default_period


@dataclass(frozen=True)
class ReportFilters:
    start: datetime.date
    end: datetime.date
    region_code: str
    campaign_source: str


class FunnelFilterForm(forms.Form):
    van = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    regio = forms.ChoiceField(label=_("Region"), required=False)
    campagne = forms.CharField(
        label=_("Campaign source"),
        required=False,
        max_length=100,
        help_text=_("The utm_source of the campaign links, for example nieuwsbrief."),
    )

    def __init__(self, *args: Any, regions: Iterable[tuple[str, str]], all_regions: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = _("All regions") if all_regions else _("All your regions")
        self.fields["regio"].choices = [("", everything), *regions]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "van" in cleaned and "tot" in cleaned:
            try:
                cleaned["period"] = choose_period(start=cleaned["van"], end=cleaned["tot"], today=timezone.localdate())
            except InvalidPeriodError as error:
                raise forms.ValidationError(str(error), code="period") from error
        return cleaned

    def filters(self, *, today: datetime.date) -> ReportFilters:
        """The chosen filters; the last 12 weeks for an invalid period. The region is taken
        as asked, so that one outside the reader's scope gets a 404, not the default report."""
        region = str(self.data.get("regio", "")).strip().upper()
        if not self.is_valid():
            return ReportFilters(*default_period(today=today), region, "")
        start, end = self.cleaned_data["period"]
        return ReportFilters(start, end, region, self.cleaned_data["campagne"].strip())
