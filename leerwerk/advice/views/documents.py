"""A case's documents: upload, download (as an attachment, never shown inline) and delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from leerwerk.accounts.requests import AuthenticatedHttpRequest
from leerwerk.advice.forms.documents import DocumentForm
from leerwerk.advice.models import Document
from leerwerk.advice.services.documents import CONTENT_TYPES, delete_document, read_document, upload_document
from leerwerk.advice.views.case_forms import case_or_404, form_error_page
from leerwerk.audit.services import Via


def _documents_url(case_id: int) -> str:
    return reverse("advice:case", args=[case_id]) + "#documents"


@never_cache
@login_required
@require_POST
def upload(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload_document(
                actor=request.user,
                case=case,
                title=form.cleaned_data["title"],
                uploaded=form.cleaned_data["file"],
                via=Via.PAGE,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The document is added."))
            return redirect(_documents_url(case.pk))
    return form_error_page(
        request,
        case=case,
        form=form,
        title=gettext_lazy("Add a document"),
        action=reverse("advice:document-upload", args=[case.pk]),
        submit=gettext_lazy("Add the document"),
        is_upload=True,
    )


@never_cache
@login_required
@require_GET
def download(request: AuthenticatedHttpRequest, case_id: int, document_id: int) -> FileResponse:
    try:
        document = read_document(actor=request.user, case_id=case_id, document_id=document_id, via=Via.PAGE)
    except Document.DoesNotExist as error:
        raise Http404 from error
    extension = "jpg" if document.kind == Document.Kind.JPEG else document.kind
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{slugify(document.title) or 'document'}.{extension}",
        content_type=CONTENT_TYPES[Document.Kind(document.kind)],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
@require_POST
def delete(request: AuthenticatedHttpRequest, case_id: int, document_id: int) -> HttpResponse:
    case = case_or_404(request, case_id)
    try:
        delete_document(actor=request.user, case=case, document_id=document_id, via=Via.PAGE)
    except Document.DoesNotExist as error:
        raise Http404 from error
    messages.success(request, _("The document is deleted."))
    return redirect(_documents_url(case.pk))
