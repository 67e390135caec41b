"""Events of the network: hemispheric workshops, virtual dialogues, meetings.

The secretariat publishes them in the admin (agenda, documents and
presentations with their speakers, photos, results document); people register
on the site; after a workshop, its follow-up space is made from the people who
registered, in one action.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from lms.choices import Country
from lms.models import validate_time_zone


class EventAdminForm(WagtailAdminModelForm):
    """The admin shows and reads the start and end in the event's own time zone,
    not in the editor's: 09:00 in Bogotá is 09:00 in Bogotá whoever types it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance.time_zone if self.instance.pk else ""
        if zone:
            tz = zoneinfo.ZoneInfo(zone)
            for name in ("starts_at", "ends_at"):
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = timezone.localtime(value, tz).replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        try:
            tz = zoneinfo.ZoneInfo(zone) if zone else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            tz = None
        if tz is not None:
            for name in ("starts_at", "ends_at"):
                value = data.get(name)
                if value is not None:
                    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
                    data[name] = naive.replace(tzinfo=tz)
                    setattr(self.instance, name, data[name])
        return data


class Event(ClusterableModel):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Hemispheric workshop")
        DIALOGUE = "dialogue", _("Virtual dialogue")
        MEETING = "meeting", _("Meeting")
        SEMINAR = "seminar", _("Seminar")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("address"), max_length=100, unique=True)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
    )
    host_country = models.CharField(
        _("host country"), max_length=2, choices=Country.choices, blank=True
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    objective = models.TextField(_("objective"), blank=True)
    organisers = models.TextField(_("organisers"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    link = models.URLField(_("link to join (virtual)"), blank=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    results_document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("results document"),
    )
    follow_up_space = models.ForeignKey(
        "forum.Space",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up space"),
    )
    is_published = models.BooleanField(_("published"), default=True)

    base_form_class = EventAdminForm
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("format")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("host_country"), FieldPanel("city")]),
                FieldPanel("link"),
            ],
            heading=_("When and where (times in the event's time zone)"),
        ),
        FieldPanel("objective"),
        FieldPanel("organisers"),
        FieldPanel("agenda"),
        InlinePanel("documents", label=_("Documents and presentations")),
        InlinePanel("photos", label=_("Photo gallery")),
        FieldPanel("results_document"),
        FieldPanel("registration_open"),
        FieldPanel("follow_up_space"),
        FieldPanel("is_published"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["is_published", "starts_at"])]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event ends after it starts.")})

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def days(self) -> int:
        return max(1, (self.ends_at.date() - self.starts_at.date()).days + 1)

    def can_register(self) -> bool:
        return self.registration_open and not self.is_past

    @property
    def duration(self) -> datetime.timedelta:
        return self.ends_at - self.starts_at


class EventDocument(models.Model):
    """A document or presentation of the event, with who gave it."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=250)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )
    url = models.URLField(_("link"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    panels = [FieldPanel("title"), FieldPanel("speaker"), FieldPanel("document"), FieldPanel("url")]

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title


class EventPhoto(models.Model):
    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("photo"),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.caption or str(self.image)


class EventRegistration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_registration_once")
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.event_id}"
