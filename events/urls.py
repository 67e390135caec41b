"""Events: the list, the calendar feeds, an event, registration, follow-up (namespace "events")."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/", views.events, name="index"),
    path("events/calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("events/<slug:slug>/", views.event, name="event"),
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/follow-up/", views.follow_up, name="follow_up"),
    path("events/<slug:slug>/calendar.ics", views.event_ics, name="event_ics"),
]
