import pytest
from django.urls import reverse

from leerwerk.regions.models import LabourMarketRegion

pytestmark = pytest.mark.django_db


def test_the_home_page_has_the_two_entrances_and_the_partner_login(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get(reverse("journeys:home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert f'href="{reverse("journeys:residents")}"' in content
    assert "Ik wil leren of ander werk" in content
    assert f'href="{reverse("journeys:employers")}"' in content
    assert "Voor werkgevers" in content
    assert f'href="{reverse("account_login")}"' in content
    assert 'href="#main"' in content  # skip link
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in content


@pytest.mark.parametrize("url_name", ["journeys:residents", "journeys:employers"])
def test_an_entrance_finds_the_visitors_region_and_lists_the_served_ones(client, url_name):
    LabourMarketRegion.objects.filter(code="AM27").update(is_served=True)
    content = client.get(reverse(url_name)).content.decode()
    assert f'action="{reverse("regions:find")}"' in content
    assert '<option value="GM0796">&#x27;s-Hertogenbosch</option>' in content
    assert content.count('<option value="GM') == 342
    assert 'href="/regios/AM27/"' in content
