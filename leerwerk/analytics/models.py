"""Measurement events and the daily salt that makes visitors countable without an identifier.

Nothing here identifies a person: an event holds the page's path (no query string), the
entrance, the region when known, the campaign, and `visitor`, a hash of the day's random
salt with the client's address and browser. The salt is deleted the day after tomorrow
(`services.daily_salt`), after which no one can recompute which address made a hash."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from leerwerk.core.models import TimeStampedModel


class Event(models.Model):
    """One thing a visitor did. Append-only: written in batches by the flusher and read by
    the report, never changed, so it has `occurred_at` and `day` instead of the created/
    updated pair of `TimeStampedModel`."""

    class Kind(models.TextChoices):
        # In the order of the funnel the report shows.
        PAGE_VIEW = "page_view", _("Page view")
        SEARCH = "search", _("Search")
        OFFER_VIEW = "offer_view", _("Offer view")
        CLICK_OUT = "click_out", _("Click-out")
        INTEREST = "interest", _("Interest")
        ADVICE_REQUEST = "advice_request", _("Advice request")

    class Entrance(models.TextChoices):
        NONE = "", _("None")
        RESIDENTS = "residents", _("Residents")
        EMPLOYERS = "employers", _("Employers")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("occurred at"))
    day = models.DateField(_("day"), help_text=_("The local date; the visitor hash is only valid within it."))
    path = models.CharField(_("path"), max_length=500, blank=True)
    entrance = models.CharField(_("entrance"), max_length=20, choices=Entrance.choices, blank=True)
    region_code = models.CharField(_("region code"), max_length=10, blank=True)
    offer_id = models.PositiveBigIntegerField(_("offer id"), null=True, blank=True)
    query = models.CharField(_("search query"), max_length=200, blank=True)
    filters = models.JSONField(_("search filters"), default=dict, blank=True)
    campaign_source = models.CharField(_("campaign source"), max_length=100, blank=True)
    campaign_medium = models.CharField(_("campaign medium"), max_length=100, blank=True)
    campaign_name = models.CharField(_("campaign"), max_length=100, blank=True)
    visitor = models.CharField(_("visitor hash"), max_length=32)
    is_repeat = models.BooleanField(_("repeat visit"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["day", "region_code"], name="analytics_event_day_region"),
            models.Index(fields=["occurred_at"], name="analytics_event_occurred_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.path} {self.occurred_at:%Y-%m-%d %H:%M}"


class DailySalt(TimeStampedModel):
    """The random salt of one day's visitor hashes, made on first use."""

    day = models.DateField(_("day"), unique=True)
    salt = models.CharField(_("salt"), max_length=64)

    class Meta:
        verbose_name = _("daily salt")
        verbose_name_plural = _("daily salts")

    def __str__(self) -> str:
        return str(self.day)
