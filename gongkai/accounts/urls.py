from django.urls import path

from gongkai.accounts import views, views_twofactor

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("two-factor/", views_twofactor.manage, name="two_factor"),
    path("two-factor/setup/", views_twofactor.setup, name="two_factor_setup"),
    path("two-factor/verify/", views_twofactor.verify, name="two_factor_verify"),
]
