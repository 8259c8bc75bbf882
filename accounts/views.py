"""The second step of staff login: verify a TOTP code, or enrol an authenticator first.

These pages sit between the admin's password form and the admin itself. They are reachable only by
a signed-in staff user; everyone else is sent to the login page.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from accounts import twofactor
from accounts.forms import EnrolForm, TokenForm

_admin_login = "admin:login"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _staff(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    from django.contrib import admin

    return {**admin.site.each_context(request), "next": _next_url(request), **extra}


@never_cache
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
@login_required(login_url=_admin_login)
def two_factor(request: HttpRequest) -> HttpResponse:
    """Verify a code for an enrolled user; send a user without an authenticator to enrolment."""
    if not _staff(request):
        return redirect(_admin_login)
    user = request.user
    if user.is_verified():  # type: ignore[union-attr]
        return HttpResponseRedirect(_next_url(request))
    if not twofactor.otp_is_enrolled(user=user):  # type: ignore[arg-type]
        return redirect(_with_next("accounts:two-factor-enrol", _next_url(request)))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = twofactor.otp_verify(user=user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        if result.device is not None:
            otp_login(request, result.device)
            if result.used_recovery_code:
                messages.warning(request, "You signed in with a recovery code; it cannot be used again.")
            return HttpResponseRedirect(_next_url(request))
        if result.throttled:
            form.add_error(None, "Too many wrong codes. Wait a little before trying again.")
        else:
            form.add_error("token", "That code is not valid.")
    return render(request, "accounts/two_factor_verify.html", _context(request, form=form, title="Two-factor verification"))


@never_cache
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
@login_required(login_url=_admin_login)
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Register an authenticator app: QR code (inline SVG), then a code from the app to confirm it."""
    if not _staff(request):
        return redirect(_admin_login)
    user = request.user
    if twofactor.otp_is_enrolled(user=user):  # type: ignore[arg-type]
        return redirect(_with_next("accounts:two-factor", _next_url(request)))
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = twofactor.otp_enrol_confirm(user=user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        if confirmed is not None:
            device, codes = confirmed
            otp_login(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                _context(request, codes=codes, title="Your recovery codes", enrolled=True),
            )
        form.add_error("token", "That code is not valid. Check the clock on your phone and try the newest code.")
    device = twofactor.otp_pending_device(user=user)  # type: ignore[arg-type]
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, dark="#14213d", light="#ffffff", omitsize=False)
    secret = b32encode(device.bin_key).decode("ascii")
    context = _context(
        request,
        form=form,
        qr_svg=mark_safe(svg),  # noqa: S308 - segno's own SVG of our own otpauth URL
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        issuer=settings.OTP_TOTP_ISSUER,
        title="Set up two-factor login",
    )
    return render(request, "accounts/two_factor_enrol.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=_admin_login)
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Issue a fresh set of recovery codes (the old ones stop working). Needs a verified session."""
    if not _staff(request) or not request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_with_next("accounts:two-factor", request.path))
    if request.method == "POST":
        codes = twofactor.recovery_codes_issue(user=request.user)  # type: ignore[arg-type]
        return render(request, "accounts/recovery_codes.html", _context(request, codes=codes, title="Your recovery codes"))
    return render(request, "accounts/recovery_codes_confirm.html", _context(request, title="New recovery codes"))
