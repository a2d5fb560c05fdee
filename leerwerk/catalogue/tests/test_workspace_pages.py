"""The provider workspace's pages: who may open them, what they show, and how many queries
the list of offers needs. Upload, offer edit and API keys have modules of their own."""

import re

import pytest
from django.urls import reverse

from leerwerk.accounts.models import Role
from leerwerk.accounts.tests.factories import MembershipFactory, OrganisationFactory
from leerwerk.catalogue.models import ImportRun
from leerwerk.catalogue.services import create_token
from leerwerk.catalogue.tests.factories import OfferFactory, ProviderFactory, RunFactory

pytestmark = pytest.mark.django_db


def _editor(**provider_fields):
    """A provider editor and the provider whose offers they manage."""
    membership = MembershipFactory(role=Role.PROVIDER_EDITOR, organisation=OrganisationFactory(school=True))
    provider = ProviderFactory(organisation=membership.organisation, **provider_fields)
    return membership.user, provider


def _import_run(provider, **fields):
    values = {"format": "csv", "source_name": "aanbod.csv", "outcome": ImportRun.Outcome.APPLIED, **fields}
    return ImportRun.objects.create(provider=provider, **values)


def _pages(provider):
    """Every page of one provider's workspace, by URL name, with a URL of each."""
    offer = OfferFactory(provider=provider)
    import_run = _import_run(provider)
    create_token(provider=provider, name="feed", created_by=None)
    ids = {"provider_id": provider.pk}
    return {
        "offer-list": reverse("catalogue_workspace:offer-list", kwargs=ids),
        "offer-edit": reverse("catalogue_workspace:offer-edit", kwargs={**ids, "offer_id": offer.pk}),
        "upload": reverse("catalogue_workspace:upload", kwargs=ids),
        "import-list": reverse("catalogue_workspace:import-list", kwargs=ids),
        "import-report": reverse("catalogue_workspace:import-report", kwargs={**ids, "import_run_id": import_run.pk}),
        "template-csv": reverse("catalogue_workspace:template-csv", kwargs=ids),
        "template-xlsx": reverse("catalogue_workspace:template-xlsx", kwargs=ids),
        "tokens": reverse("catalogue_workspace:tokens", kwargs=ids),
    }


def _title(content: str) -> str:
    match = re.search(r"<title>(.*?)</title>", content, re.S)
    assert match, "no title"
    return match.group(1).strip()


# --- Access ---------------------------------------------------------------------------


def test_the_providers_editor_opens_every_page_and_each_has_its_own_title(client):
    user, provider = _editor()
    client.force_login(user)
    titles = []
    for name, url in _pages(provider).items():
        response = client.get(url)
        assert response.status_code == 200, name
        if name.startswith("template-"):
            continue
        content = response.content.decode()
        assert content.count("<h1") == 1, name
        assert 'aria-current="page"' in content, name
        titles.append(_title(content))
    assert len(set(titles)) == len(titles), titles


def test_an_editor_of_another_provider_finds_none_of_the_pages(client):
    _user, provider = _editor()
    stranger, _their_provider = _editor()
    client.force_login(stranger)
    for name, url in _pages(provider).items():
        assert client.get(url).status_code == 404, name
    revoke_url = reverse("catalogue_workspace:token-revoke", args=[provider.pk, provider.tokens.get().pk])
    assert client.post(revoke_url).status_code == 404
    assert provider.tokens.get().revoked_at is None


def test_an_editor_does_not_find_an_offer_or_import_of_another_provider_under_their_own(client):
    user, provider = _editor()
    other = ProviderFactory()
    client.force_login(user)
    offer = OfferFactory(provider=other)
    import_run = _import_run(other)
    assert client.get(reverse("catalogue_workspace:offer-edit", args=[provider.pk, offer.pk])).status_code == 404
    assert (
        client.get(reverse("catalogue_workspace:import-report", args=[provider.pk, import_run.pk])).status_code == 404
    )


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    _user, provider = _editor()
    for name, url in {**_pages(provider), "provider-list": reverse("catalogue_workspace:provider-list")}.items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login") + "?next="), name


def test_an_administrator_sees_every_provider(client):
    ProviderFactory(name="Alfa College")
    ProviderFactory(name="Bèta Academie")
    client.force_login(MembershipFactory(administrator=True).user)
    response = client.get(reverse("catalogue_workspace:provider-list"))
    assert response.status_code == 200
    assert "Alfa College" in response.content.decode()
    assert "Bèta Academie" in response.content.decode()


# --- The providers and their offers ---------------------------------------------------


def test_an_editor_of_one_provider_goes_straight_to_its_offers(client):
    user, provider = _editor()
    client.force_login(user)
    response = client.get(reverse("catalogue_workspace:provider-list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue_workspace:offer-list", args=[provider.pk])


def test_a_user_who_edits_no_provider_is_told_so(client):
    client.force_login(MembershipFactory().user)
    response = client.get(reverse("catalogue_workspace:provider-list"))
    assert response.status_code == 200
    assert not re.search(r'href="/werkplek/aanbod/\d+/"', response.content.decode())


def test_the_offer_list_shows_each_offer_with_its_runs_and_flags(client):
    user, provider = _editor(name="ROC Oss")
    complete = OfferFactory(provider=provider, title="Verzorgende IG", external_id="VIG-1", level="mbo3")
    RunFactory(offer=complete)
    RunFactory(offer=complete, anytime=True)
    OfferFactory(provider=provider, title="Kok", external_id="KOK-1", price_cents=None, draft=True)
    client.force_login(user)

    content = client.get(reverse("catalogue_workspace:offer-list", args=[provider.pk])).content.decode()

    rows = content.split('data-testid="offer-row"')[1:]
    assert len(rows) == 2
    kok, vig = rows  # ordered by title
    assert "KOK-1" in kok
    assert 'data-flag="no_price"' in kok
    assert 'data-flag="no_run"' in kok
    assert "VIG-1" in vig
    assert "data-flag=" not in vig.split("</tr>")[0]
    assert re.search(r"numeric-column\">2</td>", vig)
    assert reverse("catalogue_workspace:offer-edit", args=[provider.pk, complete.pk]) in vig
    for name in ("upload", "import-list", "template-csv", "template-xlsx", "tokens"):
        assert reverse(f"catalogue_workspace:{name}", args=[provider.pk]) in content


def test_the_summary_counts_the_flags_of_the_current_offers(client):
    user, provider = _editor()
    OfferFactory(provider=provider, price_cents=None)
    OfferFactory(provider=provider, price_cents=None)
    OfferFactory(provider=provider, price_cents=None, withdrawn=True)
    client.force_login(user)
    content = client.get(reverse("catalogue_workspace:offer-list", args=[provider.pk])).content.decode()
    summary = content.split('data-testid="quality-summary"')[1].split("</dl>")[0]
    assert 'data-flag="no_price">2<' in summary
    assert 'data-flag="no_run">3<' not in summary
    assert 'data-flag="no_run">2<' in summary


def test_the_offers_can_be_filtered_by_status_and_text(client):
    user, provider = _editor()
    OfferFactory(provider=provider, title="Heftruck", external_id="H-1")
    OfferFactory(provider=provider, title="Heftruck gevorderd", external_id="H-2", draft=True)
    OfferFactory(provider=provider, title="Lassen", external_id="L-1", draft=True)
    client.force_login(user)
    url = reverse("catalogue_workspace:offer-list", args=[provider.pk])

    content = client.get(url, {"status": "draft", "zoek": "heftruck"}).content.decode()
    assert content.count('data-testid="offer-row"') == 1
    assert "H-2" in content

    assert client.get(url, {"zoek": "L-1"}).content.decode().count('data-testid="offer-row"') == 1
    empty = client.get(url, {"status": "withdrawn"}).content.decode()
    assert 'data-testid="offer-row"' not in empty


def test_the_offers_come_in_pages_of_25(client):
    user, provider = _editor()
    OfferFactory.create_batch(30, provider=provider)
    client.force_login(user)
    url = reverse("catalogue_workspace:offer-list", args=[provider.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert first.count('data-testid="offer-row"') == 25
    assert second.count('data-testid="offer-row"') == 5
    assert 'rel="next"' in first
    assert 'rel="prev"' in second


def test_the_offer_list_needs_the_same_few_queries_for_1_or_25_offers(client, django_assert_num_queries):
    user, provider = _editor()
    client.force_login(user)
    url = reverse("catalogue_workspace:offer-list", args=[provider.pk])
    RunFactory(offer=OfferFactory(provider=provider))
    # Session, user, administrator check, provider, flag summary (2), page count and
    # rows (2), duplicate flags of the page (1).
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
    for offer in OfferFactory.create_batch(24, provider=provider):
        RunFactory(offer=offer)
    with django_assert_num_queries(9):
        content = client.get(url).content.decode()
    assert content.count('data-testid="offer-row"') == 25


# --- Template downloads ---------------------------------------------------------------


def test_the_templates_are_downloads_with_their_content_types(client):
    user, provider = _editor()
    client.force_login(user)

    csv = client.get(reverse("catalogue_workspace:template-csv", args=[provider.pk]))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv["Content-Disposition"] == 'attachment; filename="leerwerk-sjabloon.csv"'
    assert csv.content.decode("utf-8-sig").startswith("eigen_id;titel;")

    xlsx = client.get(reverse("catalogue_workspace:template-xlsx", args=[provider.pk]))
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx["Content-Disposition"] == 'attachment; filename="leerwerk-sjabloon.xlsx"'
    assert xlsx.content.startswith(b"PK")


# --- Import history and report --------------------------------------------------------


def test_the_history_lists_the_imports_newest_first_with_who_and_counts(client):
    user, provider = _editor()
    _import_run(provider, source_name="oud.csv", new_count=7)
    _import_run(provider, source_name="nieuw.xlsx", format="xlsx", started_by=user, changed_count=3)
    _import_run(ProviderFactory(), source_name="van-een-ander.csv")
    client.force_login(user)

    content = client.get(reverse("catalogue_workspace:import-list", args=[provider.pk])).content.decode()

    rows = content.split('data-testid="import-row"')[1:]
    assert len(rows) == 2
    assert "nieuw.xlsx" in rows[0]
    assert (user.full_name or user.email) in rows[0]
    assert "oud.csv" in rows[1]
    assert re.search(r"numeric-column\">7</td>", rows[1])
    assert "van-een-ander.csv" not in content


def test_a_rejected_report_shows_the_structural_error_in_an_error_alert(client):
    user, provider = _editor()
    import_run = _import_run(provider, outcome=ImportRun.Outcome.REJECTED, structural_error="De kolom titel ontbreekt.")
    client.force_login(user)
    content = client.get(reverse("catalogue_workspace:import-report", args=[provider.pk, import_run.pk])).content
    content = content.decode()
    assert "utrecht-alert--error" in content
    assert "De kolom titel ontbreekt." in content
    assert str(ImportRun.Outcome.REJECTED.label) in content
    assert 'data-testid="row-errors"' not in content


def test_a_report_lists_the_stored_row_errors_and_how_many_more_there_are(client):
    user, provider = _editor()
    errors = [
        {"position": f"rij {n}", "external_id": f"A{n}", "field": "niveau", "message": "Onbekend niveau."}
        for n in range(2, 5)
    ]
    import_run = _import_run(
        provider,
        outcome=ImportRun.Outcome.PARTLY_APPLIED,
        new_count=4,
        rejected_count=3,
        row_errors=errors,
        row_error_total=1003,
    )
    client.force_login(user)
    content = client.get(reverse("catalogue_workspace:import-report", args=[provider.pk, import_run.pk])).content
    content = content.decode()
    assert "utrecht-alert--warning" in content
    assert 'data-count="new">4<' in content
    assert 'data-count="rejected">3<' in content
    table = content.split('data-testid="row-errors"')[1].split("</table>")[0]
    assert "<caption" in table
    assert table.count("Onbekend niveau.") == 3
    assert "rij 4" in table
    assert "1000" in content.split('data-testid="more-errors"')[1].split("</p>")[0]


def test_an_applied_report_has_an_ok_alert_and_no_more_errors_line(client):
    user, provider = _editor()
    import_run = _import_run(provider, new_count=2)
    client.force_login(user)
    content = client.get(reverse("catalogue_workspace:import-report", args=[provider.pk, import_run.pk])).content
    content = content.decode()
    assert "utrecht-alert--ok" in content
    assert 'data-testid="more-errors"' not in content
