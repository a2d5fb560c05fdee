"""Permissions from roles: an administrator may do everything in the admin; an analyst
may keep the promising occupations (of their own regions: the admin of that model limits
the rows, see leerwerk/journeys/admin.py)."""

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import AnonymousUser

from leerwerk.accounts.models import Role, User
from leerwerk.accounts.selectors import is_administrator, list_roles

_CACHE_ATTRIBUTE = "_leerwerk_is_administrator"
_ROLES_ATTRIBUTE = "_leerwerk_roles"
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ANALYST: frozenset(
        {
            "skills.view_occupation",
            "skills.view_promisingoccupation",
            "skills.add_promisingoccupation",
            "skills.change_promisingoccupation",
            "skills.delete_promisingoccupation",
        }
    ),
}


class RolePermissionBackend(BaseBackend):
    def _is_administrator(self, user: User | AnonymousUser) -> bool:
        # The admin asks for many permissions per page; ask the database once per user object.
        if not hasattr(user, _CACHE_ATTRIBUTE):
            setattr(user, _CACHE_ATTRIBUTE, is_administrator(user=user))
        return bool(getattr(user, _CACHE_ATTRIBUTE))

    def _permissions(self, user: User | AnonymousUser) -> frozenset[str]:
        if not hasattr(user, _ROLES_ATTRIBUTE):
            setattr(user, _ROLES_ATTRIBUTE, list_roles(user=user))
        roles: set[str] = getattr(user, _ROLES_ATTRIBUTE)
        return frozenset().union(*(ROLE_PERMISSIONS.get(role, frozenset()) for role in roles))

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return self._is_administrator(user_obj) or perm in self._permissions(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return self._is_administrator(user_obj) or any(
            perm.startswith(f"{app_label}.") for perm in self._permissions(user_obj)
        )
