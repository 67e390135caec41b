"""The performance report as a PDF for the ministers, in one of the network's languages.

Made from ``selectors.report_for`` computed in that language (the caller switches
the language first): the foreword in that language (the secretariat's text as
cleaned HTML, lms/markup.py), the key figures, a chart of each priority line's
activities by status, then the tables of the page. A few pages; made in the request
(about a tenth of a second for the demo's plan, see tests/reports/test_pdf.py).
"""

from django.utils import formats
from django.utils.translation import gettext as _

from lms.pdf import UnicodePDF

BLUE, DARK, GREY, TEXT = (11, 79, 138), (7, 47, 84), (74, 85, 99), (27, 31, 36)
# Fulfilled, on-going, future: the page's colours.
NONE = "\u2013"  # an en dash where there is no value
STATUS_COLOURS = [(29, 107, 58), (154, 103, 0), (74, 85, 99)]


class _ReportPDF(UnicodePDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.report_title = title

    def footer(self):
        self.set_y(-12)
        self.font(8)
        self.set_text_color(*GREY)
        self.cell(0, 6, self.printable(f"{self.report_title} · {self.page_no()}"), align="C")

    def heading(self, text: str, size: float = 14):
        self.ln(3)
        self.font(size, bold=True)
        self.set_text_color(*DARK)
        self.multi_cell(0, size * 0.55, self.printable(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str, size: float = 10, colour=TEXT):
        self.font(size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, self.printable(text), new_x="LMARGIN", new_y="NEXT")

    def foreword(self, foreword):
        """The secretariat's text in the reader's language."""
        self.typed_text(foreword.text_html, foreword.text, TEXT)

    def grid(self, header: list, rows: list, widths=None):
        """A table with a header row; numbers right-aligned."""
        if not rows:
            self.paragraph(_("Nothing recorded."), 9, GREY)
            return
        self.font(8.5)
        self.set_text_color(*TEXT)
        with self.table(
            col_widths=widths,
            text_align="LEFT",
            line_height=4.6,
            headings_style=_headings(self),
            first_row_as_headings=True,
            padding=1,
        ) as table:
            for values in [header, *rows]:
                row = table.row()
                for value in values:
                    row.cell(self.printable(_text(value)))
        self.ln(2)

    def status_bars(self, lines, labels):
        """One stacked bar per priority line: its actions fulfilled, on-going, future."""
        widest = max((sum(n for _c, _l, n in line.counts) for line in lines), default=0)
        if not widest:
            return
        left, width = self.l_margin + 70, self.w - self.l_margin - self.r_margin - 80
        for line in lines:
            y = self.get_y()
            self.font(8.5)
            self.set_text_color(*TEXT)
            self.set_xy(self.l_margin, y)
            self.cell(68, 5, self.printable(_short(line.title, 48)))
            x = left
            for (_code, _label, n), colour in zip(line.counts, STATUS_COLOURS, strict=True):
                if n:
                    self.set_fill_color(*colour)
                    self.rect(x, y + 0.8, width * n / widest, 3.4, style="F")
                    x += width * n / widest
            self.set_xy(x + 1.5, y)
            self.cell(10, 5, str(sum(n for _c, _l, n in line.counts)))
            self.set_y(y + 5.5)
        # The legend.
        self.ln(1)
        x = self.l_margin
        y = self.get_y()
        for label, colour in zip(labels, STATUS_COLOURS, strict=True):
            self.set_fill_color(*colour)
            self.rect(x, y + 1, 3.4, 3.4, style="F")
            self.set_xy(x + 5, y)
            self.font(8)
            self.cell(40, 5, self.printable(label))
            x += 45
        self.set_y(y + 8)


def _headings(pdf):
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BLUE)


def _fewer(rows):
    """Counts hidden so that nobody can be told apart, said as such."""
    from reports.selectors import MIN_IN_A_CELL

    fewer = _("fewer than %(n)s") % {"n": MIN_IN_A_CELL}
    return [(label, fewer if n is None else n) for label, n in rows]


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _text(value) -> str:
    if value is None:
        return NONE
    if isinstance(value, int | float) or hasattr(value, "quantize"):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def report_pdf(*, report, language: str) -> bytes:
    """The report (``selectors.report_for`` in ``language``, already checked for the
    reader) as an A4 PDF."""
    plan = report.plan
    title = _("Performance report %(period)s") % {"period": plan.period}
    pdf = _ReportPDF(title)
    pdf.set_title(f"{title} · {plan.title}")
    pdf.set_author(_("Inter-American Network for Labor Administration"))
    pdf.set_lang(language)
    pdf.set_creation_date(report.generated_at)
    pdf.add_page()
    pdf.paragraph(_("Inter-American Network for Labor Administration"), 11, BLUE)
    pdf.paragraph("RIAL Campus", 9, GREY)
    pdf.ln(4)
    pdf.heading(title, 20)
    pdf.paragraph(plan.title, 13, DARK)
    pdf.paragraph(
        _("Written on %(date)s from what the platform recorded.")
        % {"date": formats.date_format(report.generated_at, "DATE_FORMAT")},
        9,
        GREY,
    )
    foreword = report.foreword(language)
    if foreword is not None:
        pdf.heading(_("Foreword"))
        pdf.foreword(foreword)

    pdf.heading(_("Key figures"))
    people, training = report.participation, report.training
    figures = [
        (_("Actions"), report.actions),
        *((label, n) for _code, label, n in report.counts),
        (_("Participants"), people.total),
        (_("Countries"), people.countries_reached),
        (_("Officials who completed a course"), training.completed),
        (_("Certificates issued"), training.certified),
        (_("Dialogues"), len(report.dialogues)),
        (_("Cooperation activities"), len(report.cooperation)),
        (_("Pilot projects"), len(report.pilots)),
        (_("Mean rating of the course surveys (1-5)"), training.rating),
    ]
    if report.evaluated.respondents:
        figures.append((_("Satisfaction in the evaluations (1-5)"), report.evaluated.satisfaction))
    if report.with_budget:
        figures.append((_("Budget executed (%)"), report.execution))
    pdf.grid([_("Figure"), _("Value")], figures, widths=(130, 44))

    pdf.heading(_("Activities per priority line"))
    labels = [label for _code, label, _n in report.counts]
    pdf.status_bars(report.lines, labels)
    pdf.grid(
        [_("Priority line"), *labels],
        [[line.title, *(n for _c, _l, n in line.counts)] for line in report.lines],
        widths=(94, 26, 26, 28),
    )
    for number, line in enumerate(report.lines, start=1):
        pdf.heading(f"{number}. {line.title}", 11)
        pdf.grid(
            [_("Action"), _("Status"), _("Participants"), _("Countries")],
            [
                [row.action.title, row.status_label, row.participants, len(row.countries)]
                for row in line.actions
            ],
            widths=(94, 30, 26, 24),
        )

    pdf.heading(_("Participants"))
    pdf.grid(
        [_("Country"), _("Participants"), *people.constituency_labels],
        [[row.name, row.total, *row.by_constituency] for row in people.countries],
    )
    if people.sex is not None:
        pdf.grid([_("Sex"), _("Participants")], _fewer(people.sex), widths=(130, 44))
    pdf.heading(_("Officials trained and certified"), 12)
    pdf.grid(
        [_("Cohort"), _("Enrolled"), _("Completed"), _("Certified"), _("Mean rating (1-5)")],
        [
            [row.name, row.enrolled, row.completed, row.certified, row.rating]
            for row in training.cohorts
        ],
        widths=(74, 25, 25, 25, 25),
    )
    pdf.heading(_("Ministries in each dialogue"), 12)
    pdf.grid(
        [_("Dialogue"), _("Ministries")],
        [[item.title, ", ".join(item.countries) or NONE] for item in report.dialogues],
        widths=(70, 104),
    )
    pdf.heading(_("Cooperation activities"), 12)
    pdf.grid(
        [_("Topic"), _("Status"), _("Between"), _("Results")],
        [
            [
                item.topic,
                item.status,
                " → ".join([item.providing, ", ".join(item.beneficiaries)]),
                ", ".join(item.results) or NONE,
            ]
            for item in report.cooperation
        ],
        widths=(60, 24, 50, 40),
    )
    pdf.heading(_("Pilot projects"), 12)
    pdf.grid(
        [_("Pilot project"), _("Ministries"), _("Status"), _("Funding sought"), _("Obtained")],
        [
            [
                item.title,
                ", ".join([item.leading, *item.partners]),
                item.status,
                f"{_text(item.sought)} {item.currency}",
                f"{_text(item.obtained)} {item.currency}",
            ]
            for item in report.pilots
        ],
        widths=(54, 40, 22, 29, 29),
    )
    pdf.heading(_("What participants said"), 12)
    pdf.grid(
        [_("Evaluation of"), _("Answers"), _("Satisfaction (1-5)"), _("Usefulness (1-5)")],
        [
            [row.title, row.respondents, row.satisfaction, row.usefulness]
            for row in report.evaluations
        ],
        widths=(86, 26, 31, 31),
    )
    if report.with_budget:
        pdf.heading(_("Budget executed"), 12)
        pdf.grid(
            [_("Priority line"), _("Approved (USD)"), _("Spent to date (USD)"), _("Executed (%)")],
            [
                *([line.title, line.approved, line.spent, line.execution] for line in report.lines),
                [_("Total of the plan"), report.approved, report.spent, report.execution],
            ],
            widths=(86, 32, 32, 24),
        )
    return bytes(pdf.output())
