"""The Wagtail admin's forms for plans and actions (they apply the rules of
``workplan.services`` and record the changes allowed), and the approval's confirmation."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from workplan import services
from workplan.models import WorkPlan


def _add(form, errors: dict) -> None:
    for name, message in errors.items():
        form.add_error(name if name in form.fields else None, message)


class WorkPlanAdminForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        lines = self.formsets.get("lines") if hasattr(self, "formsets") else None
        _add(
            self,
            services.plan_edit_errors(
                plan=self.instance,
                changed=set(self.changed_data),
                lines_changed=bool(lines is not None and lines.has_changed()),
            ),
        )
        return data


class ActionAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "line" in self.fields:
            field = self.fields["line"]
            field.queryset = field.queryset.select_related("plan").order_by(
                "-plan__start_year", "sort_order"
            )
            field.label_from_instance = lambda line: f"{line.plan.period} · {line.title}"

    def clean(self):
        data = super().clean()
        _add(self, services.action_value_errors(**data))
        stored = self.instance
        if stored.pk:
            stored = type(stored).objects.select_related("line__plan").get(pk=stored.pk)
        _add(
            self,
            services.action_edit_errors(
                action=stored, changed=set(self.changed_data), new_line=data.get("line")
            ),
        )
        return data

    def save(self, commit=True):
        """Check again under the plans' lock: an approval committed after ``clean()`` must
        not let this edit change what was approved, nor change it unrecorded (the view
        shows a ``ValidationError`` raised here as the form's error)."""
        if not commit:
            return super().save(commit=False)
        model = type(self.instance)
        with transaction.atomic():
            stored = self.instance
            if stored.pk:
                stored = model.objects.select_related("line__plan").get(pk=stored.pk)
            new_line = self.cleaned_data.get("line")
            plan_pks = {
                line.plan_id for line in (new_line, stored.line if stored.pk else None) if line
            }
            locked = WorkPlan.objects.select_for_update().filter(pk__in=plan_pks).order_by("pk")
            list(locked)
            if stored.pk:  # the plan as it is now, under the lock
                stored = model.objects.select_related("line__plan").get(pk=stored.pk)
            if new_line is not None:
                new_line = type(new_line).objects.select_related("plan").get(pk=new_line.pk)
            errors = services.action_edit_errors(
                action=stored, changed=set(self.changed_data), new_line=new_line
            )
            if errors:
                raise ValidationError(list(errors.values()))
            before = services.action_snapshot(stored)
            action = super().save(commit=True)
            if before:
                action = model.objects.select_related("line__plan").get(pk=action.pk)
                services.action_changes_record(actor=self.for_user, action=action, before=before)
        return action


class FunderAdminForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        _add(
            self, services.funder_edit_errors(funder=self.instance, changed=set(self.changed_data))
        )
        return data


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm the body approved this plan: its lines and actions will not change."),
        required=True,
    )

    def clean_confirm(self):
        if not self.cleaned_data.get("confirm"):
            raise ValidationError(_("Tick the box to confirm."))
        return True
