"""Where files live (``workbench.paths``) and the settings file (``workbench.config``): the
layers, the one-line warnings for a broken file, and atomic writes."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from workbench import paths
from workbench.config import Settings, load_settings, save_settings


def test_workbench_home_holds_data_and_config(isolated_home):
    assert paths.home() == isolated_home
    assert paths.config_dir() == isolated_home
    assert paths.config_file() == isolated_home / "config.toml"
    assert paths.state_file() == isolated_home / "state.json"


def test_without_workbench_home_config_goes_to_the_platform_config_dir(monkeypatch):
    from platformdirs import user_config_path, user_data_path

    monkeypatch.delenv("WORKBENCH_HOME")
    assert paths.config_dir() == user_config_path("sre-workbench", appauthor=False)
    assert paths.home() == user_data_path("sre-workbench", appauthor=False)


def test_no_file_means_defaults_without_warnings():
    loaded = load_settings(environ={})
    assert loaded.settings == Settings()
    assert loaded.warnings == ()
    assert loaded.path == paths.config_file()


def test_layers_file_then_environment_then_overrides():
    save_settings(theme="nord")
    assert load_settings(environ={}).settings.theme == "nord"
    env = {"WORKBENCH_THEME": "dracula"}
    assert load_settings(environ=env).settings.theme == "dracula"
    assert load_settings(environ=env, theme="gruvbox").settings.theme == "gruvbox"
    assert load_settings(environ=env, theme=None).settings.theme == "dracula"


@pytest.mark.parametrize("content, expected", [
    ('theme = "nord\n', "Ignoring the settings file"),
    ("theme = [1, 2]\n", "theme must be a name in quotes"),
    ('theme = "   "\n', "theme must be a name in quotes"),
    (b"theme = '\xff'\n", "Ignoring the settings file"),
])
def test_broken_file_gives_one_line_and_defaults(content, expected):
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    loaded = load_settings(environ={})
    assert loaded.settings == Settings()
    assert len(loaded.warnings) == 1
    assert expected in loaded.warnings[0]
    assert "\n" not in loaded.warnings[0]


def test_unreadable_path_warns(tmp_path):
    folder = tmp_path / "is-a-folder.toml"
    folder.mkdir()
    loaded = load_settings(path=folder, environ={})
    assert loaded.settings == Settings()
    assert loaded.warnings and "Could not read the settings file" in loaded.warnings[0]


def test_empty_environment_value_counts_as_unset():
    save_settings(theme="nord")
    loaded = load_settings(environ={"WORKBENCH_THEME": "  "})
    assert loaded.settings.theme == "nord"
    assert loaded.warnings == ()  # an empty variable counts as not set
    loaded = load_settings(environ={"WORKBENCH_THEME": "monokai"})
    assert loaded.settings.theme == "monokai"


def test_save_keeps_unknown_keys_and_round_trips_odd_text():
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('future_key = "keep me"\nanswer = 42\nflag = true\n[table]\nx = 1\n',
                    encoding="utf-8")
    save_settings(theme='qu"ote\\back\ttab é')
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# SRE Workbench settings.")
    assert 'future_key = "keep me"' in text and "answer = 42" in text and "flag = true" in text
    assert load_settings(environ={}).settings.theme == 'qu"ote\\back\ttab é'
    save_settings(theme=None)  # None removes the key
    assert "theme" not in path.read_text(encoding="utf-8")
    assert load_settings(environ={}).settings.theme is None


def test_save_over_a_broken_file_keeps_it_aside():
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("this is [not toml", encoding="utf-8")
    save_settings(theme="nord")
    assert (path.parent / "config.toml.broken").read_text(encoding="utf-8") == \
        "this is [not toml"
    assert load_settings(environ={}).settings.theme == "nord"


def test_atomic_write_replaces_whole_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "deep" / "file.txt"
    paths.write_text_atomically(target, "one")
    paths.write_text_atomically(target, "two")
    assert target.read_text(encoding="utf-8") == "two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.txt"]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "file.txt"
    paths.write_text_atomically(target, "old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        paths.write_text_atomically(target, "new")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_concurrent_saves_never_leave_a_mixed_file():
    themes = [f"theme-{n}" for n in range(20)]
    threads = [threading.Thread(target=save_settings, kwargs={"theme": t}) for t in themes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    loaded = load_settings(environ={})
    assert loaded.warnings == ()
    assert loaded.settings.theme in themes
    assert [p.name for p in Path(paths.config_dir()).iterdir()] == ["config.toml"]


def test_state_file_is_still_merged_and_private():
    paths.write_state(last_db="sqlite:///x.db")
    paths.write_state(last_workspace="Acme")
    assert paths.read_state() == {"last_db": "sqlite:///x.db", "last_workspace": "Acme"}
    if os.name == "posix":
        assert stat.S_IMODE(paths.state_file().stat().st_mode) == 0o600
