"""The admin app with Leerwerk's admin site (kept apart: INSTALLED_APPS imports it before
the app registry is ready, so it must not import models)."""

from django.contrib.admin.apps import AdminConfig


class LeerwerkAdminConfig(AdminConfig):
    default_site = "leerwerk.accounts.admin_site.LeerwerkAdminSite"
