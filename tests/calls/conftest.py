"""Fixtures shared by the tests of this package (the webhook's are defined in webhook_helpers)."""

from tests.calls.webhook_helpers import call_id, vapi, vapi_settings  # noqa: F401
