"""The portal's pages (namespace "cms"): the portfolio, the documentation centre."""

from django.urls import path

from cms.cooperation import views as cooperation
from cms.events import views as events
from cms.library import views as library
from cms.newsletter import views as newsletter
from cms.portfolio import views as portfolio

app_name = "cms"

urlpatterns = [
    path("portfolio/", portfolio.portfolio, name="portfolio"),
    path("portfolio/table/", portfolio.table, name="portfolio_table"),
    path("portfolio/mine/", portfolio.mine, name="portfolio_mine"),
    path("portfolio/new/", portfolio.programme_edit, name="programme_new"),
    path("portfolio/supply-and-demand/", portfolio.supply_demand, name="supply_demand"),
    path("portfolio/<int:pk>/", portfolio.programme, name="programme"),
    path("portfolio/<int:pk>/edit/", portfolio.programme_edit, name="programme_edit"),
    path("portfolio/<int:pk>/review/", portfolio.review, name="programme_review"),
    path("portfolio/<int:pk>/translate/", portfolio.translate, name="programme_translate"),
    path("portfolio/<int:pk>/interest/", portfolio.interest, name="programme_interest"),
    path("documents/", library.documents, name="documents"),
    path("documents/suggest/", library.suggest, name="document_suggest"),
    path("documents/suggestions/", library.suggestions, name="document_suggestions"),
    path(
        "documents/suggestions/<int:pk>/",
        library.suggestion_decide,
        name="document_suggestion_decide",
    ),
    path("repositories/<slug:slug>/", library.repository, name="repository"),
    path("cooperation/", cooperation.call, name="cooperation"),
    path("cooperation/propose/", cooperation.propose, name="proposal_new"),
    path("cooperation/proposals/", cooperation.proposals, name="proposals"),
    path("cooperation/proposals/<int:pk>/", cooperation.proposal, name="proposal"),
    path(
        "cooperation/proposals/<int:pk>/action/",
        cooperation.proposal_action,
        name="proposal_action",
    ),
    path("newsletter/", newsletter.archive, name="newsletter"),
    path("newsletter/subscribe/", newsletter.subscribe, name="newsletter_subscribe"),
    path("newsletter/compose/", newsletter.compose, name="newsletter_compose"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        newsletter.unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path("newsletter/<int:number>/", newsletter.issue, name="newsletter_issue"),
    path("newsletter/<int:number>/edit/", newsletter.edit, name="newsletter_edit"),
    path("events/", events.events, name="events"),
    path("events/calendar.ics", events.calendar_ics, name="events_ics"),
    path("events/<slug:slug>/", events.event, name="event"),
    path("events/<slug:slug>/register/", events.register, name="event_register"),
    path("events/<slug:slug>/follow-up/", events.follow_up, name="event_follow_up"),
    path("events/<slug:slug>/calendar.ics", events.event_ics, name="event_ics"),
]
