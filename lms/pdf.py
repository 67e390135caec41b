"""PDF documents in every language of the network (fpdf2).

The core PDF fonts know Latin-1 only; Debian's DejaVu fonts (installed with
chromium, package fonts-dejavu-core) cover Spanish, Portuguese, French and
names from anywhere. Without them, text falls back to Latin-1 with
replacement marks rather than failing.
"""

import logging
from pathlib import Path

from fpdf import FPDF
from fpdf.errors import FPDFException
from fpdf.fonts import TextStyle

logger = logging.getLogger(__name__)

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu")]


# Every style HTML can ask for (regular, bold, italic, both), and a fixed-width face
# for code: fpdf2 otherwise falls back to its Latin-1 core fonts, and fails.
FACES = {
    ("Body", ""): "DejaVuSans.ttf",
    ("Body", "B"): "DejaVuSans-Bold.ttf",
    ("Body", "I"): "DejaVuSans-Oblique.ttf",
    ("Body", "BI"): "DejaVuSans-BoldOblique.ttf",
    ("Mono", ""): "DejaVuSansMono.ttf",
    ("Mono", "B"): "DejaVuSansMono-Bold.ttf",
    ("Mono", "I"): "DejaVuSansMono-Oblique.ttf",
    ("Mono", "BI"): "DejaVuSansMono-BoldOblique.ttf",
}


class UnicodePDF(FPDF):
    def __init__(self, **options):
        super().__init__(**options)
        self.unicode = False
        for directory in FONT_DIRS:
            if all((directory / name).exists() for name in FACES.values()):
                for (family, style), name in FACES.items():
                    self.add_font(family, style, str(directory / name))
                self.unicode = True
                break

    def font(self, size: float, bold: bool = False):
        if self.unicode:
            self.set_font("Body", "B" if bold else "", size)
        else:
            self.set_font("Helvetica", "B" if bold else "", size)

    @property
    def body_family(self) -> str:
        return "Body" if self.unicode else "Helvetica"

    @property
    def code_family(self) -> str:
        return "Mono" if self.unicode else "Courier"

    def printable(self, text: str) -> str:
        """``text`` as the current font can print it."""
        if self.unicode:
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    def typed_text(self, html, source: str, colour=(27, 31, 36)):
        """What someone typed, as its cleaned HTML (lms/markup.py); if fpdf2 cannot lay
        some of it out, as plain paragraphs of its source: the PDF is always made."""
        styles = {
            tag: TextStyle(font_family=self.code_family, color=colour) for tag in ("code", "pre")
        }
        self.font(10)
        self.set_text_color(*colour)
        html = self.printable(str(html))
        try:
            with self.offset_rendering() as trial:
                trial.write_html(html, font_family=self.body_family, tag_styles=styles)
        except (FPDFException, ValueError, KeyError):
            logger.warning("Typed HTML could not be laid out: printed as plain text")
            for paragraph in source.split("\n\n"):
                self.multi_cell(
                    0, 5, self.printable(paragraph.strip()), new_x="LMARGIN", new_y="NEXT"
                )
                self.ln(1)
        else:
            self.write_html(html, font_family=self.body_family, tag_styles=styles)
        self.ln(2)
