"""The buffer in front of the database: events are written in batches, a busy database is
waited for and loses nothing, and a full buffer drops its oldest events and says so."""

import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from leerwerk.analytics.buffer import EventBuffer
from leerwerk.analytics.models import Event
from leerwerk.analytics.services import _get_buffer, flush_events, record_event

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0"


def _request(path="/zoeken/"):
    return RequestFactory().get(path, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="192.0.2.1")


class Recorder:
    def __init__(self, failures=0):
        self.batches = []
        self.failures = failures

    def __call__(self, batch):
        if self.failures:
            self.failures -= 1
            raise OperationalError("database is locked")
        self.batches.append(list(batch))


def test_items_are_written_in_batches_of_the_batch_size():
    write = Recorder()
    buffer = EventBuffer(write=write, batch_size=3)
    for item in range(7):
        buffer.add(item)

    assert buffer.flush() == 7
    assert write.batches == [[0, 1, 2], [3, 4, 5], [6]]
    assert len(buffer) == 0


def test_a_busy_database_is_retried_with_growing_pauses_and_nothing_is_lost():
    write = Recorder(failures=2)
    pauses = []
    buffer = EventBuffer(write=write, retry_delays=(0.1, 0.2, 0.4), sleep=pauses.append)
    for item in range(4):
        buffer.add(item)

    assert buffer.flush() == 4
    assert pauses == [0.1, 0.2]
    assert write.batches == [[0, 1, 2, 3]]


def test_a_batch_waits_for_the_next_flush_when_the_database_stays_busy():
    write = Recorder(failures=3)
    buffer = EventBuffer(write=write, retry_delays=(0.1, 0.2), sleep=lambda _: None)
    buffer.add("a")
    buffer.add("b")

    assert buffer.flush() == 0
    buffer.add("c")
    assert buffer.flush() == 3
    assert write.batches == [["a", "b", "c"]]


def test_a_full_buffer_drops_its_oldest_items_and_logs_how_many(caplog):
    write = Recorder()
    buffer = EventBuffer(write=write, capacity=3)
    for item in range(5):
        buffer.add(item)

    with caplog.at_level(logging.WARNING, logger="leerwerk.analytics.buffer"):
        buffer.flush()
    assert write.batches == [[2, 3, 4]]
    assert "Dropped 2 measurement events" in caplog.text


def test_a_batch_that_can_never_be_written_is_dropped_and_does_not_block_the_rest(caplog):
    def write(batch):
        if "bad" in batch:
            raise ValueError("not JSON")
        written.append(batch)

    written = []
    buffer = EventBuffer(write=write, batch_size=1)
    for item in ("bad", "good"):
        buffer.add(item)

    assert buffer.flush() == 1
    assert written == [["good"]]
    assert "Dropped 1 measurement events that could not be written" in caplog.text


def test_a_full_batch_wakes_the_flusher():
    buffer = EventBuffer(write=Recorder(), batch_size=2)
    buffer.add(1)
    assert not buffer._wake.is_set()
    buffer.add(2)
    assert buffer._wake.is_set()


@pytest.mark.django_db
def test_recorded_events_wait_in_memory_and_are_written_with_one_insert(django_assert_num_queries):
    with django_assert_num_queries(0):
        for _ in range(5):
            record_event(_request(), Event.Kind.PAGE_VIEW)
    assert Event.objects.count() == 0

    flush_events()  # the salt (read, made, old ones deleted) and then one insert for the five
    assert Event.objects.count() == 5
    record_event(_request(), Event.Kind.SEARCH, query="lassen")
    with django_assert_num_queries(1):
        flush_events()


@pytest.mark.django_db
def test_an_operational_error_on_the_first_insert_is_retried_and_no_event_is_lost():
    for path in ("/", "/zoeken/", "/werkgevers/"):
        record_event(_request(path), Event.Kind.PAGE_VIEW)
    real_bulk_create = Event.objects.bulk_create
    calls = []

    def flaky_bulk_create(events, *args, **kwargs):
        calls.append(len(events))
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real_bulk_create(events, *args, **kwargs)

    buffer = _get_buffer()
    with (
        mock.patch.object(Event.objects, "bulk_create", side_effect=flaky_bulk_create),
        mock.patch.object(buffer, "sleep") as sleep,
    ):
        assert flush_events() == 3

    assert calls == [3, 3]
    sleep.assert_called_once_with(buffer.retry_delays[0])
    assert sorted(Event.objects.values_list("path", flat=True)) == ["/", "/werkgevers/", "/zoeken/"]


@pytest.mark.django_db
def test_in_sync_mode_an_event_is_written_at_once(settings):
    settings.ANALYTICS_SYNC = True
    record_event(_request(), Event.Kind.OFFER_VIEW, offer_id=42)

    assert Event.objects.get().offer_id == 42
