"""Needs and technical assistance (namespace "needs")."""

from django.urls import path

from needs import views

app_name = "needs"

urlpatterns = [
    path("needs/", views.index, name="index"),
    path("needs/new/", views.new, name="new"),
    path("needs/<int:pk>/", views.need, name="need"),
    path("needs/<int:pk>/edit/", views.edit, name="edit"),
    path("needs/<int:pk>/action/", views.action, name="action"),
    path("needs/<int:pk>/propose/", views.propose, name="propose"),
    path("needs/<int:pk>/ask/", views.ask, name="ask"),
]
