from django.contrib import admin
from django.urls import path

from voiceguard import health

urlpatterns = [
    path("health", health.health, name="health"),
    path("ready", health.ready, name="ready"),
    path("admin/", admin.site.urls),
]
