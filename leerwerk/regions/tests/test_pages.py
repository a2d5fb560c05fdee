import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_region_list_shows_all_35_regions(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("regions:list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Arbeidsmarktregio's" in content
    assert content.count('href="/regios/AM') == 35
    assert "Noordoost-Brabant" in content


def test_a_region_page_lists_its_municipalities(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("regions:detail", args=["AM27"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Arbeidsmarktregio Noordoost-Brabant | Leerwerk</title>" in content
    assert "10 gemeenten in" in content
    for name in ["Oss", "Meierijstad", "Vught", "&#x27;s-Hertogenbosch"]:
        assert name in content
    assert "Tilburg" not in content


def test_a_region_page_for_a_year_without_data_says_so(client):
    response = client.get(reverse("regions:detail", args=["AM27"]), {"jaar": "2023"})
    assert "10 gemeenten in 2023" in response.content.decode()


def test_an_unknown_year_falls_back_to_the_current_year(client):
    response = client.get(reverse("regions:detail", args=["AM27"]), {"jaar": "1850"})
    assert response.status_code == 200
    assert "10 gemeenten in" in response.content.decode()


def test_an_unknown_region_is_a_404_in_the_site_frame(client):
    response = client.get("/regios/AM04/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Pagina niet gevonden" in content
    assert "Direct naar de inhoud" in content  # the frame's skip link


def test_finding_the_region_of_a_municipality_redirects_to_it(client):
    response = client.get(reverse("regions:find"), {"gemeente": "GM0855"})  # Tilburg
    assert response.status_code == 302
    assert response["Location"] == reverse("regions:detail", args=["AM26"])


@pytest.mark.parametrize(
    ("value", "message"), [("", "Kies een gemeente."), ("GM9999", "Kies een gemeente uit de lijst.")]
)
def test_finding_a_region_without_a_valid_municipality_explains_in_dutch(client, value, message):
    response = client.get(reverse("regions:find"), {"gemeente": value})
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert 'aria-invalid="true"' in content
