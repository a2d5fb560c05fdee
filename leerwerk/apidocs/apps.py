from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiDocsConfig(AppConfig):
    name = "leerwerk.apidocs"
    label = "apidocs"
    verbose_name = _("API documentation")
