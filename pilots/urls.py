"""Pilot projects (namespace "pilots")."""

from django.urls import path

from pilots import views

app_name = "pilots"

urlpatterns = [
    path("pilots/", views.index, name="index"),
    path("pilots/new/", views.new, name="new"),
    path("pilots/<int:pk>/", views.pilot, name="pilot"),
    path("pilots/<int:pk>/edit/", views.edit, name="edit"),
    path("pilots/<int:pk>/follow/", views.follow, name="follow"),
    path("pilots/<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path(
        "pilots/<int:pk>/milestones/<int:milestone_id>/",
        views.milestone_state,
        name="milestone_state",
    ),
    path("pilots/<int:pk>/results/", views.results, name="results"),
    path("pilots/<int:pk>/documents/", views.document_add, name="document_add"),
    path("pilots/<int:pk>/documents/<int:document_id>/", views.document, name="document"),
    path(
        "pilots/<int:pk>/documents/<int:document_id>/remove/",
        views.document_remove,
        name="document_remove",
    ),
]
