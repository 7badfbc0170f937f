"""Partner register URLs: partners and their agreements."""

from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("", views.PartnerListView.as_view(), name="list"),
    path("export.<str:fmt>", views.PartnerListView.as_view(), name="export"),
    path("new/", views.partner_create_view, name="create"),
    path("<int:pk>/", views.partner_detail_view, name="detail"),
    path("<int:pk>/edit/", views.partner_edit_view, name="edit"),
    path("agreements/", views.AgreementListView.as_view(), name="agreements"),
    path("agreements/export.<str:fmt>", views.AgreementListView.as_view(), name="agreement_export"),
    path("agreements/new/", views.agreement_create_view, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_edit_view, name="agreement_edit"),
]
