"""Every setting VoiceGuard has, read from the environment.

Other settings modules only override what is declared here; nothing exists only in production.
With no environment at all this runs on embedded defaults (SQLite under ``var/``, a local-memory
cache, Celery tasks run in-process), so ``make run`` works on a fresh machine. Every secret can be
given as ``NAME`` or as ``NAME_FILE`` (a path whose content is the value). ``docs/deploy.md``
tables every variable; ``.env.example`` lists them too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from celery.schedules import crontab

from voiceguard.settings.env import Env

env = Env()
BASE_DIR = Path(__file__).resolve().parent.parent.parent

if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

# Runtime state (the SQLite database, the local keyring) lives here, outside the code tree.
VAR_DIR = Path(env.str("VOICEGUARD_VAR_DIR", default=str(BASE_DIR / "var")))

# --- Core ------------------------------------------------------------------------------------
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Only a peer inside these networks may tell us the client's address or that TLS was used.
TRUSTED_PROXY_CIDRS: list[str] = env.list("TRUSTED_PROXY_CIDRS", default=[])

ROOT_URLCONF = "voiceguard.urls"
WSGI_APPLICATION = "voiceguard.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

INSTALLED_APPS = [
    "voiceguard.apps.VoiceGuardAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "accounts",
    "audit",
    "keys",
    "calls",
]

MIDDLEWARE = [
    "voiceguard.middleware.TrustedProxyMiddleware",
    "voiceguard.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Database --------------------------------------------------------------------------------
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "voiceguard.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers never read the same
                # audit chain head and then race to append after it.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

# --- Cache -----------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "vg",
            # Short timeouts: a Redis outage must degrade a webhook, not hang it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "voiceguard"}}

# --- Celery ----------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# No broker configured: run tasks in-process so the embedded default needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish to a dead broker gives up quickly instead of holding a request.
CELERY_BROKER_CONNECTION_TIMEOUT = 1.0
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = {"max_retries": 1, "socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "audit-checkpoint": {
        "task": "audit.tasks.audit_checkpoint_write",
        "schedule": crontab(minute=5),  # https://crontab.guru/#5_*_*_*_*
        "options": {"expires": 55 * 60},
    },
}

# --- Authentication --------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "admin:login"

# Two-factor login for every staff user. Off only for local development; production refuses it.
VOICEGUARD_REQUIRE_2FA = env.bool("VOICEGUARD_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = "VoiceGuard"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", default=30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Axes' own access log would store every username typed; failures are enough.
AXES_DISABLE_ACCESS_LOG = True
# Lockouts key on the client address our proxy-trust middleware vouches for, not on nginx's.
AXES_CLIENT_IP_CALLABLE = "voiceguard.middleware.client_address"

SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=15)
SESSION_COOKIE_AGE = env.int("SESSION_MAX_AGE_HOURS", default=8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_HTTPONLY = True

# --- Transport security (production enables; see production.py) ------------------------------
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=False)
X_FRAME_OPTIONS = "DENY"
# /health and /ready are probed over plain HTTP from inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^health$", r"^ready$"]

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "UNAUTHENTICATED_USER": None,
}

# --- Keys ------------------------------------------------------------------------------------
# Where key-encryption keys, the audit MAC key and the caller-hash key come from: "file" (a JSON
# keyring that `manage.py init_keys` creates) or "env" (read-only, from the variables below).
VOICEGUARD_KEY_BACKEND = env.str("VOICEGUARD_KEY_BACKEND", default="file")
VOICEGUARD_KEYRING_FILE = Path(env.str("VOICEGUARD_KEYRING_FILE", default=str(VAR_DIR / "keyring.json")))
VOICEGUARD_KEKS = env.str("VOICEGUARD_KEKS", default="")
VOICEGUARD_AUDIT_KEY = env.str("VOICEGUARD_AUDIT_KEY", default="")
VOICEGUARD_CALLER_HASH_KEY = env.str("VOICEGUARD_CALLER_HASH_KEY", default="")
# How long a process trusts its cached keyring before re-reading it; a new KEK version becomes
# primary only after this long, so every worker has seen it first.
VOICEGUARD_KEYRING_CACHE_SECONDS = env.int("VOICEGUARD_KEYRING_CACHE_SECONDS", default=60)
KEY_ROTATION_DAYS = env.int("KEY_ROTATION_DAYS", default=90)
AUTO_ROTATE_KEYS = env.bool("AUTO_ROTATE_KEYS", default=False)
KEY_REWRAP_BATCH_SIZE = env.int("KEY_REWRAP_BATCH_SIZE", default=2000)
# Unwrapped data keys are cached in process memory only (never the cache or broker), this long and
# this many at most; a full re-key keeps the replaced key this long so nothing sealed with it is lost.
VOICEGUARD_DEK_CACHE_SECONDS = env.int("VOICEGUARD_DEK_CACHE_SECONDS", default=30)
VOICEGUARD_DEK_CACHE_SIZE = env.int("VOICEGUARD_DEK_CACHE_SIZE", default=10_000)
CELERY_BEAT_SCHEDULE["keys-rotation-policy"] = {
    "task": "keys.tasks.key_rotation_policy_apply",
    "schedule": crontab(hour=3, minute=17),  # https://crontab.guru/#17_3_*_*_*
    "options": {"expires": 6 * 3600},
}
CELERY_BEAT_SCHEDULE["keys-maintenance"] = {
    "task": "keys.tasks.key_maintenance",
    "schedule": crontab(minute="*/5"),  # https://crontab.guru/#*/5_*_*_*_*
    "options": {"expires": 4 * 60},
}

# --- Audit -----------------------------------------------------------------------------------
# Checkpoints are also appended here, outside the database, when set (ideally append-only storage).
VOICEGUARD_AUDIT_CHECKPOINT_FILE = env.str("VOICEGUARD_AUDIT_CHECKPOINT_FILE", default="")

# --- Logging ---------------------------------------------------------------------------------
LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="INFO")
# The one place that names the filters every log handler gets: a request id on every line, and
# PII redaction of every message, argument and traceback.
LOG_RECORD_FILTERS = {
    # Redaction first: the request id is ours and must reach the line exactly as the response sent it.
    "redact_pii": {"()": "redaction.logging.RedactingFilter"},
    "request_id": {"()": "voiceguard.logging.RequestIdFilter"},
}
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOG_RECORD_FILTERS,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Django logs 4xx/5xx requests itself; the request path is enough, never a body.
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
for _handler in LOGGING["handlers"].values():
    _handler["filters"] = list(LOG_RECORD_FILTERS)

# --- Webhook intake --------------------------------------------------------------------------
# How Vapi proves a request is its own: "hmac" (a Vapi HMAC credential), "body-hmac"
# (x-vapi-signature over the body alone) or "secret-header" (legacy x-vapi-secret / Bearer).
VAPI_AUTH_SCHEME = env.str("VAPI_AUTH_SCHEME", default="hmac")
# Comma-separated: any one verifies, so a secret can be rotated with an overlap. Empty refuses all.
VAPI_WEBHOOK_SECRET = env.str("VAPI_WEBHOOK_SECRET", default="")
# The HMAC credential's fields, as Vapi lets you set them; blank header names take the scheme's default.
VAPI_SIGNATURE_HEADER = env.str("VAPI_SIGNATURE_HEADER", default="")
VAPI_TIMESTAMP_HEADER = env.str("VAPI_TIMESTAMP_HEADER", default="x-timestamp")
VAPI_MESSAGE_ID_HEADER = env.str("VAPI_MESSAGE_ID_HEADER", default="")
VAPI_SIGNATURE_PREFIX = env.str("VAPI_SIGNATURE_PREFIX", default="")
VAPI_PAYLOAD_FORMAT = env.str("VAPI_PAYLOAD_FORMAT", default="{timestamp}.{body}")
VAPI_SIGNATURE_ALGORITHM = env.str("VAPI_SIGNATURE_ALGORITHM", default="sha256")
VAPI_SIGNATURE_ENCODING = env.str("VAPI_SIGNATURE_ENCODING", default="hex")
VAPI_SECRET_IS_BASE64 = env.bool("VAPI_SECRET_IS_BASE64", default=False)
VAPI_TIMESTAMP_TOLERANCE_SECONDS = env.int("VAPI_TIMESTAMP_TOLERANCE_SECONDS", default=300)
# Vapi's static egress range is 167.150.224.0/23; empty accepts any address that signs correctly.
VAPI_ALLOWED_CIDRS: list[str] = env.list("VAPI_ALLOWED_CIDRS", default=[])
VAPI_MAX_BODY_BYTES = env.int("VAPI_MAX_BODY_BYTES", default=5 * 1024 * 1024)
# Django refuses to hand over request.body beyond this; the webhook enforces its own limit first.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2_621_440, VAPI_MAX_BODY_BYTES + 1)
# The answer to an assistant-request; empty answers with an error Vapi speaks to the caller.
VAPI_ASSISTANT_ID = env.str("VAPI_ASSISTANT_ID", default="")
STORE_PARTIAL_TRANSCRIPTS = env.bool("STORE_PARTIAL_TRANSCRIPTS", default=False)
# {"tool name": "dotted.path.to.callable"}; JSON in the environment.
VOICEGUARD_TOOL_HANDLERS: dict[str, str] = env.json(
    "VOICEGUARD_TOOL_HANDLERS", default={"verify_identity": "calls.tool_handlers.verify_identity"}
)
# Vapi waits 20 s by default and the caller hears silence meanwhile: answer well before that.
TOOL_TIMEOUT_SECONDS = env.float("TOOL_TIMEOUT_SECONDS", default=8.0)
# Per-call state (who is speaking, the last redacted utterance) expires this long after the last message.
VAPI_CALL_STATE_TTL_SECONDS = env.int("VAPI_CALL_STATE_TTL_SECONDS", default=2 * 3600)
# At most one audit event per source address and failure kind in this many seconds.
VAPI_AUTH_FAILURE_AUDIT_INTERVAL_SECONDS = env.int("VAPI_AUTH_FAILURE_AUDIT_INTERVAL_SECONDS", default=60)

# --- Compliance workspace --------------------------------------------------------------------
MIDDLEWARE += [
    # After authentication: signs out a staff session left idle, and sets the CSP on every page.
    "accounts.middleware.IdleTimeoutMiddleware",
    "voiceguard.csp.ContentSecurityPolicyMiddleware",
]
# Nothing is loaded from outside the site: scripts, styles, fonts and charts are served by the app.
VOICEGUARD_CSP = env.str(
    "VOICEGUARD_CSP",
    default=(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
)
# Used when no default RetentionPolicy row exists yet.
VOICEGUARD_DEFAULT_RETENTION_DAYS = env.int("VOICEGUARD_DEFAULT_RETENTION_DAYS", default=90)
# Calls shredded and deleted per purge transaction, and how long one purge run may work before
# it hands the rest to its next run.
PURGE_BATCH_SIZE = env.int("PURGE_BATCH_SIZE", default=2000)
PURGE_MAX_SECONDS = env.int("PURGE_MAX_SECONDS", default=180)
# One export never holds more calls than this (the audit event lists every call id exported).
EXPORT_MAX_CALLS = env.int("EXPORT_MAX_CALLS", default=500)
# autodiscover_tasks() finds <app>.tasks modules only; the purge task lives one level down.
CELERY_IMPORTS = ["calls.compliance.tasks"]
CELERY_BEAT_SCHEDULE["calls-purge-expired"] = {
    "task": "calls.compliance.tasks.calls_purge_expired_task",
    "schedule": crontab(hour=2, minute=15),  # https://crontab.guru/#15_2_*_*_*
    "options": {"expires": 6 * 3600},
}
