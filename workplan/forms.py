"""The Wagtail admin's forms for plans and actions (they apply the rules of
``workplan.services`` and record the changes allowed), and the approval's confirmation."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from workplan import services


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
        self._before = {}

    def clean(self):
        data = super().clean()
        _add(self, services.action_value_errors(**data))
        stored = self.instance
        if stored.pk:
            stored = type(stored).objects.select_related("line__plan").get(pk=stored.pk)
            self._before = services.action_snapshot(stored)
        _add(
            self,
            services.action_edit_errors(
                action=stored, changed=set(self.changed_data), new_line=data.get("line")
            ),
        )
        return data

    def save(self, commit=True):
        action = super().save(commit=commit)
        if commit and self._before:
            action = type(action).objects.select_related("line__plan").get(pk=action.pk)
            services.action_changes_record(actor=self.for_user, action=action, before=self._before)
        return action


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm the body approved this plan: its lines and actions will not change."),
        required=True,
    )

    def clean_confirm(self):
        if not self.cleaned_data.get("confirm"):
            raise ValidationError(_("Tick the box to confirm."))
        return True
