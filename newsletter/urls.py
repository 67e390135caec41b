"""The newsletter: archive, subscription, composing and editing (namespace "newsletter")."""

from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("newsletter/", views.archive, name="archive"),
    path("newsletter/subscribe/", views.subscribe, name="subscribe"),
    path("newsletter/compose/", views.compose, name="compose"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletter/<int:number>/", views.issue, name="issue"),
    path("newsletter/<int:number>/edit/", views.edit, name="edit"),
]
