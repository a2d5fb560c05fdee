from django.urls import path

from leerwerk.search import api

api_urls = [
    path("offers", api.OfferSearchApi.as_view(), name="api-offer-search"),
]
