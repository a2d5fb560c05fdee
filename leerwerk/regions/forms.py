from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerwerk.components.widgets import LongSelect
from leerwerk.regions.selectors import current_year, list_municipality_names, list_years


class YearForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(year, str(year)) for year in reversed(list_years())]  # type: ignore[attr-defined]

    def year(self) -> int:
        """The chosen year, or the current year when none (or an unknown one) was chosen."""
        if self.is_valid() and self.cleaned_data["jaar"]:
            return int(self.cleaned_data["jaar"])
        return current_year()


class MunicipalityForm(forms.Form):
    gemeente = forms.ChoiceField(
        label=_("Your municipality"),
        widget=LongSelect,
        help_text=_("Choose the municipality where you live or work."),
        error_messages={
            "required": _("Choose a municipality."),
            "invalid_choice": _("Choose a municipality from the list."),
        },
    )

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [("", _("Choose…")), *list_municipality_names(year=year)]  # type: ignore[attr-defined]
