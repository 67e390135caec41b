"""Spaces and who belongs to them.

A space is a cohort, the follow-up of a workshop, a community of practice, an
expert's office hours, a question to experts, one of the network's bodies, or the
whole network. Its
members come from where it comes from (a cohort's enrolments and tutors) or are
listed (SpaceMembership); its rooms, forum and events inherit them. What each
kind of space does is declared once, in ``Space.RULES``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from courses.translations import TranslationsWidget, in_reader_language, translations_field
from lms.markup import SanitizedHTMLField, render_markdown


@dataclass(frozen=True)
class KindRules:
    """What a kind of space does, where it differs from the others."""

    # Its pages are a forum (categories, topics, members), listed among the forums.
    has_forum: bool = True
    # Who does what in its rooms: "space" (the space's roles), "session" (an
    # office-hours session's: open from its start, to its subscribers) or
    # "question" (a question's asker and experts; read-only once closed) or
    # "direct" (its listed people; read-only between two who blocked one another).
    rooms: str = "space"
    # A private conversation: the secretariat sees its room only when listed in it.
    private: bool = False
    # For its members only: never open for reading to every signed-up person.
    members_only: bool = False
    # Its coordinators invite the people who led it to the experts network.
    invites_experts: bool = False
    # An open forum: everyone who reads it (every signed-up person, when it is open
    # for reading) opens topics and replies, moderated as any forum (flags, the
    # moderation queue, holds, rate limits, edit rules); its rooms keep the space's roles.
    open_forum: bool = False
    # Its members are kept elsewhere (a body's: bodies.services syncs them from its
    # members and terms): nobody adds or removes them on its member pages.
    members_kept_elsewhere: bool = False


class SpaceQuerySet(models.QuerySet):
    def forums(self):
        """Spaces whose pages are a forum (``KindRules.has_forum``)."""
        return self.exclude(kind__in=Space.kinds(has_forum=False))


class Space(ClusterableModel):
    class Kind(models.TextChoices):
        COHORT = "cohort", _("Course cohort")
        WORKSHOP = "workshop", _("Workshop follow-up")
        COMMUNITY = "community", _("Community of practice")
        OFFICE_HOURS = "office_hours", _("Expert office hours")
        NETWORK = "network", _("The whole network")
        QUESTION = "question", _("Question to experts")
        DIRECT = "direct", _("Direct messages")
        BODY = "body", _("A body of the network")

    # What each kind does (a new kind says it here, and nowhere else).
    RULES = {
        Kind.COHORT: KindRules(),
        Kind.WORKSHOP: KindRules(invites_experts=True),
        Kind.COMMUNITY: KindRules(members_only=True),
        # An expert's space holds sessions; each session's room is its own.
        Kind.OFFICE_HOURS: KindRules(has_forum=False, rooms="session"),
        # The network's hemispheric forum: every signed-up person speaks in it.
        Kind.NETWORK: KindRules(open_forum=True),
        # A question is a private conversation in its room, not a forum.
        Kind.QUESTION: KindRules(has_forum=False, rooms="question", private=True),
        # Direct messages between two to eight people: their room, nothing else.
        Kind.DIRECT: KindRules(has_forum=False, rooms="direct", private=True, members_only=True),
        # One of the network's bodies (a portal app keeps its members): a forum and a
        # room for the body's members only, never open to every signed-up person.
        Kind.BODY: KindRules(members_only=True, members_kept_elsewhere=True),
    }

    class JoinPolicy(models.TextChoices):
        LISTED = "listed", _("Coordinators add members")
        REQUEST = "request", _("People ask to join; a coordinator approves")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_translations = translations_field(_("name in other languages"))
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    cohort = models.OneToOneField(
        "lms.Cohort",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="space",
        verbose_name=_("cohort"),
        help_text=_("A cohort's space: its learners are members and its tutors moderate."),
    )
    readable_by_all = models.BooleanField(
        _("open for reading to every signed-up person"), default=False
    )
    purpose = models.TextField(
        _("purpose"), blank=True, help_text=_("Why the community exists (Markdown).")
    )
    purpose_html = SanitizedHTMLField(blank=True)
    areas_of_action = models.TextField(
        _("areas of action"), blank=True, help_text=_("One per line.")
    )
    join_policy = models.CharField(
        _("joining"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.LISTED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SpaceQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("name_translations", widget=TranslationsWidget),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("readable_by_all"),
        FieldPanel("purpose"),
        FieldPanel("areas_of_action"),
        FieldPanel("join_policy"),
        InlinePanel("memberships", label=_("Members")),
        InlinePanel("rooms", label=_("Chat rooms")),
        InlinePanel("categories", label=_("Forum categories")),
    ]

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language when it has been translated."""
        return in_reader_language(self.name, self.name_translations)

    @classmethod
    def kinds(cls, **rules) -> list[str]:
        """The kinds whose rules have these values: ``Space.kinds(has_forum=False)``."""
        return [
            kind
            for kind, declared in cls.RULES.items()
            if all(getattr(declared, name) == value for name, value in rules.items())
        ]

    @property
    def rules(self) -> KindRules:
        return self.RULES[self.kind]

    @property
    def has_forum(self) -> bool:
        return self.rules.has_forum

    def clean(self):
        super().clean()
        if self.rules.members_only and self.readable_by_all:
            # Its roster, forum and announcements are for its members.
            raise ValidationError(
                {"readable_by_all": _("A community of practice is for its members only.")}
            )

    def save(self, *args, **kwargs):
        self.purpose_html = render_markdown(self.purpose) if self.purpose else ""
        super().save(*args, **kwargs)

    @property
    def areas_of_action_list(self) -> list[str]:
        return [line.strip() for line in self.areas_of_action.splitlines() if line.strip()]


class SpaceMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")
        COORDINATOR = "coordinator", _("Coordinator")

    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="space_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    # The member decides which ways to reach them the other members see.
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    show_email = models.BooleanField(_("show my email address to the members"), default=False)
    show_phone = models.BooleanField(_("show my telephone to the members"), default=False)

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="forum_member_once")]

    def __str__(self):
        return f"{self.user} @ {self.space}"


class SpaceHold(models.Model):
    """A moderator put someone on hold in a space: they read, they do not post or chat.

    Kept apart from memberships: holding a cohort's learner must not make them
    a listed member who outlives their enrolment.
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="holds")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField(_("on hold until"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="forum_hold_once")]

    def __str__(self):
        return f"{self.user_id} on hold in {self.space_id} until {self.until:%Y-%m-%d}"
