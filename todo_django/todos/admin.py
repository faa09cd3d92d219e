"""The admin at /admin/: browse and edit every account's tasks (`manage.py createsuperuser`)."""

from django.contrib import admin

from .models import Task


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["name", "account", "completed", "due_date", "creation_date"]
    list_filter = ["completed", "due_date", "creation_date"]
    search_fields = ["name", "note", "account__username"]
    list_select_related = ["account"]
    date_hierarchy = "creation_date"
