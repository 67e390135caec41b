"""Replace the taxonomy with another table of areas and themes, keeping what
records say about themes.

``taxonomy_replace`` is run by a data migration with the migration's
``apps``: it finds every model that points at a theme (many-to-many fields and
foreign keys, in any app, without importing them), moves each record from a
theme the new table drops to the theme ``replaced`` names, and writes a
TaxonomyChange row for each record it touched, so the secretariat can read what
moved and what could not be mapped (those records lose the theme).
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

MOVED, MERGED, UNMAPPED = "moved", "merged", "unmapped"
LABEL_FIELDS = ("name", "title", "display_name", "headline")


@dataclass
class Summary:
    moved: int = 0
    merged: int = 0
    unmapped: list[str] = field(default_factory=list)  # "record: theme" lines
    removed_themes: list[str] = field(default_factory=list)


def _theme_label(theme) -> str:
    return f"{theme.code} ({theme.name_es} / {theme.name_en})"


def _record_labels(model, ids) -> dict:
    """pk -> a readable label, in one query (historical models have no __str__)."""
    names = [f.name for f in model._meta.concrete_fields]
    label_field = next((name for name in LABEL_FIELDS if name in names), None)
    if label_field is None:
        return {}
    return dict(model.objects.filter(pk__in=ids).values_list("pk", label_field))


def _load_table(Area, Theme, areas) -> dict:
    """Create or update the table's areas and themes; return the themes by code."""
    themes = {}
    for area_order, (code, es, en, pt, fr, area_themes) in enumerate(areas):
        area, _created = Area.objects.update_or_create(
            code=code,
            defaults={
                "name_es": es,
                "name_en": en,
                "name_pt": pt,
                "name_fr": fr,
                "sort_order": area_order,
            },
        )
        for theme_order, (theme_code, t_es, t_en, t_pt, t_fr) in enumerate(area_themes):
            themes[theme_code], _created = Theme.objects.update_or_create(
                code=theme_code,
                defaults={
                    "area": area,
                    "name_es": t_es,
                    "name_en": t_en,
                    "name_pt": t_pt,
                    "name_fr": t_fr,
                    "sort_order": theme_order,
                },
            )
    return themes


class _Mover:
    """Moves the records of one old theme to its new theme (or off it), relation by relation."""

    def __init__(self, Change, summary: Summary):
        self.Change = Change
        self.summary = summary

    def record(self, model, pk, labels, old, new, outcome):
        label = labels.get(pk) or f"{model._meta.verbose_name} {pk}"
        self.Change.objects.create(
            record_type=f"{model._meta.app_label}.{model._meta.model_name}",
            record_id=str(pk),
            record=str(label)[:300],
            old_theme=_theme_label(old)[:300],
            new_theme=_theme_label(new)[:300] if new else "",
            outcome=outcome,
        )
        if outcome == MOVED:
            self.summary.moved += 1
        elif outcome == MERGED:
            self.summary.merged += 1
        else:
            self.summary.unmapped.append(
                f"{model._meta.app_label}.{model._meta.model_name} {pk} "
                f"«{label}»: {_theme_label(old)}"
            )

    def many_to_many(self, owner, m2m, old, new):
        """``owner.m2m`` is a many-to-many field to Theme: move its through rows."""
        through = m2m.remote_field.through
        source = m2m.m2m_field_name()
        target = m2m.m2m_reverse_field_name()
        rows = list(through.objects.filter(**{target: old}).values_list("pk", f"{source}_id"))
        if not rows:
            return
        labels = _record_labels(owner, [owner_id for _pk, owner_id in rows])
        having_new = set()
        if new is not None:
            having_new = set(
                through.objects.filter(**{target: new}).values_list(f"{source}_id", flat=True)
            )
        for pk, owner_id in rows:
            if new is None:
                outcome = UNMAPPED
                through.objects.filter(pk=pk).delete()
            elif owner_id in having_new:
                outcome = MERGED
                through.objects.filter(pk=pk).delete()
            else:
                outcome = MOVED
                through.objects.filter(pk=pk).update(**{target: new})
                having_new.add(owner_id)
            self.record(owner, owner_id, labels, old, new, outcome)

    def foreign_key(self, model, fk, old, new):
        """``model.fk`` is a foreign key to Theme."""
        ids = list(model.objects.filter(**{fk.name: old}).values_list("pk", flat=True))
        labels = _record_labels(model, ids)
        for pk in ids:
            rows = model.objects.filter(pk=pk)
            outcome = UNMAPPED
            if new is not None:
                try:
                    with transaction.atomic():
                        rows.update(**{fk.name: new})
                    outcome = MOVED
                except IntegrityError:
                    # A uniqueness rule (one theme per answer, ...): the record
                    # already names the new theme once.
                    outcome = MERGED
            if outcome != MOVED:
                if fk.null:
                    rows.update(**{fk.name: None})
                else:
                    rows.delete()
            self.record(model, pk, labels, old, new, outcome)


def _fields_to(apps, target) -> list[tuple]:
    """(model, field) for every foreign key and many-to-many field to ``target`` in
    ``apps`` (auto-created through tables are reached through their field)."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for pointer in (*model._meta.local_fields, *model._meta.local_many_to_many):
            if pointer.is_relation and pointer.remote_field.model is target:
                found.append((model, pointer))
    return found


def taxonomy_replace(apps, *, areas, replaced: dict[str, str]) -> Summary:
    """Make the areas and themes exactly ``areas``; move records from each other theme
    to ``replaced[code]`` (or off it when there is no such entry), then delete it."""
    Area = apps.get_model("courses", "Area")
    Theme = apps.get_model("courses", "Theme")
    Change = apps.get_model("courses", "TaxonomyChange")
    summary = Summary()
    themes = _load_table(Area, Theme, areas)
    mover = _Mover(Change, summary)
    pointers = _fields_to(apps, Theme)
    for old in Theme.objects.exclude(code__in=themes).order_by("code"):
        new = themes.get(replaced.get(old.code))
        for model, pointer in pointers:
            if pointer.many_to_many:
                mover.many_to_many(model, pointer, old, new)
            else:
                mover.foreign_key(model, pointer, old, new)
        summary.removed_themes.append(old.code)
        old.delete()
    Area.objects.exclude(code__in=[code for code, *_rest in areas]).delete()
    return summary
