from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "leerwerk.core"
    label = "core"
