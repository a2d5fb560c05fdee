from django.urls import path

from leerwerk.regions import api, views

app_name = "regions"

page_urls = [
    path("", views.region_list, name="list"),
    path("zoek-je-regio/", views.find_region, name="find"),
    path("<str:code>/", views.region_detail, name="detail"),
]

api_urls = [
    path("regions", api.RegionListApi.as_view(), name="api-region-list"),
    path("regions/<str:code>", api.RegionDetailApi.as_view(), name="api-region-detail"),
    path("municipalities", api.MunicipalityListApi.as_view(), name="api-municipality-list"),
]
