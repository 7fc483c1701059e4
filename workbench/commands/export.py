"""``workbench export``: every artifact of a workspace as Markdown and YAML files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.commands.common import WorkspaceOpt, open_db, report_written, today
from workbench.errors import UsageError


def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into (created).")],
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated formats: md, yaml, ics "
                          "(on-call shifts), paging (paging-tool YAML), csv (on-call "
                          "hours).")
    ] = "md,yaml",
    workspace: WorkspaceOpt = None,
) -> None:
    """Export the workspace's artifacts as Markdown and YAML files (who is overdue for
    contact is worked out for today)."""
    from workbench.export.registry import available_formats, export_workspace

    chosen = {f.strip().lower() for f in formats.split(",") if f.strip()}
    unknown = chosen - set(available_formats())
    if not chosen or unknown:
        raise UsageError(
            f"--format {formats!r} is not valid; choose from {', '.join(available_formats())}"
        )
    db = open_db()
    try:
        from workbench.store.db import reading
        from workbench.store.session import choose_workspace

        with reading(db.engine) as session:
            ws = choose_workspace(session, workspace)
        written = export_workspace(db.engine, ws, out, chosen, today=today())
    finally:
        db.engine.dispose()
    report_written(written, out)
