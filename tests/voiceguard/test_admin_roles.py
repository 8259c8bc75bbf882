"""Every admin page and action, for every role: allowed, refused with 403, or sent to the login page.

alice is a compliance officer, bob an auditor, sam a security administrator, nora a staff user
with no role, root a superuser and charlie a signed-in user who is not staff.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEvent
from calls.models import Call, ErasureRequest, LegalHold, RetentionPolicy
from keys.models import KeyVersion
from tests.calls.factories import cold_key_caches_fixture, make_call  # noqa: F401
from tests.voiceguard.admin_helpers import clients_fixture, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

READERS = {"alice", "bob", "sam", "root"}
EVERYONE = ["alice", "bob", "sam", "nora", "root", "charlie"]


@pytest.fixture
def call() -> Call:
    return make_call()


def expect(client_name: str, allowed: set[str], response: Any, ok: tuple[int, ...] = (200,)) -> None:
    if client_name == "charlie":
        assert response.status_code == 302 and "/admin/login/" in response.url, response
    elif client_name in allowed:
        assert response.status_code in ok, (client_name, response.status_code)
    else:
        assert response.status_code == 403, (client_name, response.status_code)


READ_PAGES = [
    "/admin/calls/call/",
    "/admin/calls/call/{call}/change/",
    "/admin/calls/legalhold/",
    "/admin/calls/retentionpolicy/",
    "/admin/calls/erasurerequest/",
    "/admin/calls/calltombstone/",
    "/admin/calls/webhookevent/",
    "/admin/audit/auditevent/",
    "/admin/audit/auditevent/{event}/change/",
    "/admin/audit/auditcheckpoint/",
    "/admin/keys/keyversion/",
]


@pytest.mark.parametrize("page", READ_PAGES)
@pytest.mark.parametrize("who", EVERYONE)
def test_read_pages_open_for_every_role_and_no_one_else(page: str, who: str, clients: dict[str, Client], call: Call) -> None:
    from audit.services import audit_record

    event = audit_record(actor=None, action=AuditEvent.Action.ROLES_SYNCED)
    expect(who, READERS, clients[who].get(page.format(call=call.pk, event=event.pk)))


@pytest.mark.parametrize("who", EVERYONE)
def test_the_dashboard_shows_only_to_roles(who: str, clients: dict[str, Client]) -> None:
    response = clients[who].get("/admin/")
    if who == "charlie":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert ("dashboard" in response.context) == (who in READERS)


@pytest.mark.parametrize(
    ("page", "allowed"),
    [
        ("/admin/accounts/user/", {"sam", "root"}),
        ("/admin/accounts/user/add/", {"sam", "root"}),
        ("/admin/auth/group/", {"sam", "root"}),
        ("/admin/calls/retentionpolicy/add/", {"alice", "root"}),
        ("/admin/calls/erasurerequest/add/", {"alice", "root"}),
    ],
)
@pytest.mark.parametrize("who", EVERYONE)
def test_role_specific_pages(page: str, allowed: set[str], who: str, clients: dict[str, Client]) -> None:
    expect(who, allowed, clients[who].get(page))


@pytest.mark.parametrize("who", EVERYONE)
def test_placing_a_legal_hold_is_for_compliance_officers(who: str, clients: dict[str, Client], call: Call) -> None:
    response = clients[who].post(f"/admin/calls/call/{call.pk}/hold/", {"reason": "Matter 2025-17"})
    expect(who, {"alice", "root"}, response, ok=(302,))
    assert LegalHold.objects.filter(call=call).exists() == (who in {"alice", "root"})


@pytest.mark.parametrize("who", EVERYONE)
def test_releasing_a_legal_hold_is_for_compliance_officers(
    who: str, clients: dict[str, Client], people: dict[str, Any], call: Call
) -> None:
    hold = LegalHold.objects.create(call=call, reason="Matter 2025-17", placed_by=people["alice"])
    response = clients[who].post(f"/admin/calls/call/{call.pk}/release/", {"hold_id": hold.pk})
    expect(who, {"alice", "root"}, response, ok=(302,))
    hold.refresh_from_db()
    assert (hold.released_at is not None) == (who in {"alice", "root"})


@pytest.mark.parametrize("who", EVERYONE)
def test_exporting_is_for_compliance_officers(who: str, clients: dict[str, Client], call: Call) -> None:
    response = clients[who].post(f"/admin/calls/call/{call.pk}/export/json/")
    expect(who, {"alice", "root"}, response)
    exported = AuditEvent.objects.filter(action=AuditEvent.Action.CALLS_EXPORTED).exists()
    assert exported == (who in {"alice", "root"})


@pytest.mark.parametrize("who", EVERYONE)
def test_the_export_action_on_the_list_is_for_compliance_officers(who: str, clients: dict[str, Client], call: Call) -> None:
    response = clients[who].post("/admin/calls/call/", {"action": "export_csv", "_selected_action": [str(call.pk)]})
    if who == "charlie":
        assert response.status_code == 302
    elif who in {"alice", "root"}:
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    else:
        # Without the permission the action does not exist for them; nothing is exported.
        assert response.status_code == 403
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CALLS_EXPORTED).exists() == (who in {"alice", "root"})


@pytest.mark.parametrize("who", EVERYONE)
def test_erasure_is_for_compliance_officers(who: str, clients: dict[str, Client], call: Call) -> None:
    response = clients[who].post("/admin/calls/erasurerequest/add/", {"caller_number": "+1 415 555 0142", "reference": "T-1"})
    expect(who, {"alice", "root"}, response)
    assert Call.objects.filter(pk=call.pk).exists() == (who not in {"alice", "root"})
    assert ErasureRequest.objects.exists() == (who in {"alice", "root"})


@pytest.mark.parametrize("who", EVERYONE)
def test_changing_the_retention_policy_is_for_compliance_officers(who: str, clients: dict[str, Client]) -> None:
    response = clients[who].post("/admin/calls/retentionpolicy/add/", {"assistant_id": "", "days": "30"})
    expect(who, {"alice", "root"}, response, ok=(302,))
    assert RetentionPolicy.objects.filter(days=30).exists() == (who in {"alice", "root"})


@pytest.mark.parametrize("who", EVERYONE)
def test_rotating_keys_is_for_security_admins(who: str, clients: dict[str, Client]) -> None:
    response = clients[who].post("/admin/keys/keyversion/rotate/")
    expect(who, {"sam", "root"}, response, ok=(302,))
    started = AuditEvent.objects.filter(action=AuditEvent.Action.KEY_ROTATION_STARTED).exists()
    assert started == (who in {"sam", "root"})


@pytest.mark.parametrize("who", EVERYONE)
def test_adding_users_is_for_security_admins(who: str, clients: dict[str, Client]) -> None:
    from accounts.models import User

    response = clients[who].post(
        "/admin/accounts/user/add/",
        {
            "username": "newbie",
            "usable_password": "true",
            "password1": "a long enough passphrase 9",
            "password2": "a long enough passphrase 9",
        },
    )
    expect(who, {"sam", "root"}, response, ok=(302,))
    assert User.objects.filter(username="newbie").exists() == (who in {"sam", "root"})


# --- no one changes transcripts, audit events or keys through the admin -----------------------------

FORBIDDEN_FOR_ALL = [
    ("post", "/admin/calls/call/{call}/change/", {"ended_reason": "edited"}),
    ("get", "/admin/calls/call/{call}/delete/", None),
    ("post", "/admin/calls/call/{call}/delete/", {"post": "yes"}),
    ("get", "/admin/calls/call/add/", None),
    ("post", "/admin/audit/auditevent/{event}/change/", {"action": "edited"}),
    ("post", "/admin/audit/auditevent/{event}/delete/", {"post": "yes"}),
    ("get", "/admin/audit/auditevent/add/", None),
    ("post", "/admin/keys/keyversion/{key}/change/", {"state": "destroyed"}),
    ("post", "/admin/keys/keyversion/{key}/delete/", {"post": "yes"}),
    ("get", "/admin/keys/keyversion/add/", None),
    ("post", "/admin/calls/legalhold/{hold}/delete/", {"post": "yes"}),
    ("post", "/admin/calls/erasurerequest/{erasure}/change/", {"reference": "x"}),
    ("post", "/admin/auth/group/{group}/change/", {"name": "auditor", "permissions": []}),
]


@pytest.mark.parametrize(("method", "page", "data"), FORBIDDEN_FOR_ALL)
@pytest.mark.parametrize("who", ["alice", "bob", "sam", "root"])
def test_no_role_not_even_a_superuser_changes_transcripts_audit_or_keys(
    method: str, page: str, data: dict[str, Any] | None, who: str, clients: dict[str, Client], people: dict[str, Any], call: Call
) -> None:
    from django.contrib.auth.models import Group

    from audit.services import audit_record

    event = audit_record(actor=None, action=AuditEvent.Action.ROLES_SYNCED)
    key = KeyVersion.objects.get_or_create(version=1, defaults={"state": KeyVersion.State.PRIMARY})[0]
    hold = LegalHold.objects.create(call=call, reason="Matter", placed_by=people["alice"])
    erasure = ErasureRequest.objects.create(requested_by=people["alice"])
    url = page.format(
        call=call.pk, event=event.pk, key=key.pk, hold=hold.pk, erasure=erasure.pk, group=Group.objects.get(name="auditor").pk
    )
    before = (
        AuditEvent.objects.get(pk=event.pk).action,
        KeyVersion.objects.get(pk=key.pk).state,
        Call.objects.get(pk=call.pk).ended_reason,
    )
    response = getattr(clients[who], method)(url, data or {})
    assert response.status_code == 403, (who, url, response.status_code)
    after = (
        AuditEvent.objects.get(pk=event.pk).action,
        KeyVersion.objects.get(pk=key.pk).state,
        Call.objects.get(pk=call.pk).ended_reason,
    )
    assert before == after
    assert LegalHold.objects.filter(pk=hold.pk).exists()


@pytest.mark.parametrize(
    "page",
    [
        "/admin/calls/transcriptsegment/",
        "/admin/keys/datakey/",
        "/admin/otp_totp/totpdevice/",
        "/admin/otp_static/staticdevice/",
    ],
)
def test_transcripts_data_keys_and_otp_secrets_have_no_admin_page_at_all(page: str, clients: dict[str, Client]) -> None:
    assert clients["root"].get(page).status_code == 404


def test_a_security_admin_cannot_make_anyone_superuser(clients: dict[str, Client], people: dict[str, Any]) -> None:
    bob = people["bob"]
    response = clients["sam"].post(
        f"/admin/accounts/user/{bob.pk}/change/",
        {
            "username": "bob",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [str(g.pk) for g in bob.groups.all()],
            "date_joined_0": "2025-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302
    bob.refresh_from_db()
    assert not bob.is_superuser
    assert clients["sam"].get(f"/admin/accounts/user/{people['root'].pk}/change/").status_code == 200
    refused = clients["sam"].post(f"/admin/accounts/user/{people['root'].pk}/change/", {"username": "root2"})
    assert refused.status_code == 403


def test_a_refused_rotation_is_shown_as_a_message_not_an_error(clients: dict[str, Client]) -> None:
    clients["sam"].post("/admin/keys/keyversion/rotate/")
    again = clients["sam"].post("/admin/keys/keyversion/rotate/", follow=True)
    assert again.status_code == 200
    assert "Rotation not started" in again.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.KEY_ROTATION_REFUSED).exists()
