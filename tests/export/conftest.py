"""Golden-folder comparison shared by the export tests (as fixtures, so no test imports
another test module). ``UPDATE_GOLDEN=1 pytest tests/export``
rewrites the folders; review the diff before committing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def files_under(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def assert_matches_golden(out: Path, golden: Path) -> None:
    actual = files_under(out)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(out, golden)
        pytest.skip("golden files rewritten; review the diff")
    expected = files_under(golden)
    assert sorted(actual) == sorted(expected), "set UPDATE_GOLDEN=1 to regenerate"
    for name, text in expected.items():
        assert actual[name] == text, f"{name} differs; set UPDATE_GOLDEN=1 to regenerate"


@pytest.fixture
def golden():
    """``golden(out_dir, golden_dir)`` asserts the exported folder equals the golden one."""
    return assert_matches_golden


@pytest.fixture
def tree():
    """``tree(folder)``: every file below ``folder`` as {relative path: text}."""
    return files_under
