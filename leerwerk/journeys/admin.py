"""Interest registrations and advice requests in the admin: read only. Every change goes
through the services (withdrawal erases personal data), never through an admin form.
And the promising occupations per region, which analysts curate."""

from typing import Any, TypeVar

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from leerwerk.accounts.models import Role, User
from leerwerk.accounts.selectors import is_administrator, list_region_codes_in_scope
from leerwerk.journeys.models import AdviceRequest, Interest
from leerwerk.regions.models import LabourMarketRegion
from leerwerk.skills.models import PromisingOccupation

_Model = TypeVar("_Model", bound=models.Model)


class _ReadOnlyAdmin(admin.ModelAdmin[_Model]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Interest)
class InterestAdmin(_ReadOnlyAdmin[Interest]):
    list_display = ["created_at", "offer", "provider", "region_code", "wants_help", "status"]
    list_filter = ["status", "wants_help", "region_code"]
    list_select_related = ["offer", "provider"]
    date_hierarchy = "created_at"
    exclude = ["withdraw_token_hash"]


@admin.register(AdviceRequest)
class AdviceRequestAdmin(_ReadOnlyAdmin[AdviceRequest]):
    list_display = ["created_at", "region_code", "goal", "situation", "contact_by", "source", "status"]
    list_filter = ["status", "source", "region_code", "goal", "situation"]
    date_hierarchy = "created_at"


@admin.register(PromisingOccupation)
class PromisingOccupationAdmin(admin.ModelAdmin[PromisingOccupation]):
    """Analysts keep the list of promising occupations (kansberoepen) of their own regions
    here; administrators of every region. (Registered by journeys, whose pages show the
    list: skills may not know about roles and region scopes, which accounts owns.)"""

    list_display = ["occupation", "region", "position", "source", "curated_by", "updated_at"]
    list_filter = ["region"]
    list_select_related = ["occupation", "region", "curated_by"]
    search_fields = ["occupation__preferred_label", "source", "reason"]
    ordering = ["region__name", "position"]
    autocomplete_fields = ["occupation"]
    fields = ["region", "occupation", "reason", "source", "position", "curated_by", "created_at", "updated_at"]
    readonly_fields = ["curated_by", "created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PromisingOccupation]:
        queryset = super().get_queryset(request).select_related("occupation", "region", "curated_by")
        scope = _analyst_scope(request)
        return queryset if scope is None else queryset.filter(region__code__in=scope)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        scope = _analyst_scope(request)
        if db_field.name == "region" and scope is not None:
            kwargs["queryset"] = LabourMarketRegion.objects.filter(code__in=scope).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: PromisingOccupation, form: Any, change: bool) -> None:
        obj.curated_by = request.user  # type: ignore[assignment]  # the admin only lets in users
        super().save_model(request, obj, form, change)


def _analyst_scope(request: HttpRequest) -> set[str] | None:
    """The region codes an analyst curates; None for an administrator (every region)."""
    user = request.user
    if not isinstance(user, User) or is_administrator(user=user):
        return None
    return list_region_codes_in_scope(user=user, role=Role.ANALYST)
