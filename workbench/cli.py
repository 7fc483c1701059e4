"""The ``workbench`` command: the root options, and the command groups of
``workbench.commands`` assembled into one app.

Heavy modules (SQLModel, Alembic, Textual) are imported inside the commands that use them,
and the command groups are built only when used, so ``workbench --help`` and ``--version``
start fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from workbench import __version__
from workbench.commands import documents, export, respond, serve, workspace
from workbench.commands.common import RootGroup, options, set_today


class Root(RootGroup):
    lazy_groups = {
        "teams": ("workbench.commands.teams", "List, add, rename and remove teams."),
        "services": ("workbench.commands.services", "List, add and remove services."),
        "db": ("workbench.commands.db", "Database schema status and upgrades."),
        "slo": ("workbench.commands.slo",
                "SLOs and error budgets: calculator, personas, story maps, exports."),
        "assess": ("workbench.commands.assess",
                   "Maturity assessments: models, runs, respondents, comparisons."),
        "stakeholders": ("workbench.commands.stakeholders",
                         "Stakeholder chart: power/interest grid, contact plan, revisions."),
        "policy": ("workbench.commands.policy",
                   "Error budget policies: conditions, consequences, evaluation, sign-off."),
        "gate": ("workbench.commands.gate",
                 "CI reliability gate: an exit code from a policy and budget status."),
        "charter": ("workbench.commands.charter",
                    "Team charters: mission, scope, metrics, interactions, sign-off."),
        "org": ("workbench.commands.org",
                "Organisation model decision, SRE sizing and the SRE role description."),
        "oncall": ("workbench.commands.oncall",
                   "On-call agreements: decision, rotations, fairness, exports, sign-off."),
        "templates": ("workbench.commands.templates",
                      "Export templates: which are in force, copy one to change it."),
    }


app = typer.Typer(
    cls=Root,
    help="SRE Workbench: maturity, stakeholders, SLOs, policies and on-call for SRE coaching.",
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workbench {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="WORKBENCH_DB",
            help="Database URL (sqlite:///file.db or postgresql+psycopg://...). "
            "Default: the last used database.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Run without a command to open the TUI on the last used database."""
    options["db"] = db
    # The one clock: every command's "today" (the hidden WORKBENCH_TODAY fixes it).
    set_today()
    if ctx.invoked_subcommand is None:
        workspace.open_tui(None)


app.command("init")(workspace.init)
app.command("demo")(workspace.demo)
app.command("paths")(workspace.paths)
app.command("export")(export.export)
app.command("history")(documents.history)
app.command("serve")(serve.serve)
app.command("respond")(respond.respond)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
