"""The network's bodies, their meetings, minutes and agreements (namespace "bodies")."""

from django.urls import path

from bodies import views

app_name = "bodies"

urlpatterns = [
    path("bodies/", views.index, name="index"),
    path("bodies/<slug:slug>/", views.body, name="body"),
    path("bodies/<slug:slug>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("bodies/<slug:slug>/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("bodies/<slug:slug>/meetings/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("bodies/<slug:slug>/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("bodies/<slug:slug>/meetings/<int:pk>/agenda/", views.agenda, name="agenda"),
    path(
        "bodies/<slug:slug>/meetings/<int:pk>/agenda/<int:item_pk>/",
        views.agenda_item,
        name="agenda_item",
    ),
    path("bodies/<slug:slug>/meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("bodies/<slug:slug>/meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path(
        "bodies/<slug:slug>/meetings/<int:pk>/minutes/action/",
        views.minutes_action,
        name="minutes_action",
    ),
    path(
        "bodies/<slug:slug>/meetings/<int:pk>/agreements/new/",
        views.agreement_new,
        name="agreement_new",
    ),
    path(
        "bodies/<slug:slug>/agreements/<int:pk>/",
        views.agreement_action,
        name="agreement_action",
    ),
]
