from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "leerwerk.journeys"
    label = "journeys"
    verbose_name = _("Public site")
