"""The portfolio of programmes (namespace "portfolio")."""

from django.urls import path

from portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("portfolio/", views.portfolio, name="index"),
    path("portfolio/table/", views.table, name="table"),
    path("portfolio/mine/", views.mine, name="mine"),
    path("portfolio/new/", views.programme_edit, name="programme_new"),
    path("portfolio/supply-and-demand/", views.supply_demand, name="supply_demand"),
    path("portfolio/<int:pk>/", views.programme, name="programme"),
    path("portfolio/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("portfolio/<int:pk>/review/", views.review, name="programme_review"),
    path("portfolio/<int:pk>/translate/", views.translate, name="programme_translate"),
    path("portfolio/<int:pk>/interest/", views.interest, name="programme_interest"),
]
