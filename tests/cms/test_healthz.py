import pytest
from django.urls import reverse

from cms import views


@pytest.mark.django_db
def test_healthz_checks_database_and_channel_layer(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "channel_layer": "ok"},
    }
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_channel_layer_fails(client, monkeypatch):
    def broken():
        raise ConnectionError("redis is down")

    monkeypatch.setattr(views, "_check_channel_layer", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "channel_layer": "error"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken():
        raise RuntimeError("database is down")

    monkeypatch.setattr(views, "_check_database", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"


@pytest.mark.django_db
def test_healthz_refuses_writes(client):
    assert client.post(reverse("healthz")).status_code == 405
