"""The newsletter: archive, subscription, composing and editing (namespace "newsletter")."""

from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("newsletter/", views.archive, name="archive"),
    path("newsletter/subscribe/", views.subscribe, name="subscribe"),
    path("newsletter/join/", views.visitor_subscribe, name="visitor_subscribe"),
    path("newsletter/check-your-email/", views.check_email, name="check_email"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/leave/<str:token>/", views.visitor_unsubscribe, name="visitor_unsubscribe"),
    path("newsletter/compose/", views.compose, name="compose"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletter/<int:number>/", views.issue, name="issue"),
    path("newsletter/<int:number>/edit/", views.edit, name="edit"),
]
