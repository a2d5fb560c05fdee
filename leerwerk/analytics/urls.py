from django.urls import path

from leerwerk.analytics import api, views

app_name = "analytics"

page_urls = [
    path("", views.report, name="report"),
    path("metingen.csv", views.report_csv, name="report-csv"),
]

api_urls = [
    path("analytics/funnel", api.FunnelApi.as_view(), name="api-analytics-funnel"),
]
