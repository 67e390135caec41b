"""The bodies that run the network (focal points, authorities, working groups,
steering committees, ad-hoc groups): their seats and members with terms, their
meetings with agenda, attendance, minutes and agreements.

The secretariat configures bodies, seats and members in the Wagtail admin; meetings
and everything in them are written on the site through ``bodies/services.py``.
Typed text is stored as source plus cleaned HTML (``lms/markup.py``).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from lms.choices import Country
from lms.markup import SanitizedHTMLField, render_markdown
from lms.models import validate_time_zone


class Body(models.Model):
    class Kind(models.TextChoices):
        FOCAL_POINTS = "focal_points", _("Network of focal points")
        AUTHORITIES = "authorities", _("Meeting of authorities")
        WORKING_GROUP = "working_group", _("Working group")
        STEERING_COMMITTEE = "steering", _("Steering committee")
        AD_HOC = "ad_hoc", _("Ad-hoc group")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = SanitizedHTMLField(blank=True, editable=False)
    is_public = models.BooleanField(
        _("approved minutes are public"),
        default=False,
        help_text=_("Visitors see the body, its meetings and their approved minutes."),
    )
    meetings_per_year = models.PositiveSmallIntegerField(_("meetings a year"), default=4)
    in_person_per_year = models.PositiveSmallIntegerField(_("of which in person"), default=1)
    time_zone = models.CharField(
        _("time zone of its meetings"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
    )
    space = models.OneToOneField(
        "forum.Space",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="body",
        verbose_name=_("its space (forum and room)"),
        help_text=_(
            "Empty: the body gets a private space of its own, with a forum and a chat "
            "room, whose members are the body's current members. Or choose a community "
            "that is this body: it meets at the body's cadence and keeps its own members."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("meetings_per_year"), FieldPanel("in_person_per_year")]),
                FieldPanel("time_zone"),
            ],
            heading=_("Meetings"),
        ),
        FieldPanel("space"),
        FieldPanel("is_public"),
    ]

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description) if self.description else ""
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if len(self.description or "") > 20_000:
            raise ValidationError({"description": _("At most 20,000 characters.")})
        if not 1 <= (self.meetings_per_year or 0) <= 12:
            raise ValidationError({"meetings_per_year": _("From 1 to 12 meetings a year.")})
        if self.in_person_per_year is not None and self.in_person_per_year > self.meetings_per_year:
            raise ValidationError({"in_person_per_year": _("No more than the meetings a year.")})

    @property
    def virtual_per_year(self) -> int:
        return max(0, self.meetings_per_year - self.in_person_per_year)

    @property
    def cadence_months(self) -> int:
        """The longest gap, in whole months, between two meetings (12 / meetings a year)."""
        return max(1, 12 // max(1, self.meetings_per_year))


class Seat(models.Model):
    """A place at the table: a country's (or an institution's) constituency."""

    class Constituency(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        WORKERS = "workers", _("Workers")
        EMPLOYERS = "employers", _("Employers")
        OBSERVER = "observer", _("Observer")
        EXPERT = "expert", _("Independent expert")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    constituency = models.CharField(_("constituency"), max_length=12, choices=Constituency.choices)
    is_active = models.BooleanField(
        _("current seat"), default=True, help_text=_("Counts for the quorum.")
    )

    panels = [
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("constituency")]),
        FieldPanel("institution"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["body", "constituency", "country", "institution", "pk"]

    def __str__(self):
        who = self.institution or self.get_country_display()
        if self.institution and self.country:
            who = f"{self.get_country_display()} · {self.institution}"
        return f"{who} ({self.get_constituency_display()})"

    def clean(self):
        super().clean()
        if not self.country and not self.institution.strip():
            raise ValidationError(_("A seat is a country's or an institution's."))


class MemberQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        """Members whose term covers today."""
        today = today or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)


class Member(models.Model):
    """A person in a body for a term. Past terms stay: the rotation's history."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        ALTERNATE = "alternate", _("Alternate")
        SECRETARIAT = "secretariat", _("Secretariat")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    seat = models.ForeignKey(
        Seat,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("seat"),
        help_text=_("Empty for the secretariat."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="body_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField(_("term starts"), default=timezone.localdate)
    ends_on = models.DateField(_("term ends"), null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    panels = [
        FieldPanel("body"),
        FieldPanel("seat"),
        FieldPanel("user"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["body", "-starts_on", "pk"]
        indexes = [models.Index(fields=["user", "body"])]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()}"

    def clean(self):
        super().clean()
        errors = {}
        if self.seat_id and self.body_id and self.seat.body_id != self.body_id:
            errors["seat"] = _("Choose a seat of this body.")
        if self.role != self.Role.SECRETARIAT and not self.seat_id:
            errors["seat"] = _("Members other than the secretariat hold a seat.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The term ends after it starts.")
        if errors:
            raise ValidationError(errors)

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)


class Meeting(models.Model):
    class Format(models.TextChoices):
        VIRTUAL = "virtual", _("Virtual")
        IN_PERSON = "in_person", _("In person")

    # Protected: a body with meetings (their approved minutes, decisions) is not deleted.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    link = models.URLField(_("link to join"), blank=True)
    place = models.CharField(_("place"), max_length=250, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"])]

    def __str__(self):
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=250)
    notes = models.TextField(_("notes"), blank=True)
    notes_html = SanitizedHTMLField(blank=True)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    document_url = models.URLField(_("document link"), blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        REPRESENTED = "represented", _("Represented")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    # A seat with a recorded attendance is retired (not current), never deleted.
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("attendance"), max_length=12, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"], name="bodies_attendance_once")
        ]

    def __str__(self):
        return f"{self.seat_id}: {self.status}"


class Minutes(models.Model):
    """A meeting's minutes: draft (the secretariat's), circulated (the members
    comment), approved (read-only from then on)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated for comments")
        APPROVED = "approved", _("Approved")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    text = models.TextField(_("minutes"))
    text_html = SanitizedHTMLField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    circulated_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return f"{self.meeting_id}: {self.status}"


class TypedNote(models.Model):
    """Something a person wrote, dated and signed (Markdown source and cleaned HTML)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    text_html = SanitizedHTMLField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author_id} @ {self.created_at:%Y-%m-%d}"


class MinutesComment(TypedNote):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")


class Agreement(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN = (Status.PENDING, Status.IN_PROGRESS)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="agreements")
    text = models.TextField(_("agreement"))
    text_html = SanitizedHTMLField(blank=True)
    owner_seat = models.ForeignKey(
        Seat,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("owner"),
        help_text=_("Empty: the secretariat."),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["body", "status"])]

    def __str__(self):
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()


class AgreementNote(TypedNote):
    """A dated follow-up note on an agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="notes")


class Decision(models.Model):
    """Who decided what, when: minutes circulated or approved, an agreement's status
    changed. Written by the services, never edited."""

    class Kind(models.TextChoices):
        MINUTES_CIRCULATED = "minutes_circulated", _("Minutes circulated")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
        MINUTES_WITHDRAWN = "minutes_withdrawn", _("Minutes withdrawn for changes")
        AGREEMENT_STATUS = "agreement_status", _("Agreement status changed")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, related_name="+")
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, related_name="decisions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    old_value = models.CharField(max_length=20, blank=True)
    new_value = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.kind} {self.old_value}->{self.new_value}"
