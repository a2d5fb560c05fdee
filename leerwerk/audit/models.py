"""The processing log ("logboek dataverwerkingen"): one row for every read and write of
a person's data by a user or by the system (who, in which role, whose data, what, why,
when). Rows hold ids and codes only, never the personal data itself, so they outlive an
erasure and still show who did what.

The application cannot change or delete a row: `save()` refuses an existing row, and
`delete()` and the queryset's `update()`/`delete()` refuse always (ADR 0016)."""

from typing import Any, ClassVar, NoReturn

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProcessingLogReadOnlyError(Exception):
    """The processing log only grows."""


class _EntryQuerySet(models.QuerySet["ProcessingLogEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise ProcessingLogReadOnlyError

    def delete(self) -> NoReturn:
        raise ProcessingLogReadOnlyError


class ProcessingLogEntry(models.Model):
    class Action(models.TextChoices):
        LIST = "list", _("Listed")
        READ = "read", _("Read")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        DOWNLOAD = "download", _("Downloaded")
        EXPORT = "export", _("Exported")
        ERASE = "erase", _("Erased")

    class Purpose(models.TextChoices):
        CASEWORK = "casework", _("Handling the advice request (the case)")
        OWN_DATA = "own_data", _("The person reads their own data")
        ACCESS_REQUEST = "access_request", _("The person asked for their data")
        ERASURE_REQUEST = "erasure_request", _("The person asked for erasure")
        RETENTION = "retention", _("Retention period passed")
        INTEREST_FOLLOW_UP = "interest", _("The provider follows up an interest registration")

    class Via(models.TextChoices):
        PAGE = "page", _("Workspace page")
        API = "api", _("API")
        COMMAND = "command", _("Scheduled task or command")

    at = models.DateTimeField(_("when"), default=timezone.now, editable=False, db_index=True)
    # Ids, not foreign keys: deleting a user or erasing a person leaves the log as it was.
    actor_id = models.PositiveIntegerField(_("user id"), null=True, blank=True, db_index=True)
    actor_email = models.CharField(_("user"), max_length=254, blank=True)
    actor_role = models.CharField(_("role"), max_length=20, blank=True)
    person_id = models.PositiveIntegerField(_("person id"), null=True, blank=True, db_index=True)
    case_id = models.PositiveIntegerField(_("case id"), null=True, blank=True)
    region_code = models.CharField(_("region code"), max_length=4, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    subject = models.CharField(_("what"), max_length=30)
    subject_id = models.PositiveIntegerField(_("record id"), null=True, blank=True)
    purpose = models.CharField(_("why"), max_length=20, choices=Purpose.choices)
    via = models.CharField(_("via"), max_length=10, choices=Via.choices)

    objects: ClassVar[models.Manager["ProcessingLogEntry"]] = _EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("processing log entry")
        verbose_name_plural = _("processing log")
        indexes = [
            models.Index(fields=["person_id", "-at"], name="processing_person_newest"),
            models.Index(fields=["actor_id", "-at"], name="processing_actor_newest"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_email or '-'} {self.action} {self.subject} {self.subject_id or ''}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ProcessingLogReadOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ProcessingLogReadOnlyError
