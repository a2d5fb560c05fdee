from django.urls import path

from leerwerk.catalogue import api, views

app_name = "catalogue"

page_urls = [
    path("opleidingen/<int:offer_id>/", views.offer_detail, name="offer"),
    path("aanbieders/<int:provider_id>/", views.provider_detail, name="provider"),
    path("werkplek/aanbieders/", views.admission_list, name="admission"),
    path("werkplek/aanbieders/<int:provider_id>/toelating", views.admission_change, name="admission-change"),
]

api_urls = [
    path("offers/<int:offer_id>", api.OfferDetailApi.as_view(), name="api-offer-detail"),
    path("providers", api.ProviderListApi.as_view(), name="api-provider-list"),
    path("providers/<int:provider_id>", api.ProviderDetailApi.as_view(), name="api-provider-detail"),
    path(
        "providers/<int:provider_id>/offers/<str:external_id>",
        api.ProviderOfferApi.as_view(),
        name="api-provider-offer",
    ),
]
