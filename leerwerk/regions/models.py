"""Municipalities, labour-market regions, and which municipality belongs to which region
in which years.

Membership is a range of years, because municipalities merge almost every year and the
region's indicators must be computed by the composition of the year they describe."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from leerwerk.core.models import TimeStampedModel

validate_region_code = RegexValidator(r"^AM\d{2}$", _("A region code is AM followed by two digits."))
validate_municipality_code = RegexValidator(r"^GM\d{4}$", _("A municipality code is GM followed by four digits."))


class LabourMarketRegion(TimeStampedModel):
    code = models.CharField(_("code"), max_length=4, unique=True, validators=[validate_region_code])
    name = models.CharField(_("name"), max_length=100)
    lead_municipality = models.ForeignKey(
        "Municipality",
        verbose_name=_("lead municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_served = models.BooleanField(
        _("served by this deployment"),
        default=False,
        help_text=_("Residents of a served region can ask this deployment's advice desk for help."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("labour-market region")
        verbose_name_plural = _("labour-market regions")

    def __str__(self) -> str:
        return self.name


class Municipality(TimeStampedModel):
    code = models.CharField(_("code"), max_length=6, unique=True, validators=[validate_municipality_code])
    name = models.CharField(_("name"), max_length=100)
    province_code = models.CharField(_("province code"), max_length=4)
    province_name = models.CharField(_("province"), max_length=50)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class RegionMembership(models.Model):
    """A municipality belongs to a region from `valid_from` up to and including
    `valid_until` (open-ended when empty). The ranges of one municipality never overlap;
    `leerwerk.regions.services` keeps them so."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="region_memberships")
    region = models.ForeignKey(LabourMarketRegion, on_delete=models.PROTECT, related_name="memberships")
    valid_from = models.PositiveSmallIntegerField(_("first year"))
    valid_until = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)

    class Meta:
        ordering = ["municipality__name", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "valid_from"], name="membership_one_start_per_year"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        until = self.valid_until or "…"
        return f"{self.municipality.code} → {self.region.code} ({self.valid_from}–{until})"
