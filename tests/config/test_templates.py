"""Every template of ours compiles (a typo in a rarely seen page fails here, not in use)."""

from pathlib import Path

import pytest
from django.template.loader import get_template

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
NAMES = sorted(
    str(path.relative_to(TEMPLATES))
    for path in TEMPLATES.rglob("*")
    if path.suffix in {".html", ".txt"}
)


@pytest.mark.parametrize("name", NAMES)
def test_template_compiles(name):
    get_template(name)


def test_no_template_marks_text_safe_by_hand():
    offenders = [
        name
        for name in NAMES
        if "|safe" in (TEMPLATES / name).read_text()
        or ("autoescape off" in (TEMPLATES / name).read_text() and not name.endswith(".txt"))
    ]
    assert offenders == []
