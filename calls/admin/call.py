"""Call list and call detail.

The list reads only plain columns (no sealed field is loaded, let alone opened) and a fixed number
of queries whatever the page size: holds come from one ``EXISTS`` annotation, retention expiry from
the policies read once per page. The detail page is the only place transcripts are opened, through
``call_review_open``, which audits the view.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.debug import sensitive_post_parameters

from calls.admin.filters import EntityTypeFilter, LegalHoldFilter, StartedBetweenFilter, active_hold
from calls.compliance.entities import entity_chips
from calls.compliance.exports import ExportError, calls_export
from calls.compliance.holds import HoldError, calls_place_holds, legal_hold_place, legal_hold_release
from calls.compliance.policy import retention_policies
from calls.compliance.review import call_review_open
from calls.compliance.search import calls_search_by_caller, looks_like_phone_number
from calls.models import Call
from voiceguard.admin_site import ReadOnlyAdminMixin

CALLER_SEARCHES = "vg_caller_searches"
_LIST_FIELDS = (
    "id",
    "vapi_call_id",
    "assistant_id",
    "started_at",
    "created_at",
    "duration_seconds",
    "ended_reason",
    "entity_counts",
    "interruptions",
    "recording_present",
    "caller_last4",
)


class CallerFilter(admin.SimpleListFilter):
    """``?caller=<token>``: the calls whose caller hash a POSTed number search stored in the session."""

    title = "caller"
    parameter_name = "caller"
    # Applied but not drawn: Django skips the queryset of a filter without output.
    template = "admin/calls/filter_hidden.html"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return []

    def has_output(self) -> bool:
        return True

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        token = self.value()
        if not token:
            return queryset
        found = request.session.get(CALLER_SEARCHES, {}).get(token)
        if not found:
            return queryset.none()
        return queryset.filter(caller_hash=found["hash"])


class CallChangeList(ChangeList):
    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        policies = retention_policies()
        for call in self.result_list:
            call.vg_retain_until = policies.retain_until(assistant_id=call.assistant_id, created_at=call.created_at)


def _call_uuid(object_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(object_id))
    except ValueError:
        raise Http404("No such call") from None


@admin.register(Call)
class CallAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("started", "duration", "ended", "entities", "barge_ins", "recording", "hold", "retain_until", "caller")
    list_display_links = ("started",)
    list_filter = (StartedBetweenFilter, "ended_reason", EntityTypeFilter, LegalHoldFilter, "recording_present", CallerFilter)
    search_fields = ("=vapi_call_id",)
    search_help_text = "A Vapi call id, or the caller's phone number (never stored or logged)."
    list_per_page = 50
    # Counting the whole table on every page costs a sequential scan at 100,000 calls.
    show_full_result_count = False
    ordering = ("-created_at",)
    actions = ("export_json", "export_csv", "place_legal_hold")
    change_list_template = "admin/calls/call/change_list.html"

    def has_export_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("calls.export_call")

    def has_hold_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("calls.add_legalhold")

    def has_release_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("calls.change_legalhold")

    # --- list -------------------------------------------------------------------------------------
    def get_queryset(self, request: HttpRequest) -> QuerySet[Call]:
        return super().get_queryset(request).only(*_LIST_FIELDS).annotate(on_hold=active_hold())

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return CallChangeList

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        action = request.POST.get("action") if request.method == "POST" else None
        if action is not None and action not in self.get_actions(request):
            raise PermissionDenied  # an action this user's role does not have, posted anyway
        token = request.GET.get(CallerFilter.parameter_name, "")
        search = request.session.get(CALLER_SEARCHES, {}).get(token) if token else None
        if token and search is None:
            messages.warning(request, "That caller search has expired; search for the number again.")
            return HttpResponseRedirect(reverse("admin:calls_call_changelist"))
        context = {**(extra_context or {}), "caller_search": search}
        return super().changelist_view(request, context)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="Started", ordering="started_at")
    def started(self, obj: Call) -> str:
        return obj.started_at.strftime("%Y-%m-%d %H:%M") if obj.started_at else "(not started)"

    @admin.display(description="Duration", ordering="duration_seconds")
    def duration(self, obj: Call) -> str:
        if obj.duration_seconds is None:
            return "-"
        minutes, seconds = divmod(round(obj.duration_seconds), 60)
        return f"{minutes}:{seconds:02d}"

    @admin.display(description="Ended reason", ordering="ended_reason")
    def ended(self, obj: Call) -> str:
        return obj.ended_reason or "-"

    @admin.display(description="PII redacted")
    def entities(self, obj: Call) -> str:
        chips = entity_chips(obj.entity_counts)
        if not chips:
            return mark_safe('<span class="vg-muted">none</span>')
        return format_html_join(
            "",
            '<span class="vg-chip vg-chip-{}" title="{} redacted {} times">{} <b>{}</b></span>',
            ((s, lbl, n, lbl, n) for lbl, s, n in chips),
        )

    @admin.display(description="Barge-ins", ordering="interruptions")
    def barge_ins(self, obj: Call) -> int:
        return obj.interruptions

    @admin.display(description="Recording", boolean=True, ordering="recording_present")
    def recording(self, obj: Call) -> bool:
        return obj.recording_present

    @admin.display(description="Legal hold")
    def hold(self, obj: Call) -> str:
        if getattr(obj, "on_hold", False):
            return mark_safe('<span class="vg-badge vg-badge-hold">On hold</span>')
        return ""

    @admin.display(description="Retained until")
    def retain_until(self, obj: Call) -> str:
        until = getattr(obj, "vg_retain_until", None)
        return until.strftime("%Y-%m-%d") if until else "-"

    @admin.display(description="Caller")
    def caller(self, obj: Call) -> str:
        return f"•••• {obj.caller_last4}" if obj.caller_last4 else "-"

    # --- actions ------------------------------------------------------------------------------------
    @admin.action(description="Export selected calls as JSON", permissions=["export"])
    def export_json(self, request: HttpRequest, queryset: QuerySet[Call]) -> HttpResponse | None:
        return self._export(request, list(queryset.values_list("pk", flat=True)[: settings.EXPORT_MAX_CALLS + 1]), "json")

    @admin.action(description="Export selected calls as CSV", permissions=["export"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Call]) -> HttpResponse | None:
        return self._export(request, list(queryset.values_list("pk", flat=True)[: settings.EXPORT_MAX_CALLS + 1]), "csv")

    def _export(self, request: HttpRequest, call_ids: list[Any], fmt: str) -> HttpResponse | None:
        try:
            export = calls_export(call_ids=call_ids, fmt=fmt, actor=request.user)  # type: ignore[arg-type]
        except ExportError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return None
        response = HttpResponse(export.content, content_type=export.content_type)
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        return response

    @admin.action(description="Place a legal hold on selected calls", permissions=["hold"])
    def place_legal_hold(self, request: HttpRequest, queryset: QuerySet[Call]) -> HttpResponse | None:
        ids = [str(pk) for pk in queryset.values_list("pk", flat=True)[:1000]]
        if "apply" in request.POST:
            try:
                placed, skipped = calls_place_holds(call_ids=ids, reason=request.POST.get("reason", ""), actor=request.user)  # type: ignore[arg-type]
            except HoldError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return None
            self.message_user(request, f"Legal hold placed on {placed} calls; {skipped} were already on hold.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Place a legal hold",
            "call_ids": ids,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/calls/call/hold_selected.html", context)

    # --- detail and its forms -------------------------------------------------------------------
    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("search/", wrap(self.search_view), name="calls_call_search"),
            path("<path:object_id>/hold/", wrap(self.hold_view), name="calls_call_hold"),
            path("<path:object_id>/release/", wrap(self.release_view), name="calls_call_release"),
            path("<path:object_id>/export/<str:fmt>/", wrap(self.export_view), name="calls_call_export"),
            *super().get_urls(),
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or not self.has_view_permission(request):
            raise PermissionDenied
        review = call_review_open(call_id=_call_uuid(object_id), actor=request.user)  # type: ignore[arg-type]
        if review is None:
            messages.warning(request, "That call no longer exists: it was purged or erased.")
            return HttpResponseRedirect(reverse("admin:calls_call_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Call {review.call.vapi_call_id}",
            "subtitle": None,
            "review": review,
            "chips": entity_chips(review.call.entity_counts),
            "can_hold": self.has_hold_permission(request),
            "can_release": self.has_release_permission(request),
            "can_export": self.has_export_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/calls/call/detail.html", context)

    @method_decorator(sensitive_post_parameters("q"))
    def search_view(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:calls_call_changelist"))
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.POST.get("q", "").strip()[:200]
        changelist = reverse("admin:calls_call_changelist")
        if not query:
            return HttpResponseRedirect(changelist)
        if looks_like_phone_number(query) and not _is_uuid(query):
            found = calls_search_by_caller(number=query, actor=request.user)  # type: ignore[arg-type]
            del query
            if found is None:
                messages.error(request, "That does not look like a phone number.")
                return HttpResponseRedirect(changelist)
            token = secrets.token_urlsafe(9)
            searches = dict(list(request.session.get(CALLER_SEARCHES, {}).items())[-4:])
            searches[token] = {"hash": found.caller_hash, "last4": found.last4, "matches": found.matches}
            request.session[CALLER_SEARCHES] = searches
            return HttpResponseRedirect(f"{changelist}?{urlencode({CallerFilter.parameter_name: token})}")
        return HttpResponseRedirect(f"{changelist}?{urlencode({'q': query})}")

    def hold_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST" or not self.has_hold_permission(request):
            raise PermissionDenied
        call_id = _call_uuid(object_id)
        try:
            legal_hold_place(call_id=call_id, reason=request.POST.get("reason", ""), actor=request.user)  # type: ignore[arg-type]
            messages.success(request, "Legal hold placed: this call will not be purged or erased until it is released.")
        except HoldError as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("admin:calls_call_change", args=[call_id]))

    def release_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST" or not self.has_release_permission(request):
            raise PermissionDenied
        call_id = _call_uuid(object_id)
        try:
            hold_id = int(request.POST.get("hold_id", ""))
            legal_hold_release(hold_id=hold_id, call_id=call_id, actor=request.user)  # type: ignore[arg-type]
            messages.success(request, "Legal hold released.")
        except ValueError:
            messages.error(request, "No legal hold was named.")
        except HoldError as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("admin:calls_call_change", args=[call_id]))

    def export_view(self, request: HttpRequest, object_id: str, fmt: str) -> HttpResponse:
        if request.method != "POST" or not self.has_export_permission(request):
            raise PermissionDenied
        call_id = _call_uuid(object_id)
        response = self._export(request, [call_id], fmt)
        return response or HttpResponseRedirect(reverse("admin:calls_call_change", args=[call_id]))


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
