"""The deployment's static storage (config/storage.py) gives the manifest's hashed
address of a name, works it out once, and keeps nothing it could not find."""

import json

import pytest

from config.storage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps(
            {"version": "1.1", "hash": "x", "paths": {"css/site.css": "css/site.0a1b2c.css"}}
        )
    )
    return StaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_the_address_is_the_manifest_s_and_worked_out_once(storage, monkeypatch):
    assert storage.url("css/site.css") == "/static/css/site.0a1b2c.css"
    looked_up = []
    stored_name = type(storage).stored_name
    monkeypatch.setattr(
        type(storage),
        "stored_name",
        lambda self, name: looked_up.append(name) or stored_name(self, name),
    )
    assert storage.url("css/site.css") == "/static/css/site.0a1b2c.css"
    assert looked_up == []


def test_a_name_missing_from_the_manifest_fails_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("js/none.js")
    assert "js/none.js" not in storage._urls


def test_with_debug_the_name_is_given_as_it_is(storage, settings):
    settings.DEBUG = True
    assert storage.url("css/site.css") == "/static/css/site.css"
    settings.DEBUG = False
    assert storage.url("css/site.css") == "/static/css/site.0a1b2c.css"
