"""Forms of the ad-hoc groups' pages. They check the shape of what is typed; the
services check everything else (rights, the deadline, who may be invited)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bodies.models import Body
from courses.models import Theme
from expertgroups.services import MAX_QUESTION, MAX_TEXT
from lms.choices import InterfaceLanguage


class ExpertChoice(forms.ModelMultipleChoiceField):
    """Experts of the directory, each with their institution and country."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, profile):
        person = profile.user
        about = getattr(person, "profile", None)  # an account may have no profile yet
        details = [
            value
            for value in (
                getattr(about, "institution", ""),
                about.get_country_display() if about is not None and about.country else "",
            )
            if value
        ]
        themes = ", ".join(str(theme) for theme in profile.themes.all()[:3])
        label = person.get_full_name() or person.email
        if details:
            label += f" ({', '.join(details)})"
        if themes:
            label += f" · {themes}"
        return label

    def clean(self, value):
        profiles = super().clean(value)
        return [profile.user for profile in profiles]


class ConveneForm(forms.Form):
    asked_by = forms.ModelChoiceField(
        label=_("Body that asks"), queryset=Body.objects.exclude(kind=Body.Kind.AD_HOC)
    )
    question = forms.CharField(
        label=_("Question"),
        max_length=MAX_QUESTION,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the body put it."),
    )
    terms = forms.CharField(
        label=_("Terms of reference"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the group is asked to do, with what sources, in what form. Markdown."),
    )
    deadline = forms.DateField(
        label=_("Deadline for the opinion"), widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(
        label=_("Language of the opinion"), choices=InterfaceLanguage.choices
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.select_related("area"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The opinion is filed under them in the documentation centre."),
    )
    experts = ExpertChoice(label=_("Experts to invite"), queryset=None)

    def __init__(self, *args, experts, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = experts
        if meeting is not None:
            # Asked at a meeting: the body is the meeting's.
            self.fields["asked_by"].queryset = Body.objects.filter(pk=meeting.body_id)
            self.fields["asked_by"].initial = meeting.body_id
            self.fields["asked_by"].widget = forms.HiddenInput()


class InviteForm(forms.Form):
    experts = ExpertChoice(label=_("Invite more experts"), queryset=None)

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = experts


class OpinionForm(forms.Form):
    text = forms.CharField(
        label=_("Opinion"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("Markdown. Every member signs this text once it is sent for signature."),
    )
