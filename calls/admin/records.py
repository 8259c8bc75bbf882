"""Legal holds, retention policies, erasure requests, tombstones and webhook events.

Holds and erasures are created only through their services (from the call page or the erasure
form), so each one is audited; the admin lists them read-only. Retention policies are edited
here, each save and delete going through ``retention_policy_save`` / ``retention_policy_delete``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.debug import sensitive_post_parameters

from calls.compliance.erasure import ErasureInputError, erasure_request_execute
from calls.compliance.holds import HoldError, legal_hold_release
from calls.compliance.policy import (
    MAX_DAYS,
    MIN_DAYS,
    DefaultPolicyProtectedError,
    retention_policy_delete,
    retention_policy_save,
)
from calls.models import CallTombstone, ErasureRequest, LegalHold, RetentionPolicy, WebhookEvent
from voiceguard.admin_site import ReadOnlyAdminMixin


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(LegalHold)
class LegalHoldAdmin(ReadOnlyAdmin):
    list_display = ("call_link", "reason", "placed_by", "placed_at", "status")
    list_select_related = ("call", "placed_by", "released_by")
    list_filter = (("released_at", admin.EmptyFieldListFilter),)
    actions = ("release_selected",)
    fields = ("call_link", "reason", "placed_by", "placed_at", "released_by", "released_at")
    readonly_fields = fields

    @admin.display(description="Call")
    def call_link(self, obj: LegalHold) -> str:
        url = reverse("admin:calls_call_change", args=[obj.call_id])
        return format_html('<a href="{}">{}</a>', url, obj.call.vapi_call_id)

    @admin.display(description="Status", ordering="released_at")
    def status(self, obj: LegalHold) -> str:
        if obj.released_at is None:
            return mark_safe('<span class="vg-badge vg-badge-hold">Active</span>')
        return f"Released {obj.released_at:%Y-%m-%d}"

    def has_release_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("calls.change_legalhold")

    @admin.action(description="Release selected legal holds", permissions=["release"])
    def release_selected(self, request: HttpRequest, queryset: QuerySet[LegalHold]) -> None:
        released = 0
        for hold_id in queryset.filter(released_at__isnull=True).values_list("pk", flat=True):
            try:
                legal_hold_release(hold_id=hold_id, actor=request.user)  # type: ignore[arg-type]
                released += 1
            except HoldError:
                continue
        self.message_user(request, f"Released {released} legal holds.", messages.SUCCESS)


class RetentionPolicyForm(forms.ModelForm):
    days = forms.IntegerField(min_value=MIN_DAYS, max_value=MAX_DAYS, help_text="Calls older than this are purged (unless held).")

    class Meta:
        model = RetentionPolicy
        fields = ("assistant_id", "days")
        help_texts = {"assistant_id": "Leave blank for the default policy; give a Vapi assistant id to override it."}


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    form = RetentionPolicyForm
    list_display = ("scope", "days", "updated_at")
    ordering = ("assistant_id",)
    actions = None

    @admin.display(description="Applies to", ordering="assistant_id")
    def scope(self, obj: RetentionPolicy) -> str:
        return obj.assistant_id or "Default (every assistant without its own policy)"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not obj.assistant_id:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: RetentionPolicy, form: Any, change: bool) -> None:
        before = None
        if change and obj.pk:
            previous = RetentionPolicy.objects.get(pk=obj.pk)
            before = {"assistant_id": previous.assistant_id or "(default)", "days": previous.days}
        retention_policy_save(policy=obj, actor=request.user, before=before)  # type: ignore[arg-type]

    def delete_model(self, request: HttpRequest, obj: RetentionPolicy) -> None:
        try:
            retention_policy_delete(policy=obj, actor=request.user)  # type: ignore[arg-type]
        except DefaultPolicyProtectedError as exc:
            raise PermissionDenied(str(exc)) from None

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RetentionPolicy]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class ErasureForm(forms.Form):
    caller_number = forms.CharField(
        label="Caller's phone number",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "size": 24}),
        help_text="Used once to find the caller's calls by their keyed hash, then discarded: it is not stored or logged.",
    )
    reference = forms.CharField(
        label="Reference",
        max_length=100,
        required=False,
        help_text="Your ticket or case number. Do not enter personal data here.",
    )


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdmin):
    list_display = ("requested_at", "requested_by", "reference", "calls_erased", "calls_held")
    list_select_related = ("requested_by",)
    fields = ("requested_at", "requested_by", "reference", "calls_erased", "calls_held")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("calls.add_erasurerequest")

    @method_decorator(sensitive_post_parameters("caller_number"))
    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ErasureForm(request.POST or None)
        outcome = None
        if request.method == "POST" and form.is_valid():
            try:
                outcome = erasure_request_execute(
                    number=form.cleaned_data["caller_number"],
                    reference=form.cleaned_data["reference"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ErasureInputError as exc:
                form.add_error("caller_number", str(exc))
            else:
                # The bound form would otherwise re-render the number into the result page.
                form = ErasureForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Erase a caller's calls" if outcome is None else "Erasure carried out",
            "form": form,
            "outcome": outcome,
        }
        return TemplateResponse(request, "admin/calls/erasurerequest/erase.html", context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(CallTombstone)
class CallTombstoneAdmin(ReadOnlyAdmin):
    list_display = ("purged_at", "reason", "retention_days", "call_id_hash")
    list_filter = ("reason",)
    search_fields = ("=call_id_hash",)
    search_help_text = "The SHA-256 (hex) of a Vapi call id."


@admin.register(WebhookEvent)
class WebhookEventAdmin(ReadOnlyAdmin):
    list_display = ("received_at", "message_type", "outcome", "processing_ms", "call_link")
    list_filter = ("message_type", "outcome")
    list_select_related = ("call",)
    exclude = ("digest",)

    @admin.display(description="Call")
    def call_link(self, obj: WebhookEvent) -> str:
        if obj.call is None:
            return "-"
        return format_html('<a href="{}">{}</a>', reverse("admin:calls_call_change", args=[obj.call.pk]), obj.call.vapi_call_id)
