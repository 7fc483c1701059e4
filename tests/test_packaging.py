"""The built wheel carries everything an installed workbench reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_templates_assessments_and_migrations(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT, check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("sre_workbench-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    def shipped(folder: str, prefix: str) -> set[str]:
        return {
            f"{prefix}/{p.relative_to(ROOT / folder).as_posix()}"
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }

    expected = (
        shipped("templates", "workbench/_data/templates")
        | shipped("assessments", "workbench/_data/assessments")
        | shipped("workbench/store/migrations", "workbench/store/migrations")
    )
    assert {n for n in expected if n.endswith((".yaml", ".j2", ".md", ".py", ".mako"))}
    assert expected - names == set()
    assert "workbench/tui/app.tcss" in names
    assert not any("__pycache__" in n for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "workbench = workbench.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
