"""Incubation URLs: tenants (list, board, profile and its forms), dashboard, follow-ups, calendar."""

from django.urls import path

from . import views, views_tenant

app_name = "incubation"
urlpatterns = [
    path("", views.board_view, name="board"),
    path("centres/<str:code>/", views.board_view, name="centre_board"),
    path("board/<str:stage>/", views.board_column_view, name="board_column"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("dashboard/<str:code>/", views.dashboard_view, name="centre_dashboard"),
    path("tenants/", views.tenant_list_view, name="tenant_list"),
    path("tenants/export.<str:fmt>", views.tenant_export_view, name="tenant_export"),
    path("tenants/new/", views_tenant.tenant_create_view, name="tenant_create"),
    path("tenants/new-group/", views_tenant.group_create_view, name="group_create"),
    path("tenants/<int:pk>/", views_tenant.tenant_detail_view, name="tenant_detail"),
    path("tenants/<int:pk>/move/", views_tenant.tenant_move_view, name="tenant_move"),
    path("tenants/<int:pk>/figures/new/", views_tenant.report_create_view, name="report_create"),
    path("tenants/<int:pk>/figures/<int:report_pk>/lock/", views_tenant.report_lock_view, name="report_lock"),
    path("tenants/<int:pk>/new/<str:kind>/", views_tenant.record_create_view, name="record_create"),
    path("tenants/<int:pk>/actions/<int:action_pk>/done/", views_tenant.action_done_view, name="action_done"),
    path(
        "tenants/<int:pk>/milestones/<int:milestone_pk>/achieved/",
        views_tenant.milestone_achieve_view,
        name="milestone_achieve",
    ),
    path("tenants/<int:pk>/members/new/", views_tenant.member_add_view, name="member_add"),
    path("tenants/<int:pk>/members/<int:member_pk>/remove/", views_tenant.member_remove_view, name="member_remove"),
    path("tenants/<int:pk>/members/<int:member_pk>/chair/", views_tenant.member_chair_view, name="member_chair"),
    path("tenants/<int:pk>/loans/<int:loan_pk>/status/", views_tenant.loan_status_view, name="loan_status"),
    path("follow-ups/", views.followups_view, name="followups"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("my-business/", views.mine_view, name="mine"),
    path("gates/", views.gate_list_view, name="gates"),
    path("gates/<int:pk>/toggle/", views.gate_toggle_view, name="gate_toggle"),
]
