"""The public site's forms: the search (`SearchForm`), an interest in an offer
(`InterestForm`) and a request for free advice (`AdviceForm`).

The search form reads the query string of /zoeken/ into a search and lays out the facet
counts as the checkboxes the page shows.

Reading is lenient: an unknown value (an old link, a code that was renamed, a typo in a
hand-made URL) is left out, never an error, so every link to a search keeps working.
The parameters are the facet names, repeated for several values:
`?q=heftruck&level=mbo2&level=mbo3&region=AM27&start=anytime&sort=price&pagina=2`.

The interest and advice forms are strict instead: every text has a maximum length, and
control characters are refused, each with a message that says what to change."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from leerwerk.catalogue.models import Offer, Provider
from leerwerk.catalogue.vocabulary import Delivery, FundingOption, Level, Schedule, Sector
from leerwerk.components.widgets import LongSelect
from leerwerk.journeys.models import AdviceRequest
from leerwerk.journeys.selectors import get_retention_months
from leerwerk.journeys.services import Contact, Place
from leerwerk.regions.selectors import list_municipality_names, list_regions
from leerwerk.search.selectors import SORTS, FacetCount, Filters

MAX_TEXT = 200
MAX_PAGE = 1000
# C0 and C1 control characters but tab, line feed and carriage return; the bidirectional
# embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
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
        text = _CONTROL_CHARACTERS.sub(" ", str(super().to_python(value)))
        return " ".join(text.split())[:MAX_TEXT]


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
                largest = counts[:MUNICIPALITIES_SHOWN]  # the selector lists the most first
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


# --- Interest and advice ---------------------------------------------------------------

MAX_MESSAGE = 1000
PAIRED_FIELD = "journeys/_paired_field.html"  # one of two is needed: neither is "optional"
CHECKBOX_FIELD = "journeys/_checkbox_field.html"
CHOOSE_AN_OPTION = _("Choose one of the options.")
RADIO_FIELD = "journeys/_radio_field.html"
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_DUTCH_PHONE = re.compile(r"0[1-9]\d{8}")
_INTERNATIONAL_PHONE = re.compile(r"\+[1-9]\d{7,14}")
_POSTCODE = re.compile(r"([1-9]\d{3}) ?(?:[A-Za-z]{2})?")
TOO_LONG = ngettext_lazy(
    "Make this shorter: at most %(limit_value)d character. You typed %(show_value)d.",
    "Make this shorter: at most %(limit_value)d characters. You typed %(show_value)d.",
    "limit_value",
)


def normalise_phone(text: str) -> str:
    """A Dutch number (0 and nine digits) or an international one (+ and 8 to 15
    digits), without spaces, dashes or brackets; +31 and 0031 become 0. Raises
    ValidationError for anything else."""
    compact = _PHONE_SEPARATORS.sub("", text)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    for prefix in ("+310", "+31"):
        if compact.startswith(prefix):
            compact = "0" + compact[len(prefix) :]
            break
    if _DUTCH_PHONE.fullmatch(compact) or _INTERNATIONAL_PHONE.fullmatch(compact):
        return compact
    raise forms.ValidationError(_("Give a phone number of 10 digits, for example 06 12345678."))


def normalise_postcode(text: str) -> str:
    """The four digits of a Dutch postcode ("5211", "5211 AB" and "5211AB" all give
    "5211"): the letters are not needed, so they are not kept."""
    match = _POSTCODE.fullmatch(text.strip())
    if match is None:
        raise forms.ValidationError(_("Give the four digits of your postcode, for example 5211."))
    return match.group(1)


class _TelInput(forms.TextInput):
    input_type = "tel"


def _without_control_characters(value: str) -> str:
    """Refuse what no keyboard types: control characters (other than tab and new line)
    and the marks that reorder text on screen (bidirectional overrides), which could make
    a name look different in the provider's list."""
    if _CONTROL_CHARACTERS.search(value):
        raise forms.ValidationError(
            _("There is a character in this text that we cannot use. Type the text again without it."),
            code="control_characters",
        )
    return value


class _ResidentText(forms.CharField):
    default_error_messages = {"max_length": TOO_LONG}

    def to_python(self, value: Any) -> str:
        return _without_control_characters(str(super().to_python(value)))


class _ResidentEmail(forms.EmailField):
    default_error_messages = {"max_length": TOO_LONG}

    def to_python(self, value: Any) -> str:
        return _without_control_characters(str(super().to_python(value)))


class _ResidentForm(forms.Form):
    """What both forms ask: who the resident is, how to reach them, where they live."""

    name = _ResidentText(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Give your name.")},
    )
    email = _ResidentEmail(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Give an e-mail address like name@example.nl.")},
    )
    phone = _ResidentText(
        label=_("Phone number"),
        required=False,
        max_length=20,
        help_text=_("For example 06 12345678."),
        widget=_TelInput(attrs={"autocomplete": "tel"}),
    )
    municipality = forms.ChoiceField(
        label=_("Your municipality"),
        required=False,
        widget=LongSelect,
        error_messages={"invalid_choice": _("Choose a municipality from the list.")},
    )
    postcode = _ResidentText(
        label=_("Or the four digits of your postcode"),
        required=False,
        max_length=7,
        help_text=_("For example 5211. Only when you do not know your municipality."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Tick the box to agree. Without your consent we cannot pass on your details.")},
    )

    # Fields drawn by a template of this app rather than the components' one.
    field_templates = {
        "email": PAIRED_FIELD,
        "phone": PAIRED_FIELD,
        "municipality": PAIRED_FIELD,
        "postcode": PAIRED_FIELD,
        "consent": CHECKBOX_FIELD,
    }

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("Choose…")), *list_municipality_names(year=year)]  # type: ignore[attr-defined]
        for name, template_name in self.field_templates.items():
            self.fields[name].template_name = template_name  # type: ignore[attr-defined]  # missing in django-stubs

    def clean_name(self) -> str:
        return " ".join(str(self.cleaned_data["name"]).split())

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data["phone"]).strip()
        return normalise_phone(phone) if phone else ""

    def clean_postcode(self) -> str:
        postcode = str(self.cleaned_data["postcode"]).strip()
        return normalise_postcode(postcode) if postcode else ""

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not any((cleaned.get("email"), cleaned.get("phone"), self.has_error("email"), self.has_error("phone"))):
            self.add_error("email", _("Give your e-mail address or your phone number."))
        place_given = (cleaned.get("municipality"), cleaned.get("postcode"))
        if not any((*place_given, self.has_error("municipality"), self.has_error("postcode"))):
            self.add_error("municipality", _("Choose your municipality, or give the four digits of your postcode."))
        if cleaned.get("municipality"):
            cleaned["postcode"] = ""  # the municipality is enough: keep no more than needed
        return cleaned

    def contact(self) -> Contact:
        return Contact(
            name=self.cleaned_data["name"], email=self.cleaned_data["email"], phone=self.cleaned_data["phone"]
        )

    def place(self) -> Place:
        return Place(municipality_code=self.cleaned_data["municipality"], postcode=self.cleaned_data["postcode"])


class InterestForm(_ResidentForm):
    """The "Ik heb interesse" form: the resident's details for the provider of `offer`."""

    question = _ResidentText(
        label=_("Your question for the provider"), required=False, max_length=MAX_MESSAGE, widget=forms.Textarea
    )
    wants_help = forms.BooleanField(
        label=_("I want help from an adviser of the Leerwerkloket. This is free."),
        required=False,
        help_text=_("An adviser helps you choose, and tells you who can pay for the training."),
    )

    field_order = ["name", "email", "phone", "municipality", "postcode", "question", "wants_help", "consent"]
    field_templates = {**_ResidentForm.field_templates, "wants_help": CHECKBOX_FIELD}

    def __init__(self, *args: Any, offer: Offer, year: int, **kwargs: Any) -> None:
        super().__init__(*args, year=year, **kwargs)
        months = get_retention_months()
        self.fields["consent"].label = ngettext(
            "I agree that %(provider)s gets my details to contact me about this training, and the Leerwerkloket "
            "(advice desk) of my region too if I ask for help. My details are kept for %(months)d month, "
            "then erased.",
            "I agree that %(provider)s gets my details to contact me about this training, and the Leerwerkloket "
            "(advice desk) of my region too if I ask for help. My details are kept for %(months)d months, "
            "then erased.",
            months,
        ) % {"provider": offer.provider.name, "months": months}


class AdviceForm(_ResidentForm):
    """The "Gratis advies" form: a short request for the advice desk of the resident's region."""

    goal = forms.ChoiceField(
        label=_("What do you want?"),
        choices=AdviceRequest.Goal.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you want."), "invalid_choice": CHOOSE_AN_OPTION},
    )
    situation = forms.ChoiceField(
        label=_("What is your situation?"),
        choices=AdviceRequest.Situation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your situation."), "invalid_choice": CHOOSE_AN_OPTION},
    )
    contact_by = forms.ChoiceField(
        label=_("How do you want us to contact you?"),
        choices=AdviceRequest.ContactBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how we contact you."), "invalid_choice": CHOOSE_AN_OPTION},
    )
    message = _ResidentText(
        label=_("Anything else you want to tell us"), required=False, max_length=MAX_MESSAGE, widget=forms.Textarea
    )

    field_templates = {
        **_ResidentForm.field_templates,
        "goal": RADIO_FIELD,
        "situation": RADIO_FIELD,
        "contact_by": RADIO_FIELD,
    }
    field_order = [
        "goal",
        "situation",
        "municipality",
        "postcode",
        "name",
        "email",
        "phone",
        "contact_by",
        "message",
        "consent",
    ]

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, year=year, **kwargs)
        self.fields["name"].required = False
        months = get_retention_months()
        self.fields["consent"].label = ngettext(
            "I agree that the Leerwerkloket (advice desk) of my region gets my details to contact me. "
            "My details are kept for %(months)d month, then erased.",
            "I agree that the Leerwerkloket (advice desk) of my region gets my details to contact me. "
            "My details are kept for %(months)d months, then erased.",
            months,
        ) % {"months": months}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        contact_by = cleaned.get("contact_by")
        if contact_by == AdviceRequest.ContactBy.PHONE and not cleaned.get("phone") and not self.has_error("phone"):
            self.add_error("phone", _("Give your phone number, or choose to be contacted by e-mail."))
        if contact_by == AdviceRequest.ContactBy.EMAIL and not cleaned.get("email") and not self.has_error("email"):
            self.add_error("email", _("Give your e-mail address, or choose to be contacted by phone."))
        return cleaned
