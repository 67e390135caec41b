"""Forms of the communities of practice. They collect and check shapes; services decide."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forum.forms import WallClockDateTimeField, starts_in_chosen_zone
from forum.models import SpaceEvent
from forum.selectors.communities import MAX_EVENT_MINUTES
from forum.services.communities import (
    MAX_DESCRIPTION,
    MAX_MESSAGE,
    MAX_REASON,
    MIN_EVENT_MINUTES,
)
from lms.forms import time_zone_choices

MARKDOWN_HELP = _("Markdown: **bold**, *italics*, lists, links.")


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the coordinators"),
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: your role in your ministry and why you want to join."),
    )


class DecisionForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason (sent to the person if you decline)"),
        required=False,
        max_length=MAX_REASON,
    )


class ContactForm(forms.Form):
    phone = forms.CharField(
        label=_("Telephone"),
        required=False,
        max_length=40,
        help_text=_("With the country code, e.g. +56 2 2345 6789."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    show_email = forms.BooleanField(label=_("Show my email address to the members"), required=False)
    show_phone = forms.BooleanField(label=_("Show my telephone to the members"), required=False)


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=SpaceEvent.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = WallClockDateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the time zone chosen below."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"))
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        min_value=MIN_EVENT_MINUTES,
        max_value=MAX_EVENT_MINUTES,
        initial=120,
        help_text=_("A virtual dialogue lasts four hours (240 minutes) at most."),
    )
    link = forms.URLField(
        label=_("Link to join"),
        required=False,
        assume_scheme="https",
        help_text=_("Only the members see it."),
    )
    description = forms.CharField(
        label=_("Description and agenda"),
        required=False,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )

    def __init__(self, *args, time_zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        choices = time_zone_choices()
        self.fields["time_zone"].choices = choices
        zones = {value for value, _label in choices}
        if time_zone in zones:
            self.fields["time_zone"].initial = time_zone

    def clean(self):
        """Read the start in the event's time zone, not in the coordinator's."""
        return starts_in_chosen_zone(self, super().clean())


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=format_lazy("{} {}", _("What was agreed and what comes next."), MARKDOWN_HELP),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the document"),
        required=False,
        max_length=200,
        help_text=_("For example: Agenda, Presentation, Outcome document."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument or an image, up to 10 MB. "
            "Only the members can open it."
        ),
    )
