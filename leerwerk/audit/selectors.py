"""Reading the processing log.

Public surface: `list_entries(person_id=…, actor_id=…)`."""

from django.db.models import QuerySet

from leerwerk.audit.models import ProcessingLogEntry


def list_entries(*, person_id: int | None = None, actor_id: int | None = None) -> QuerySet[ProcessingLogEntry]:
    """Newest first; for one person, one user, or both."""
    entries = ProcessingLogEntry.objects.all()
    if person_id is not None:
        entries = entries.filter(person_id=person_id)
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    return entries.order_by("-at", "-pk")
