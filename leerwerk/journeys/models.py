"""What residents leave behind on the public site: an interest in a training offer
("Ik heb interesse") and a request for free advice ("Gratis advies").

Both hold personal data, so both keep the least that is needed and know when to forget it:
`erase_after` is fixed when the resident consents (the retention the consent text
promised), withdrawing erases the contact details at once, and
`erase_expired_registrations` deletes what is past its time."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from leerwerk.core.models import TimeStampedModel


class Interest(TimeStampedModel):
    """A resident's interest in a public offer, for the offer's provider (and, when they
    ask for help, a follow-up `AdviceRequest` for their region's advice desk)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    offer = models.ForeignKey("catalogue.Offer", verbose_name=_("offer"), on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(
        "catalogue.Provider", verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, null=True, blank=True
    )
    postcode = models.CharField(_("postcode digits"), max_length=4, blank=True)
    region_code = models.CharField(_("region code"), max_length=4, blank=True)
    question = models.TextField(_("question"), blank=True)
    wants_help = models.BooleanField(_("wants help from an adviser"), default=False)
    consent_version = models.CharField(_("version of the consent text"), max_length=20)
    consented_at = models.DateTimeField(_("consented"))
    erase_after = models.DateTimeField(_("erase after"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdraw_token_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("interest registration")
        verbose_name_plural = _("interest registrations")
        indexes = [
            models.Index(fields=["provider", "-created_at"], name="interest_provider_newest"),
            models.Index(fields=["offer", "created_at"], name="interest_offer_created"),
            models.Index(fields=["erase_after"], name="interest_erase_after"),
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} ({self.get_status_display()})"

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN


class AdviceRequest(TimeStampedModel):
    """A resident's request for free advice, for the advice desk (Leerwerkloket) of the
    labour-market region of their municipality. `region_code` is empty when the resident
    gave only a postcode: the repository has no postcode table to route it by."""

    class Goal(models.TextChoices):
        LEARN = "learn", _("Learn something new")
        OTHER_WORK = "other_work", _("Find other work")
        WORK_AGAIN = "work_again", _("Find work again")

    class Situation(models.TextChoices):
        EMPLOYED = "employed", _("I have a job")
        JOB_SEEKER = "job_seeker", _("I am looking for work")
        THREATENED_WITH_DISMISSAL = "threatened_with_dismissal", _("I may lose my job")
        SELF_EMPLOYED = "self_employed", _("I am self-employed")
        STUDENT = "student", _("I am a student")
        OTHER = "other", _("Something else")

    class ContactBy(models.TextChoices):
        EMAIL = "email", _("By e-mail")
        PHONE = "phone", _("By phone")

    class Source(models.TextChoices):
        FORM = "form", _("Advice form")
        INTEREST = "interest", _("Follow-up of an interest registration")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    region_code = models.CharField(_("region code"), max_length=4, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, null=True, blank=True
    )
    postcode = models.CharField(_("postcode digits"), max_length=4, blank=True)
    goal = models.CharField(_("what they want"), max_length=20, choices=Goal.choices)
    situation = models.CharField(_("situation"), max_length=30, choices=Situation.choices, blank=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    contact_by = models.CharField(_("preferred contact"), max_length=10, choices=ContactBy.choices)
    message = models.TextField(_("message"), blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.FORM)
    interest = models.OneToOneField(
        Interest,
        verbose_name=_("interest registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_request",
    )
    consent_version = models.CharField(_("version of the consent text"), max_length=20)
    consented_at = models.DateTimeField(_("consented"))
    erase_after = models.DateTimeField(_("erase after"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        indexes = [
            models.Index(fields=["region_code", "status", "-created_at"], name="advice_region_status_newest"),
            models.Index(fields=["erase_after"], name="advice_erase_after"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code or '–'} {self.get_goal_display()} ({self.get_status_display()})"

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN
