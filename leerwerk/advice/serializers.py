"""What the advice API shows of a case: the summary of the list and the whole case.

Output only; each API view keeps its own input serializer (`api.py`). The case must come
from `get_case_for_adviser(…, full=True)` (or the list's query), so that serializing it
asks the database nothing more."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leerwerk.accounts.models import User
from leerwerk.advice.models import (
    Appointment,
    Case,
    ContactMoment,
    DevelopmentPlan,
    Document,
    FollowUp,
    Note,
    Outcome,
    Person,
    PlanStep,
    TargetGroup,
    Trajectory,
)
from leerwerk.journeys.models import AdviceRequest


class UserRef(serializers.Serializer[User]):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__", help_text="The user's name, or their e-mail address.")


class MunicipalityRef(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="CBS code, for example GM0796.")
    name = serializers.CharField()


class OfferRef(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()


class OccupationRef(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    uri = serializers.URLField(help_text="The ESCO address of the occupation.")
    name = serializers.CharField(source="preferred_label", help_text="The Dutch name.")


class PersonSummary(serializers.Serializer[Person]):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="Empty when the person's data was erased.")
    municipality = MunicipalityRef(allow_null=True)
    is_erased = serializers.BooleanField(help_text="True when the person's data was erased.")


class PersonDetail(PersonSummary):
    email = serializers.EmailField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    postcode = serializers.CharField(allow_blank=True, help_text="The four digits of the postcode.")
    contact_by = serializers.ChoiceField(
        choices=AdviceRequest.ContactBy.choices, allow_blank=True, help_text="How the person wants to be contacted."
    )
    consent_version = serializers.CharField(allow_blank=True, help_text="The version of the consent text agreed to.")
    consented_at = serializers.DateTimeField(allow_null=True)


class CaseSummary(serializers.Serializer[Any]):  # Any: it also serializes a page of cases
    id = serializers.IntegerField()
    region_code = serializers.CharField(help_text="The labour-market region of the case (CBS code).")
    status = serializers.ChoiceField(choices=Case.Status.choices)
    received_at = serializers.DateTimeField(help_text="When the advice request came in.")
    taken_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    goal = serializers.ChoiceField(choices=AdviceRequest.Goal.choices, allow_blank=True)
    situation = serializers.ChoiceField(choices=AdviceRequest.Situation.choices, allow_blank=True)
    # "source" is an attribute of every DRF field, so the field is set by name.
    locals()["source"] = serializers.ChoiceField(choices=AdviceRequest.Source.choices, allow_blank=True)
    person = PersonSummary()
    assigned_to = UserRef(allow_null=True, help_text="The adviser who works the case; null: nobody yet.")
    target_groups = serializers.SerializerMethodField(help_text="The case's target groups.")
    page_url = serializers.SerializerMethodField(help_text="The case's page in the workspace.")

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=TargetGroup.choices)))
    def get_target_groups(self, case: Case) -> list[str]:
        # `.all()` uses the prefetched rows; sorted so the answer does not depend on their order.
        return sorted(row.group for row in case.target_groups.all())

    def get_page_url(self, case: Case) -> str:
        return reverse("advice:case", kwargs={"case_id": case.pk})


class NoteOutput(serializers.Serializer[Any]):  # Any: it also serializes a list of notes
    id = serializers.IntegerField()
    text = serializers.CharField()
    visibility = serializers.ChoiceField(choices=Note.Visibility.choices)
    author = UserRef(allow_null=True)
    created_at = serializers.DateTimeField()


class ContactMomentOutput(serializers.Serializer[ContactMoment]):
    id = serializers.IntegerField()
    happened_at = serializers.DateTimeField()
    channel = serializers.ChoiceField(choices=ContactMoment.Channel.choices)
    summary = serializers.CharField()
    author = UserRef(allow_null=True)


class AppointmentOutput(serializers.Serializer[Appointment]):
    id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    place = serializers.CharField()
    subject = serializers.CharField()
    is_cancelled = serializers.BooleanField()


class DocumentOutput(serializers.Serializer[Document]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=Document.Kind.choices)
    size = serializers.IntegerField(help_text="Size in bytes.")
    created_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField(
        help_text="Where the file is downloaded (workspace session; the download is logged)."
    )

    def get_download_url(self, document: Document) -> str:
        return reverse("advice:document-download", kwargs={"case_id": document.case_id, "document_id": document.pk})


class PlanStepOutput(serializers.Serializer[PlanStep]):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    description = serializers.CharField()
    offer = OfferRef(allow_null=True)
    occupation = OccupationRef(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=PlanStep.Status.choices)


class PlanOutput(serializers.Serializer[DevelopmentPlan]):
    goal = serializers.CharField()
    steps = PlanStepOutput(many=True)


class OutcomeOutput(serializers.Serializer[Outcome]):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Outcome.Kind.choices)
    on_date = serializers.DateField()
    employer_name = serializers.CharField(allow_blank=True)
    occupation = OccupationRef(allow_null=True)
    hours_per_week = serializers.IntegerField(allow_null=True)
    contract_type = serializers.ChoiceField(choices=Outcome.ContractType.choices, allow_blank=True)
    stop_reason = serializers.ChoiceField(choices=Outcome.StopReason.choices, allow_blank=True)


class FollowUpOutput(serializers.Serializer[FollowUp]):
    id = serializers.IntegerField()
    due_on = serializers.DateField(help_text="Six months after the placement.")
    done_at = serializers.DateTimeField(allow_null=True)


class TrajectoryOutput(serializers.Serializer[Trajectory]):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Trajectory.Kind.choices)
    started_on = serializers.DateField()
    offer = OfferRef(allow_null=True)
    outcomes = OutcomeOutput(many=True)
    follow_ups = FollowUpOutput(many=True)


class CaseDetail(CaseSummary):
    person = PersonDetail()
    question = serializers.CharField(help_text="The resident's question, in their own words.")
    notes = NoteOutput(many=True)
    contact_moments = ContactMomentOutput(many=True)
    appointments = AppointmentOutput(many=True)
    documents = DocumentOutput(many=True)
    plan = serializers.SerializerMethodField(help_text="The development plan; null when there is none.")
    trajectories = TrajectoryOutput(many=True)

    @extend_schema_field(PlanOutput(allow_null=True))
    def get_plan(self, case: Case) -> dict[str, Any] | None:
        try:
            plan = case.plan
        except DevelopmentPlan.DoesNotExist:
            return None
        return PlanOutput(plan).data
