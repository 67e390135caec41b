"""The priorities questionnaire (namespace "priorities")."""

from django.urls import path

from priorities import views

app_name = "priorities"

urlpatterns = [
    path("priorities/", views.index, name="index"),
    path("priorities/<int:pk>/", views.questionnaire, name="questionnaire"),
    path("priorities/<int:pk>/answer/", views.answer, name="answer"),
    path("priorities/<int:pk>/submit/", views.submit, name="submit"),
    path("priorities/<int:pk>/answers/<str:country>/reopen/", views.reopen, name="reopen"),
    path("priorities/<int:pk>/results/", views.results, name="results"),
    path("priorities/<int:pk>/results.csv", views.results_csv, name="results_csv"),
    path("priorities/<int:pk>/send/", views.send, name="send"),
    path("priorities/<int:pk>/sendings/<int:sending_id>/", views.sending, name="sending"),
    path(
        "priorities/<int:pk>/sendings/<int:sending_id>/progress/",
        views.sending_progress,
        name="sending_progress",
    ),
]
