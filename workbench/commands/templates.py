"""``workbench templates``: the Markdown export templates a workspace uses (``list``) and
copying a bundled one into the workspace's override folder to change it (``copy``).

Decisions:
- ``list`` shows every bundled template with the file in force for the workspace, then any
  file in the override folder that matches no bundled template (``unused``), so a misspelt
  file name is visible. A template that does not parse shows its problem; the command still
  exits 0 (``workbench export`` is what refuses to use it).
- ``copy`` prints the path written on stdout (for scripts) and one hint on stderr.
"""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.commands.common import (
    JsonOpt,
    WorkbenchGroup,
    WorkspaceOpt,
    print_json,
    print_table,
    printable,
    workspace_session,
)

app = typer.Typer(
    cls=WorkbenchGroup,
    name="templates",
    rich_markup_mode=None,
    help="The Markdown export templates: which one is in force for the workspace (bundled or "
         "the workspace's own override), and copying a bundled one to change it.",
    no_args_is_help=True,
    add_completion=False,
)


def _workspace_name(workspace: str | None) -> str:
    with workspace_session(workspace) as (_, ws):
        return ws.name


@app.command("list")
def templates_list(workspace: WorkspaceOpt = None, as_json: JsonOpt = False) -> None:
    """List the export templates and which file is in force for the workspace."""
    from workbench.export.templates import templates_for, user_templates_dir

    name = _workspace_name(workspace)
    folder = user_templates_dir(name)
    infos = templates_for(name)
    if as_json:
        print_json({"workspace": name, "overrides_folder": str(folder),
                    "templates": [info.as_dict() for info in infos]})
        return
    print_table(["template", "in force", "path", "problem"],
                [[printable(i.name), i.source, printable(str(i.path)),
                  printable(i.problem or "")] for i in infos],
                empty="No bundled templates found; the installation is incomplete")
    typer.echo("")
    typer.echo(printable(f"Overrides for {name}: {folder} (start one with: workbench "
                         "templates copy NAME)"))


@app.command("copy")
def templates_copy(
    name: Annotated[str, typer.Argument(help="Template to copy, e.g. team-charter (as listed "
                                             "by: workbench templates list).")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing override with "
                                                        "the bundled template.")] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Copy a bundled template into the workspace's override folder, to edit it there."""
    from workbench.export.templates import copy_template

    ws_name = _workspace_name(workspace)
    path = copy_template(ws_name, name, force=force)
    typer.echo(printable(str(path)))
    typer.echo(printable(f"Edit it, then run: workbench export (it is used for {ws_name} "
                         "only; delete it to go back to the bundled template)"), err=True)
