from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from leerwerk.accounts import urls as accounts_urls
from leerwerk.advice import urls as advice_urls
from leerwerk.analytics import urls as analytics_urls
from leerwerk.apidocs import urls as apidocs_urls
from leerwerk.catalogue import urls as catalogue_urls
from leerwerk.catalogue import workspace_urls as catalogue_workspace_urls
from leerwerk.core import views as core_views
from leerwerk.journeys import urls as journeys_urls
from leerwerk.regions import urls as regions_urls
from leerwerk.search import urls as search_urls

api_v1 = [
    *regions_urls.api_urls,
    *search_urls.api_urls,
    *catalogue_urls.api_urls,
    *analytics_urls.api_urls,
    *advice_urls.api_urls,
    *apidocs_urls.api_urls,
]

urlpatterns = [
    path("", include((journeys_urls.page_urls, "journeys"))),
    path("", include((advice_urls.page_urls, "advice"))),
    path("regios/", include((regions_urls.page_urls, "regions"))),
    path("", include((catalogue_urls.page_urls, "catalogue"))),
    path("werkplek/aanbod/", include((catalogue_workspace_urls.page_urls, "catalogue_workspace"))),
    path("werkplek/metingen/", include((analytics_urls.page_urls, "analytics"))),
    path("", include((accounts_urls.page_urls, "accounts"))),
    path("account/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_v1)),
    path("health", core_views.health, name="health"),
]

handler400 = "leerwerk.core.views.bad_request"
handler403 = "leerwerk.core.views.permission_denied"
handler404 = "leerwerk.core.views.page_not_found"
handler500 = "leerwerk.core.views.server_error"

if settings.DEBUG:
    urlpatterns += [path("__errors__/500", core_views.server_error)]
