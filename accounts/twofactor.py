"""Two-factor login for staff: TOTP enrolment, verification and recovery codes (django-otp).

A staff user signs in with a password, then proves possession of an authenticator app before the
admin opens. A user with no confirmed authenticator is sent to enrol one; enrolment is refused once
a confirmed device exists, so a stolen password alone can never register the thief's phone. Every
enrolment, issue of recovery codes, use of a recovery code and failed code is audited. Codes and
secrets never reach the audit trail or the logs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record

RECOVERY_CODE_COUNT = 10
_TOTP_NAME = "Authenticator app"
_STATIC_NAME = "Recovery codes"


class EnrolmentRefusedError(Exception):
    """The user already has a confirmed authenticator; a new one needs an administrator's reset."""


@dataclass(frozen=True)
class Verification:
    device: Device | None
    used_recovery_code: bool = False
    throttled: bool = False


def otp_is_enrolled(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def otp_pending_device(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator this user is enrolling (created on first call, reused after)."""
    if otp_is_enrolled(user=user):
        raise EnrolmentRefusedError("an authenticator is already enrolled")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_TOTP_NAME, confirmed=False)
    return device


@transaction.atomic
def otp_enrol_confirm(*, user: User, token: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the pending authenticator with a code from it; returns it and fresh recovery codes."""
    device = otp_pending_device(user=user)
    if not device.verify_token(_clean(token)):
        audit_record(actor=user, action=AuditEvent.Action.LOGIN_FAILED, target=user, extra={"stage": "otp_enrolment"})
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Any other half-finished enrolment is void now.
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    audit_record(actor=user, action=AuditEvent.Action.OTP_ENROLLED, target=user, extra={"device": "totp"})
    return device, recovery_codes_issue(user=user)


@transaction.atomic
def recovery_codes_issue(*, user: User) -> list[str]:
    """Replace the user's recovery codes with ten new single-use ones and return them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=_STATIC_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    audit_record(actor=user, action=AuditEvent.Action.RECOVERY_CODES_ISSUED, target=user, extra={"count": len(codes)})
    return codes


def otp_verify(*, user: User, token: str) -> Verification:
    """Check a code from the authenticator, or a recovery code (which is then spent)."""
    token = _clean(token)
    with transaction.atomic():
        throttled = False
        for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
            allowed, _ = device.verify_is_allowed()
            throttled = throttled or not allowed
            if device.verify_token(token):
                return Verification(device=device)
        for static in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
            allowed, _ = static.verify_is_allowed()
            throttled = throttled or not allowed
            if static.verify_token(token.lower()):
                remaining = static.token_set.count()
                audit_record(actor=user, action=AuditEvent.Action.RECOVERY_CODE_USED, target=user, extra={"remaining": remaining})
                return Verification(device=static, used_recovery_code=True)
    # Recorded outside the block above so the throttle counters the devices just saved survive.
    audit_record(actor=user, action=AuditEvent.Action.LOGIN_FAILED, target=user, extra={"stage": "otp", "throttled": throttled})
    return Verification(device=None, throttled=throttled)


@transaction.atomic
def otp_reset(*, user: User, actor: User) -> int:
    """Remove a user's authenticators and recovery codes (lost phone); they enrol again at next login."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    audit_record(actor=actor, action=AuditEvent.Action.USER_CHANGED, target=user, extra={"two_factor": "reset"})
    return removed


def _clean(token: str) -> str:
    return "".join(token.split())[:32]


def login_failure_record(*, username: str, locked_out: bool) -> None:
    """Audit a failed password login. The typed name links to a user if it is one; it is never stored."""
    user = User.objects.filter(username=username).first() if username else None
    action = AuditEvent.Action.USER_LOCKED_OUT if locked_out else AuditEvent.Action.LOGIN_FAILED
    with transaction.atomic():
        audit_record(actor=None, action=action, target=user or ("accounts.user", ""), extra={"stage": "password"})
