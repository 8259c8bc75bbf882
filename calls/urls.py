from __future__ import annotations

from django.urls import path

from calls.api import VapiWebhookApi

app_name = "calls"

urlpatterns = [
    path("vapi", VapiWebhookApi.as_view(), name="webhook-receive"),
    path("vapi/", VapiWebhookApi.as_view(), name="webhook-receive-slash"),
]
