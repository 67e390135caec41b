"""Reading the demo's texts from ``demo/data/``.

Two kinds of file, both UTF-8:

- TOML (Python's ``tomllib``) for records: people, spaces, programmes, quizzes...
  Text that the site stores as Markdown source (posts, descriptions, programme
  fields) is a TOML string and is stored exactly as written.
- Markdown for rich text the site stores as HTML (lesson text, activity
  instructions, the "About RIAL" page): ``markdown_html`` turns it into the
  HTML a Wagtail rich-text field holds. A Markdown file may start with TOML
  front matter between two ``+++`` lines (the Hugo convention).
"""

import tomllib
from functools import cache
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt

DATA = Path(__file__).resolve().parent / "data"
FRONT_MATTER = "+++"


def read_toml(path: str | Path) -> dict:
    """The TOML file at ``path`` (relative to ``demo/data/`` unless absolute)."""
    with (DATA / path).open("rb") as fh:
        return tomllib.load(fh)


def numbered(folder: str | Path) -> list[Path]:
    """The entries of ``folder`` whose names start with a number (``2-quiz.es.toml``),
    in the order of that number."""
    entries = [path for path in (DATA / folder).iterdir() if path.name[:1].isdigit()]
    return sorted(entries, key=lambda path: int(path.name.split("-", 1)[0]))


def read_markdown(path: str | Path) -> tuple[dict, str]:
    """The front matter (an empty dict if none) and the Markdown body of ``path``."""
    text = (DATA / path).read_text(encoding="utf-8")
    meta = {}
    if text.startswith(FRONT_MATTER + "\n"):
        head, separator, text = text[len(FRONT_MATTER) + 1 :].partition("\n" + FRONT_MATTER + "\n")
        if not separator:
            raise ValueError(f"{path}: front matter is not closed by a {FRONT_MATTER} line")
        meta = tomllib.loads(head)
    return meta, text.strip()


@cache
def _markdown() -> MarkdownIt:
    # CommonMark with raw HTML off. A line break inside a paragraph is a space
    # (the files wrap their lines), and text escapes only what HTML needs.
    md = MarkdownIt("commonmark", {"html": False})
    md.add_render_rule("softbreak", lambda *args: " ")
    md.add_render_rule(
        "text", lambda self, tokens, idx, options, env: escape(tokens[idx].content, quote=False)
    )
    return md


def markdown_html(text: str) -> str:
    """Wagtail rich text from Markdown: ``<h2>``, ``<p>``, lists, bold, on one line."""
    return _markdown().render(text).replace("\n", "")


def markdown_paragraphs(text: str) -> list[str]:
    """Each paragraph of ``text`` as its own ``<p>...</p>``."""
    return [markdown_html(paragraph) for paragraph in text.split("\n\n") if paragraph.strip()]
