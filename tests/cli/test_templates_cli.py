"""``workbench templates`` (list, copy) and the overrides row of ``workbench paths``, on the
demo workspace (BharatMart, override folder ``<home>/templates/bharatmart``)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.paths import templates_dir

runner = CliRunner()
BASICS = templates_dir() / "export" / "teams-and-services.md.j2"


@pytest.fixture
def folder(isolated_home):
    return isolated_home / "templates" / "bharatmart"


def bundled_names() -> list[str]:
    return sorted(p.name for p in (templates_dir() / "export").glob("*.md.j2"))


def test_list_shows_every_bundled_template_in_force(cli, folder, ok):
    lines = ok(cli("templates", "list")).splitlines()
    assert lines[0].split() == ["TEMPLATE", "IN", "FORCE", "PATH", "PROBLEM"]
    rows = [line.split() for line in lines[1:len(bundled_names()) + 1]]
    assert rows == [[name, "bundled", str(templates_dir() / "export" / name)]
                    for name in bundled_names()]
    assert lines[-2:] == ["", f"Overrides for BharatMart: {folder} (start one with: "
                              "workbench templates copy NAME)"]


def test_list_json(cli, folder, ok):
    data = json.loads(ok(cli("templates", "list", "--json")))
    assert data["workspace"] == "BharatMart"
    assert data["overrides_folder"] == str(folder)
    assert [t["name"] for t in data["templates"]] == bundled_names()
    basics = next(t for t in data["templates"] if t["name"] == "teams-and-services.md.j2")
    assert basics == {"name": "teams-and-services.md.j2", "short_name": "teams-and-services",
                      "source": "bundled", "path": str(BASICS), "bundled_path": str(BASICS),
                      "problem": None}


def test_copy_writes_the_override_and_list_shows_it(cli, folder, ok):
    result = cli("templates", "copy", "teams-and-services")
    target = folder / "teams-and-services.md.j2"
    assert ok(result) == f"{target}\n"
    assert result.stderr == ("Edit it, then run: workbench export (it is used for BharatMart "
                             "only; delete it to go back to the bundled template)\n")
    assert target.read_text(encoding="utf-8") == BASICS.read_text(encoding="utf-8")
    target.write_text("# {{ workspace.name }\n", encoding="utf-8")
    (folder / "teams-and-service.md.j2").write_text("typo\n", encoding="utf-8")
    lines = ok(cli("templates", "list")).splitlines()
    row = next(line for line in lines if line.startswith("teams-and-services.md.j2"))
    assert row.split() == ["teams-and-services.md.j2", "override", str(target), "line", "1:",
                           "unexpected", "'}'"]
    typo = next(line for line in lines if line.startswith("teams-and-service.md.j2"))
    assert typo.split()[:3] == ["teams-and-service.md.j2", "unused",
                                str(folder / "teams-and-service.md.j2")]
    assert typo.endswith("did you mean teams-and-services.md.j2?")


def test_copy_again_is_refused_and_force_replaces(cli, folder, ok, one_line_error):
    ok(cli("templates", "copy", "export/teams-and-services.md.j2"))
    target = folder / "teams-and-services.md.j2"
    target.write_text("mine\n", encoding="utf-8")
    line = one_line_error(cli("templates", "copy", "teams-and-services.md.j2"), 1)
    assert line == (f"error: an override already exists at {target}; edit it, or copy with "
                    "--force to replace it with the bundled template")
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert ok(cli("templates", "copy", "teams-and-services", "--force")) == f"{target}\n"
    assert target.read_text(encoding="utf-8") == BASICS.read_text(encoding="utf-8")


def test_copy_of_an_unknown_name_is_one_line(cli, folder, one_line_error):
    line = one_line_error(cli("templates", "copy", "nope"), 1)
    shorts = ", ".join(n.removesuffix(".md.j2") for n in bundled_names())
    assert line == f"error: no bundled template is called 'nope'; choose one of: {shorts}"
    assert not folder.exists()


def test_export_with_a_broken_override_is_one_line_and_writes_nothing(cli, folder, tmp_path,
                                                                      one_line_error):
    folder.mkdir(parents=True)
    broken = folder / "teams-and-services.md.j2"
    broken.write_text("# {{ workspace.name }}\n{{ workspace.missionx }}\n", encoding="utf-8")
    out = tmp_path / "out"
    line = one_line_error(cli("export", "--out", str(out)), 2)
    assert line == (f"error: {broken}:2: template teams-and-services.md.j2: 'workspace' has "
                    "no attribute 'missionx' (fix the template, or delete the override to "
                    "use the bundled one)")
    assert not out.exists()


def test_policy_export_uses_the_override(cli, folder, ok):
    folder.mkdir(parents=True)
    (folder / "error-budget-policy.md.j2").write_text("Policy {{ name | md }} of "
                                                      "{{ workspace_name | md }}\n", "utf-8")
    assert ok(cli("policy", "export", "checkout")) == "Policy checkout of BharatMart\n"


def paths_row(output: str) -> str:
    row = next(line for line in output.splitlines()
               if line.startswith("templates (overrides)"))
    return row.removeprefix("templates (overrides)").strip()


def test_paths_shows_the_current_workspaces_override_folder(cli, folder, isolated_home, ok):
    assert paths_row(ok(runner.invoke(app, ["paths"]))) == str(
        isolated_home / "templates" / "<workspace>")
    ok(cli("templates", "list"))  # BharatMart becomes the last used workspace
    output = ok(runner.invoke(app, ["paths"]))
    assert paths_row(output) == str(folder)
    bundled = next(line for line in output.splitlines() if line.startswith("bundled templates"))
    assert bundled.split()[-1] == str(templates_dir())
    other = ok(runner.invoke(app, ["paths", "--workspace", "Acme Retail"]))
    assert paths_row(other) == str(isolated_home / "templates" / "acme-retail")
