"""Matching URLs: contributions, offers, the offers of a tenant or service participant, matches, a partner's page."""

from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("contributions/", views.ContributionListView.as_view(), name="contributions"),
    path("contributions/export.<str:fmt>", views.ContributionListView.as_view(), name="contribution_export"),
    path("contributions/new/", views.contribution_create_view, name="contribution_create"),
    path("offers/", views.OfferListView.as_view(), name="offers"),
    path("offers/export.<str:fmt>", views.OfferListView.as_view(), name="offer_export"),
    path("offers/new/", views.offer_create_view, name="offer_create"),
    path("offers/<int:pk>/", views.offer_detail_view, name="offer_detail"),
    path("offers/<int:pk>/edit/", views.offer_edit_view, name="offer_edit"),
    path("offers/<int:pk>/status/<str:status>/", views.offer_status_view, name="offer_status"),
    path("offers/<int:pk>/proposals.<str:fmt>", views.offer_proposals_view, name="offer_proposals"),
    path("tenants/<int:pk>/", views.tenant_offers_view, name="tenant_offers"),
    path("tenants/<int:pk>/propose/<int:offer_pk>/", views.propose_view, name="propose"),
    path("participants/<int:pk>/", views.participant_offers_view, name="participant_offers"),
    path("participants/<int:pk>/propose/<int:offer_pk>/", views.participant_propose_view, name="participant_propose"),
    path("matches/", views.MatchListView.as_view(), name="matches"),
    path("matches/export.<str:fmt>", views.MatchListView.as_view(), name="match_export"),
    path("matches/<int:pk>/", views.match_detail_view, name="match_detail"),
    path("matches/<int:pk>/contact/", views.match_contact_view, name="match_contact"),
    path("matches/<int:pk>/accept/", views.match_accept_view, name="match_accept"),
    path("matches/<int:pk>/decline/", views.match_decline_view, name="match_decline"),
    path("matches/<int:pk>/withdraw/", views.match_withdraw_view, name="match_withdraw"),
    path("matches/<int:pk>/outcome/", views.match_outcome_view, name="match_outcome"),
    path("mine/", views.partner_home_view, name="partner_home"),
]
