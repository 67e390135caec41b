"""Checking uploaded files by what they contain, not by what they are called.

Used by assignment submissions (lms) and forum attachments (forum): each keeps
its own list of accepted types and its own messages.
"""


def upload_extension(upload) -> str:
    """ ".pdf", ".docx"... in lower case; "" when the name has none."""
    name = upload.name or ""
    return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


def content_matches(upload, magic: bytes | None) -> bool:
    """Does the file start as its type says? ``magic=None`` means UTF-8 text.

    Reads the first 2 KB and puts the file back at its start.
    """
    head = upload.read(2048)
    upload.seek(0)
    if magic is not None:
        return head.startswith(magic)
    # The first 2 KB may end in the middle of a character: allow for that.
    sample = head if len(head) < 2048 else head[:-3]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
