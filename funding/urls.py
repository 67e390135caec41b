"""The funding directory: funders, their calls, following themes, suggestions and
their review (namespace "funding")."""

from django.urls import path

from funding import views

app_name = "funding"

urlpatterns = [
    path("funding/", views.index, name="index"),
    path("funding/follow/", views.follow, name="follow"),
    path("funding/funders/<slug:slug>/", views.funder, name="funder"),
    path("funding/calls/<int:pk>/", views.call, name="call"),
    path("funding/suggest/funder/", views.suggest_funder, name="suggest_funder"),
    path("funding/suggest/call/", views.suggest_call, name="suggest_call"),
    path("funding/review/", views.review, name="review"),
    path("funding/review/<str:what>/<int:pk>/", views.decide, name="decide"),
]
