from django.urls import path

from lms import views

app_name = "lms"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
]
