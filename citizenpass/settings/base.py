"""Settings shared by every environment; every knob is read from the environment."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# --- Core ------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/#core-settings
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
ROOT_URLCONF = "citizenpass.urls"
WSGI_APPLICATION = "citizenpass.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_ID = 1
# Public address of the portal, used in emails and webhooks sent outside a request.
PUBLIC_BASE_URL = env.str("CITIZENPASS_PUBLIC_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Our apps first so that their templates override third-party ones.
    "citizenpass.organisations",
    "citizenpass.accounts",
    # After accounts: the records demo seeder needs the demo resident.
    "citizenpass.records",
    "citizenpass.portal",
    # Download of a resident's data (JSON and PDF/A-3), built by background jobs.
    "citizenpass.exports",
    "citizenpass.demo",
    # Digital counter: service catalogue and online requests
    "services.catalogue",
    "services.requests",
    # Commune integration: HTTP API (django-ninja), pairing, connectors, webhooks.
    "ninja",
    "services.api",
    "services.connectors",
    # After the services: the demo pages present the demo service definitions.
    "cms",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts and security
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.usersessions",
    "citizenpass.accounts.franceconnect",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    # Background jobs
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Sees every response last: no-store on anything shown to a signed-in person.
    "citizenpass.security.caching.NoStoreForSignedInMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a cached public page is served without touching the session.
    "citizenpass.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "citizenpass.language_prefix.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "citizenpass.accounts.authentication.CachedOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "citizenpass.accounts.session_limits.SessionLimitsMiddleware",
    "citizenpass.accounts.two_factor_enforcement.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "citizenpass.security.content_security_policy.PathAwareCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "citizenpass.accounts.session_activity.SessionActivityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a locked-out attempt is answered before anything else runs.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "citizenpass" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
# SQLite file under var/ by default; PostgreSQL (psycopg 3) with DATABASE_URL.
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'citizenpass.sqlite3'}"
    )
}
# Without health checks the first request after a database restart fails.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )

# --- Cache -----------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/cache/
# Rate limits need a cache shared by every process: Redis in production,
# a database table in the embedded set-up.
CACHES = {
    "default": env.cache("CACHE_URL", default="dbcache://citizenpass_cache"),
    # Per process, for fragments whose key holds everything they depend on (a
    # version or the values shown): correct in any process, and no round trip.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "citizenpass-fragments",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, without a new client object for every call.
    CACHES["default"]["BACKEND"] = "citizenpass.redis_cache.SharedRedisCache"

# --- Authentication --------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/auth/customizing/
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's and allauth's backends, reading the signed-in user from the cache.
    "citizenpass.accounts.authentication.CachedModelBackend",
    "citizenpass.accounts.authentication.CachedAccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# --- Internationalisation --------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/i18n/
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Outside the /fr/ and /en/ site: a 404 there stays a 404 (no language redirect).
LANGUAGE_NEUTRAL_PATH_PREFIXES = [
    "/backoffice/",
    "/django-admin/",
    "/api/",
    "/schemas/",
]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media files ------------------------------------------------
# https://docs.djangoproject.com/en/5.2/howto/static-files/
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "citizenpass" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Residents' files (attachments, exports) never live under MEDIA_URL.
PRIVATE_STORAGE_ROOT = env.path(
    "CITIZENPASS_PRIVATE_STORAGE", default=VAR_DIR / "private"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Email -----------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/email/
vars().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="CitizenPass <no-reply@citizenpass.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background jobs -------------------------------------------------------
# https://github.com/RealOrangeOne/django-tasks
# Wagtail enqueues on "default"; the worker serves every queue listed here.
TASK_QUEUES = ["default", "notifications", "exports", "webhooks", "imports"]
TASKS = {
    "default": {
        "BACKEND": env.str("TASK_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": TASK_QUEUES,
    }
}

# --- Commune API and connectors --------------------------------------------
# https://django-ninja.dev/ · docs/api-client/README.md
# The bulk push reads up to 50,000 records a call: its own body limit (413 above).
CITIZENPASS_API_MAX_BODY_BYTES = env.int(
    "CITIZENPASS_API_MAX_BODY_BYTES", default=64 * 1024 * 1024
)

# --- Wagtail ---------------------------------------------------------------
# https://docs.wagtail.org/en/stable/reference/settings.html
WAGTAIL_SITE_NAME = "CitizenPass"
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- allauth ---------------------------------------------------------------
# https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ADAPTER = "citizenpass.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "citizenpass.accounts.forms.TermsSignupForm"}
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a reset never skips the second factor
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
# On the shared cache (CACHES): the 6th failed login on one account in 5 minutes is refused.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    "reauthenticate": "10/m/user",
}
USERSESSIONS_TRACK_ACTIVITY = True

# --- FranceConnect v2 (allauth provider) ----------------------------------
# https://docs.partenaires.franceconnect.gouv.fr/fs/fs-technique/
# The button appears only when FRANCECONNECT_CLIENT_ID is set.
FRANCECONNECT_ACR = env.str("FRANCECONNECT_ACR", default="eidas1")
SOCIALACCOUNT_PROVIDERS: dict = {}
if env.str("FRANCECONNECT_CLIENT_ID", default=""):
    SOCIALACCOUNT_PROVIDERS["franceconnect"] = {
        "APPS": [
            {
                "client_id": env.str("FRANCECONNECT_CLIENT_ID"),
                "secret": env.str("FRANCECONNECT_CLIENT_SECRET"),
                "settings": {
                    "server_url": env.str(
                        "FRANCECONNECT_SERVER_URL",
                        default="https://oidc.franceconnect.gouv.fr/api/v2",
                    )
                },
            }
        ]
    }
# Accounts are keyed on issuer + sub, never linked by email.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# Each deletion handler is called with user= inside the deletion transaction; each app
# erases or detaches its own data (rules in each module's docstring).
ACCOUNT_DELETION_HANDLERS: list[str] = [
    "citizenpass.records.deletion.erase_or_detach_records",
    "citizenpass.records.deletion.pseudonymise_access_log",
    "services.requests.deletion.detach_requests",
    "citizenpass.exports.deletion.delete_exports",
    "services.api.deletion.unpair_resident",
]
# Offered before deleting an account: the resident's data download (URL name).
ACCOUNT_DATA_EXPORT_URL_NAME = env.str(
    "ACCOUNT_DATA_EXPORT_URL_NAME", default="exports:page"
)

# --- Two-factor authentication (django-otp) -------------------------------
# https://django-otp-official.readthedocs.io/en/stable/overview.html#settings
OTP_TOTP_ISSUER = "CitizenPass"
OTP_TOTP_TOLERANCE = 1
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Every URL under these prefixes needs a verified second factor for staff.
STAFF_TWO_FACTOR_PATH_PREFIXES = ["/backoffice/", "/django-admin/"]

# --- Session lengths ------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/http/sessions/
RESIDENT_SESSION_IDLE_TIMEOUT = 30 * 60
RESIDENT_SESSION_MAX_AGE = 12 * 3600
STAFF_SESSION_IDLE_TIMEOUT = 15 * 60
STAFF_SESSION_MAX_AGE = 8 * 3600
SESSION_COOKIE_AGE = RESIDENT_SESSION_MAX_AGE
# Read from the shared cache, written through to the database: a signed-in page does
# not query the session table, and "sign out everywhere" still ends every session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- django-axes -----------------------------------------------------------
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: a cool-off, never a permanent lock
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
# The portal's login has allauth's rate limits; axes guards the back-office login form.
AXES_WHITELIST_CALLABLE = (
    "citizenpass.accounts.brute_force.is_left_to_allauth_rate_limits"
)

# --- Content Security Policy (django-csp 4) --------------------------------
# https://django-csp.readthedocs.io/en/latest/configuration.html
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin needs inline scripts and styles: its own, looser policy, which still
# refuses plugins, foreign <base>, framing and every other host.
BACKOFFICE_CSP_PATH_PREFIXES = ["/backoffice/", "/django-admin/"]
BACKOFFICE_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
# No request from the admin to another host: no Gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Security headers ------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/middleware/#module-django.middleware.security
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Logging ---------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/logging/
# Log lines carry ids and counts, never personal data, codes or tokens.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Its start-up banner on every command; its login-failure lines stay.
        "axes.apps": {"level": "WARNING"},
    },
}
