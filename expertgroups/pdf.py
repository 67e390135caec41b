"""The ad-hoc group's opinion as a PDF, in the opinion's language (the caller switches
to it): the question, the body that asked, the opinion's text (cleaned HTML, lms/markup.py)
and its signatures with their dates and the text's fingerprint, so a printed copy can be
checked against the platform. One or a few pages, made in the request."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from expertgroups.models import Consultation, Signature
from lms.pdf import UnicodePDF

DARK, GREY, TEXT = (7, 47, 84), (74, 85, 99), (27, 31, 36)


class _OpinionPDF(UnicodePDF):
    def __init__(self, footer: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=18)
        self.footer_text = footer

    def footer(self):
        self.set_y(-12)
        self.font(8)
        self.set_text_color(*GREY)
        self.cell(0, 6, self.printable(f"{self.footer_text} · {self.page_no()}"), align="C")

    def line_of_text(self, text: str, size: float = 10, bold=False, colour=TEXT):
        self.font(size, bold=bold)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, self.printable(text), new_x="LMARGIN", new_y="NEXT")


def opinion_pdf(consultation: Consultation, signatures: list[Signature]) -> bytes:
    draft = consultation.status != Consultation.Status.DELIVERED
    pdf = _OpinionPDF(_("Technical opinion of an ad-hoc group of experts of RIAL"))
    pdf.add_page()
    if draft:
        pdf.line_of_text(_("Draft: not delivered"), 11, bold=True, colour=(154, 103, 0))
        pdf.ln(2)
    pdf.line_of_text(_("Technical opinion"), 18, bold=True, colour=DARK)
    pdf.ln(2)
    pdf.line_of_text(consultation.question, 12, bold=True)
    pdf.ln(2)
    asked = _("Asked by %(body)s") % {"body": consultation.asked_by.name}
    if consultation.meeting_id:
        asked += " · " + consultation.meeting.title
    pdf.line_of_text(asked, 9, colour=GREY)
    if consultation.delivered_at:
        pdf.line_of_text(
            _("Delivered on %(date)s")
            % {"date": formats.date_format(timezone.localdate(consultation.delivered_at))},
            9,
            colour=GREY,
        )
    pdf.ln(4)
    pdf.typed_text(consultation.opinion_html, consultation.opinion, TEXT)
    pdf.ln(4)
    pdf.line_of_text(_("Signatures"), 12, bold=True, colour=DARK)
    if not signatures:
        pdf.line_of_text(_("Not signed yet."), 10, colour=GREY)
    for signature in signatures:
        person = signature.user
        pdf.line_of_text(
            _("%(name)s, signed on %(date)s")
            % {
                "name": person.get_full_name() or person.email,
                "date": formats.date_format(
                    timezone.localtime(signature.signed_at), "DATETIME_FORMAT"
                ),
            },
            10,
        )
    if consultation.signed_text:
        pdf.ln(2)
        pdf.line_of_text(
            _("Fingerprint of the signed text (SHA-256): %(hash)s")
            % {"hash": consultation.signed_text},
            7.5,
            colour=GREY,
        )
    return bytes(pdf.output())
