"""Evaluations of events and cooperation activities (namespace "evaluations")."""

from django.urls import path

from evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("evaluations/", views.index, name="index"),
    path("evaluations/<int:pk>/results/", views.results, name="results"),
    path("evaluations/event/<slug:slug>/", views.event, name="event"),
    path("evaluations/cooperation/<int:pk>/", views.proposal, name="proposal"),
]
