"""Test settings: the production settings module with a few overrides for speed and
isolation. Environment variables still apply (the suite runs on PostgreSQL by setting
DATABASE_URL)."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from config import settings as _base

# Take every setting of the base module by name; star imports are not used in this code base.
globals().update({name: getattr(_base, name) for name in dir(_base) if name.isupper()})

VAR_DIR = Path(tempfile.mkdtemp(prefix="leerwerk-test-"))
MEDIA_ROOT = VAR_DIR / "media"
SEARCH_INDEX_DIR = str(VAR_DIR / "search")
SEARCH_WRITER_HEAP_BYTES = 30_000_000
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
DEMO_DATA_ENABLED = True
MFA_REQUIRED_FOR_STAFF = False
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["*"]
# Browser tests talk plain HTTP to the live server.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Static files straight from the finders: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Measurement events wait in memory until flush_events(): no flusher thread, no writes in a page.
ANALYTICS_BACKGROUND_FLUSH = False
