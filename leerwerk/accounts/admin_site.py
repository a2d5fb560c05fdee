"""The Django admin ("beheer"), opened to users with the administrator role, and to
analysts for the promising occupations (backends.ROLE_PERMISSIONS)."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from leerwerk.accounts.models import Role
from leerwerk.accounts.selectors import has_role, is_administrator


class LeerwerkAdminSite(admin.AdminSite):
    site_header = _("Leerwerk administration")
    site_title = _("Leerwerk administration")
    index_title = _("Administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and (user.is_staff or is_administrator(user=user) or has_role(user=user, role=Role.ANALYST))
        )
