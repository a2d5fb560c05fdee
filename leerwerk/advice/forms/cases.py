"""Forms of the queue and the case page. They parse and check input; the services in
`services.cases` hold the rules and do the work."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from leerwerk.accounts.models import User
from leerwerk.advice.models import Case, ContactMoment, Note, TargetGroup
from leerwerk.advice.selectors.queue import (
    ASSIGNED_ME,
    ASSIGNED_NOBODY,
    SORT_NEWEST,
    SORT_OLDEST,
    STATUS_ALL,
    STATUS_OPEN,
    QueueFilters,
)
from leerwerk.journeys.models import AdviceRequest

_DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class QueueFilterForm(forms.Form):
    """The queue's filters (GET, so the whole state is in the address). An invalid value is
    shown as an error and left out of the filter; the rest still applies."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    situation = forms.ChoiceField(label=_("Situation"), required=False)
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    municipality = forms.TypedChoiceField(label=_("Municipality"), required=False, coerce=int, empty_value=None)
    assigned = forms.ChoiceField(label=_("Assigned to"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False)

    def __init__(
        self,
        *args: Any,
        regions: list[tuple[str, str]],
        municipalities: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["status"].choices = [  # type: ignore[attr-defined]
            (STATUS_OPEN, _("Open (not closed)")),
            *Case.Status.choices,
            (STATUS_ALL, _("All")),
        ]
        fields["situation"].choices = [("", _("All")), *AdviceRequest.Situation.choices]  # type: ignore[attr-defined]
        fields["target_group"].choices = [("", _("All")), *TargetGroup.choices]  # type: ignore[attr-defined]
        fields["municipality"].choices = [("", _("All")), *municipalities]  # type: ignore[attr-defined]
        fields["assigned"].choices = [  # type: ignore[attr-defined]
            ("", _("Anyone")),
            (ASSIGNED_ME, _("Me")),
            (ASSIGNED_NOBODY, _("Nobody yet")),
        ]
        fields["sort"].choices = [  # type: ignore[attr-defined]
            (SORT_NEWEST, _("Newest first")),
            (SORT_OLDEST, _("Longest waiting first")),
        ]
        if len(regions) > 1:
            fields["region"].choices = [("", _("All my regions")), *regions]  # type: ignore[attr-defined]
        else:
            del fields["region"]

    def filters(self) -> QueueFilters:
        """The valid values as filters; an invalid field keeps its default."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return QueueFilters(
            status=data.get("status") or STATUS_OPEN,
            situation=data.get("situation") or "",
            target_group=data.get("target_group") or "",
            municipality_id=data.get("municipality"),
            assigned=data.get("assigned") or "",
            region_code=data.get("region") or "",
            sort=data.get("sort") or SORT_NEWEST,
        )


class StatusForm(forms.Form):
    prefix = "status"

    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args: Any, statuses: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Case.Status.choices)
        self.fields["status"].choices = [(status, labels[status]) for status in statuses]  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    prefix = "assign"

    adviser = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args: Any, advisers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers  # type: ignore[attr-defined]


class TargetGroupsForm(forms.Form):
    prefix = "groups"

    groups = forms.MultipleChoiceField(
        label=_("Target groups"), required=False, choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple
    )


class NoteForm(forms.Form):
    prefix = "note"

    text = forms.CharField(label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=Note.Visibility.choices, initial=Note.Visibility.TEAM, widget=forms.RadioSelect
    )


class ContactMomentForm(forms.Form):
    prefix = "contact"

    happened_at = forms.DateTimeField(label=_("When"), widget=_DATETIME_WIDGET)
    channel = forms.ChoiceField(label=_("How"), choices=ContactMoment.Channel.choices)
    summary = forms.CharField(label=_("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class AppointmentForm(forms.Form):
    prefix = "appointment"

    starts_at = forms.DateTimeField(label=_("Date and time"), widget=_DATETIME_WIDGET)
    place = forms.CharField(label=_("Where or how"), max_length=200)
    subject = forms.CharField(label=_("About"), max_length=200)
