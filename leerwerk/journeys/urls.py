from django.urls import path

from leerwerk.journeys import views, workspace

app_name = "journeys"

page_urls = [
    path("", views.home, name="home"),
    path("leren-en-werken/", views.residents, name="residents"),
    path("werkgevers/", views.employers, name="employers"),
    path("zoeken/", views.search, name="search"),
    path("zoeken/suggesties", views.suggestions, name="suggest"),
    path("opleidingen/<int:offer_id>/interesse/", views.interest, name="interest"),
    path("opleidingen/<int:offer_id>/interesse/bedankt/", views.interest_done, name="interest-done"),
    path("intrekken/<str:token>/", views.withdraw, name="withdraw"),
    path("advies/", views.advice, name="advice"),
    path("advies/bedankt/", views.advice_done, name="advice-done"),
    path("mijn/", views.my_page, name="my_page"),
    path("mijn/gegevens.json", views.my_data, name="my-data"),
    path("mijn/aanmeldingen/<int:interest_id>/intrekken/", views.my_interest_withdraw, name="my-interest-withdraw"),
    path("mijn/adviesvragen/<int:advice_request_id>/intrekken/", views.my_advice_withdraw, name="my-advice-withdraw"),
    path("mijn/account-verwijderen/", views.my_account_delete, name="my-account-delete"),
    path("werkplek/aanmeldingen/", workspace.provider_interests, name="provider_interests"),
    path("go/offer/<int:offer_id>", views.click_out, name="click-out"),
    path("kansrijke-beroepen/", views.region_list, name="promising-regions"),
    path("kansrijke-beroepen/<str:region_code>/", views.region_detail, name="promising"),
]
