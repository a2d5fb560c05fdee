"""Casework of a region's advice desk (Leerwerkloket), mobility team and employer
service point: a resident's advice request becomes a case for one person, with notes,
contact moments, appointments, documents, a development plan shared with the resident,
and trajectories whose outcomes the region's indicators count.

Personal data lives in `Person` and in the free text of a case (notes, contact moments,
appointments, documents, the plan). Erasing a person empties those and keeps the facts
the indicators need: the case's region, target groups, status and dates, and the
trajectories with their outcomes (see `services.rights`)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from leerwerk.core.models import TimeStampedModel

DEFAULT_RESPONSE_WORKING_DAYS = 5
DEFAULT_RETENTION_MONTHS = 24


class DeskSettings(TimeStampedModel):
    """The advice desk's settings of one labour-market region (defaults when absent)."""

    region = models.OneToOneField(
        "regions.LabourMarketRegion", verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    response_working_days = models.PositiveSmallIntegerField(
        _("response time in working days"), default=DEFAULT_RESPONSE_WORKING_DAYS
    )
    retention_months = models.PositiveSmallIntegerField(
        _("months personal data is kept after a case closes"), default=DEFAULT_RETENTION_MONTHS
    )

    class Meta:
        verbose_name = _("advice desk settings")
        verbose_name_plural = _("advice desk settings")

    def __str__(self) -> str:
        return str(self.region)


class TargetGroup(models.TextChoices):
    YOUNG = "young", _("Young people 15–27")
    FIFTY_PLUS = "fifty_plus", _("50 and over")
    THREATENED_WITH_DISMISSAL = "threatened_with_dismissal", _("Threatened with dismissal")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    ON_BENEFITS = "on_benefits", _("Job seeker on benefits")
    STATUS_HOLDER = "status_holder", _("Status holder")
    LIMITED_LITERACY = "limited_literacy", _("Limited literacy")


class Person(TimeStampedModel):
    """The resident a case is for: contact details and consent, the least needed.
    `erased_at` is set when the personal data was erased (the row stays, empty, so the
    anonymous facts of their cases keep their shape)."""

    region_code = models.CharField(_("region code"), max_length=4, db_index=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, null=True, blank=True
    )
    postcode = models.CharField(_("postcode digits"), max_length=4, blank=True)
    contact_by = models.CharField(_("preferred contact"), max_length=10, blank=True)
    consent_version = models.CharField(_("version of the consent text"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consented"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class Case(TimeStampedModel):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING = "waiting", _("Waiting for the resident")
        CLOSED = "closed", _("Closed")

    region_code = models.CharField(_("region code"), max_length=4)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="cases")
    request = models.OneToOneField(
        "journeys.AdviceRequest",
        verbose_name=_("advice request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    # Copied from the request at intake, so the queue filters without a join.
    goal = models.CharField(_("what they want"), max_length=20, blank=True)
    situation = models.CharField(_("situation"), max_length=30, blank=True)
    source = models.CharField(_("source"), max_length=10, blank=True)
    # The resident's own words: personal data, emptied on erasure.
    question = models.TextField(_("question"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adviser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The request's date, so that waiting time and the queue's order need no join.
    received_at = models.DateTimeField(_("received"))
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["region_code", "status", "-received_at"], name="case_region_status_newest"),
            models.Index(fields=["region_code", "-received_at"], name="case_region_newest"),
            models.Index(fields=["assigned_to", "status", "-received_at"], name="case_assignee_status_newest"),
            models.Index(fields=["status", "closed_at"], name="case_status_closed"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code}-{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class CaseTargetGroup(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(_("target group"), max_length=30, choices=TargetGroup.choices)

    class Meta:
        verbose_name = _("target group of a case")
        verbose_name_plural = _("target groups of cases")
        constraints = [models.UniqueConstraint(fields=["case", "group"], name="case_target_group_unique")]
        indexes = [models.Index(fields=["group", "case"], name="case_target_group_group")]

    def __str__(self) -> str:
        return self.get_group_display()


class Note(TimeStampedModel):
    class Visibility(models.TextChoices):
        TEAM = "team", _("Adviser team only")
        RESIDENT = "resident", _("Also shown to the resident")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=5000)
    visibility = models.CharField(_("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.TEAM)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"note {self.pk}"


class ContactMoment(TimeStampedModel):
    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")
        VISIT = "visit", _("Meeting in person")
        VIDEO = "video", _("Video call")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contact_moments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("adviser"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    happened_at = models.DateTimeField(_("when"))
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    summary = models.TextField(_("summary"), max_length=5000)

    class Meta:
        ordering = ["-happened_at", "-pk"]
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")

    def __str__(self) -> str:
        return f"contact {self.pk}"


class Appointment(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appointments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("adviser"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("where or how"), max_length=200)
    subject = models.CharField(_("about"), max_length=200)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self) -> str:
        return f"appointment {self.pk}"


def _document_path(document: "Document", filename: str) -> str:
    # The stored name carries no part of the original name (which may be personal).
    return f"advice/{document.case.region_code}/{document.case_id}/{document.token}"


class Document(TimeStampedModel):
    """An uploaded PDF or image, checked by its content. Served only through the
    workspace's download view, never as a public media URL."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=200)
    title = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"document {self.pk}"


class DevelopmentPlan(TimeStampedModel):
    """The development plan ("ontwikkelplan") the adviser and the resident share."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    goal = models.TextField(_("goal"), max_length=2000)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")

    def __str__(self) -> str:
        return f"plan {self.pk}"


class PlanStep(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("Busy with it")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Not doing this")

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.CharField(_("step"), max_length=300)
    offer = models.ForeignKey(
        "catalogue.Offer",
        verbose_name=_("training"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    occupation = models.ForeignKey(
        "skills.Occupation",
        verbose_name=_("occupation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")

    def __str__(self) -> str:
        return self.description


class Trajectory(TimeStampedModel):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        WORK_TO_WORK = "work_to_work", _("Work to work")
        ORIENTATION = "orientation", _("Orientation")
        JOB_SEARCH = "job_search", _("Job search")
        BASIC_SKILLS = "basic_skills", _("Basic skills")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="trajectories")
    # Kept with the trajectory so the indicators count it without the case.
    region_code = models.CharField(_("region code"), max_length=4)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    offer = models.ForeignKey(
        "catalogue.Offer",
        verbose_name=_("training"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_on = models.DateField(_("started"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        indexes = [models.Index(fields=["region_code", "kind"], name="trajectory_region_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class Outcome(TimeStampedModel):
    class Kind(models.TextChoices):
        TRAINING_STARTED = "training_started", _("Training started")
        TRAINING_COMPLETED = "training_completed", _("Training completed")
        PLACED = "placed", _("Placed in work")
        STILL_IN_WORK = "still_in_work", _("Still in work after six months")
        NOT_IN_WORK = "not_in_work", _("No longer in work after six months")
        STOPPED = "stopped", _("Stopped")

    class ContractType(models.TextChoices):
        PERMANENT = "permanent", _("Permanent contract")
        FIXED_TERM = "fixed_term", _("Fixed-term contract")
        TEMPORARY_AGENCY = "temporary_agency", _("Through a temporary agency")
        SELF_EMPLOYED = "self_employed", _("Self-employed")
        OTHER = "other", _("Other")

    class StopReason(models.TextChoices):
        FOUND_WORK = "found_work", _("Found work another way")
        HEALTH = "health", _("Health")
        TOO_DIFFICULT = "too_difficult", _("Too difficult or not suitable")
        CIRCUMSTANCES = "circumstances", _("Personal circumstances")
        MOVED = "moved", _("Moved away")
        OTHER = "other", _("Other")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=20, choices=Kind.choices)
    on_date = models.DateField(_("date"))
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    occupation = models.ForeignKey(
        "skills.Occupation",
        verbose_name=_("occupation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hours_per_week = models.PositiveSmallIntegerField(_("hours a week"), null=True, blank=True)
    contract_type = models.CharField(_("contract"), max_length=20, choices=ContractType.choices, blank=True)
    stop_reason = models.CharField(_("reason"), max_length=20, choices=StopReason.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["on_date", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="stopped") | ~Q(stop_reason=""), name="outcome_stopped_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on_date}"


class FollowUp(TimeStampedModel):
    """The six-month check after a placement: due on `due_on`, done when the adviser
    records whether the person is still in work."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="follow_ups")
    placement = models.OneToOneField(Outcome, on_delete=models.CASCADE, related_name="follow_up")
    region_code = models.CharField(_("region code"), max_length=4)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["region_code", "done_at", "due_on"], name="follow_up_region_due")]

    def __str__(self) -> str:
        return f"follow-up {self.pk} {self.due_on}"

    def is_due(self, today: datetime.date) -> bool:
        return self.done_at is None and self.due_on <= today


class RetentionRun(models.Model):
    """What one run of the retention rule did (the scheduled task's report)."""

    ran_at = models.DateTimeField(_("ran"), auto_now_add=True)
    people_erased = models.PositiveIntegerField(_("people erased"), default=0)
    cases_erased = models.PositiveIntegerField(_("cases emptied"), default=0)
    documents_deleted = models.PositiveIntegerField(_("documents deleted"), default=0)
    per_region = models.JSONField(_("per region"), default=dict)

    class Meta:
        ordering = ["-ran_at"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M}"
