"""Users and roles in the admin, for security administrators.

A security administrator creates staff users, assigns roles (the groups ``sync_roles`` manages) and
can reset a user's two-factor devices; every such change is audited. Only a superuser can grant
superuser status or individual permissions. Role definitions are code (``accounts.roles``), so
groups are read-only here, and the raw two-factor device tables (which hold TOTP secrets and
recovery codes) are not shown to anyone.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import ROLES
from accounts.staff import user_admin_saved
from accounts.twofactor import otp_reset
from voiceguard.admin_site import ReadOnlyAdminMixin

for _model in (TOTPDevice, StaticDevice, Group):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "roles", "is_staff", "is_active", "is_superuser", "last_login")
    list_filter = ("is_staff", "is_active", "is_superuser", "groups")
    actions = ("reset_two_factor",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined")

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="Roles")
    def roles(self, obj: User) -> str:
        return ", ".join(g.name for g in obj.groups.all()) or "-"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ("is_superuser", "user_permissions")
        return fields

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=list(ROLES)).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Users appear in the audit trail; deactivate them instead.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        # Remember who the user was before the form's changes, for the audit event in save_related.
        request._vg_roles_before = sorted(obj.groups.values_list("name", flat=True)) if change and obj.pk else []  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user_admin_saved(
            actor=request.user,  # type: ignore[arg-type]
            user=form.instance,
            created=not change,
            changed_fields=sorted(set(form.changed_data) - {"password", "password1", "password2", "groups"}),
            roles_before=getattr(request, "_vg_roles_before", []),
        )

    @admin.action(description="Reset two-factor login (the user enrols again at next sign-in)", permissions=["change"])
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = 0
        for user in queryset:
            if user.is_superuser and not request.user.is_superuser:
                continue
            otp_reset(user=user, actor=request.user)  # type: ignore[arg-type]
            count += 1
        self.message_user(request, f"Two-factor login reset for {count} users.", messages.SUCCESS)


@admin.register(Group)
class RoleAdmin(ReadOnlyAdminMixin, DjangoGroupAdmin):
    """Roles are declared in ``accounts/roles.py`` and applied by ``sync_roles``; here they are only shown."""

    actions = None
