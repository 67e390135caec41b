"""Wagtail's user admin, adapted to our people: full name and RIAL roles.

The secretariat grants roles here, and verifies the actor type a person declared
on their profile (only a verified one is shown beside their name). Saving goes
through ``lms.services.roles_set`` and ``profile_actor_type_verify`` so the same
permission checks apply as everywhere else.
"""

import django_filters
from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.users import forms as wagtail_forms
from wagtail.users.views import users as wagtail_views

from lms import services
from lms.choices import ActorType, Role
from lms.forms import country_choices
from lms.models import Profile, User


class _RialUserFields(forms.Form):
    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    rial_roles = forms.MultipleChoiceField(
        label=_("RIAL roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Roles decide what a person can do on the campus; only the secretariat grants them."
        ),
    )

    def clean_full_name(self):
        return services.people.clean_name(self.cleaned_data["full_name"])

    def _init_roles(self):
        if self.instance.pk:
            self.initial.setdefault(
                "rial_roles", list(self.instance.role_grants.values_list("role", flat=True))
            )


class RialUserCreationForm(_RialUserFields, wagtail_forms.UserCreationForm):
    class Meta(wagtail_forms.UserCreationForm.Meta):
        fields = {"email", "full_name", "is_superuser", "groups"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("rial_roles", [Role.PARTICIPANT])


class RialUserEditForm(_RialUserFields, wagtail_forms.UserEditForm):
    class Meta(wagtail_forms.UserEditForm.Meta):
        fields = {"email", "full_name", "is_active", "is_superuser", "groups"}

    def __init__(self, *args, **kwargs):
        editing_self = kwargs.get("editing_self", False)
        super().__init__(*args, **kwargs)
        if editing_self:
            # Like Wagtail's own "Administrator" box: nobody changes their own roles.
            del self.fields["rial_roles"]
        else:
            self._init_roles()
            # A focal point's country is their ministry: the secretariat sets it here
            # (they cannot change it on their own profile).
            self.fields["country"] = forms.ChoiceField(
                label=_("Country"), choices=country_choices(), required=False
            )
            profile = getattr(self.instance, "profile", None) if self.instance.pk else None
            self.initial.setdefault("country", profile.country if profile else "")
            if profile is not None and profile.actor_type:
                self.fields["actor_type_verified"] = forms.BooleanField(
                    label=_("Actor type verified"),
                    required=False,
                    help_text=_verification_help(profile),
                )
                self.initial.setdefault(
                    "actor_type_verified", profile.actor_type_verified_at is not None
                )
                # What the secretariat saw: a type the person changed meanwhile is not
                # verified unseen (clean_actor_type_verified).
                self.fields["actor_type_seen"] = forms.CharField(
                    widget=forms.HiddenInput, required=False, initial=profile.actor_type
                )

    def clean_actor_type_verified(self):
        verified = self.cleaned_data.get("actor_type_verified")
        if verified and self.instance.pk:
            seen = self.data.get(self.add_prefix("actor_type_seen"), "")
            now = Profile.objects.filter(user=self.instance).values_list("actor_type", flat=True)
            if seen != (now.first() or ""):
                raise forms.ValidationError(
                    _("They changed what they declared meanwhile: look at it again.")
                )
        return verified


def _verification_help(profile) -> str:
    """What the person declared, and who verified it when (for the secretariat)."""
    declared = gettext("They say they speak for: %(kind)s.") % {
        "kind": profile.get_actor_type_display()
    }
    if profile.actor_type_verified_at is None:
        return (
            declared
            + " "
            + gettext("Not verified yet: tick to show it as a badge beside their name.")
        )
    verified = gettext("Verified by %(person)s on %(date)s.") % {
        "person": profile.actor_type_verified_by.get_full_name()
        if profile.actor_type_verified_by
        else gettext("someone no longer here"),
        "date": date_format(localtime(profile.actor_type_verified_at), "DATETIME_FORMAT"),
    }
    return declared + " " + verified


class _SaveRolesMixin:
    def save_instance(self):
        instance = super().save_instance()
        services.profile_ensure(user=instance)
        if "country" in self.form.fields and "country" in self.form.changed_data:
            services.people.profile_country_set(
                actor=self.request.user, user=instance, country=self.form.cleaned_data["country"]
            )
        if "actor_type_verified" in self.form.changed_data:
            services.profile_actor_type_verify(
                actor=self.request.user,
                user=instance,
                verified=self.form.cleaned_data["actor_type_verified"],
            )
        if "rial_roles" in self.form.fields:
            services.roles_set(
                actor=self.request.user,
                user=instance,
                roles=self.form.cleaned_data.get("rial_roles", []),
            )
        return instance


# Templates: templates/wagtailusers/users/lms/user/{create,edit}.html, found by
# the viewset's template prefix for this model.
class RialUserCreateView(_SaveRolesMixin, wagtail_views.CreateView):
    pass


class RialUserEditView(_SaveRolesMixin, wagtail_views.EditView):
    pass


class RialUserFilterSet(wagtail_views.UserFilterSet):
    role = django_filters.ChoiceFilter(
        label=_("RIAL role"),
        choices=Role.choices,
        field_name="role_grants__role",
        distinct=True,
    )

    voice = django_filters.ChoiceFilter(
        label=_("Actor type"),
        choices=[("unverified", _("Declared, to verify")), *ActorType.choices],
        method="filter_voice",
    )

    def filter_voice(self, queryset, name, value):
        """People who declared an actor type the secretariat has not verified yet, or
        people of one actor type (verified or not)."""
        if value == "unverified":
            return queryset.filter(
                profile__actor_type__gt="", profile__actor_type_verified_at__isnull=True
            )
        return queryset.filter(profile__actor_type=value)

    class Meta(wagtail_views.UserFilterSet.Meta):
        model = User


class RialUserIndexView(wagtail_views.IndexView):
    @property
    def search_fields(self):
        return ["email", "full_name"]

    def order_queryset(self, queryset):
        if self.ordering == "name":
            return queryset.order_by("full_name", "email")
        if self.ordering == "-name":
            return queryset.order_by("-full_name", "-email")
        return super().order_queryset(queryset)


class RialUserViewSet(wagtail_views.UserViewSet):
    index_view_class = RialUserIndexView
    add_view_class = RialUserCreateView
    edit_view_class = RialUserEditView
    filterset_class = RialUserFilterSet

    def get_form_class(self, for_update=False):
        return RialUserEditForm if for_update else RialUserCreationForm
