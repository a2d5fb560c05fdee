"""Reads of a case's documents.

Public surface: `get_document_for_adviser`."""

from leerwerk.accounts.models import User
from leerwerk.advice.models import Document
from leerwerk.advice.selectors.access import list_desk_region_codes


def get_document_for_adviser(*, user: User, case_id: int, document_id: int) -> Document:
    """The document of this case, if the case is in the user's regions; raises
    Document.DoesNotExist otherwise (also for a document of another case)."""
    return Document.objects.select_related("case").get(
        pk=document_id, case_id=case_id, case__region_code__in=list_desk_region_codes(user=user)
    )
