from django.urls import path

from leerwerk.advice import api
from leerwerk.advice.views import case, documents, people, plan, queue, resident, trajectories

app_name = "advice"

W = "werkplek/advies/"
C = W + "zaken/<int:case_id>/"

page_urls = [
    # The queue (views/queue.py)
    path(W, queue.queue, name="queue"),
    # One case (views/case.py)
    path(C, case.case_detail, name="case"),
    path(C + "status", case.change_status, name="case-status"),
    path(C + "nemen", case.take, name="case-take"),
    path(C + "toewijzen", case.assign, name="case-assign"),
    path(C + "doelgroepen", case.set_target_groups, name="case-target-groups"),
    path(C + "notities", case.add_note, name="note-add"),
    path(C + "contactmomenten", case.add_contact_moment, name="contact-add"),
    path(C + "afspraken", case.add_appointment, name="appointment-add"),
    path(C + "afspraken/<int:appointment_id>/annuleren", case.cancel_appointment, name="appointment-cancel"),
    # Documents (views/documents.py)
    path(C + "documenten", documents.upload, name="document-upload"),
    path(C + "documenten/<int:document_id>", documents.download, name="document-download"),
    path(C + "documenten/<int:document_id>/verwijderen", documents.delete, name="document-delete"),
    # The development plan (views/plan.py)
    path(C + "ontwikkelplan/", plan.edit_plan, name="plan-edit"),
    path(C + "ontwikkelplan/stappen", plan.add_step, name="plan-step-add"),
    path(C + "ontwikkelplan/stappen/<int:step_id>", plan.change_step, name="plan-step-change"),
    path(C + "ontwikkelplan.pdf", plan.plan_pdf, name="plan-pdf"),
    # Trajectories, outcomes and the six-month follow-ups (views/trajectories.py)
    path(C + "trajecten", trajectories.add_trajectory, name="trajectory-add"),
    path(C + "trajecten/<int:trajectory_id>/uitkomsten", trajectories.add_outcome, name="outcome-add"),
    path(W + "nazorg/", trajectories.follow_ups, name="follow-ups"),
    # The person's rights: export and erasure (views/people.py)
    path(W + "personen/<int:person_id>/gegevens.json", people.export_json, name="person-export-json"),
    path(W + "personen/<int:person_id>/gegevens.pdf", people.export_pdf, name="person-export-pdf"),
    path(W + "personen/<int:person_id>/wissen", people.erase, name="person-erase"),
    # The resident's own plans (views/resident.py)
    path("mijn/ontwikkelplan/", resident.my_plans, name="my-plans"),
    path("mijn/ontwikkelplan/<int:case_id>.pdf", resident.my_plan_pdf, name="my-plan-pdf"),
]

api_urls = [
    path("advice/cases", api.CaseListApi.as_view(), name="api-advice-case-list"),
    path("advice/cases/<int:case_id>", api.CaseDetailApi.as_view(), name="api-advice-case-detail"),
    path("advice/cases/<int:case_id>/status", api.CaseStatusApi.as_view(), name="api-advice-case-status"),
    path("advice/cases/<int:case_id>/notes", api.CaseNotesApi.as_view(), name="api-advice-case-notes"),
    path("advice/cases/<int:case_id>/trajectories", api.TrajectoriesApi.as_view(), name="api-advice-case-trajectories"),
    path(
        "advice/cases/<int:case_id>/trajectories/<int:trajectory_id>/outcomes",
        api.OutcomesApi.as_view(),
        name="api-advice-case-outcomes",
    ),
]
