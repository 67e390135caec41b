"""Files shared in chat messages: the forum's rules (types by content, sizes), served
only to people who may read the room, over the plain form and the script's JSON."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forum.models import ChatFile, Message
from forum.services import ChatError, chat_message_delete, chat_message_send

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def upload(name="acta.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def post_url():
    return reverse("forum:room_post", kwargs={"slug": "red-general"})


def test_a_file_goes_with_a_message_and_only_the_room_opens_it(client, community):
    client.force_login(community["alice"])
    response = client.post(
        post_url(),
        {
            "client_id": str(uuid.uuid4()),
            "body": "El acta",
            "file": [upload(), upload("foto.png", PNG)],
        },
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert [f["name"] for f in message.files_given] == ["acta.pdf", "foto.png"]
    assert [f["image"] for f in message.files_given] == [False, True]
    room_html = client.get(reverse("forum:room", kwargs={"slug": "red-general"})).content.decode()
    pdf_url = reverse("forum:chat_file", kwargs={"file_id": message.files_given[0]["id"]})
    assert pdf_url in room_html
    client.force_login(community["bruno"])
    assert client.get(pdf_url).status_code == 200
    client.force_login(community["outsider"])
    assert client.get(pdf_url).status_code == 404
    # A deleted message takes its files with it.
    chat_message_delete(actor=community["alice"], room=community["room"], seq=message.seq)
    client.force_login(community["bruno"])
    assert client.get(pdf_url).status_code == 404


def test_files_follow_the_forums_rules(community, settings):
    def send(*files, body="x"):
        return chat_message_send(
            user=community["alice"],
            room=community["room"],
            client_id=uuid.uuid4(),
            body=body,
            files=list(files),
        )

    with pytest.raises(ChatError, match=r"no corresponde|does not match"):
        send(upload("falso.pdf", b"MZ\x90\x00 not a pdf"))
    with pytest.raises(ChatError):
        send(upload("script.html", b"<script>alert(1)</script>"))
    settings.RIAL_ATTACHMENT_MAX_BYTES = 20
    with pytest.raises(ChatError):
        send(upload())
    settings.RIAL_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    with pytest.raises(ChatError):
        send(upload("a.pdf"), upload("b.pdf"), upload("c.pdf"), upload("d.pdf"))
    assert ChatFile.objects.count() == 0 and Message.objects.count() == 0
    # A file alone is a message; nothing alone is not.
    sent = send(upload(), body="")
    assert sent.created and sent.message.files_given[0]["name"] == "acta.pdf"
    with pytest.raises(ChatError):
        send(body="")


def test_the_rooms_script_gets_json(client, community):
    client.force_login(community["alice"])
    ok = client.post(
        post_url(),
        {"client_id": str(uuid.uuid4()), "body": "", "file": upload()},
        HTTP_ACCEPT="application/json",
    )
    assert ok.status_code == 200 and ok.json() == {"id": 1}
    refused = client.post(
        post_url(),
        {"client_id": str(uuid.uuid4()), "body": "", "file": upload("x.exe", b"MZ")},
        HTTP_ACCEPT="application/json",
    )
    assert refused.status_code == 400 and refused.json()["code"] == "invalid"
