"""The search page's form: it reads the query string of /zoeken/ into a search and lays
out the facet counts as the checkboxes the page shows.

Reading is lenient: an unknown value (an old link, a code that was renamed, a typo in a
hand-made URL) is left out, never an error, so every link to a search keeps working.
The parameters are the facet names, repeated for several values:
`?q=heftruck&level=mbo2&level=mbo3&region=AM27&start=anytime&sort=price&pagina=2`."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from leerwerk.catalogue.models import Provider
from leerwerk.catalogue.vocabulary import Delivery, FundingOption, Level, Schedule, Sector
from leerwerk.regions.selectors import list_municipality_names, list_regions
from leerwerk.search.selectors import SORTS, FacetCount, Filters

MAX_TEXT = 200
MAX_PAGE = 1000
MUNICIPALITIES_SHOWN = 12  # the largest counts, plus the chosen ones

PRICE_BANDS = [
    ("free", _("Free")),
    ("under_500", _("Less than € 500")),
    ("500_2000", _("€ 500 to € 2,000")),
    ("over_2000", _("More than € 2,000")),
    ("unknown", _("Price on request")),
]
START_PERIODS = [
    ("this_month", _("This month")),
    ("three_months", _("In the next three months")),
    ("anytime", _("Start anytime")),
]
SORT_CHOICES = [
    ("relevance", _("Best match first")),
    ("price", _("Price, low to high")),
    ("title", _("Name, A to Z")),
]

# The facets in the order the page shows them. Within a facet the options keep the order
# of the vocabulary (places: by name), so that they do not jump around when counts change.
FACETS = (
    "level",
    "sector",
    "start",
    "price",
    "funding",
    "delivery",
    "schedule",
    "region",
    "municipality",
    "provider_kind",
)


class _AnyOf(forms.MultipleChoiceField):
    """The checkboxes of one facet: the known values among those given, each once."""

    def __init__(self, *, label: Any, choices: Any = ()) -> None:
        super().__init__(label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple)

    def to_python(self, value: Any) -> list[str]:
        values = super().to_python(value)
        return list(dict.fromkeys(item for item in values if self.valid_value(item)))


class _OneOf(forms.ChoiceField):
    """A choice that falls back to the first one when the value is unknown."""

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        return value if value and self.valid_value(value) else str(self.choices[0][0])  # type: ignore[index]


class _Text(forms.CharField):
    def to_python(self, value: Any) -> str:
        return " ".join(str(super().to_python(value)).split())[:MAX_TEXT]


class _PageNumber(forms.Field):
    def to_python(self, value: Any) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            return 1
        return min(max(number, 1), MAX_PAGE)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    legend: str
    options: list[FacetOption]


class SearchForm(forms.Form):
    q = _Text(label=_("What do you want to learn?"), required=False)
    level = _AnyOf(label=_("Level"), choices=Level.choices)
    sector = _AnyOf(label=_("Sector"), choices=Sector.choices)
    start = _AnyOf(label=_("When it starts"), choices=START_PERIODS)
    price = _AnyOf(label=_("What it costs"), choices=PRICE_BANDS)
    funding = _AnyOf(label=_("Who can pay"), choices=FundingOption.choices)
    delivery = _AnyOf(label=_("How you learn"), choices=Delivery.choices)
    schedule = _AnyOf(label=_("Part of the day"), choices=Schedule.choices)
    region = _AnyOf(label=_("Region"))
    municipality = _AnyOf(label=_("Municipality"))
    provider_kind = _AnyOf(label=_("Kind of provider"), choices=Provider.Kind.choices)
    sort = _OneOf(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    pagina = _PageNumber(required=False)

    def __init__(self, data: QueryDict, *, year: int) -> None:
        super().__init__(data)
        # One query each: the places of `year`, by name.
        self.fields["region"].choices = [(region.code, region.name) for region in list_regions(year=year)]  # type: ignore[attr-defined]
        self.fields["municipality"].choices = list_municipality_names(year=year)  # type: ignore[attr-defined]
        self.full_clean()  # the fields drop what they do not know, so the form is always valid

    @property
    def text(self) -> str:
        return str(self.cleaned_data["q"])

    @property
    def filters(self) -> Filters:
        return Filters(**{name: tuple(self.cleaned_data[name]) for name in FACETS})

    @property
    def order(self) -> str:
        return str(self.cleaned_data["sort"])

    @property
    def page(self) -> int:
        return int(self.cleaned_data["pagina"])

    def search_arguments(self) -> dict[str, Any]:
        """The keyword arguments of `search_offers` for this search."""
        return {"text": self.text, "filters": self.filters, "sort": self.order, "page": self.page}

    def query_string(self, *, text: str | None = None, with_filters: bool = True) -> str:
        """This search's address (from its first page), with other text or without its filters."""
        query = QueryDict(mutable=True)
        query["q"] = self.text if text is None else text
        if with_filters:
            for name, values in self.filters.chosen().items():
                query.setlist(name, list(values))
        if self.order != SORTS[0]:
            query["sort"] = self.order
        return f"?{query.urlencode()}"

    def facet_groups(self, facets: Mapping[str, Sequence[FacetCount]]) -> list[FacetGroup]:
        """The checkboxes to show: options with results and the chosen ones (of the
        municipalities only the largest few), each with its label and count."""
        groups = []
        for name in FACETS:
            field = self.fields[name]
            labels = {str(code): str(label) for code, label in field.choices}  # type: ignore[attr-defined]
            counts = [
                facet for facet in facets.get(name, ()) if facet.value in labels and (facet.count or facet.selected)
            ]
            if name == "municipality":
                largest = sorted(counts, key=lambda facet: (-facet.count, facet.value))[:MUNICIPALITIES_SHOWN]
                counts = [facet for facet in counts if facet in largest or facet.selected]
            by_value = {facet.value: facet for facet in counts}
            options = [
                FacetOption(value=code, label=label, count=by_value[code].count, selected=by_value[code].selected)
                for code, label in labels.items()
                if code in by_value
            ]
            if options:
                groups.append(FacetGroup(name=name, legend=str(field.label), options=options))
        return groups

    def any_filters(self) -> bool:
        return bool(self.filters.chosen())
