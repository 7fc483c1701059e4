"""Export templates a coach overrides per workspace (``workbench.export.templates``): which
file is in force, one-line problems naming the file, line and field, copying a bundled
template, and exports that write nothing when an override is broken."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from workbench.domain.stakeholders import Chart, default_plan
from workbench.errors import ConflictError, NotFoundError, UsageError
from workbench.export import export_workspace, slugify
from workbench.export.markdown import environment
from workbench.export.stakeholder_markdown import ChartReport, render_markdown
from workbench.export.templates import (
    BUNDLED_HINT,
    OVERRIDE_HINT,
    OverrideLoader,
    TemplateProblem,
    bundled_templates,
    copy_template,
    render_template,
    template_environment,
    templates_for,
    user_templates_dir,
)
from workbench.paths import templates_dir

EXPORT_PACKAGE = Path(__file__).resolve().parents[2] / "workbench" / "export"
BASICS = "export/teams-and-services.md.j2"
BASICS_VALUES = {"workspace": {"name": "Acme", "description": ""}, "generated_at": None,
                 "teams": [], "services": [], "unowned": 0}
DAY = date(2026, 11, 25)
TEMPLATE_NAME = re.compile(r"[a-z0-9_-][a-z0-9/_-]*\.md\.j2")


def bundled_names() -> list[str]:
    return sorted(p.name for p in (templates_dir() / "export").glob("*.md.j2"))


def problem_of(env, name: str, values: dict) -> TemplateProblem:
    with pytest.raises(TemplateProblem) as caught:
        render_template(env, name, values)
    return caught.value


# --- where overrides live ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["BharatMart", "Acme Retail", "Zahlungsverkehr Über",
                                  "Ærø | <b>Corp</b>", "CON", "🚀", "", "x" * 80, "a--b  c"])
def test_override_folder_is_named_like_the_export_folder(name, isolated_home):
    folder = user_templates_dir(name)
    assert folder.parent == isolated_home / "templates"
    assert folder.name == slugify(name, fallback="workspace")


# --- bundled templates ---------------------------------------------------------------------------


def test_bundled_templates_are_every_file_in_the_bundled_folder_and_all_parse():
    found = bundled_templates()
    assert [t.name for t in found] == bundled_names()
    assert "teams-and-services.md.j2" in [t.name for t in found]
    basics = next(t for t in found if t.name == "teams-and-services.md.j2")
    assert basics.short_name == "teams-and-services"
    assert basics.jinja_name == BASICS
    assert basics.path == basics.bundled_path == templates_dir() / BASICS
    assert [(t.source, t.problem) for t in found] == [("bundled", None)] * len(found)


def _template_names_in(path: Path) -> tuple[set[str], list[str]]:
    """Template names written in a module (docstrings aside), and the first arguments of
    its ``.render(...)`` calls that are not literals (names of constants)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    literals = {node.value for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings and TEMPLATE_NAME.fullmatch(node.value)}
    constants = [node.args[0].id for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                 and node.func.attr == "render" and node.args
                 and isinstance(node.args[0], ast.Name)]
    return literals, constants


def _string_constants(path: Path) -> dict[str, str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {target.id: node.value.value for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in node.targets if isinstance(target, ast.Name)}


def test_every_template_the_exporters_name_is_a_bundled_file():
    modules = sorted(EXPORT_PACKAGE.rglob("*.py"))
    constants: dict[str, str] = {}
    for module in modules:
        constants.update(_string_constants(module))
    names: set[str] = set()
    for module in modules:
        literals, rendered = _template_names_in(module)
        names |= literals
        for constant in rendered:
            assert constant in constants, f"{module.name}: render({constant}) is no constant"
            names.add(constants[constant])
    assert len(names) >= 6, sorted(names)
    assert all(n.startswith("export/") for n in names), sorted(names)
    missing = sorted(n for n in names if not (templates_dir() / n).is_file())
    assert missing == []


# --- which file is in force ----------------------------------------------------------------------


def test_override_wins_for_its_workspace_only_and_deleting_it_brings_the_bundled_back(override):
    env = template_environment("Acme")
    bundled = render_template(env, BASICS, BASICS_VALUES)
    assert bundled.startswith("# Acme: teams and services\n")
    path = override("Acme", "teams-and-services.md.j2", "Ours: {{ workspace.name | md }}\n")
    # the cached environment notices the new file
    assert render_template(template_environment("Acme"), BASICS, BASICS_VALUES) == "Ours: Acme\n"
    other = render_template(template_environment("Other"), BASICS, BASICS_VALUES)
    assert other == bundled
    assert render_template(template_environment(None), BASICS, BASICS_VALUES) == bundled
    path.write_text("Changed {{ unowned }}, longer\n", encoding="utf-8")
    assert render_template(env, BASICS, BASICS_VALUES) == "Changed 0, longer\n"
    path.unlink()
    assert render_template(env, BASICS, BASICS_VALUES) == bundled


def test_list_shows_the_override_in_force_and_files_that_match_nothing(isolated_home, override):
    folder = isolated_home / "templates" / "acme-retail"
    override("Acme Retail", "teams-and-services.md.j2", "{{ workspace.name }\n")
    override("Acme Retail", "teams-and-service.md.j2", "typo in the name\n")
    override("Acme Retail", "notes.txt", "mine\n")
    override("Acme Retail", ".teams-and-services.md.j2.swp", "editor\n")
    (folder / "export").mkdir()
    found = templates_for("Acme Retail")
    by_name = {t.name: t for t in found}
    assert [t.name for t in found] == [*bundled_names(), "export", "notes.txt",
                                       "teams-and-service.md.j2"]
    basics = by_name["teams-and-services.md.j2"]
    assert (basics.source, basics.path) == ("override", folder / "teams-and-services.md.j2")
    assert basics.bundled_path == templates_dir() / BASICS
    assert basics.problem == "line 1: unexpected '}'"
    assert by_name["teams-and-service.md.j2"].source == "unused"
    assert by_name["teams-and-service.md.j2"].bundled_path is None
    assert by_name["teams-and-service.md.j2"].problem == (
        "matches no bundled template; did you mean teams-and-services.md.j2?")
    assert by_name["notes.txt"].problem == "matches no bundled template; name it after one of them"
    assert by_name["export"].problem == f"a folder: put override files directly in {folder}"
    others = [t for t in found if t.source == "bundled"]
    assert len(others) == len(bundled_names()) - 1
    assert by_name["teams-and-services.md.j2"].as_dict() == {
        "name": "teams-and-services.md.j2", "short_name": "teams-and-services",
        "source": "override", "path": str(folder / "teams-and-services.md.j2"),
        "bundled_path": str(templates_dir() / BASICS), "problem": "line 1: unexpected '}'"}


def test_list_names_a_misspelt_filter(override):
    override("Acme", "teams-and-services.md.j2", "ok\n{{ workspace.name | mdx }}\n")
    basics = next(t for t in templates_for("Acme") if t.name == "teams-and-services.md.j2")
    assert basics.problem == "line 2: No filter named 'mdx'."


# --- one-line problems -----------------------------------------------------------------------


def test_strict_undefined_names_the_file_line_and_field(override):
    path = override("Acme", "teams-and-services.md.j2",
                    "# {{ workspace.name | md }}\n{% for team in teams %}\n"
                    "- {{ team.name | md }}: {{ team.missionx | md }}\n{% endfor %}\n")
    values = {**BASICS_VALUES, "teams": [{"name": "Payments", "mission": "pay"}]}
    problem = problem_of(template_environment("Acme"), BASICS, values)
    assert str(problem) == (f"{path}:3: template teams-and-services.md.j2: 'team' has no "
                            f"attribute 'missionx' {OVERRIDE_HINT}")
    assert isinstance(problem, UsageError) and problem.exit_code == 2
    assert (problem.path, problem.line, problem.override) == (str(path), 3, True)


def test_an_undefined_name_is_named_too(override):
    path = override("Acme", "teams-and-services.md.j2", "a\n\n{{ missing_value }}\n")
    problem = problem_of(template_environment("Acme"), BASICS, BASICS_VALUES)
    assert str(problem) == (f"{path}:3: template teams-and-services.md.j2: 'missing_value' "
                            f"is undefined {OVERRIDE_HINT}")


def test_a_syntax_error_names_its_line(override):
    path = override("Acme", "teams-and-services.md.j2", "one\ntwo\n{{ workspace.name }\n")
    problem = problem_of(template_environment("Acme"), BASICS, BASICS_VALUES)
    assert str(problem) == (f"{path}:3: template teams-and-services.md.j2: unexpected '}}' "
                            f"{OVERRIDE_HINT}")
    assert problem.line == 3


def test_an_exception_raised_by_a_filter_names_the_template_line(override):
    path = override("Acme", "teams-and-services.md.j2",
                    "{{ workspace.name }}\n{{ teams | map(attribute='name') | sum }}\n")
    values = {**BASICS_VALUES, "teams": [{"name": "Payments"}]}
    problem = problem_of(template_environment("Acme"), BASICS, values)
    assert str(problem) == (f"{path}:2: template teams-and-services.md.j2: TypeError: "
                            f"unsupported operand type(s) for +: 'int' and 'str' "
                            f"{OVERRIDE_HINT}")


def test_a_filter_called_wrongly_and_a_missing_include_name_the_line(override):
    path = override("Acme", "teams-and-services.md.j2", "{{ workspace.name | md(2) }}\n")
    problem = problem_of(template_environment("Acme"), BASICS, BASICS_VALUES)
    assert str(problem).startswith(f"{path}:1: template teams-and-services.md.j2: TypeError: ")
    path.write_text("x\n{% include 'export/nope.md.j2' %}\n", encoding="utf-8")
    problem = problem_of(template_environment("Acme"), BASICS, BASICS_VALUES)
    assert str(problem) == (f"{path}:2: template teams-and-services.md.j2: there is no "
                            f"template 'export/nope.md.j2' to load {OVERRIDE_HINT}")


def test_an_override_that_is_not_utf8_names_the_line_of_the_bad_byte():
    path = user_templates_dir("Acme") / "teams-and-services.md.j2"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"fine\nalso fine\nbad \xff here\n")
    problem = problem_of(template_environment("Acme"), BASICS, BASICS_VALUES)
    assert str(problem) == (f"{path}:3: template teams-and-services.md.j2: the file is not "
                            f"UTF-8 text; save it as UTF-8 {OVERRIDE_HINT}")


def test_a_failing_bundled_template_asks_for_a_bug_report(tmp_path):
    bundled = tmp_path / "bundled"
    (bundled / "export").mkdir(parents=True)
    (bundled / "export" / "x.md.j2").write_text("ok\n{{ nope.field }}\n", encoding="utf-8")
    env = environment(loader=OverrideLoader(bundled, tmp_path / "overrides"))
    problem = problem_of(env, "export/x.md.j2", {})
    assert str(problem) == (f"{bundled / 'export' / 'x.md.j2'}:2: template x.md.j2: 'nope' "
                            f"is undefined {BUNDLED_HINT}")
    assert problem.override is False
    missing = problem_of(template_environment(None), "export/missing.md.j2", {})
    assert str(missing) == (f"{templates_dir() / 'export' / 'missing.md.j2'}: template "
                            f"missing.md.j2: there is no template 'export/missing.md.j2' to "
                            f"load {BUNDLED_HINT}")
    assert missing.line is None


def test_a_failure_in_an_included_override_names_that_file(tmp_path):
    bundled = tmp_path / "bundled" / "export"
    bundled.mkdir(parents=True)
    (bundled / "x.md.j2").write_text("top\n{% include 'export/y.md.j2' %}\n", "utf-8")
    (bundled / "y.md.j2").write_text("fine\n", encoding="utf-8")
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "y.md.j2").write_text("one\n{{ 1 // zero }}\n", encoding="utf-8")
    env = environment(loader=OverrideLoader(bundled.parent, overrides))
    problem = problem_of(env, "export/x.md.j2", {"zero": 0})
    assert str(problem) == (f"{overrides / 'y.md.j2'}:2: template y.md.j2: "
                            f"ZeroDivisionError: integer division or modulo by zero "
                            f"{OVERRIDE_HINT}")


def test_render_markdown_uses_the_workspace_override_when_named(override):
    report = ChartReport(workspace="Acme", chart=Chart((), default_plan(), 0), today=DAY)
    bundled = render_markdown(report)
    override("Acme", "stakeholder-chart.md.j2", "Chart of {{ title_workspace | md }}\n")
    assert render_markdown(report, workspace_name="Acme") == "Chart of Acme\n"
    assert render_markdown(report) == bundled
    assert render_markdown(report, workspace_name="Other") == bundled
    override("Acme", "stakeholder-chart.md.j2", "{{ title_workspacex }}\n")
    with pytest.raises(TemplateProblem, match=r":1: template stakeholder-chart\.md\.j2: "
                                              r"'title_workspacex' is undefined"):
        render_markdown(report, workspace_name="Acme")


# --- copying -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["teams-and-services", "teams-and-services.md.j2",
                                  "export/teams-and-services.md.j2", " Teams-And-Services "])
def test_copy_accepts_each_way_of_naming_a_template(name, isolated_home):
    path = copy_template("Acme Retail", name)
    assert path == isolated_home / "templates" / "acme-retail" / "teams-and-services.md.j2"
    assert path.read_text(encoding="utf-8") == (templates_dir() / BASICS).read_text("utf-8")


def test_copy_refuses_to_overwrite_unless_forced():
    path = copy_template("Acme", "teams-and-services")
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(ConflictError) as caught:
        copy_template("Acme", "teams-and-services")
    assert str(caught.value) == (f"an override already exists at {path}; edit it, or copy "
                                 "with --force to replace it with the bundled template")
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert copy_template("Acme", "teams-and-services", force=True) == path
    assert path.read_text(encoding="utf-8") == (templates_dir() / BASICS).read_text("utf-8")


def test_copy_of_an_unknown_name_lists_the_names():
    with pytest.raises(NotFoundError) as caught:
        copy_template("Acme", "team-charterx")
    shorts = ", ".join(n.removesuffix(".md.j2") for n in bundled_names())
    assert str(caught.value) == ("no bundled template is called 'team-charterx'; choose one "
                                 f"of: {shorts}")
    assert not user_templates_dir("Acme").exists()


# --- exports ------------------------------------------------------------------------------


def test_a_working_override_changes_the_export(demo, tmp_path, override):
    engine, workspace = demo
    override(workspace.name, "teams-and-services.md.j2",
             "# {{ workspace.name | md }}\n\n{{ teams | length }} teams\n")
    [path] = export_workspace(engine, workspace, tmp_path / "out", {"md"}, {"workspace"})
    assert path.read_text(encoding="utf-8") == "# BharatMart\n\n5 teams\n"


def test_a_broken_override_writes_nothing(demo, tmp_path, tree, override):
    engine, workspace = demo
    path = override(workspace.name, "stakeholder-chart.md.j2", "ok\n{{ people.missionx }}\n")
    out = tmp_path / "fresh"
    with pytest.raises(TemplateProblem) as caught:
        export_workspace(engine, workspace, out, {"md", "yaml"})
    assert str(caught.value) == (f"{path}:2: template stakeholder-chart.md.j2: 'people' is "
                                 f"undefined {OVERRIDE_HINT}")
    assert not out.exists() or list(out.rglob("*")) == []


def test_a_broken_override_leaves_an_earlier_export_as_it_was(demo, tmp_path, tree, override):
    engine, workspace = demo
    out = tmp_path / "out"
    written = export_workspace(engine, workspace, out, {"md", "yaml"})
    before = tree(out)
    assert len(before) == len(written) > 5
    override(workspace.name, "teams-and-services.md.j2", "{% for t in teams %}\n")
    with pytest.raises(TemplateProblem, match=r"teams-and-services\.md\.j2:1: template "):
        export_workspace(engine, workspace, out, {"md", "yaml"})
    assert tree(out) == before
