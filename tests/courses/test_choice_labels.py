"""Taxonomy choice labels are built once per language and forgotten when the taxonomy changes."""

import pytest
from django.utils import translation

from courses.models import Theme
from portfolio.forms import SearchForm


@pytest.mark.django_db
def test_search_form_labels_cost_no_query_once_built(django_assert_num_queries):
    with translation.override("es"):
        str(SearchForm())
        with django_assert_num_queries(0):
            html = str(SearchForm())
    assert "Inspección del trabajo" in html
    with translation.override("en"):
        html = str(SearchForm())
    assert "Labour inspection" in html and "Inspección del trabajo" not in html


@pytest.mark.django_db
def test_a_renamed_theme_shows_at_once():
    with translation.override("en"):
        assert "Labour inspection" in str(SearchForm())
        theme = Theme.objects.get(code="labour-inspection")
        theme.name_en = "Inspection of workplaces"
        theme.save()
        html = str(SearchForm())
    assert "Inspection of workplaces" in html and "Labour inspection" not in html


@pytest.mark.django_db
def test_a_chosen_theme_is_still_checked_and_selected():
    theme = Theme.objects.get(code="labour-inspection")
    form = SearchForm({"theme": str(theme.pk)})
    assert form.is_valid() and form.cleaned_data["theme"] == theme
    assert f'<option value="{theme.pk}" selected>' in str(form["theme"])
    assert not SearchForm({"theme": "999999"}).is_valid()
