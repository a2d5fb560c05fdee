"""Interest registrations and advice requests in the admin: read only. Every change goes
through the services (withdrawal erases personal data), never through an admin form."""

from typing import TypeVar

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from leerwerk.journeys.models import AdviceRequest, Interest

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
