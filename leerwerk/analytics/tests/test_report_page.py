"""The report page in the workspace: who may open it, the period filter, and the CSV."""

import csv
import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from leerwerk.analytics.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

URL = reverse("analytics:report")
CSV_URL = reverse("analytics:report-csv")


def _user(role=None, email="iemand@example.nl"):
    user = get_user_model().objects.create_user(email=email, password="a-long-test-password")
    if role == "resident":
        apps.get_model("accounts", "Membership").objects.create(user=user, role=role)
    elif role:
        organisation = apps.get_model("accounts", "Organisation").objects.create(name="Regio", kind="partnership")
        apps.get_model("accounts", "Membership").objects.create(user=user, role=role, organisation=organisation)
    return user


@pytest.fixture
def recent_events():
    today = timezone.localdate()
    EventFactory(day=today, visitor="v1", newsletter=True)
    EventFactory(day=today, visitor="v1", kind="search", newsletter=True)
    EventFactory(day=today - datetime.timedelta(days=3), visitor="v2", campaign_source="=cmd|calc")
    EventFactory(day=today - datetime.timedelta(days=60), visitor="v3", campaign_source="archiefbron")


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    for url in (URL, CSV_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", [None, "resident", "adviser", "provider_editor"])
def test_other_users_are_refused(client, role):
    client.force_login(_user(role))

    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403


@pytest.mark.parametrize("role", ["analyst", "secretariat", "administrator"])
def test_analysts_the_secretariat_and_administrators_see_the_last_30_days(
    client, role, recent_events, django_assert_max_num_queries
):
    client.force_login(_user(role))
    with django_assert_max_num_queries(9):
        response = client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "nieuwsbrief / email / voorjaar" in content
    assert "=cmd|calc" in content
    assert "archiefbron" not in content  # 60 days ago
    report = response.context["report"]
    assert report.end == timezone.localdate()
    assert report.start == timezone.localdate() - datetime.timedelta(days=29)
    assert (report.totals.visitors, report.totals.funnel[:2]) == (2, [2, 1])


def test_the_period_can_be_chosen(client, recent_events):
    client.force_login(_user("analyst"))
    start = timezone.localdate() - datetime.timedelta(days=90)
    end = timezone.localdate() - datetime.timedelta(days=10)

    response = client.get(URL, {"van": start.isoformat(), "tot": end.isoformat()})

    rows = response.context["report"].rows
    assert [row.source for row in rows] == ["archiefbron"]


def test_a_period_that_ends_before_it_starts_is_an_error_and_shows_the_default(client, recent_events):
    client.force_login(_user("analyst"))

    response = client.get(URL, {"van": "2025-03-10", "tot": "2025-03-01"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["report"].end == timezone.localdate()


def test_the_csv_has_the_same_table_with_campaign_names_as_text(client, recent_events):
    client.force_login(_user("analyst"))

    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows[0]) == 11
    body = {row[0]: row for row in rows[1:-1]}
    assert body["nieuwsbrief"][:6] == ["nieuwsbrief", "email", "voorjaar", "1", "0", "1"]
    assert body["'=cmd|calc"][3:6] == ["1", "0", "1"]  # the name as text, never a formula
    assert rows[-1][3:7] == ["2", "0", "2", "1"]
    assert len(rows) == 4
