"""A centre's page and its asset mapping (fields, staff, certificates, assets, agreements).

Included under ``/centres/<code>/``; every view takes the centre's ``code`` and answers 404 outside
the user's scope, and for a child record of another centre under this centre's code.
"""

from django.urls import path

from . import views_profile

urlpatterns = [
    path("", views_profile.centre_detail_view, name="detail"),
    path("assets/new/", views_profile.asset_create_view, name="asset_create"),
    path("assets/<int:pk>/edit/", views_profile.asset_update_view, name="asset_update"),
    path("assets/<int:pk>/delete/", views_profile.asset_delete_view, name="asset_delete"),
    path("staff/new/", views_profile.staff_create_view, name="staff_create"),
    path("staff/<int:pk>/edit/", views_profile.staff_update_view, name="staff_update"),
    path("staff/<int:pk>/deactivate/", views_profile.staff_deactivate_view, name="staff_deactivate"),
    path("staff/<int:staff_pk>/certificates/new/", views_profile.certificate_create_view, name="certificate_create"),
    path("certificates/<int:pk>/delete/", views_profile.certificate_delete_view, name="certificate_delete"),
    path("fields/set/", views_profile.centre_field_set_view, name="field_set"),
    path("fields/<int:pk>/remove/", views_profile.centre_field_remove_view, name="field_remove"),
    path("agreements/new/", views_profile.agreement_create_view, name="agreement_create"),
    path("agreements/<int:pk>/document/", views_profile.agreement_document_view, name="agreement_document"),
]
