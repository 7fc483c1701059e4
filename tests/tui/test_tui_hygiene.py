"""Only workbench/tui may import Textual; the TUI's data helpers stay free of it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import workbench

PACKAGE = Path(workbench.__file__).parent
IMPORTS_TEXTUAL = re.compile(r"^\s*(from|import)\s+textual\b", re.MULTILINE)


def test_only_the_tui_package_imports_textual():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tui" not in path.relative_to(PACKAGE).parts
        and IMPORTS_TEXTUAL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_sections_and_the_service_import_without_textual():
    code = (
        "import sys, workbench.tui.sections, workbench.service.teams; "
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_one_clock_in_the_tui():
    """Screens ask ``app.today()``; only its fallback (no service yet) reads the real date."""
    import ast

    calls = []
    for path in (PACKAGE / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in ("today", "now")
                    and isinstance(node.value, ast.Name)
                    and node.value.id in ("date", "datetime")):
                calls.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert len(calls) == 1 and calls[0].startswith("tui/app.py:"), calls


def test_config_and_paths_import_without_textual_or_sql():
    code = (
        "import sys, workbench.config, workbench.paths, workbench.tui.sections; "
        "sys.exit(any(m in sys.modules for m in ('textual', 'sqlmodel', 'sqlalchemy')))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
