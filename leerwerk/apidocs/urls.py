from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from leerwerk.apidocs import views

api_urls = [
    path("schema", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs", views.api_documentation, name="api-docs"),
    path("explorer", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-explorer"),
]
