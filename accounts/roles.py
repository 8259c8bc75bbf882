"""Roles, declared in code and applied to Django groups by ``manage.py sync_roles``.

A role is exactly the permissions listed here: ``sync_roles`` adds what is missing and removes what
is not listed, so a permission granted by hand in the admin does not survive the next deploy.
Roles are cumulative in one place only: a compliance officer can do everything an auditor can.
Security administrators read what auditors read and manage keys and users, but do not place holds,
export or erase: keeping custody of keys apart from custody of data is deliberate.
"""

from __future__ import annotations

AUDITOR = "auditor"
COMPLIANCE_OFFICER = "compliance_officer"
SECURITY_ADMIN = "security_admin"

_READ = frozenset(
    {
        "audit.view_auditevent",
        "audit.view_auditcheckpoint",
        "calls.view_call",
        "calls.view_transcriptsegment",
        "calls.view_webhookevent",
        "calls.view_legalhold",
        "calls.view_retentionpolicy",
        "calls.view_calltombstone",
        "calls.view_erasurerequest",
        "keys.view_keyversion",
    }
)

ROLES: dict[str, frozenset[str]] = {
    AUDITOR: _READ,
    COMPLIANCE_OFFICER: _READ
    | {
        "calls.add_legalhold",
        "calls.change_legalhold",
        "calls.add_retentionpolicy",
        "calls.change_retentionpolicy",
        "calls.delete_retentionpolicy",
        "calls.export_call",
        "calls.add_erasurerequest",
    },
    SECURITY_ADMIN: _READ
    | {
        "keys.rotate_keys",
        "calls.view_webhook_settings",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "auth.view_group",
    },
}
