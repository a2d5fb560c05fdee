"""Uploading a file in the provider workspace: the form, the import it starts, and the report it leads to."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import MembershipFactory, OrganisationFactory
from leerwerk.catalogue.models import ImportRun, Offer
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files" / "spreadsheet"
HEADER = "eigen_id;titel;niveau;prijs;startdatum;gemeente\n"


@pytest.fixture
def editor(client):
    membership = MembershipFactory(role=Role.PROVIDER_EDITOR, organisation=OrganisationFactory(school=True))
    provider = ProviderFactory(organisation=membership.organisation)
    client.force_login(membership.user)
    return membership.user, provider


def _csv(text: str, name: str = "aanbod.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _upload(client, provider, file, **fields):
    return client.post(reverse("catalogue_workspace:upload", args=[provider.pk]), {"file": file, **fields})


def test_the_upload_page_has_a_multipart_form_with_csrf(client, editor):
    _user, provider = editor
    content = client.get(reverse("catalogue_workspace:upload", args=[provider.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert "novalidate" in content
    assert "csrfmiddlewaretoken" in content
    assert 'type="file"' in content
    assert reverse("catalogue_workspace:template-xlsx", args=[provider.pk]) in content


def test_a_valid_csv_creates_the_offers_and_leads_to_its_report(client, editor):
    user, provider = editor
    file = SimpleUploadedFile("valid.csv", (FILES / "valid.csv").read_bytes(), content_type="text/csv")

    response = _upload(client, provider, file)

    import_run = ImportRun.objects.get(provider=provider)
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue_workspace:import-report", args=[provider.pk, import_run.pk])
    assert (import_run.outcome, import_run.format, import_run.new_count) == ("applied", "csv", 2)
    assert (import_run.source_name, import_run.started_by) == ("valid.csv", user)
    assert set(Offer.objects.filter(provider=provider).values_list("external_id", flat=True)) == {"VIG-2027", "XL-1"}

    content = client.get(response["Location"]).content.decode()
    assert "utrecht-alert--ok" in content
    assert 'data-count="new">2<' in content


def test_a_csv_with_a_wrong_row_is_rejected_and_changes_nothing(client, editor):
    _user, provider = editor
    OfferFactory(provider=provider, external_id="A1", title="Kok")
    before = list(Offer.objects.filter(provider=provider).values_list("pk", "title", "level", "content_hash"))
    text = HEADER + "A1;Kok;MBO 4;;2027-01-01;Oss\nA2;Bakker;MBO 9;;2027-01-01;Oss\n"

    response = _upload(client, provider, _csv(text), is_snapshot="on")

    import_run = ImportRun.objects.get(provider=provider)
    assert import_run.outcome == ImportRun.Outcome.REJECTED
    assert import_run.is_snapshot
    assert list(Offer.objects.filter(provider=provider).values_list("pk", "title", "level", "content_hash")) == before
    content = client.get(response["Location"]).content.decode()
    assert "utrecht-alert--error" in content
    table = content.split('data-testid="row-errors"')[1].split("</table>")[0]
    assert table.count("<tr") == 2  # the header and the one wrong row
    assert re.search(r">\w+ 3</td>", table)  # "rij 3": the row in the file, after the header
    assert ">A2</td>" in table
    assert ">niveau</td>" in table


def test_asking_for_the_valid_rows_applies_them_and_reports_the_rest(client, editor):
    _user, provider = editor
    text = HEADER + "A1;Kok;MBO 4;;2027-01-01;Oss\nA2;Bakker;MBO 9;;2027-01-01;Oss\n"

    response = _upload(client, provider, _csv(text), apply_valid_rows="on")

    import_run = ImportRun.objects.get(provider=provider)
    assert (import_run.outcome, import_run.new_count, import_run.rejected_count) == ("partly_applied", 1, 1)
    assert list(Offer.objects.filter(provider=provider).values_list("external_id", flat=True)) == ["A1"]
    assert "utrecht-alert--warning" in client.get(response["Location"]).content.decode()


def test_a_file_that_is_too_large_is_refused_by_the_form_and_nothing_changes(client, editor, settings):
    settings.CATALOGUE_UPLOAD_MAX_BYTES = 1_000_000
    _user, provider = editor
    text = HEADER + "A1;Kok;MBO 4;;2027-01-01;Oss\n" * 40_000
    size = str(round(len(text.encode()) / 1_000_000, 1)).replace(".", ",")

    response = _upload(client, provider, _csv(text))

    assert response.status_code == 400
    [message] = response.context["form"].errors["file"]
    # The sizes in Dutch notation, whichever words the translation uses around them.
    assert f"{size} MB" in message
    assert " 1 MB" in message
    assert 'id="id_file_error"' in response.content.decode()
    assert not ImportRun.objects.exists()
    assert not Offer.objects.filter(provider=provider).exists()


def test_the_format_is_recognised_from_the_extension_or_must_be_chosen(client, editor):
    _user, provider = editor
    text = HEADER + "A1;Kok;MBO 4;;2027-01-01;Oss\n"

    response = _upload(client, provider, _csv(text, name="aanbod.json"))
    assert response.status_code == 400
    assert response.context["form"].errors["format"]
    assert not ImportRun.objects.exists()

    _upload(client, provider, _csv(text, name="aanbod.json"), format="csv")
    assert ImportRun.objects.get().format == "csv"


def test_an_upload_without_a_file_shows_the_error_and_imports_nothing(client, editor):
    _user, provider = editor
    response = client.post(reverse("catalogue_workspace:upload", args=[provider.pk]), {})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not ImportRun.objects.exists()


def test_an_editor_cannot_upload_for_another_provider(client, editor):
    other = ProviderFactory()
    response = _upload(client, other, _csv(HEADER + "A1;Kok;MBO 4;;2027-01-01;Oss\n"))
    assert response.status_code == 404
    assert not ImportRun.objects.exists()
