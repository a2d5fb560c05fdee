"""The Django admin ("beheer"), opened to users with the administrator role."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from leerwerk.accounts.selectors import is_administrator


class LeerwerkAdminSite(admin.AdminSite):
    site_header = _("Leerwerk administration")
    site_title = _("Leerwerk administration")
    index_title = _("Administration")

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and (request.user.is_staff or is_administrator(user=request.user)))
