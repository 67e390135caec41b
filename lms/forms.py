import uuid
import zoneinfo

from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.choices import ActorType, Constituency, Country, InterfaceLanguage, Sex, SpokenLanguage
from lms.models import Enrolment
from lms.time_zones import sort_key, time_zone_groups


def country_choices():
    """Member states sorted by their name in the active language."""
    return [
        ("", _("Choose a country")),
        *sorted(Country.choices, key=lambda choice: sort_key(choice[1])),
    ]


def time_zone_choices():
    zones = sorted(zone for zone in zoneinfo.available_timezones() if zone.startswith("America/"))
    return [(zone, zone.replace("_", " ")) for zone in zones] + [("UTC", "UTC")]


class TimeZoneField(forms.ChoiceField):
    """A time zone from a list grouped by country (``time_zone_groups``; a page script
    adds a box that filters it). What is stored is the IANA name."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs["data-filter-label"] = _("Narrow the list: type a city or a nation")

    def set_current(self, form, name: str) -> None:
        """Group the choices, keeping listed the zone stored before (the form's initial
        value), even under an older name the list does not show."""
        self.choices = time_zone_groups(str(form.initial.get(name) or ""))


class RelabelMixin:
    """Give allauth's fields our own labels, translated in our catalogues."""

    labels: dict = {}
    autocomplete: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            if name in self.fields:
                self.fields[name].label = label
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.autocomplete:
                field.widget.attrs["autocomplete"] = self.autocomplete[name]


class LoginForm(RelabelMixin, allauth_forms.LoginForm):
    labels = {"login": _("Email"), "password": _("Password"), "remember": _("Remember me")}
    autocomplete = {"login": "email", "password": "current-password"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The "forgot your password?" link follows the form (templates/account/
        # login.html), so Tab goes from the email straight to the password.
        self.fields["password"].help_text = ""


class SignupForm(RelabelMixin, allauth_forms.SignupForm):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("As it should appear on certificates and in the forums."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    labels = {
        "email": _("Email"),
        "password1": _("Password"),
        "password2": _("Password (again)"),
    }
    autocomplete = {"email": "email", "password1": "new-password", "password2": "new-password"}
    field_order = ["full_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)


class ResetPasswordForm(RelabelMixin, allauth_forms.ResetPasswordForm):
    labels = {"email": _("Email")}
    autocomplete = {"email": "email"}


class ResetPasswordKeyForm(RelabelMixin, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": _("New password"), "password2": _("New password (again)")}
    autocomplete = {"password1": "new-password", "password2": "new-password"}


class ChangePasswordForm(RelabelMixin, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": _("Current password"),
        "password1": _("New password"),
        "password2": _("New password (again)"),
    }
    autocomplete = {
        "oldpassword": "current-password",
        "password1": "new-password",
        "password2": "new-password",
    }


class SetPasswordForm(RelabelMixin, allauth_forms.SetPasswordForm):
    labels = {"password1": _("Password"), "password2": _("Password (again)")}
    autocomplete = {"password1": "new-password", "password2": "new-password"}


class AddEmailForm(RelabelMixin, allauth_forms.AddEmailForm):
    labels = {"email": _("New email address")}
    autocomplete = {"email": "email"}


class ReauthenticateForm(RelabelMixin, allauth_forms.ReauthenticateForm):
    labels = {"password": _("Password")}
    autocomplete = {"password": "current-password"}


class CodeMixin(RelabelMixin):
    """The one field of allauth's two-factor forms: a short code of digits."""

    labels = {"code": _("Code")}
    code_help = _(
        "The 6 digits your authenticator app shows for RIAL Campus. "
        "Without your phone, type one of your recovery codes."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = self.code_help
        # Phones show the digit keypad; "one-time-code" lets them offer the code.
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        )


class MfaAuthenticateForm(CodeMixin, mfa_forms.AuthenticateForm):
    """The second step of signing in: a code from the app, or a recovery code."""


class MfaReauthenticateForm(CodeMixin, mfa_forms.ReauthenticateForm):
    """The same, asked again before a sensitive change or on a session that lacks it."""


class ActivateTOTPForm(CodeMixin, totp_forms.ActivateTOTPForm):
    code_help = _("The 6 digits the app shows now.")


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("As it should appear on certificates and in the forums."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    institution = forms.CharField(
        label=_("Institution"),
        max_length=200,
        required=False,
        help_text=_("For example: Ministry of Labour and Social Security of Chile"),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    constituency = forms.ChoiceField(
        label=_("You take part for"),
        choices=[("", _("Prefer not to say")), *Constituency.choices],
        required=False,
        help_text=_(
            "A government, a workers' or an employers' organisation, or as an observer. "
            "Counted only in the network's reports, never shown with your name."
        ),
    )
    actor_type = forms.ChoiceField(
        label=_("You speak for"),
        choices=[("", _("Not said")), *ActorType.choices],
        required=False,
        help_text=_(
            "Shown as a badge beside your name in the forums and chats once the Technical "
            "Secretariat has verified it. Changing it asks for a new verification."
        ),
    )
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=[("", _("Prefer not to say")), *Sex.choices],
        required=False,
        help_text=_("Optional. Counted only in totals of the network's reports, never shown."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=InterfaceLanguage.choices,
        help_text=_("The platform, its emails and its notifications use this language."),
    )
    spoken_languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        choices=SpokenLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = TimeZoneField(
        label=_("Time zone"),
        help_text=_("Dates and times of live sessions are shown in this time zone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["time_zone"].set_current(self, "time_zone")

    @classmethod
    def initial_for(cls, profile) -> dict:
        return {
            "full_name": profile.user.full_name,
            "country": profile.country,
            "institution": profile.institution,
            "position": profile.position,
            "constituency": profile.constituency,
            "sex": profile.sex,
            "actor_type": profile.actor_type,
            "preferred_language": profile.preferred_language,
            "spoken_languages": profile.spoken_language_codes,
            "time_zone": profile.time_zone,
        }


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to take this course?"),
        help_text=_(
            "A few sentences: your work, what you expect from the course, how you will use it."
        ),
        min_length=20,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CallForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    opens_at = forms.DateTimeField(
        label=_("Applications open"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label=_("Applications close"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=5000)
    starts_on = forms.DateField(
        label=_("The cohort starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    time_zone = TimeZoneField(
        label=_("Cohort time zone"),
        help_text=_("Modules open at midnight in this time zone."),
    )
    eligibility = forms.ChoiceField(label=_("Who may apply"), widget=forms.RadioSelect)
    countries = forms.MultipleChoiceField(
        label=_("Countries"), required=False, widget=forms.CheckboxSelectMultiple
    )
    institutions = forms.CharField(
        label=_("Institutions"),
        required=False,
        help_text=_("One per line, as people write it in their profile."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        from courses.models import CoursePage
        from lms.models import EnrolmentCall

        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().select_related("locale")
        self.fields["course"].label_from_instance = lambda course: (
            f"{course.title} ({course.locale.get_display_name()})"
        )
        self.fields["time_zone"].set_current(self, "time_zone")
        self.fields["eligibility"].choices = EnrolmentCall.Eligibility.choices
        self.fields["countries"].choices = country_choices()[1:]


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=100)
    tutor = forms.ModelChoiceField(label=_("Tutor"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        from lms.selectors.tutoring import tutors_available

        super().__init__(*args, **kwargs)
        self.fields["tutor"].queryset = tutors_available()
        self.fields["tutor"].label_from_instance = lambda user: (
            f"{user.get_full_name()} <{user.email}>"
        )


def new_token() -> str:
    return str(uuid.uuid4())


class CsvImportForm(forms.Form):
    # The same form sent twice (a double click, the page sent again) starts one import.
    token = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=new_token)
    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_("Columns: email, name, country, institution, group. UTF-8."),
    )
    text = forms.CharField(
        label=_("Or paste the lines here"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > 2 * 1024 * 1024:
                raise forms.ValidationError(_("The file is too large: at most 2 MB."))
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(_("Save the file as CSV in UTF-8.")) from error
        if not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Upload a file or paste the lines."))
        return data


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=_("Feedback"),
        help_text=_("Markdown: **bold**, *italics*, lists and links."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
    )
    grade = forms.IntegerField(
        label=_("Grade (0 to 100)"), required=False, min_value=0, max_value=100
    )


class InactiveFilterForm(forms.Form):
    inactive = forms.IntegerField(
        label=_("Inactive for at least (days)"), required=False, min_value=1, max_value=365
    )


class LearnerSearchForm(forms.Form):
    """Name or email, and one of the groups the person may see."""

    q = forms.CharField(label=_("Name or email"), required=False, max_length=100)
    group = forms.TypedChoiceField(label=_("Group"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("All groups"))] + [
            (group.pk, group.name) for group in groups
        ]


class LearnerFilterForm(LearnerSearchForm):
    """The tutor dashboard's filters; the groups offered are the person's own."""

    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Everyone")),
            ("behind", _("Behind")),
            ("waiting", _("Waiting for feedback")),
            ("asked", _("Asked a question")),
        ],
    )
    inactive = InactiveFilterForm.base_fields["inactive"]


class ReportLearnerFilterForm(LearnerSearchForm):
    """The cohort report's learner list."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Enrolment.Status.choices]
    )


def draft_key(lesson_id: int, block_id: str) -> str:
    """Where the session keeps what the person typed in an activity, for the one page
    that shows it again after a refusal (the views write it, the lesson's tags read it)."""
    return f"rial_draft:{lesson_id}:{block_id}"


class AssignmentForm(forms.Form):
    """What a learner sends for an assignment block of a lesson.

    ``lms.services.learning.submission_create`` does the checking; this form
    carries the fields, what was typed and the service's errors (on the text box,
    the file, or the form as a whole) back to the lesson page, where the site's
    renderer ties each error to its input. ``block_id`` keeps the ids unique when
    a lesson has several assignments.
    """

    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        strip=False,
        help_text=_("Markdown: **bold**, *italics*, lists and links."),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument or text; at most 10 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.txt"}),
    )

    def __init__(self, *args, block_id: str, accepts: str = "text_or_file", **kwargs):
        kwargs.setdefault("auto_id", f"%s-{block_id}")
        super().__init__(*args, **kwargs)
        self.block_id = block_id
        if accepts == "file":
            del self.fields["text"]
        elif accepts == "text":
            del self.fields["file"]

    @property
    def summary_id(self) -> str:
        """The id of the box that lists the errors (the redirect's fragment)."""
        return f"activity-{self.block_id}-errors"

    @property
    def form_errors_id(self) -> str:
        """The id of the errors about the form as a whole."""
        return f"activity-{self.block_id}-form-errors"

    @classmethod
    def refused(cls, *, text: str, error: ValidationError, block_id: str, accepts: str):
        """The form as it was sent, with the service's ValidationError on it: on the
        field it names, or on the form as a whole."""
        form = cls({"text": text}, block_id=block_id, accepts=accepts)
        form.full_clean()
        if hasattr(error, "error_dict"):
            errors = error.error_dict
        else:
            errors = {NON_FIELD_ERRORS: error.error_list}
        for name, field_errors in errors.items():
            form.add_error(name if name in form.fields else None, field_errors)
        if form.has_error(NON_FIELD_ERRORS, code="nothing_sent"):
            # Nothing was written nor attached: every field is concerned, and says so.
            for name, field in form.fields.items():
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = (
                    f"{form[name].auto_id}_helptext {form.form_errors_id}"
                )
        return form

    def kept(self) -> dict:
        """What the lesson page needs to show this refused form again (JSON, for the session)."""
        return {"text": self.data.get("text", ""), "errors": self.errors.get_json_data()}

    @classmethod
    def from_kept(cls, kept: dict, *, block_id: str, accepts: str) -> "AssignmentForm":
        """The refused form again, from what ``kept`` stored."""
        errors = {
            name: [ValidationError(item["message"], code=item["code"]) for item in items]
            for name, items in (kept.get("errors") or {}).items()
        }
        return cls.refused(
            text=kept.get("text", ""),
            error=ValidationError(errors),
            block_id=block_id,
            accepts=accepts,
        )


def add_service_errors(form, error) -> None:
    """Show a service's ValidationError on the form: on its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        for message in error.messages:
            form.add_error(None, message)


class ScheduleMoveForm(forms.Form):
    """A new date and time for one live session or deadline, in the cohort's zone."""

    block = forms.CharField(widget=forms.HiddenInput, max_length=64)
    starts_at = forms.DateTimeField(
        label=_("New date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, cohort, **kwargs):
        self.cohort = cohort
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].help_text = _("Time in the cohort's zone (%(zone)s).") % {
            "zone": cohort.time_zone
        }

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        # Django made it aware in the current zone (the person's): read the clock
        # time as the cohort's instead, which is what the form says.
        zone = zoneinfo.ZoneInfo(self.cohort.time_zone)
        return timezone.make_aware(timezone.make_naive(value), zone)
