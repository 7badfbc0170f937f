from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor_view, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup_view, name="two_factor_setup"),
    path("security/", views.security_view, name="security"),
    path("users/", views.users_security_view, name="users_security"),
    path("users/<int:pk>/", views.user_security_view, name="user_security"),
]
