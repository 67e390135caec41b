"""The priorities questionnaires in the Wagtail admin (answers, sending and results
are on the site), and the focal point's dashboard notice."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from priorities import selectors
from priorities.models import Answer, Questionnaire


class QuestionnaireViewSet(SnippetViewSet):
    model = Questionnaire
    icon = "list-ol"
    menu_label = gettext_lazy("Priorities questionnaires")
    menu_order = 335
    add_to_admin_menu = True
    list_display = ["title", "period", "opens_on", "closes_on"]


register_snippet(QuestionnaireViewSet)


@hooks.register("before_delete_snippet")
def refuse_deleting_answered(request, instances):
    """A questionnaire the ministries have begun answering stays: their answers
    are the record (``Answer.questionnaire`` protects them too)."""
    answered = [item for item in instances if isinstance(item, Questionnaire)]
    if not answered or not Answer.objects.filter(questionnaire__in=answered).exists():
        return None
    messages.error(
        request,
        _("Ministries have answered this questionnaire: it cannot be deleted, their answers stay."),
    )
    return redirect("wagtailsnippets_priorities_questionnaire:list")


@hooks.register("rial_dashboard_notices")
def open_questionnaires(user) -> list[dict]:
    """A focal point whose ministry has not answered an open questionnaire sees it."""
    return [
        {
            "text": _(
                "Your ministry's priorities for the plan %(period)s are awaited until %(date)s."
            )
            % {"period": item.period, "date": date_format(item.closes_on)},
            "url": reverse("priorities:questionnaire", kwargs={"pk": item.pk}),
            "link": _("Answer the priorities questionnaire"),
        }
        for item in selectors.open_unanswered_for(user=user)
    ]
