"""The processing log only grows: the application can add a row, never change or delete one."""

import pytest

from leerwerk.accounts.tests.factories import UserFactory
from leerwerk.audit.models import ProcessingLogEntry, ProcessingLogReadOnlyError
from leerwerk.audit.selectors import list_entries
from leerwerk.audit.services import Action, Processing, Purpose, Via, log_processing

pytestmark = pytest.mark.django_db


def _row(**fields):
    values = {
        "action": Action.READ,
        "subject": "case",
        "subject_id": 7,
        "person_id": 12,
        "case_id": 7,
        "region_code": "AM27",
        "purpose": Purpose.CASEWORK,
        "via": Via.PAGE,
        **fields,
    }
    return ProcessingLogEntry.objects.create(**values)


def test_log_processing_writes_one_row_per_item_with_the_actor():
    user = UserFactory(email="kijker@voorbeeld.test")
    items = [
        Processing(action=Action.READ, subject="case", subject_id=1, person_id=2, case_id=1, region_code="AM27"),
        Processing(action=Action.UPDATE, subject="note", subject_id=3, person_id=2, case_id=1, region_code="AM27"),
    ]
    log_processing(actor=user, role="adviser", via=Via.API, items=items)
    rows = list(ProcessingLogEntry.objects.order_by("pk"))
    assert [(row.action, row.subject, row.subject_id) for row in rows] == [("read", "case", 1), ("update", "note", 3)]
    assert {(row.actor_id, row.actor_email, row.actor_role, row.via) for row in rows} == {
        (user.pk, "kijker@voorbeeld.test", "adviser", "api")
    }


def test_the_system_is_logged_without_an_actor():
    log_processing(
        actor=None,
        role="",
        via=Via.COMMAND,
        items=[
            Processing(
                action=Action.ERASE,
                subject="person",
                subject_id=2,
                person_id=2,
                case_id=None,
                region_code="AM27",
                purpose=Purpose.RETENTION,
            )
        ],
    )
    row = ProcessingLogEntry.objects.get()
    assert (row.actor_id, row.actor_email, row.actor_role, row.purpose) == (None, "", "", "retention")


def test_an_existing_row_cannot_be_saved_again():
    row = _row()
    row.purpose = Purpose.RETENTION
    with pytest.raises(ProcessingLogReadOnlyError):
        row.save()
    assert ProcessingLogEntry.objects.get(pk=row.pk).purpose == "casework"


def test_a_row_cannot_be_deleted():
    row = _row()
    with pytest.raises(ProcessingLogReadOnlyError):
        row.delete()
    assert ProcessingLogEntry.objects.filter(pk=row.pk).exists()


def test_rows_cannot_be_updated_or_deleted_in_bulk():
    _row()
    with pytest.raises(ProcessingLogReadOnlyError):
        ProcessingLogEntry.objects.all().update(purpose=Purpose.RETENTION)
    with pytest.raises(ProcessingLogReadOnlyError):
        ProcessingLogEntry.objects.filter(person_id=12).delete()
    assert ProcessingLogEntry.objects.filter(purpose="casework").count() == 1


def test_the_entries_of_one_person_or_one_user_newest_first():
    first = _row(person_id=12, actor_id=3)
    second = _row(person_id=12, actor_id=4)
    _row(person_id=13, actor_id=3)
    assert list(list_entries(person_id=12)) == [second, first]
    assert list(list_entries(person_id=12, actor_id=3)) == [first]
