from django.contrib import admin
from django.urls import include, path

from voiceguard import health

urlpatterns = [
    path("health", health.health, name="health"),
    path("ready", health.ready, name="ready"),
    path("admin/account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("webhook/", include("calls.urls")),
]
