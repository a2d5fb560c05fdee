"""A case's documents: upload (PDF, PNG or JPEG, recognised by their content, never by
their name or the browser's word), download and delete, each logged.

Public surface: `MAX_BYTES_SETTING`, `detect_kind`, `upload_document`, `read_document`,
`delete_document`."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from leerwerk.accounts.models import User
from leerwerk.advice.models import Case, Document
from leerwerk.advice.selectors.documents import get_document_for_adviser
from leerwerk.advice.services.access import log_case
from leerwerk.audit.services import Action

MAX_BYTES_SETTING = "ADVICE_DOCUMENT_MAX_BYTES"
SUBJECT = "document"

# The first bytes of each kind we accept. A file that starts otherwise is refused,
# whatever its name or the content type the browser sent.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", Document.Kind.PDF),
    (b"\x89PNG\r\n\x1a\n", Document.Kind.PNG),
    (b"\xff\xd8\xff", Document.Kind.JPEG),
)
_HEAD_BYTES = 8

CONTENT_TYPES = {
    Document.Kind.PDF: "application/pdf",
    Document.Kind.PNG: "image/png",
    Document.Kind.JPEG: "image/jpeg",
}


def max_document_bytes() -> int:
    return int(getattr(settings, MAX_BYTES_SETTING))


def detect_kind(head: bytes) -> str | None:
    """The document kind the content starts with, or None when it is none we accept."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def _read_head(uploaded: "UploadedFile[bytes]") -> bytes:
    uploaded.seek(0)
    head = uploaded.read(_HEAD_BYTES)
    uploaded.seek(0)
    return bytes(head)


@transaction.atomic
def upload_document(*, actor: User, case: Case, title: str, uploaded: "UploadedFile[bytes]", via: str) -> Document:
    """Stores the file under a random name (nothing of the original name, which may be
    personal) after checking the case is open, the size and the content's kind."""
    if case.is_closed:
        raise ValidationError(_("This case is closed: documents can no longer be added."))
    title = title.strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Give the document a name.")
    size = uploaded.size or 0
    maximum = max_document_bytes()
    if size > maximum:
        errors["file"] = _("The file is too large: at most %(maximum)s.") % {"maximum": filesizeformat(maximum)}
    kind = detect_kind(_read_head(uploaded)) if "file" not in errors else None
    if "file" not in errors and kind is None:
        errors["file"] = _("This file is not a PDF, PNG or JPEG file. Only those can be added.")
    if errors or kind is None:
        raise ValidationError(errors)
    token = secrets.token_hex(16)
    document = Document(case=case, uploaded_by=actor, token=token, title=title, kind=kind, size=size)
    document.file.save(token, uploaded, save=False)
    stored_name = document.file.name or ""
    storage = document.file.storage
    try:
        document.save()
        log_case(actor=actor, case=case, action=Action.CREATE, via=via, subject=SUBJECT, subject_id=document.pk)
    except BaseException:
        storage.delete(stored_name)
        raise
    return document


def read_document(*, actor: User, case_id: int, document_id: int, via: str) -> Document:
    """The document for download (Document.DoesNotExist outside the user's regions, or
    for a document of another case), logged as downloaded."""
    document = get_document_for_adviser(user=actor, case_id=case_id, document_id=document_id)
    log_case(actor=actor, case=document.case, action=Action.DOWNLOAD, via=via, subject=SUBJECT, subject_id=document.pk)
    return document


@transaction.atomic
def delete_document(*, actor: User, case: Case, document_id: int, via: str) -> None:
    """Deletes the row now and the file once the transaction is committed (a rollback
    keeps both). Raises Document.DoesNotExist for a document of another case."""
    document = case.documents.get(pk=document_id)
    storage = document.file.storage
    stored_name = document.file.name
    document.delete()
    log_case(actor=actor, case=case, action=Action.DELETE, via=via, subject=SUBJECT, subject_id=document_id)
    if stored_name:
        transaction.on_commit(lambda: storage.delete(stored_name))
