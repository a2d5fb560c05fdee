"""Administrators read the processing log in the admin, per person and per user; no one
changes it there, and analysts (who have the admin for another model) do not see it."""

import pytest
from django.urls import reverse

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import MembershipFactory, UserFactory
from leerwerk.audit.models import ProcessingLogEntry
from leerwerk.regions.models import LabourMarketRegion

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:audit_processinglogentry_changelist"


def _row(**fields):
    values = {
        "actor_id": 3,
        "actor_email": "adviseur@voorbeeld.test",
        "actor_role": "adviser",
        "action": "read",
        "subject": "case",
        "subject_id": 7,
        "person_id": 12,
        "case_id": 7,
        "region_code": "AM27",
        "purpose": "casework",
        "via": "page",
        **fields,
    }
    return ProcessingLogEntry.objects.create(**values)


@pytest.fixture
def admin_client(client):
    client.force_login(MembershipFactory(administrator=True).user)
    return client


@pytest.fixture
def rows():
    return {
        "mine": _row(person_id=12, actor_id=3),
        "same_person": _row(person_id=12, actor_id=4, actor_email="teamleider@voorbeeld.test"),
        "same_user": _row(person_id=13, actor_id=3, subject_id=8, case_id=8),
    }


def _listed(response):
    return {row.pk for row in response.context["cl"].result_list}


def test_an_administrator_lists_the_log(admin_client, rows):
    response = admin_client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert _listed(response) == {row.pk for row in rows.values()}
    assert "teamleider@voorbeeld.test" in response.content.decode()


def test_the_list_per_person_shows_only_that_persons_rows(admin_client, rows):
    response = admin_client.get(reverse(CHANGELIST), {"person_id": 12})
    assert response.status_code == 200
    assert _listed(response) == {rows["mine"].pk, rows["same_person"].pk}


def test_the_list_per_user_shows_only_that_users_rows(admin_client, rows):
    response = admin_client.get(reverse(CHANGELIST), {"actor_id": 3})
    assert response.status_code == 200
    assert _listed(response) == {rows["mine"].pk, rows["same_user"].pk}


def test_the_list_is_searched_by_the_users_e_mail(admin_client, rows):
    response = admin_client.get(reverse(CHANGELIST), {"q": "teamleider"})
    assert _listed(response) == {rows["same_person"].pk}


def test_the_list_is_filtered_by_action(admin_client, rows):
    erased = _row(action="erase", purpose="retention", actor_id=None, actor_email="", actor_role="")
    response = admin_client.get(reverse(CHANGELIST), {"action__exact": "erase"})
    assert _listed(response) == {erased.pk}


def test_a_superuser_reads_the_log(client, rows):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse(CHANGELIST)).status_code == 200


def test_no_one_adds_changes_or_deletes_a_row(admin_client, rows):
    row = rows["mine"]
    change = reverse("admin:audit_processinglogentry_change", args=[row.pk])
    detail = admin_client.get(change)
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert admin_client.post(change, {"purpose": "retention", "action": "erase"}).status_code == 403
    delete = reverse("admin:audit_processinglogentry_delete", args=[row.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert admin_client.get(reverse("admin:audit_processinglogentry_add")).status_code == 403
    bulk = admin_client.post(
        reverse(CHANGELIST), {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"}
    )
    assert bulk.status_code in {200, 302, 403}
    row_now = ProcessingLogEntry.objects.get(pk=row.pk)
    assert (row_now.purpose, row_now.action) == ("casework", "read")
    assert ProcessingLogEntry.objects.count() == 3


def test_an_analyst_does_not_see_the_log(client, rows):
    analyst = MembershipFactory(role=Role.ANALYST, regions=[LabourMarketRegion.objects.get(code="AM27")]).user
    client.force_login(analyst)
    assert client.get(reverse("admin:index")).status_code == 200  # they have the admin, for another model
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(reverse("admin:audit_processinglogentry_change", args=[rows["mine"].pk])).status_code == 403
    assert "processinglogentry" not in client.get(reverse("admin:index")).content.decode()


def test_a_staff_user_without_the_administrator_role_does_not_see_the_log(client, rows):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse(CHANGELIST)).status_code == 403


def test_an_adviser_has_no_admin_at_all(client, rows):
    client.force_login(MembershipFactory(role=Role.ADVISER).user)
    assert client.get(reverse(CHANGELIST)).status_code == 302  # to the admin's login
