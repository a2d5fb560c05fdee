"""Occupations of the ESCO taxonomy, with their Dutch labels."""

from django.db import models
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
