"""PDF documents in every language of the network (fpdf2).

The core PDF fonts know Latin-1 only; Debian's DejaVu fonts (installed with
chromium, package fonts-dejavu-core) cover Spanish, Portuguese, French and
names from anywhere. Without them, text falls back to Latin-1 with
replacement marks rather than failing.
"""

from pathlib import Path

from fpdf import FPDF

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
