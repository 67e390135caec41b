"""Forms of the forums. They collect and check shapes; services decide."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.forms import (
    ThemeChoiceField,
    ThemeMultipleChoiceField,
    taxonomy_version,
    themes_in_order,
    translated_choices,
)
from forum.models import Category, DigestPreference, Flag, Subscription
from forum.services.topics import MAX_POST, MAX_TITLE
from lms.forms import new_token
from lms.forms_rendering import KeptHtmlForm
from lms.uploads import LimitedImageField

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italics*, lists, links, > quotes. Mention a member with @ and "
    "their name in lower case with hyphens, as in the members list (e.g. @ana-maria-torres)."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


def _body_field(label):
    return forms.CharField(
        label=label,
        max_length=MAX_POST,
        widget=forms.Textarea(attrs={"rows": 8, "data-preview": "post"}),
        help_text=MARKDOWN_HELP,
    )


def _files_field():
    return MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "Up to 5 files of 10 MB: PDF, Word, Excel, PowerPoint, OpenDocument, text, "
            "or images (PNG, JPEG, GIF, WebP). Only the members of the space can open them."
        ),
    )


class TopicForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = _body_field(_("Your message"))
    is_question = forms.BooleanField(
        label=_("This is a question"),
        required=False,
        help_text=_("Questions show whether they have an accepted answer."),
    )
    is_announcement = forms.BooleanField(
        label=_("Announcement: email it to every member of the space"),
        required=False,
    )
    files = _files_field()
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, space, can_announce, **kwargs):
        super().__init__(*args, **kwargs)
        categories = list(space.categories.all())
        self.fields["category"].queryset = space.categories.all()
        self.fields["category"].label_from_instance = lambda category: category.display_name
        if not categories:
            # The service files the topic under "General".
            del self.fields["category"]
        elif len(categories) == 1:
            self.fields["category"].initial = categories[0]
        if not can_announce:
            del self.fields["is_announcement"]


class ReplyForm(KeptHtmlForm, forms.Form):
    """Under every topic: unbound, its HTML is kept per language, with the token and a
    quoted text put in (``KeptHtmlForm``)."""

    body = _body_field(_("Your reply"))
    files = _files_field()
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    marked = ("body", "token")


class EditForm(forms.Form):
    body = _body_field(_("Text"))


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"),
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything the moderators should know"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MembersImportForm(forms.Form):
    # The same form sent twice (a double click, the page sent again) starts one import.
    token = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=new_token)
    people = forms.CharField(
        label=_("People to add"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One person per line: email, then optionally a comma and the full name. "
            "People without an account get an invitation by email."
        ),
    )
    file = forms.FileField(
        label=_("Or a CSV file with the same columns"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = data.get("people") or ""
        if upload:
            if upload.size > 1024 * 1024:
                raise forms.ValidationError(_("The file is too large: at most 1 MB."))
            try:
                text += "\n" + upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(_("The file must be a CSV in UTF-8.")) from error
        if not text.strip():
            raise forms.ValidationError(_("Paste a list or choose a file."))
        data["text"] = text
        return data


class HoldForm(forms.Form):
    days = forms.IntegerField(label=_("Days on hold"), min_value=1, max_value=365, initial=7)


class SubscriptionForm(KeptHtmlForm, forms.Form):
    """On every topic and space: unbound, kept per language, prefix and level."""

    level = forms.ChoiceField(
        label=_("Notifications"), choices=Subscription.Level.choices, widget=forms.RadioSelect
    )


class DigestForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Email digest of new topics and answered questions"),
        choices=DigestPreference.Frequency.choices,
    )


# --- Experts network ------------------------------------------------------------------------


class DirectoryForm(KeptHtmlForm, forms.Form):
    """The directory's filters, from the query string (shareable URLs)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = ThemeChoiceField(
        label=_("Theme"), queryset=None, required=False, empty_label=_("All themes")
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        from lms.choices import Country, SpokenLanguage

        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_in_order()
        self.fields["language"].choices = [
            ("", _("All languages")),
            *translated_choices(SpokenLanguage),
        ]
        self.fields["country"].choices = [("", _("All countries")), *translated_choices(Country)]

    def kept_key(self) -> tuple:
        """The empty filters (no query string: most visits) carry nothing of the person:
        their HTML is kept per language until the themes change (2 ms a page)."""
        return (taxonomy_version(),)


class GrantExpertForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person"),
        help_text=_("They need an account on the campus."),
    )


class AskForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("Expert"),
        queryset=None,
        required=False,
        empty_label=_("— all the experts of the theme —"),
    )
    theme = ThemeChoiceField(
        label=_("Theme"),
        queryset=None,
        required=False,
        help_text=_("Choose a theme to ask every expert who covers it."),
    )
    title = forms.CharField(label=_("Your question"), max_length=200)
    body = forms.CharField(
        label=_("Details"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8, "data-preview": "post"}),
        help_text=_(
            "Your country's context, what you already tried, what you need. Markdown: "
            "**bold**, *italics*, lists, links."
        ),
    )
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, **kwargs):
        from forum.selectors.experts import askable_experts

        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = askable_experts().order_by("full_name")
        self.fields["theme"].queryset = themes_in_order()

    def clean(self):
        data = super().clean()
        if data.get("expert") and data.get("theme"):
            # Asking one expert: the theme only files the question.
            data["theme"] = None
        if not data.get("expert") and not data.get("theme"):
            self.add_error("expert", _("Choose an expert, or a theme to ask all its experts."))
        return data


class ExpertProfileForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=200, required=False)
    photo = LimitedImageField(
        label=_("Photo"), required=False, help_text=_("JPEG, PNG or WebP, up to 5 MB.")
    )
    bio = forms.CharField(
        label=_("Short bio"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: **bold**, *italics*, lists, links."),
    )
    themes = ThemeMultipleChoiceField(
        label=_("Themes you cover"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    workshops = forms.ModelMultipleChoiceField(
        label=_("Workshops you led on the campus"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    seminars = forms.CharField(
        label=_("Other workshops and seminars you led"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )
    availability = forms.CharField(label=_("Availability"), max_length=300, required=False)
    accepts_questions = forms.BooleanField(
        label=_("I take questions from officials"), required=False
    )
    accepts_direct_messages = forms.BooleanField(
        label=_("I take direct messages"),
        required=False,
        help_text=_("When off, people who write to you are pointed to your office hours."),
    )
    is_listed = forms.BooleanField(label=_("Listed in the directory"), required=False)

    def __init__(self, *args, can_hide=False, **kwargs):
        from forum.models import Space

        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes_in_order()
        self.fields["workshops"].queryset = Space.objects.filter(kind=Space.Kind.WORKSHOP)
        if not can_hide:
            del self.fields["is_listed"]


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time as typed (naive): the form applies the zone chosen beside it,
    not the viewer's, so a time that does not exist for the viewer is no error."""

    def to_python(self, value):
        import datetime as dt

        from django.utils import timezone

        with timezone.override(dt.UTC):
            result = super().to_python(value)
        return timezone.make_naive(result, dt.UTC) if result is not None else None


def starts_in_chosen_zone(form, data: dict) -> dict:
    """Make ``starts_at`` (a WallClockDateTimeField) aware in ``time_zone``, refusing a
    time that the clocks skip or go through twice there (daylight-saving changes)."""
    import datetime as dt
    import zoneinfo

    zone = data.get("time_zone")
    naive = data.get("starts_at")
    if not zone or naive is None:
        return data
    tz = zoneinfo.ZoneInfo(zone)
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        form.add_error(
            "starts_at",
            _("Clocks change at this time in %(zone)s: it happens twice. Choose another.")
            % {"zone": zone},
        )
    elif first.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != naive:
        form.add_error(
            "starts_at",
            _("Clocks change at this time in %(zone)s: it does not exist. Choose another.")
            % {"zone": zone},
        )
    else:
        data["starts_at"] = first
    return data


class OfficeHourForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown: **bold**, *italics*, lists, links."),
    )
    language = forms.ChoiceField(label=_("Language"))
    starts_at = WallClockDateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the time zone below."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"))
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=15, max_value=240, initial=60
    )

    def __init__(self, *args, **kwargs):
        from lms.choices import SpokenLanguage
        from lms.forms import time_zone_choices

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = SpokenLanguage.choices
        self.fields["time_zone"].choices = time_zone_choices()

    def clean(self):
        return starts_in_chosen_zone(self, super().clean())


class OfficeHourQuestionForm(forms.Form):
    body = forms.CharField(
        label=_("Your question for the session"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
