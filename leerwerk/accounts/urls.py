from django.urls import path

from leerwerk.accounts import views

app_name = "accounts"

page_urls = [
    path("account/", views.overview, name="overview"),
    path("mijn/inloggen/", views.login_link, name="login_link"),
    path("mijn/inloggen/verstuurd/", views.login_link_sent, name="login_link_sent"),
    path("mijn/inloggen/<str:token>/", views.login_link_use, name="login_link_use"),
]
