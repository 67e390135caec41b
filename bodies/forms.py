"""Forms of the meeting pages. They check the shape of what is typed; the services
check everything else (rights, the body's seats, the record being closed)."""

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bodies.models import Agreement, Attendance, Meeting

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class MeetingForm(forms.Form):
    """Times are typed and shown in the body's time zone."""

    title = forms.CharField(label=_("Title"), max_length=250)
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=Meeting.Format.choices, widget=forms.RadioSelect
    )
    link = forms.URLField(
        label=_("Link to join"),
        required=False,
        assume_scheme="https",
        help_text=_("Virtual meetings of a body with a room meet in its room when empty."),
    )
    place = forms.CharField(label=_("Place"), max_length=250, required=False)

    def __init__(self, *args, body, meeting=None, **kwargs):
        self.zone = zoneinfo.ZoneInfo(body.time_zone)
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": meeting.title,
                "starts_at": timezone.localtime(meeting.starts_at, self.zone).replace(tzinfo=None),
                "ends_at": timezone.localtime(meeting.ends_at, self.zone).replace(tzinfo=None),
                "format": meeting.format,
                "link": meeting.link,
                "place": meeting.place,
            }
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = _("Time in %(zone)s.") % {"zone": body.time_zone}

    def clean(self):
        data = super().clean()
        for name in ("starts_at", "ends_at"):
            value = data.get(name)
            if value is not None:
                naive = timezone.make_naive(value) if timezone.is_aware(value) else value
                data[name] = naive.replace(tzinfo=self.zone)
        return data


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=250)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown."),
    )
    document_url = forms.URLField(label=_("Document link"), required=False, assume_scheme="https")


class AttendanceForm(forms.Form):
    """One choice per current seat of the body."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Not recorded")), *Attendance.Status.choices]
        for row in rows:
            self.fields[f"seat_{row.seat.pk}"] = forms.ChoiceField(
                label=str(row.seat), choices=choices, required=False, initial=row.status
            )


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown: the main points and the agreements."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment on the minutes"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AgreementForm(forms.Form):
    text = forms.CharField(
        label=_("Agreement"), max_length=5_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [
            ("", _("The Technical Secretariat")),
            *[(str(seat.pk), str(seat)) for seat in seats],
        ]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Follow-up note"), max_length=5_000, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices)
