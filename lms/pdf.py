"""PDF documents in every language of the network (fpdf2).

The core PDF fonts know Latin-1 only; Debian's DejaVu fonts (installed with
chromium, package fonts-dejavu-core) cover Spanish, Portuguese, French and
names from anywhere. Without them, text falls back to Latin-1 with
replacement marks rather than failing.
"""

from pathlib import Path

from fpdf import FPDF

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu")]


class UnicodePDF(FPDF):
    def __init__(self, **options):
        super().__init__(**options)
        self.unicode = False
        for directory in FONT_DIRS:
            regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
            if regular.exists() and bold.exists():
                self.add_font("Body", "", str(regular))
                self.add_font("Body", "B", str(bold))
                self.unicode = True
                break

    def font(self, size: float, bold: bool = False):
        if self.unicode:
            self.set_font("Body", "B" if bold else "", size)
        else:
            self.set_font("Helvetica", "B" if bold else "", size)

    def printable(self, text: str) -> str:
        """``text`` as the current font can print it."""
        if self.unicode:
            return text
        return text.encode("latin-1", "replace").decode("latin-1")
