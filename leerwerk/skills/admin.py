from django.contrib import admin

from leerwerk.skills.models import Occupation


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin[Occupation]):
    list_display = ["preferred_label", "code", "isco_group"]
    search_fields = ["preferred_label", "code"]
    readonly_fields = ["uri", "code", "isco_group", "preferred_label", "alt_labels", "description"]
