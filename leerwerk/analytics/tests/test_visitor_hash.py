"""The visitor hash: the same visitor on one day has one hash, on the next day another,
and neither the address nor the browser is stored anywhere; the salts rotate."""

import datetime

import pytest
from django.test import Client

from leerwerk.analytics.models import DailySalt, Event
from leerwerk.analytics.services import daily_salt, flush_events, forget_salts

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.77"
BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15"


def _visit(path="/", address=ADDRESS, browser=BROWSER):
    Client(HTTP_USER_AGENT=browser, REMOTE_ADDR=address).get(path)
    flush_events()
    return Event.objects.order_by("-id").first()


def test_the_same_visitor_has_the_same_hash_all_day(clock):
    morning = _visit("/")
    clock.moment += datetime.timedelta(hours=5)
    evening = _visit("/zoeken/")

    assert morning.visitor == evening.visitor
    assert len(morning.visitor) == 32
    int(morning.visitor, 16)  # hexadecimal


def test_another_address_or_browser_is_another_visitor(clock):
    first = _visit()

    assert _visit(address="198.51.100.78").visitor != first.visitor
    assert _visit(browser=BROWSER + " extra").visitor != first.visitor


def test_the_same_visitor_has_another_hash_the_next_day(clock):
    today = _visit()
    clock.next_day()
    tomorrow = _visit()

    assert tomorrow.visitor != today.visitor
    assert tomorrow.day == today.day + datetime.timedelta(days=1)


def test_neither_the_address_nor_the_browser_is_stored_in_any_field(clock):
    event = _visit("/leren-en-werken/?utm_source=nieuwsbrief")

    stored = [str(getattr(event, field.attname)) for field in Event._meta.get_fields()]
    assert len(stored) == len(Event._meta.concrete_fields) >= 15
    for value in stored:
        assert ADDRESS not in value
        assert "198.51.100" not in value
        assert "Safari" not in value
        assert "Macintosh" not in value


def test_the_salt_of_a_day_is_made_once_and_then_reused(clock):
    day = datetime.date(2025, 3, 10)
    salt = daily_salt(day=day)
    forget_salts()  # as another process would: it reads the same salt from the database

    assert daily_salt(day=day) == salt
    assert len(salt) == 64
    assert DailySalt.objects.filter(day=day).count() == 1
    assert daily_salt(day=day + datetime.timedelta(days=1)) != salt


def test_salts_older_than_yesterday_are_deleted_when_a_new_day_begins(clock):
    for days_ago in (5, 2, 1):
        DailySalt.objects.create(day=clock.today - datetime.timedelta(days=days_ago), salt="old" * 10)

    daily_salt(day=clock.today)

    assert sorted(DailySalt.objects.values_list("day", flat=True)) == [
        clock.today - datetime.timedelta(days=1),
        clock.today,
    ]
