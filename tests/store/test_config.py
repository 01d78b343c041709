from __future__ import annotations

from pathlib import Path

import pytest

from supportgym.store import config


def test_defaults_to_dot_supportgym_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("SUPPORTGYM_DATA_DIR", raising=False)
    monkeypatch.delenv("SUPPORTGYM_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    expected = tmp_path.resolve() / ".supportgym"
    assert config.data_dir() == expected
    assert expected.is_dir()
    assert config.database_url() == f"sqlite:///{expected / 'supportgym.db'}"


def test_data_dir_from_the_environment_is_created_absolute(data_dir, monkeypatch):
    monkeypatch.chdir(data_dir.parent)
    monkeypatch.setenv("SUPPORTGYM_DATA_DIR", "relative/data")
    path = data_dir.parent.resolve() / "relative" / "data"
    assert config.data_dir() == path
    assert path.is_dir()


def test_database_url_from_the_environment(data_dir, monkeypatch):
    monkeypatch.setenv("SUPPORTGYM_DATABASE_URL", "postgresql+psycopg://u@db/supportgym")
    assert config.database_url() == "postgresql+psycopg://u@db/supportgym"


@pytest.mark.parametrize(
    ("folder", "kind"), [(config.run_dir, "runs"), (config.report_dir, "reports")]
)
def test_artefact_folders_are_in_the_data_dir_and_not_created(data_dir, folder, kind):
    path = folder(7)
    assert path == Path(data_dir).resolve() / kind / "7"
    assert not path.exists()
