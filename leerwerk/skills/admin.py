from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from leerwerk.skills.models import Occupation, PromisingOccupation


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin[Occupation]):
    list_display = ["preferred_label", "code", "isco_group"]
    search_fields = ["preferred_label", "code"]
    readonly_fields = ["uri", "code", "isco_group", "preferred_label", "alt_labels", "description"]


@admin.register(PromisingOccupation)
class PromisingOccupationAdmin(admin.ModelAdmin[PromisingOccupation]):
    """Analysts keep each region's list of promising occupations (kansberoepen) here."""

    list_display = ["occupation", "region", "position", "source", "curated_by", "updated_at"]
    list_filter = ["region"]
    list_select_related = ["occupation", "region", "curated_by"]
    search_fields = ["occupation__preferred_label", "source", "reason"]
    ordering = ["region__name", "position"]
    autocomplete_fields = ["occupation"]
    fields = ["region", "occupation", "reason", "source", "position", "curated_by", "created_at", "updated_at"]
    readonly_fields = ["curated_by", "created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PromisingOccupation]:
        return super().get_queryset(request).select_related("occupation", "region", "curated_by")

    def save_model(self, request: HttpRequest, obj: PromisingOccupation, form: Any, change: bool) -> None:
        obj.curated_by = request.user  # type: ignore[assignment]  # the admin only lets in users
        super().save_model(request, obj, form, change)
