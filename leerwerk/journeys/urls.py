from django.urls import path

from leerwerk.journeys import views

app_name = "journeys"

page_urls = [
    path("", views.home, name="home"),
    path("leren-en-werken/", views.residents, name="residents"),
    path("werkgevers/", views.employers, name="employers"),
    path("zoeken/", views.search, name="search"),
    path("zoeken/suggesties", views.suggestions, name="suggest"),
]
