"""The documentation centre and the repositories of legal instruments (namespace "library")."""

from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("documents/", views.documents, name="documents"),
    path("documents/suggest/", views.suggest, name="document_suggest"),
    path("documents/suggestions/", views.suggestions, name="document_suggestions"),
    path(
        "documents/suggestions/<int:pk>/",
        views.suggestion_decide,
        name="document_suggestion_decide",
    ),
    path("repositories/<slug:slug>/", views.repository, name="repository"),
]
