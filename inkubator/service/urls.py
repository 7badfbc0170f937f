"""URLs of the laid-off workers' service. ``register/`` and ``status/`` are public (no sign-in)."""

from django.urls import path
from django.views.generic import RedirectView

from . import views, views_public

app_name = "service"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="service:register"), name="home"),
    path("register/", views_public.register_view, name="register"),
    path("status/", views_public.status_view, name="status"),
    path("proof/", views_public.proof_view, name="proof"),
    path("account/", views_public.account_view, name="account"),
    path("my/", views.my_path_view, name="mine"),
    path("my/proof/", views.MyProofView.as_view(), name="my_proof"),
    path("participants/<int:pk>/session/", views.participant_session_view, name="participant_session"),
    path("participants/<int:pk>/offer/", views.participant_offer_view, name="participant_offer"),
    path("participants/<int:pk>/advance/", views.participant_advance_view, name="participant_advance"),
    path("participants/<int:pk>/business/", views.participant_business_view, name="participant_business"),
    path("registrations/", views.RegistrationListView.as_view(), name="registrations"),
    path("registrations/<int:pk>/", views.registration_detail_view, name="registration_detail"),
    path("registrations/<int:pk>/decision/", views.registration_override_view, name="registration_override"),
    path("registrations/<int:pk>/proof/", views.registration_proof_view, name="registration_proof"),
    path("registrations/<int:pk>/move/", views.registration_move_view, name="registration_move"),
    path("waves/", views.WaveListView.as_view(), name="waves"),
    path("waves/new/", views.WaveEditView.as_view(), name="wave_create"),
    path("waves/<int:pk>/", views.wave_detail_view, name="wave_detail"),
    path("waves/<int:pk>/edit/", views.WaveEditView.as_view(), name="wave_update"),
    path("waves/<int:pk>/check/", views.wave_evaluate_view, name="wave_evaluate"),
    path("waves/<int:pk>/allocation/", views.wave_allocation_view, name="wave_allocation"),
    path("rules/", views.rule_list_view, name="rules"),
    path("rules/<int:pk>/edit/", views.RuleUpdateView.as_view(), name="rule_update"),
]
