"""Counts are translated with their plural forms ("1 member", "2 members"), never
with a fixed plural ("ready with 1 members")."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["cms", "config", "cooperation", "courses", "events", "forum", "library", "lms"]
APPS += ["newsletter", "portfolio", "priorities", "search", "bodies"]
NOUNS = (
    "members|minutes|hours|days|weeks|seconds|lines|people|learners|seats|accounts"
    "|invitations|applications|messages|results|questions|votes|experts|problems"
)
# A fixed bound ("at most 500 characters", "between 15 and 120 minutes") is always plural.
COUNTED = re.compile(rf"(?<!at most )(?<!Between )(?<!and )%\((\w+)\)s ({NOUNS})\b")
BLOCK_WITH = re.compile(r"{% blocktranslate(?: trimmed)? with (.*?)%}(.*?){% endblocktranslate %}")
GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy"}


def _gettext_strings(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        text = node.args[-1]
        if name in GETTEXT and isinstance(text, ast.Constant) and isinstance(text.value, str):
            yield text.value


def test_python_counts_go_through_ngettext():
    fixed = [
        f"{path.relative_to(ROOT)}: {text}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for text in _gettext_strings(path)
        if COUNTED.search(text)
    ]
    assert fixed == []


def test_template_counts_go_through_blocktranslate_count():
    fixed = []
    for path in (ROOT / "templates").rglob("*.html"):
        for names, body in BLOCK_WITH.findall(path.read_text()):
            if "{% plural %}" in body:
                continue  # "with a=... count b=...": counted
            for name in re.findall(r"(\w+)=", names):
                if re.search(rf"(?<!at least ){{{{ {name} }}}} ({NOUNS})\b", body):
                    fixed.append(f"{path.relative_to(ROOT)}: {body}")
    assert fixed == []


def test_the_checks_see_a_fixed_plural():
    assert COUNTED.search("The follow-up space is ready with %(n)s members.")
    assert not COUNTED.search("At most %(n)s characters; yours has %(length)s.")
    block = "{% blocktranslate trimmed with n=x %}ready with {{ n }} members{% endblocktranslate %}"
    assert BLOCK_WITH.findall(block) == [("n=x ", "ready with {{ n }} members")]
