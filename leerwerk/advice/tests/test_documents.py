"""Documents of a case: upload (checked by content), download and delete, each logged and
only within the adviser's regions."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from leerwerk.advice.forms.documents import DocumentForm
from leerwerk.advice.models import Document
from leerwerk.advice.selectors.access import get_case_for_adviser
from leerwerk.advice.services.documents import detect_kind, upload_document
from leerwerk.advice.tests.factories import CaseFactory
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.audit.services import Via

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def _upload_url(case):
    return reverse("advice:document-upload", args=[case.pk])


def _file(name="cv-jan-jansen.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _stored(case, adviser, content=PDF, title="Cv"):
    return upload_document(actor=adviser, case=case, title=title, uploaded=_file(content=content), via=Via.PAGE)


@pytest.mark.parametrize(
    ("head", "kind"),
    [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpeg"), (b"GIF89a", None), (b"<html>", None), (b"", None)],
)
def test_the_kind_is_recognised_by_the_first_bytes(head, kind):
    assert detect_kind(head) == kind


def test_an_adviser_uploads_a_pdf_stored_under_a_random_name(adviser_client, adviser):
    case = CaseFactory(in_progress=True)

    response = adviser_client.post(_upload_url(case), {"title": "Cv", "file": _file()})

    assert response.status_code == 302
    assert response["Location"] == reverse("advice:case", args=[case.pk]) + "#documents"
    document = Document.objects.get(case=case)
    assert (document.title, document.kind, document.size, document.uploaded_by) == ("Cv", "pdf", len(PDF), adviser)
    assert len(document.token) == 32
    assert document.file.name == f"advice/AM27/{case.pk}/{document.token}"
    assert "jansen" not in document.file.name
    assert default_storage.open(document.file.name).read() == PDF
    entry = ProcessingLogEntry.objects.get(action="create", subject="document")
    assert (entry.subject_id, entry.case_id, entry.person_id, entry.via) == (
        document.pk,
        case.pk,
        case.person_id,
        "page",
    )


def test_the_kind_comes_from_the_content_not_the_name_or_the_browser(adviser_client):
    case = CaseFactory(in_progress=True)

    adviser_client.post(
        _upload_url(case), {"title": "Foto", "file": _file(name="foto.txt", content=PNG, content_type="text/plain")}
    )

    assert Document.objects.get(case=case).kind == "png"


def test_a_file_that_only_claims_to_be_a_pdf_is_refused_and_nothing_is_stored(adviser_client):
    case = CaseFactory(in_progress=True)
    fake = _file(name="cv.pdf", content=b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")

    response = adviser_client.post(_upload_url(case), {"title": "Cv", "file": fake})

    assert response.status_code == 400
    assert "PDF, PNG" in response.content.decode()
    assert not Document.objects.exists()
    assert not ProcessingLogEntry.objects.filter(action="create").exists()


def test_a_file_over_the_size_cap_is_refused(adviser_client, settings):
    settings.ADVICE_DOCUMENT_MAX_BYTES = 20
    case = CaseFactory(in_progress=True)

    response = adviser_client.post(_upload_url(case), {"title": "Cv", "file": _file()})

    assert response.status_code == 400
    assert not Document.objects.exists()


def test_a_title_is_required(adviser_client):
    case = CaseFactory(in_progress=True)

    response = adviser_client.post(_upload_url(case), {"title": "", "file": _file()})

    assert response.status_code == 400
    assert not Document.objects.exists()


def test_no_document_is_added_to_a_closed_case(adviser_client):
    case = CaseFactory(closed=True)

    response = adviser_client.post(_upload_url(case), {"title": "Cv", "file": _file()})

    assert response.status_code == 400
    assert not Document.objects.exists()


def test_an_upload_to_another_regions_case_is_not_found(client, other_adviser):
    case = CaseFactory(in_progress=True)
    client.force_login(other_adviser)

    response = client.post(_upload_url(case), {"title": "Cv", "file": _file()})

    assert response.status_code == 404
    assert not Document.objects.exists()


def test_a_download_is_an_attachment_with_its_type_and_is_logged(adviser_client, adviser):
    case = CaseFactory(in_progress=True)
    document = _stored(case, adviser, content=PNG, title="Diploma scan")

    response = adviser_client.get(reverse("advice:document-download", args=[case.pk, document.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="diploma-scan.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = ProcessingLogEntry.objects.get(action="download")
    assert (entry.subject, entry.subject_id, entry.case_id) == ("document", document.pk, case.pk)


def test_a_download_outside_the_region_or_of_another_case_is_not_found(client, adviser, other_adviser):
    case = CaseFactory(in_progress=True)
    document = _stored(case, adviser)
    other_case = CaseFactory(in_progress=True)

    client.force_login(adviser)
    assert client.get(reverse("advice:document-download", args=[other_case.pk, document.pk])).status_code == 404
    client.force_login(other_adviser)
    assert client.get(reverse("advice:document-download", args=[case.pk, document.pk])).status_code == 404
    assert not ProcessingLogEntry.objects.filter(action="download").exists()


def test_a_user_without_an_advice_role_cannot_download(client, adviser, django_user_model):
    case = CaseFactory(in_progress=True)
    document = _stored(case, adviser)
    client.force_login(django_user_model.objects.create_user(email="bewoner@voorbeeld.test"))

    assert client.get(reverse("advice:document-download", args=[case.pk, document.pk])).status_code == 404


def test_deleting_removes_the_row_and_after_the_commit_the_file(
    adviser_client, adviser, django_capture_on_commit_callbacks
):
    case = CaseFactory(in_progress=True)
    document = _stored(case, adviser)
    name = document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = adviser_client.post(reverse("advice:document-delete", args=[case.pk, document.pk]))

    assert response.status_code == 302
    assert not Document.objects.exists()
    assert not default_storage.exists(name)
    assert ProcessingLogEntry.objects.filter(action="delete", subject="document", subject_id=document.pk).exists()


def test_deleting_another_regions_document_is_not_found_and_keeps_it(client, adviser, other_adviser):
    case = CaseFactory(in_progress=True)
    document = _stored(case, adviser)
    client.force_login(other_adviser)

    response = client.post(reverse("advice:document-delete", args=[case.pk, document.pk]))

    assert response.status_code == 404
    assert Document.objects.filter(pk=document.pk).exists()


def test_delete_is_a_post_only_action(adviser_client, adviser):
    case = CaseFactory(in_progress=True)
    document = _stored(case, adviser)

    assert adviser_client.get(reverse("advice:document-delete", args=[case.pk, document.pk])).status_code == 405


def test_the_case_pages_documents_partial_lists_and_offers_the_upload(adviser, rf):
    case = CaseFactory(in_progress=True)
    _stored(case, adviser, title="Cv 2025")
    full = get_case_for_adviser(user=adviser, case_id=case.pk, full=True)
    request = rf.get("/")
    request.user = adviser

    html = render_to_string(
        "advice/case/_documents.html", {"case": full, "document_form": DocumentForm()}, request=request
    )

    assert "Cv 2025" in html
    assert reverse("advice:document-upload", args=[case.pk]) in html
    assert 'id="id_document_file"' in html
