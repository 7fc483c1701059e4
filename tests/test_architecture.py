"""Dependencies point one way (tui/cli -> export -> store -> domain) and start-up stays light.

These read the source rather than trusting conventions, so a stray import fails the build.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _modules(folder: str = "") -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def _offenders(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in files
        for name in sorted(_imports(path))
        if name.split(".")[0] in forbidden or name.startswith(forbidden)
    ]


def test_only_tui_imports_textual():
    outside = [p for p in _modules() if "tui" not in p.relative_to(PACKAGE).parts]
    assert _offenders(outside, ("textual",)) == []


def test_domain_is_pure():
    forbidden = ("sqlmodel", "sqlalchemy", "alembic", "textual", "typer", "workbench.store",
                 "workbench.export", "workbench.tui", "workbench.cli", "workbench.service",
                 "workbench.commands")
    assert _offenders(_modules("domain"), forbidden) == []


def test_store_does_not_reach_up():
    forbidden = ("textual", "typer", "workbench.export", "workbench.tui", "workbench.cli",
                 "workbench.commands", "workbench.service")
    assert _offenders(_modules("store"), forbidden) == []


def test_export_does_not_reach_up():
    forbidden = ("textual", "typer", "workbench.tui", "workbench.cli", "workbench.commands",
                 "workbench.service")
    assert _offenders(_modules("export"), forbidden) == []


def test_service_does_not_reach_up():
    forbidden = ("textual", "typer", "workbench.tui", "workbench.cli", "workbench.commands")
    assert _offenders(_modules("service"), forbidden) == []


def test_screens_widgets_and_dialogs_reach_the_store_only_through_the_service():
    """One screen-to-store path: the app's service, called from workers. No SQL, no
    sessions, no repositories in anything that draws."""
    forbidden = ("sqlmodel", "sqlalchemy", "alembic", "workbench.store")
    files = [p for folder in ("tui/screens", "tui/widgets", "tui/dialogs")
             for p in _modules(folder)]
    assert files, "the TUI folders moved; update this test"
    assert _offenders(files, forbidden) == []


def test_no_module_calls_another_modules_private_helpers():
    calls = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__")
                    and isinstance(node.value, ast.Name)
                    and node.value.id in ("repo", "slo_repo", "ar", "assessment_repo",
                                          "persona_repo", "story_map_repo", "lifecycle")):
                calls.append(f"{path.relative_to(PACKAGE.parent)}: {node.value.id}.{node.attr}")
    assert calls == []


@pytest.mark.slow
def test_help_does_not_import_textual_or_sqlmodel():
    code = (
        "import sys\n"
        "from workbench.cli import app\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(app, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = sorted(m for m in ('textual', 'sqlmodel', 'sqlalchemy', 'alembic')"
        " if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
