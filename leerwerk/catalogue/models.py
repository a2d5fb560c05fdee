"""Providers, their training offers and the offers' runs, and the imports that bring them in.

An offer is public only when it is published and its provider is admitted
(`leerwerk.catalogue.selectors.public_offers`). Nothing is ever deleted: an offer that
disappears from a provider's feed is withdrawn."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from leerwerk.accounts.validators import validate_brin_code, validate_kvk_number
from leerwerk.catalogue.vocabulary import (
    Delivery,
    DurationUnit,
    FundingOption,
    LearningPath,
    Level,
    ProgrammeRegister,
    Schedule,
    Sector,
)
from leerwerk.core.models import TimeStampedModel


class Provider(TimeStampedModel):
    class Kind(models.TextChoices):
        MBO_SCHOOL = "mbo_school", _("MBO school")
        UNIVERSITY_OF_APPLIED_SCIENCES = "university_of_applied_sciences", _("University of applied sciences")
        UNIVERSITY = "university", _("University")
        PRIVATE_TRAINER = "private_trainer", _("Private training provider")
        PUBLIC_BODY = "public_body", _("Public body")

    class Admission(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ADMITTED = "admitted", _("Admitted")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    brin_code = models.CharField(_("BRIN code"), max_length=4, blank=True, validators=[validate_brin_code])
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True, validators=[validate_kvk_number])
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    places = models.CharField(_("main places"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="providers",
        help_text=_("The partner organisation whose provider editors manage this provider's offers."),
    )
    admission = models.CharField(_("admission"), max_length=20, choices=Admission.choices, default=Admission.APPLIED)
    admission_changed_at = models.DateTimeField(_("admission changed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        constraints = [
            models.UniqueConstraint(fields=["brin_code"], condition=~Q(brin_code=""), name="provider_brin_unique"),
            models.UniqueConstraint(fields=["kvk_number"], condition=~Q(kvk_number=""), name="provider_kvk_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_admitted(self) -> bool:
        return self.admission == self.Admission.ADMITTED


class Recognition(models.Model):
    """A quality mark or accreditation of a provider, valid for a period."""

    class Kind(models.TextChoices):
        CRKBO = "crkbo", "CRKBO"
        NRTO = "nrto", "NRTO"
        NVAO = "nvao", _("NVAO accredited")
        OTHER = "other", _("Other")

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="recognitions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "valid_from"]
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="recognition_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.provider})"


class Offer(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        API = "api", _("Provider API")
        EDUDEX = "edudex", "EDU-DEX"
        OOAPI = "ooapi", "OOAPI"
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        DEMO = "demo", _("Demo content")

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="offers")
    external_id = models.CharField(_("provider's own id"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.NONE)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER)
    programme_register = models.CharField(_("register"), max_length=5, choices=ProgrammeRegister.choices, blank=True)
    programme_code = models.CharField(_("CREBO or CROHO code"), max_length=10, blank=True)
    learning_path = models.CharField(_("learning path"), max_length=20, choices=LearningPath.choices, blank=True)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.CLASSROOM)
    language = models.CharField(_("language"), max_length=2, default="nl")
    duration_value = models.PositiveIntegerField(_("duration"), null=True, blank=True)
    duration_unit = models.CharField(_("duration unit"), max_length=10, choices=DurationUnit.choices, blank=True)
    study_load_hours = models.PositiveIntegerField(_("study load in hours"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    price_cents = models.PositiveIntegerField(
        _("price including VAT, in cents"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    price_includes = models.CharField(_("what the price includes"), max_length=500, blank=True)
    funding_options = models.JSONField(_("who can pay"), default=list, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    first_seen_at = models.DateTimeField(_("first seen"))
    last_changed_at = models.DateTimeField(_("last changed"))
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(fields=["provider", "external_id"], name="offer_unique_external_id"),
        ]
        indexes = [
            models.Index(fields=["status", "provider"], name="offer_status_provider"),
            # The search indexer looks for offers that changed four times a second.
            models.Index(fields=["updated_at"], name="offer_updated_at"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def funding_option_labels(self) -> list[str]:
        labels = dict(FundingOption.choices)
        return [str(labels.get(code, code)) for code in self.funding_options]


class Run(models.Model):
    """One scheduled run of an offer, or "start anytime" (`start_anytime` and no dates)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="runs")
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    start_anytime = models.BooleanField(_("start anytime"), default=False)
    municipality = models.ForeignKey(
        "regions.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    schedule = models.CharField(_("schedule"), max_length=10, choices=Schedule.choices, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("run")
        verbose_name_plural = _("runs")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="run_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(start_anytime=True) | Q(starts_on__isnull=False),
                name="run_has_a_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer} ({self.starts_on or _('start anytime')})"


class ProviderToken(TimeStampedModel):
    """A provider's API key. Only its SHA-256 is stored; the key is shown once."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("first characters"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ImportRun(TimeStampedModel):
    """One import of a file, feed or upload, with its counts and its report."""

    class Format(models.TextChoices):
        EDUDEX = "edudex", "EDU-DEX (JSON)"
        OOAPI = "ooapi", "OOAPI v6 (JSON)"
        CSV = "csv", "CSV"
        XLSX = "xlsx", _("Excel (XLSX)")

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Applied")
        PARTLY_APPLIED = "partly_applied", _("Applied, some rows refused")
        REJECTED = "rejected", _("Rejected, nothing changed")

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="imports")
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    source_name = models.CharField(_("file or address"), max_length=500)
    is_snapshot = models.BooleanField(_("complete list (withdraw what is missing)"), default=False)
    apply_valid_rows = models.BooleanField(_("apply the valid rows when some are wrong"), default=False)
    started_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    new_count = models.PositiveIntegerField(_("new"), default=0)
    changed_count = models.PositiveIntegerField(_("changed"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    withdrawn_count = models.PositiveIntegerField(_("withdrawn"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    structural_error = models.TextField(_("why the whole file was refused"), blank=True)
    row_errors = models.JSONField(_("errors per row"), default=list, blank=True)
    row_error_total = models.PositiveIntegerField(_("number of row errors"), default=0)
    duration_ms = models.PositiveIntegerField(_("duration in milliseconds"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_format_display()} {self.source_name} ({self.get_outcome_display()})"


class ImportedSource(models.Model):
    """A file (or feed response) that was imported completely, by its digest, with the
    offers it held and their source hashes. When the very same bytes come in again and
    every offer in them is still as it was, the import need not even decode the file."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    entries = models.JSONField(default=list)  # [[external id, source hash], …]
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "digest"], name="imported_source_unique")]

    def __str__(self) -> str:
        return f"{self.provider_id}:{self.digest[:12]}"
