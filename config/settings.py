"""The one settings module. Development and production differ only in environment
variables; `.env.example` lists each of them with a safe development default."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env", override=False)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "development-only-secret-key-do-not-deploy" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# Demo users and data may only be seeded where this is on; never in production.
DEMO_DATA_ENABLED = env_bool("DEMO_DATA_ENABLED", DEBUG)
# Staff roles (everyone but residents and employer contacts) must set up a TOTP second
# factor before they can use the workspace.
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", not DEBUG)

INSTALLED_APPS = [
    # Ours first, so that our templates override those of the packages below.
    "leerwerk.core",
    "leerwerk.components",
    "leerwerk.regions",
    "leerwerk.skills",
    "leerwerk.analytics",
    "leerwerk.audit",
    "leerwerk.accounts",
    "leerwerk.catalogue",
    "leerwerk.search",
    "leerwerk.journeys",
    "leerwerk.advice",
    "leerwerk.apidocs",
    "leerwerk.demo",
    "leerwerk.accounts.admin_config.LeerwerkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "leerwerk.core.middleware.dutch_first_locale",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "leerwerk.analytics.middleware.measure",
    "allauth.account.middleware.AccountMiddleware",
    "leerwerk.accounts.middleware.require_mfa_for_staff",
    # Axes must come last: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
FORM_RENDERER = "leerwerk.components.forms.NLDesignSystemFormRenderer"

# --- Database ---------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE transactions take the
    # write lock up front so concurrent writers wait (busy timeout) instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions -------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Tasks --------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Language and time --------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "lw_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/utrecht", NODE_MODULES / "@utrecht/component-library-css/dist"),
    ("vendor/theme", NODE_MODULES / "@nl-design-system-unstable/voorbeeld-design-tokens/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# --- Accounts, login, second factor, password guessing ------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "leerwerk.accounts.backends.RolePermissionBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:overview"
ACCOUNT_ADAPTER = "leerwerk.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_REDIRECT_URL = "journeys:home"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
# django-axes locks an account out after repeated failures (AXES_*); allauth only
# limits the rate of failed logins per IP address, against guessing across accounts.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Leerwerk"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_PROVIDERS: dict[str, object] = {}
if env_str("OIDC_SERVER_URL", ""):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": "partner",
                "name": env_str("OIDC_NAME", "Inloggen via uw organisatie"),
                "client_id": env_str("OIDC_CLIENT_ID"),
                "secret": env_str("OIDC_CLIENT_SECRET"),
                "settings": {"server_url": env_str("OIDC_SERVER_URL")},
            }
        ]
    }
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "leerwerk.accounts.lockout.username_from_login"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Catalogue imports ----------------------------------------------------------------
# A file, feed or upload larger than this, or with more offers, is refused as a whole.
CATALOGUE_IMPORT_MAX_BYTES = env_int("CATALOGUE_IMPORT_MAX_BYTES", 200_000_000)
CATALOGUE_IMPORT_MAX_ROWS = env_int("CATALOGUE_IMPORT_MAX_ROWS", 200_000)
# Uploads through the provider workspace are smaller; bigger catalogues come by feed or API.
CATALOGUE_UPLOAD_MAX_BYTES = env_int("CATALOGUE_UPLOAD_MAX_BYTES", 20_000_000)
# A complete list (snapshot) that would withdraw more than half of a provider's offers is
# refused as a likely cut-off file, once the provider has at least this many offers.
CATALOGUE_SNAPSHOT_GUARD_MIN_OFFERS = env_int("CATALOGUE_SNAPSHOT_GUARD_MIN_OFFERS", 20)
# Large imports read their files in a second process while the first writes (two cores).
CATALOGUE_IMPORT_READ_IN_BACKGROUND = env_bool("CATALOGUE_IMPORT_READ_IN_BACKGROUND", True)
CATALOGUE_IMPORT_BACKGROUND_MIN_BYTES = env_int("CATALOGUE_IMPORT_BACKGROUND_MIN_BYTES", 2_000_000)
# Fetching a provider's feed gives up after this many seconds.
CATALOGUE_FEED_TIMEOUT_SECONDS = env_int("CATALOGUE_FEED_TIMEOUT_SECONDS", 30)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_000_000

# --- Residents' registrations ------------------------------------------------------------
# Months an interest registration or advice request is kept before its personal data is
# erased (`manage.py erase_expired_registrations`); the consent text says so.
RESIDENT_DATA_RETENTION_MONTHS = env_int("RESIDENT_DATA_RETENTION_MONTHS", 12)
# Each residents' form (interest, advice, withdrawing, the actions of /mijn/) takes at most
# FORM_RATE_LIMIT submissions per client (IP address) in a window of FORM_RATE_WINDOW_SECONDS;
# more get the form again with status 429, and nothing is stored. The login link has its own
# limits (ADR 0014).
FORM_RATE_LIMIT = env_int("FORM_RATE_LIMIT", 10)
FORM_RATE_WINDOW_SECONDS = env_int("FORM_RATE_WINDOW_SECONDS", 600)

# --- Search -------------------------------------------------------------------------
# The tantivy index, derived from the database and rebuilt from it at any time (ADR 0004).
SEARCH_INDEX_DIR = env_str("SEARCH_INDEX_DIR", "") or str(VAR_DIR / "search")
# Memory the index writer may use while building: a build that fits is one segment, the
# fastest to search (100,000 offers take less than 100 MB; memory is taken as needed).
SEARCH_WRITER_HEAP_BYTES = env_int("SEARCH_WRITER_HEAP_BYTES", 500_000_000)

# --- Measurement (ADR 0013) -----------------------------------------------------------
# Off: no events are recorded (the report stays empty).
ANALYTICS_ENABLED = env_bool("ANALYTICS_ENABLED", True)
# A thread per process writes the queued events; off, they wait for flush_events() (tests).
ANALYTICS_BACKGROUND_FLUSH = env_bool("ANALYTICS_BACKGROUND_FLUSH", True)
# The flusher writes every this many milliseconds, or sooner when a batch is full.
ANALYTICS_FLUSH_INTERVAL_MS = env_int("ANALYTICS_FLUSH_INTERVAL_MS", 1000)
ANALYTICS_BATCH_SIZE = env_int("ANALYTICS_BATCH_SIZE", 500)
# Events queued per process at most while the database is busy; beyond, the oldest are dropped.
ANALYTICS_BUFFER_CAPACITY = env_int("ANALYTICS_BUFFER_CAPACITY", 100_000)

# --- E-mail -------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Leerwerk <noreply@leerwerk.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- API ----------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "leerwerk.core.pagination.Pagination",
    "EXCEPTION_HANDLER": "config.api.problem_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Leerwerk API",
    "DESCRIPTION": (
        "The REST API of Leerwerk: reference data (labour-market regions and "
        "municipalities), the catalogue and its search, measurement, and the advisers' casework. Errors are "
        "application/problem+json (RFC 9457). An empty query parameter counts as left out."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "TAGS": [
        {
            "name": "regions",
            "description": "The 35 labour-market regions (CBS codes AMxx) and their composition per year.",
        },
        {"name": "municipalities", "description": "Municipalities (CBS codes GMxxxx) and their region per year."},
        {"name": "offers", "description": "The public training offers: published offers of admitted providers."},
        {"name": "providers", "description": "The admitted training providers."},
        {
            "name": "analytics",
            "description": "The funnel report of the first-party measurement, for partners logged in to the workspace.",
        },
        {
            "name": "provider API",
            "description": (
                "A provider creates, replaces and withdraws its own offers with the API key from its workspace: "
                "Authorization: Bearer <key>."
            ),
        },
        {
            "name": "advice",
            "description": (
                "The advisers' workspace: the cases of a region's advice desk, for its advisers and team leads "
                "logged in to the workspace. Every read and write of a person's data is logged."
            ),
        },
    ],
    # Enums with the same field name in several models get a name of their own.
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "leerwerk.catalogue.models.Provider.Kind",
        "CaseStatusEnum": "leerwerk.advice.models.Case.Status",
        "PlanStepStatusEnum": "leerwerk.advice.models.PlanStep.Status",
        "TrajectoryKindEnum": "leerwerk.advice.models.Trajectory.Kind",
        "OutcomeKindEnum": "leerwerk.advice.models.Outcome.Kind",
        "DocumentKindEnum": "leerwerk.advice.models.Document.Kind",
    },
}

# --- Security -----------------------------------------------------------------------
SESSION_COOKIE_NAME = "lw_session"
CSRF_COOKIE_NAME = "lw_csrf"
CSRF_FAILURE_VIEW = "leerwerk.core.views.csrf_failure"  # the site's frame and plain words
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging ------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint and its font library log every step of a PDF at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("axes", "weasyprint", "fontTools")},
}

# --- Advice desk ------------------------------------------------------------------------
# The largest document an adviser may upload to a case (PDF, PNG or JPEG).
ADVICE_DOCUMENT_MAX_BYTES = env_int("ADVICE_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
