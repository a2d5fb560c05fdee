from django.apps import AppConfig


class ComponentsConfig(AppConfig):
    name = "leerwerk.components"
    label = "components"
