"""What the command groups of a document named by its team share (``workbench charter``,
``workbench oncall``): the team as the one argument or as ``--team``, the lifecycle commands
``agree``, ``reopen``, ``history`` and ``diff``, and the import of a native YAML file.

Decisions:
- A group describes its document once, as a ``TeamDocument``: the kind (which is also the
  group's name), the noun of its texts and its area of the service. The help and the
  messages of the shared commands are made from the noun, so the groups say the same thing
  in the same words.
- No ``from __future__ import annotations`` here: the lifecycle commands are made inside a
  function, and Typer must find their option types as objects (as strings it would look
  them up in this module, where the group's ``--team`` option does not exist).
- Domain and export modules are the caller's to import, inside its command, so building a
  group for ``--help`` stays light.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from workbench.commands import documents
from workbench.commands.common import JsonOpt, WorkspaceOpt, print_json, printable, service, today
from workbench.commands.doc_cli import echo_lines, import_line, missing_line
from workbench.commands.yaml_editing import each_problem, load_file, quoted
from workbench.errors import NotFoundError, UsageError

TeamArg = Annotated[str | None, typer.Argument(metavar="TEAM", show_default=False,
                                               help="The team (the same as --team).")]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class TeamDocument:
    """One kind of document a team has one of, as its command group names it."""

    kind: str  # the registered kind, also the name of its command group
    noun: str  # what the texts call it: "charter", "on-call agreement"
    area: str  # its part of the service: ``wb.charters``, ``wb.oncall``
    content: str  # the attribute of a view that holds the document itself

    @property
    def team_option(self) -> Any:
        """The type of ``--team`` for this document's commands."""
        return Annotated[str | None, typer.Option("--team", "-t", metavar="TEAM",
                                                  show_default=False,
                                                  help=f"The team whose {self.noun} it is.")]

    def label(self, team: str) -> str:
        return f"the {self.noun} of team {team}"

    def team_of(self, argument: str | None, option: str | None) -> str:
        """The team given as the argument or as ``--team`` (one of them, or both the same)."""
        given = [" ".join(t.split()) for t in (argument, option) if t is not None]
        if not given or not all(given):
            raise UsageError(f"say which team's {self.noun} with --team TEAM (list them "
                             f"with: workbench {self.kind} list)")
        if len(given) == 2 and given[0].casefold() != given[1].casefold():
            raise UsageError(f"the team is given twice, as {argument!r} and --team "
                             f"{option!r}; give it once")
        return given[-1]

    def area_of(self, wb: Any) -> Any:
        return getattr(wb, self.area)

    def view_or_none(self, wb: Any, workspace_id: int, team: str, **options: Any) -> Any:
        """The team's document, or None when the team has none yet (an unknown team is an
        error)."""
        try:
            return self.area_of(wb).view(workspace_id, team, **options)
        except NotFoundError as exc:
            if exc.topic == self.kind:
                return None
            raise

    def check_same_team(self, found: str, team: str, source: str) -> None:
        """Refuse a file of another team's document where ``team``'s was to be loaded."""
        if _key(found) != _key(team):
            raise UsageError(f"{source} is {self.label(found)}, not of {team}; load it with "
                             f"--team {quoted(found)}, or change its team")

    def check_edit_version(self, expected: int | None, view: Any, team: str) -> None:
        """``edit --version N`` against the team's document (``view`` None: it has none)."""
        documents.check_version(expected, view.version if view is not None else None,
                                label=self.label(view.team if view is not None else team),
                                gone=f"team {team} has no {self.noun} (any more); nothing "
                                     "was saved", topic=self.kind)

    def save_file(self, wb: Any, workspace_id: int, view: Any, team: str, file: Path,
                  read_path: Callable[[Path], Any]) -> Any:
        """``edit --file``: the whole document from ``file``, which must be ``team``'s;
        nothing is saved unless all of it is valid."""
        content = load_file(file, read_path, nothing="nothing was saved")
        self.check_same_team(content.team, view.team if view is not None else team, str(file))
        with each_problem(str(file), "nothing was saved"):
            return self.save_whole(wb, workspace_id, view, content)

    def save_whole(self, wb: Any, workspace_id: int, view: Any, content: Any) -> Any:
        """Save the whole document (or create it when ``view`` is None); the same content
        saves nothing."""
        if view is None:
            return self.area_of(wb).create(workspace_id, content)
        return self.area_of(wb).save(workspace_id, view.team, content,
                                     expected_version=view.version)


def status_text(view: Any) -> str:
    """``agreed``, ``draft``, or ``draft (2 in force)`` while an agreed revision is in force."""
    text = view.state.status.value
    if view.state.editable and view.in_force_number is not None:
        text += f" ({view.in_force_number} in force)"
    return text


def start_document(document: TeamDocument, team: str, *, edit_with: str,
                   view_json: Callable[[Any], dict[str, Any]], as_json: bool,
                   workspace: str | None) -> None:
    """``new``: start the team's document as a draft from its starter; ``edit_with`` is the
    command that fills it in (its team given as the group's own hints give it)."""
    with service(workspace) as (wb, ws):
        view = document.area_of(wb).new(ws.id, team)
    if as_json:
        print_json(view_json(view))
        return
    typer.echo(printable(f"Started {document.label(view.team)} as a draft (version "
                         f"{view.version})"))
    echo_lines(missing_line(view.missing))
    typer.echo(printable(f"Fill it in with: {edit_with}{quoted(view.team)}"))


def _article(noun: str) -> str:
    return "An" if noun[:1] in "aeiou" else "A"


def add_lifecycle_commands(app: typer.Typer, document: TeamDocument, *, signers: str) -> None:
    """``agree``, ``reopen``, ``history`` and ``diff`` of ``document`` in its group ``app``;
    ``signers`` says who must sign when the document names nobody else."""
    kind, noun = document.kind, document.noun
    TeamOpt = document.team_option

    def agree_cmd(
        team_arg: TeamArg = None,
        team: TeamOpt = None,
        by: documents.ByOpt = None,
        require: documents.RequireOpt = None,
        on: documents.SignDateOpt = None,
        comment: documents.CommentOpt = "",
        version: documents.VersionOpt = None,
        as_json: JsonOpt = False,
        workspace: WorkspaceOpt = None,
    ) -> None:
        documents.agree(kind, document.team_of(team_arg, team), by=by, require=require,
                        on=on, comment=comment, version=version, as_json=as_json,
                        workspace=workspace)

    def reopen_cmd(
        team_arg: TeamArg = None,
        team: TeamOpt = None,
        reason: documents.ReasonOpt = None,
        version: documents.VersionOpt = None,
        as_json: JsonOpt = False,
        workspace: WorkspaceOpt = None,
    ) -> None:
        documents.reopen(kind, document.team_of(team_arg, team), reason=reason,
                         version=version, as_json=as_json, workspace=workspace)

    def history_cmd(
        team_arg: TeamArg = None,
        team: TeamOpt = None,
        diff: Annotated[
            tuple[str, str] | None,
            typer.Option("--diff", metavar="A B", help="Show what changed from revision A "
                         f"to revision B, part by part (see also: workbench {kind} diff)."),
        ] = None,
        as_json: JsonOpt = False,
        workspace: WorkspaceOpt = None,
    ) -> None:
        documents.history(kind, document.team_of(team_arg, team), diff=diff,
                          as_json=as_json, workspace=workspace)

    def diff_cmd(
        team_arg: TeamArg = None,
        team: TeamOpt = None,
        before: documents.FromRevisionOpt = None,
        after: documents.ToRevisionOpt = None,
        as_json: JsonOpt = False,
        workspace: WorkspaceOpt = None,
    ) -> None:
        name = document.team_of(team_arg, team)
        start, end = documents.revision_options(before, after)
        with service(workspace) as (wb, ws):
            view = document.area_of(wb).view(ws.id, name, as_of=today())
        pair = documents.compared_revisions(document.label(view.team), view.revisions,
                                            view.in_force_number, start, end)
        documents.history(kind, view.team, diff=pair, as_json=as_json, workspace=ws.name)

    app.command("agree", help=(
        f"Sign a team's {noun} off: record who agrees (--by NAME:ROLE). It is agreed, and "
        f"in force, once every required party has signed: {signers}. {_article(noun)} "
        f"{noun} with missing parts cannot be agreed."))(agree_cmd)
    app.command("reopen", help=(
        f"Make an agreed {noun} a draft again, with the reason in its history; the agreed "
        "revision stays in force until it is agreed again."))(reopen_cmd)
    app.command("history", help=(
        f"Every revision of a team's {noun} (number, status, author, date, summary, "
        f"sign-offs) and where it stands now; the same as: workbench history {kind} "
        "TEAM."))(history_cmd)
    app.command("diff", help=(
        f"What changed in a team's {noun} between two revisions, part by part: by default, "
        "what the draft changes in the agreed revision in force."))(diff_cmd)


# --- import ------------------------------------------------------------------------------------


def changed_parts(before: Any, after: Any, values: Callable[[Any], dict[str, Any]]) -> list:
    """What differs between two documents, field by field (``review.next``, ``metrics[1]
    .target``), from their plain ``values``; empty when ``before`` is None (a new one)."""
    if before is None:
        return []
    from workbench.domain.lifecycle import diff_snapshots

    def plain(content: Any) -> dict[str, Any]:
        found = values(content)
        found.pop("uid", None)  # a stable id is not a change of the document
        return found

    return diff_snapshots(plain(before), plain(after))


def import_file(document: TeamDocument, file: Path, *, read_path: Callable[[Path], Any],
                values: Callable[[Any], dict[str, Any]],
                view_or_none: Callable[[Any, int, str], Any],
                view_json: Callable[[Any], dict[str, Any]], dry_run: bool,
                version: str | None, as_json: bool, workspace: str | None) -> None:
    """``import FILE``: the document in FILE becomes its team's, created or as a new
    revision; the whole file is checked first and any problem stops it with nothing saved."""
    content = load_file(file, read_path, nothing="nothing was imported")
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        try:
            before = view_or_none(wb, ws.id, content.team)
        except NotFoundError:  # no such team: the import says so with the file's problems
            before = None
        documents.check_version(expected, before.version if before is not None else None,
                                label=document.label(before.team if before else content.team),
                                gone=f"team {content.team} has no {document.noun}; nothing "
                                     "was imported", topic=document.kind)
        with each_problem(str(file), "nothing was imported"):
            result = document.area_of(wb).replace(ws.id, content, dry_run=dry_run)
    view = result.view
    changes = changed_parts(getattr(before, document.content) if before is not None else None,
                            getattr(view, document.content), values)
    if as_json:
        print_json({"file": str(file), "dry_run": dry_run, "created": result.created,
                    "changed": result.changed, "written": result.written,
                    "changes": [{"field": c.path, "change": c.kind} for c in changes],
                    document.content: view_json(view)})
        return
    if not result.changed:
        typer.echo(printable(f"{file} matches {document.label(view.team)} in {ws.name}; "
                             "nothing to import"))
        return
    typer.echo(import_line(file, ws.name, document.label(view.team), created=result.created,
                           in_force=view.in_force_number, version=view.version,
                           dry_run=dry_run))
    if not result.created and changes:
        typer.echo(f"{'Would change' if dry_run else 'Changed'}:")
        for change in changes:
            typer.echo(printable(f"  {change.path} ({change.kind})"))
    echo_lines(missing_line(view.missing))
    if dry_run:
        typer.echo("Nothing was written (dry run).")
