"""Forms of the forums. They collect and check shapes; services decide."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.models import Category, DigestPreference, Flag, Subscription
from forum.services.forums import MAX_POST, MAX_TITLE

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
        if not categories:
            # The service files the topic under "General".
            del self.fields["category"]
        elif len(categories) == 1:
            self.fields["category"].initial = categories[0]
        if not can_announce:
            del self.fields["is_announcement"]


class ReplyForm(forms.Form):
    body = _body_field(_("Your reply"))
    files = _files_field()
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


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


class SubscriptionForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Notifications"), choices=Subscription.Level.choices, widget=forms.RadioSelect
    )


class DigestForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Email digest of new topics and answered questions"),
        choices=DigestPreference.Frequency.choices,
    )
