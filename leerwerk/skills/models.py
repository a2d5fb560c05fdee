"""Occupations of the ESCO taxonomy, with their Dutch labels, and the occupations the
analysts of a region count as promising there (kansberoepen)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from leerwerk.core.models import TimeStampedModel


class Occupation(TimeStampedModel):
    uri = models.URLField(_("ESCO address"), max_length=200, unique=True)
    code = models.CharField(_("ESCO code"), max_length=40)
    isco_group = models.CharField(_("ISCO-08 group"), max_length=4)
    preferred_label = models.CharField(_("name"), max_length=300)
    alt_labels = models.JSONField(_("other names"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["preferred_label"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return self.preferred_label


class PromisingOccupation(TimeStampedModel):
    """An occupation with good job prospects in a labour-market region, as an analyst of
    the region chose it, with the reason and the source they name. The source is only the
    label the analyst types (for example the publication they took it from)."""

    region = models.ForeignKey(
        "regions.LabourMarketRegion",
        verbose_name=_("labour-market region"),
        on_delete=models.PROTECT,
        related_name="promising_occupations",
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="promising_in"
    )
    reason = models.TextField(_("why it is promising"), help_text=_("One or two sentences in plain language."))
    source = models.CharField(
        _("source"), max_length=200, help_text=_("Where this comes from, for example a publication and its year.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Lower numbers are shown first."))
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["region", "position", "pk"]
        verbose_name = _("promising occupation")
        verbose_name_plural = _("promising occupations")
        constraints = [
            models.UniqueConstraint(fields=["region", "occupation"], name="promising_occupation_once_per_region"),
            models.CheckConstraint(condition=~Q(reason=""), name="promising_occupation_has_a_reason"),
            models.CheckConstraint(condition=~Q(source=""), name="promising_occupation_names_its_source"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation} ({self.region})"
