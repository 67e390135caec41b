"""Questions to ad-hoc expert groups and their opinions (namespace "expertgroups")."""

from django.urls import path

from expertgroups import views

app_name = "expertgroups"

urlpatterns = [
    path("expert-groups/", views.index, name="index"),
    path("expert-groups/new/", views.new, name="new"),
    path("expert-groups/<int:pk>/", views.consultation, name="consultation"),
    path("expert-groups/<int:pk>/invite/", views.invite, name="invite"),
    path("expert-groups/<int:pk>/answer/", views.answer, name="answer"),
    path("expert-groups/<int:pk>/opinion/", views.opinion, name="opinion"),
    path("expert-groups/<int:pk>/action/", views.action, name="action"),
    path("expert-groups/<int:pk>/sign/", views.sign, name="sign"),
    path("expert-groups/<int:pk>/opinion.pdf", views.opinion_pdf, name="opinion_pdf"),
]
