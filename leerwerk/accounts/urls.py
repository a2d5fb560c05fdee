from django.urls import path

from leerwerk.accounts import views

app_name = "accounts"

page_urls = [
    path("", views.overview, name="overview"),
]
