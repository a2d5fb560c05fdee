from django.urls import path

from leerwerk.analytics import views

app_name = "analytics"

page_urls = [
    path("", views.report, name="report"),
    path("metingen.csv", views.report_csv, name="report-csv"),
]
