"""The funnel report page in the workspace and its CSV: who may open them, the region
scope, the filters, the chart and the tables."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from leerwerk.analytics.tests.factories import EventFactory
from leerwerk.analytics.tests.funnel_data import END, START, create_events

pytestmark = pytest.mark.django_db

URL = reverse("analytics:report")
CSV_URL = reverse("analytics:report-csv")
PERIOD = {"van": START.isoformat(), "tot": END.isoformat()}


@pytest.fixture
def events():
    create_events()


def _table(content, testid):
    """The rows of a table as lists of cell texts (header cell first)."""
    table = re.search(rf'<table[^>]*data-testid="{testid}".*?</table>', content, re.S)
    assert table, testid
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(0), re.S)
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    for url in (URL, CSV_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", [None, "resident", "adviser", "provider_editor"])
def test_other_users_are_refused(client, reader, role):
    client.force_login(reader(role))

    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403


def test_an_analyst_of_one_region_cannot_open_another(client, reader, events):
    client.force_login(reader("analyst", ("AM27",)))

    assert client.get(URL, {**PERIOD, "regio": "AM25"}).status_code == 404
    assert client.get(CSV_URL, {**PERIOD, "regio": "AM25"}).status_code == 404
    assert client.get(URL, {**PERIOD, "regio": "AM27"}).status_code == 200


def test_an_analyst_sees_only_their_regions_and_may_choose_only_those(client, reader, events):
    client.force_login(reader("analyst", ("AM27", "AM28")))

    response = client.get(URL, PERIOD)

    content = response.content.decode()
    choices = re.findall(r'<option value="([^"]*)"', content)
    assert choices == ["", "AM27", "AM28"]
    regions = _table(content, "region-table")
    assert [row[0] for row in regions[1:-1]] == ["Noordoost-Brabant"]
    assert "linkedin" not in content  # AM25's campaign


@pytest.mark.parametrize("role", ["analyst", "secretariat", "administrator"])
def test_the_report_shows_the_last_12_weeks_by_default(client, reader, role, django_assert_max_num_queries):
    today = timezone.localdate()
    for n in range(6):
        EventFactory(day=today, visitor=f"v{n}", region_code="AM27", campaign_source="nieuwsbrief")
    EventFactory(day=today - datetime.timedelta(weeks=13), visitor="old", region_code="AM27", campaign_source="archief")
    client.force_login(reader(role))

    with django_assert_max_num_queries(14):
        response = client.get(URL)

    assert response.status_code == 200
    report = response.context["report"]
    assert report.end == today + datetime.timedelta(days=6 - today.weekday())
    assert report.start == report.end - datetime.timedelta(weeks=12, days=-1)
    assert len(report.weeks) == 12
    assert "nieuwsbrief" in response.content.decode()
    assert "archief" not in response.content.decode()


def test_the_tables_show_the_counts_with_small_numbers_as_under_5(client, reader, events):
    client.force_login(reader("administrator"))

    content = client.get(URL, PERIOD).content.decode()

    weeks = _table(content, "week-table")
    assert weeks[0] == [
        "Week",
        "Bezoeken",
        "Herhaalbezoeken",
        "Zoekopdrachten",
        "Bekeken opleidingen",
        "Doorkliks",
        "Aanmeldingen",
        "Adviesvragen",
    ]
    assert weeks[1] == ["2025-W10 (3 mrt)", "11", "5", "6", "5", "0", "0", "0"]
    assert weeks[2] == ["2025-W11 (10 mrt)", "13", "0", "7", "0", "7", "&lt; 5", "0"]
    assert weeks[3] == ["Totaal", "24", "5", "13", "5", "7", "&lt; 5", "0"]
    regions = _table(content, "region-table")
    assert [row[0] for row in regions[1:]] == ["Noordoost-Brabant", "West-Brabant", "Regio onbekend", "Totaal"]
    campaigns = _table(content, "campaign-table")
    assert campaigns[2] == ["nieuwsbrief", "7", "0", "6", "5", "0", "&lt; 5", "0"]
    assert campaigns[3][0] == "Geen campagne"
    for testid in ("week-table", "region-table", "campaign-table"):
        assert re.search(rf'data-testid="{testid}">\s*<caption', content)
    assert 'scope="col"' in content
    assert 'scope="row"' in content


def test_the_chart_is_drawn_on_the_server_with_a_text_alternative(client, reader, events):
    client.force_login(reader("administrator"))

    content = client.get(URL, PERIOD).content.decode()

    svg = re.search(r'<svg[^>]*data-testid="funnel-chart".*?</svg>', content, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="funnel-chart-title funnel-chart-desc"' in svg
    assert re.search(r'<title id="funnel-chart-title">[^<]+</title>', svg)
    assert "Per week" in re.search(r'<desc id="funnel-chart-desc">([^<]+)</desc>', svg).group(1)
    # Six steps of the funnel, two weeks each: bars for shown counts, an outline for "< 5".
    assert svg.count('fill="currentColor"><title>') == 6 * 2 - 1
    assert 'stroke-dasharray="3 2"><title>2025-W11: &lt; 5</title>' in svg
    assert "2025-W10: 11</title>" in svg
    assert not re.search(r'(x|y|width|height)="\d+,\d', svg)  # no Dutch decimal commas
    assert "<script" not in svg


def test_a_wrong_period_shows_an_error_and_the_default_report(client, reader):
    client.force_login(reader("analyst"))

    response = client.get(URL, {"van": "2025-03-10", "tot": "2025-03-01"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert len(response.context["report"].weeks) == 12


def test_the_csv_has_the_three_tables_with_the_same_suppression(client, reader, events):
    client.force_login(reader("administrator"))

    response = client.get(CSV_URL, PERIOD)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="metingen-2025-03-03-2025-03-16.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Tabel", "Rij", "Bezoeken"]
    assert len(rows[0]) == 9
    assert rows[1] == ["Week", "2025-W10 (03-03-2025)", "11", "5", "6", "5", "0", "0", "0"]
    assert rows[2] == ["Week", "2025-W11 (10-03-2025)", "13", "0", "7", "0", "7", "< 5", "0"]
    assert rows[3] == ["Week", "Totaal", "24", "5", "13", "5", "7", "< 5", "0"]
    assert [row[1] for row in rows if row[0] == "Regio"] == [
        "AM27 Noordoost-Brabant",
        "AM25 West-Brabant",
        "Regio onbekend",
        "Totaal",
    ]
    assert ["Campagnebron", "nieuwsbrief", "7", "0", "6", "5", "0", "< 5", "0"] in rows
    assert len(rows) == 1 + 3 + 4 + 4


def test_the_csv_writes_campaign_sources_as_text_never_as_formulas(client, reader):
    for n in range(5):
        EventFactory(day=START, visitor=f"v{n}", region_code="AM27", campaign_source="=cmd|calc")
    client.force_login(reader("analyst"))

    rows = list(csv.reader(io.StringIO(client.get(CSV_URL, PERIOD).content.decode())))

    assert ["Campagnebron", "'=cmd|calc", "5", "0", "0", "0", "0", "0", "0"] in rows
