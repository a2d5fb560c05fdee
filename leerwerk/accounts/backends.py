"""Permissions from roles: an administrator may do everything in the admin."""

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import AnonymousUser

from leerwerk.accounts.models import User
from leerwerk.accounts.selectors import is_administrator

_CACHE_ATTRIBUTE = "_leerwerk_is_administrator"


class RolePermissionBackend(BaseBackend):
    def _is_administrator(self, user: User | AnonymousUser) -> bool:
        # The admin asks for many permissions per page; ask the database once per user object.
        if not hasattr(user, _CACHE_ATTRIBUTE):
            setattr(user, _CACHE_ATTRIBUTE, is_administrator(user=user))
        return bool(getattr(user, _CACHE_ATTRIBUTE))

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return self._is_administrator(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return self._is_administrator(user_obj)
