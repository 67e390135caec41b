"""A work plan's performance report (namespace "reports")."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("work-plan/<int:pk>/report/", views.report, name="report"),
    path("work-plan/<int:pk>/report.csv", views.report_csv, name="csv"),
    path("work-plan/<int:pk>/report-<str:language>.pdf", views.report_pdf, name="pdf"),
    path("work-plan/<int:pk>/report/foreword/", views.foreword, name="foreword"),
    path("work-plan/<int:pk>/report/publish/", views.publish, name="publish"),
    path("work-plan/<int:pk>/summary/", views.summary, name="summary"),
]
