"""The network's work plans and their budget (namespace "workplan")."""

from django.urls import path

from workplan import views

app_name = "workplan"

urlpatterns = [
    path("work-plan/", views.plans, name="plans"),
    path("work-plan/<int:pk>/", views.plan, name="plan"),
    path("work-plan/<int:pk>/approve/", views.approve, name="approve"),
    path("work-plan/<int:pk>/budget/", views.budget, name="budget"),
    path("work-plan/<int:pk>/budget.csv", views.budget_csv, name="budget_csv"),
]
