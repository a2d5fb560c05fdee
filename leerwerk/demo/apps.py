from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "leerwerk.demo"
    label = "demo"
    verbose_name = "Demo data"
