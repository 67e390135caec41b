"""The bilateral cooperation call and its proposals (namespace "cooperation")."""

from django.urls import path

from cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("cooperation/", views.call, name="call"),
    path("cooperation/propose/", views.propose, name="proposal_new"),
    path("cooperation/proposals/", views.proposals, name="proposals"),
    path("cooperation/proposals/<int:pk>/", views.proposal, name="proposal"),
    path(
        "cooperation/proposals/<int:pk>/action/",
        views.proposal_action,
        name="proposal_action",
    ),
]
