from django.urls import path

from leerwerk.catalogue import workspace

app_name = "catalogue_workspace"

page_urls = [
    path("", workspace.provider_list, name="provider-list"),
    path("<int:provider_id>/", workspace.offer_list, name="offer-list"),
    path("<int:provider_id>/opleidingen/<int:offer_id>/", workspace.offer_edit, name="offer-edit"),
    path("<int:provider_id>/importeren/", workspace.upload, name="upload"),
    path("<int:provider_id>/importen/", workspace.import_list, name="import-list"),
    path("<int:provider_id>/importen/<int:import_run_id>/", workspace.import_report, name="import-report"),
    path("<int:provider_id>/sjabloon.csv", workspace.template_csv, name="template-csv"),
    path("<int:provider_id>/sjabloon.xlsx", workspace.template_xlsx, name="template-xlsx"),
    path("<int:provider_id>/api-sleutels/", workspace.tokens, name="tokens"),
    path("<int:provider_id>/api-sleutels/<int:token_id>/intrekken", workspace.token_revoke, name="token-revoke"),
]
