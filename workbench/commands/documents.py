"""The document lifecycle on the command line, the same for every kind of document: agreeing
(``assess agree``, ``slo agree``), reopening (``assess reopen``, ``slo reopen``),
``workbench history KIND NAME``, the ``--version`` check of a change and the revisions a
``diff`` command compares.

Decisions:
- Kinds come from the store's registry (``wb.documents.kinds()``), never from a list here:
  a kind is typed as its registered name (``assessment_run``, ``slo``) or as the last word of
  its noun when no other kind shares it (``run`` for "assessment run"). A kind registered
  later is reachable without touching this module.
- ``--version N`` is the version the caller last saw (``version`` in any ``--json``
  output). When the stored one differs the command exits 1 with the "changed by someone
  else" line and writes nothing.
- Sign-offs that leave parties missing are recorded and reported ("waiting for: ..."), exit
  0; the document becomes agreed with the last missing sign-off.
- In JSON, ``signoffs`` are the sign-offs that count now: those given for a draft's current
  version, or for an agreed document the ones that agreed it.
"""

from __future__ import annotations

import inspect
import typing
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.commands.common import (
    JsonOpt,
    WorkspaceOpt,
    date_or_today,
    parse_count,
    print_json,
    print_table,
    service,
)
from workbench.commands.doc_cli import plural
from workbench.errors import NotFoundError, UsageError, VersionConflict

if TYPE_CHECKING:
    from workbench.domain.lifecycle import (
        FieldChange,
        HistoryEntry,
        LifecycleState,
        Party,
        SignOff,
    )
    from workbench.service import Workbench
    from workbench.service.documents import DocumentView

ByOpt = Annotated[
    list[str] | None,
    typer.Option("--by", help="Who agrees, as NAME:ROLE, e.g. 'Asha Rao:operations'; repeat "
                 "for each person signing now."),
]
RequireOpt = Annotated[
    list[str] | None,
    typer.Option("--require", help="Who must agree, replacing the default: a ROLE, or "
                 "NAME:ROLE for a named person; repeat for each party."),
]
SignDateOpt = Annotated[
    str | None, typer.Option("--date", help="Day of the sign-off, YYYY-MM-DD (default: today).")
]
CommentOpt = Annotated[str, typer.Option("--comment", help="A remark kept with the sign-off.")]
VersionOpt = Annotated[
    str | None,
    typer.Option("--version", help="The version you saw (from --json); if it was changed "
                 "since, nothing is written."),
]
ReasonOpt = Annotated[
    str | None, typer.Option("--reason", help="Why it is reopened (kept in its history).")
]
FromRevisionOpt = Annotated[
    str | None, typer.Option("--from", metavar="N", help="Revision to compare from "
                             "(default: the agreed revision in force, else the one "
                             "before the latest).")
]
ToRevisionOpt = Annotated[
    str | None, typer.Option("--to", metavar="M", help="Revision to compare to "
                             "(default: the latest).")
]


# --- JSON shapes ---------------------------------------------------------------------------


def signoff_json(signoff: SignOff) -> dict[str, Any]:
    return {"name": signoff.name, "role": signoff.role, "date": signoff.on.isoformat(),
            "comment": signoff.comment}


def party_json(party: Party) -> dict[str, Any]:
    return {"role": party.role, "name": party.name}


def state_json(state: LifecycleState) -> dict[str, Any]:
    """``status``, ``version`` and the sign-offs, as every ``--json`` output shows them."""
    return {
        "status": state.status.value,
        "version": state.version,
        "signoffs": [signoff_json(s) for s in state.signoffs],
        "required": [party_json(p) for p in state.required],
        "waiting_for": [p.label for p in state.missing] if state.editable else [],
        "agreed_revision_in_force": state.in_force,
        "state": state.describe(),
    }


def stored_state(session, kind: str, workspace_id: int, ref: str) -> dict[str, Any]:
    """``state_json`` of one document inside an open session (for list commands)."""
    from workbench.store import lifecycle

    doc = lifecycle.document_type(kind)
    row = doc.find(session, workspace_id, ref)
    return state_json(lifecycle.state(session, doc, row))


def revisions_json(view: Any) -> dict[str, Any]:
    """``state_json`` and the revisions of a document's view (a service's view with
    ``state``, ``revisions``, ``in_force_number`` and ``last_saved``)."""
    return {
        **state_json(view.state),
        "revisions": view.revisions,
        "in_force_revision": view.in_force_number,
        "last_saved": view.last_saved.isoformat() if view.last_saved else None,
    }


def view_json(view: DocumentView,
              uid: str | None = None) -> dict[str, Any]:
    stable = {"uid": uid} if uid else {}
    return {"kind": view.kind, "id": view.key, **stable, "label": view.label,
            **state_json(view.state)}


def _load(wb: Workbench, workspace_id: int, kind: str,
          ref: str) -> tuple[DocumentView, list[HistoryEntry], str | None]:
    """The document's view and history, and its stable uid when its kind has one (SLOs)."""
    from workbench.store import lifecycle

    view, entries = wb.documents.history(workspace_id, kind, ref)
    doc = lifecycle.document_type(kind)
    uid = wb.read(lambda s: getattr(doc.find(s, workspace_id, ref), "uid", None))
    return view, entries, uid


# --- kinds ---------------------------------------------------------------------------------


def kind_names(kinds: Sequence[tuple[str, str]]) -> dict[str, str]:
    """What users may type for each registered (kind, noun): name typed -> kind."""
    tails = Counter(noun.split()[-1].casefold() for _, noun in kinds)
    names: dict[str, str] = {}
    for kind, noun in kinds:
        tail = noun.split()[-1].casefold()
        if tails[tail] == 1:
            names[tail] = kind
    for kind, _ in kinds:
        names[kind] = kind
        names[kind.replace("_", "-")] = kind
    return names


def shown_kinds(kinds: Sequence[tuple[str, str]]) -> list[str]:
    """One name per kind, the short one where there is one (for messages and help)."""
    names = kind_names(kinds)
    shown = []
    for kind, _ in kinds:
        short = [n for n, k in names.items() if k == kind and n != kind and "-" not in n]
        shown.append(short[0] if short else kind)
    return shown


def resolve_kind(kinds: Sequence[tuple[str, str]], typed: str) -> str:
    found = kind_names(kinds).get(" ".join(typed.split()).casefold())
    if found is None:
        raise UsageError(f"{typed!r} is not a kind of document; use one of: "
                         + ", ".join(shown_kinds(kinds)))
    return found


# --- agree and reopen ------------------------------------------------------------------------


def expected_version(text: str | None) -> int | None:
    """``--version N``: the version the change is based on (None: not given)."""
    return None if text is None else parse_count(text, "--version")


def check_version(expected: int | None, stored: int | None, *, label: str, topic: str,
                  gone: str = "") -> None:
    """Refuse a change based on version ``expected`` of ``label`` when it is at another
    version now, or is not there (``stored`` None: the ``gone`` message, for a caller whose
    document may be missing); nothing to check without ``--version``."""
    if expected is None:
        return
    if stored is None:
        raise NotFoundError(gone, topic=topic)
    if expected != stored:
        raise VersionConflict(label, opened=expected, stored=stored, topic=topic)


def _lifecycle_call(call):
    """Run ``call()``; a sign-off, party or reason the user must correct becomes one line."""
    from workbench.domain.lifecycle import LifecycleError

    try:
        return call()
    except LifecycleError as exc:
        raise UsageError(str(exc)) from None


def agree(kind: str, ref: str, *, by: list[str] | None, require: list[str] | None,
          on: str | None, comment: str, version: str | None, as_json: bool,
          workspace: str | None) -> None:
    """Record the sign-offs in ``by`` for one document and report where it stands."""
    from workbench.domain.lifecycle import parse_party, parse_signoff

    if not by:
        raise UsageError("say who agrees with --by NAME:ROLE, e.g. --by 'Asha Rao:operations'")
    day = date_or_today(on)
    expected = expected_version(version)
    signoffs = _lifecycle_call(lambda: [parse_signoff(text, day, comment) for text in by])
    parties = _lifecycle_call(lambda: [parse_party(text) for text in require]) \
        if require else None
    with service(workspace) as (wb, ws):
        result = wb.documents.sign(ws.id, kind, ref, signoffs, expected_version=expected,
                                   parties=parties)
        view, _, uid = _load(wb, ws.id, kind, ref)
    if as_json:
        print_json({**view_json(view, uid), "agreed_now": result.agreed_now,
                    "added": [signoff_json(s) for s in result.added],
                    "already_signed": [signoff_json(s) for s in result.already]})
        return
    for signoff in result.already:
        typer.echo(f"note: {signoff.label} had already signed this version; not recorded "
                   "again", err=True)
    if result.agreed_now:
        names = ", ".join(s.label for s in view.state.signoffs)
        typer.echo(f"Agreed {view.label} (version {view.state.version}): signed by {names}")
        return
    waiting = ", ".join(p.label for p in view.state.missing)
    if result.added:
        who = ", ".join(s.label for s in result.added)
        typer.echo(f"Recorded the sign-off of {who} for {view.label}; waiting for: {waiting}")
    else:
        typer.echo(f"No new sign-off for {view.label}; waiting for: {waiting}")


def reopen(kind: str, ref: str, *, reason: str | None, version: str | None, as_json: bool,
           workspace: str | None) -> None:
    """Make an agreed document a draft again, with the reason in its history."""
    if reason is None or not reason.strip():
        raise UsageError("say why with --reason TEXT; the reason is kept in the history")
    expected = expected_version(version)
    with service(workspace) as (wb, ws):
        wb.documents.reopen(ws.id, kind, ref, reason, expected_version=expected)
        view, _, uid = _load(wb, ws.id, kind, ref)
    if as_json:
        print_json(view_json(view, uid))
        return
    kept = view.state.in_force
    typer.echo(f"Reopened {view.label} as a draft (version {view.state.version})"
               + (f"; agreed revision {kept} stays in force until it is agreed again"
                  if kept is not None else ""))




def add_lifecycle_commands(app: typer.Typer, kind: str, *, metavar: str = "REF",
                           ref_help: str = "", agree_help: str, reopen_help: str,
                           fixed_ref: str | None = None) -> None:
    """``agree`` and ``reopen`` for one kind of document in its command group: every kind
    gets the same options and output by calling this once.

    A kind with one document per workspace (the stakeholder chart) passes ``fixed_ref``,
    the reference of that document: its commands then take no positional argument."""
    def agree_command(
        ref: str,
        by: ByOpt = None,
        require: RequireOpt = None,
        on: SignDateOpt = None,
        comment: CommentOpt = "",
        version: VersionOpt = None,
        as_json: JsonOpt = False,
        workspace: WorkspaceOpt = None,
    ) -> None:
        agree(kind, ref, by=by, require=require, on=on, comment=comment, version=version,
              as_json=as_json, workspace=workspace)

    def reopen_command(
        ref: str,
        reason: ReasonOpt = None,
        version: VersionOpt = None,
        as_json: JsonOpt = False,
        workspace: WorkspaceOpt = None,
    ) -> None:
        reopen(kind, ref, reason=reason, version=version, as_json=as_json,
               workspace=workspace)

    # Annotations are strings here (``from __future__ import annotations``) and Typer reads
    # them in this module's namespace, where the kind's argument does not exist: give the
    # commands their argument as an object.
    ref = Annotated[str, typer.Argument(metavar=metavar, help=ref_help, show_default=False)]
    for command in (agree_command, reopen_command):
        command.__annotations__ = {**typing.get_type_hints(command, include_extras=True),
                                   "ref": ref}
    commands = (agree_command, reopen_command)
    if fixed_ref is not None:
        commands = tuple(_with_ref(command, fixed_ref) for command in commands)
    app.command("agree", help=agree_help)(commands[0])
    app.command("reopen", help=reopen_help)(commands[1])


def _with_ref(command: Any, ref: str) -> Any:
    """``command`` with its ``ref`` argument always ``ref``: Typer reads the signature, so
    the command line shows no argument for it."""

    def fixed(**options: Any) -> None:
        command(ref, **options)

    signature = inspect.signature(command, eval_str=True)
    fixed.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p for name, p in signature.parameters.items() if name != "ref"])
    fixed.__name__ = command.__name__
    return fixed


# --- history -------------------------------------------------------------------------------


def revision_options(before: str | None, after: str | None) -> tuple[int | None, int | None]:
    """``--from`` and ``--to`` of a ``diff`` command as revision numbers (None: not given)."""
    return (None if before is None else parse_count(before, "--from"),
            None if after is None else parse_count(after, "--to"))


def compared_revisions(label: str, revisions: int, in_force: int | None, start: int | None,
                       end: int | None) -> tuple[str, str]:
    """The two revisions a ``diff`` command compares (as ``--diff`` takes them): ``--to``,
    else the latest; ``--from``, else the agreed revision in force when it is older, else
    the one before. A document of one revision cannot be compared."""
    if revisions < 2 and (start is None or end is None):
        raise UsageError(f"{label} has {plural(revisions, 'revision')}; a comparison needs "
                         "two (every saved change makes a revision)")
    if end is None:
        end = revisions
    if start is None:
        start = in_force if in_force is not None and in_force < end else end - 1
    return str(start), str(end)


def _saved(entry: HistoryEntry) -> str:
    return entry.revision.created_at.strftime("%Y-%m-%d %H:%M")


def _value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "(none)"
    return " ".join(str(value).split()) or '""'


def history(
    kind: Annotated[str, typer.Argument(help="Kind of document: run, slo, chart or policy "
                                         "(and every kind added later).")],
    name: Annotated[str, typer.Argument(help="Which one: a run's number, an SLO's name, "
                                         "'chart' for the stakeholder chart, a policy's name.")],
    diff: Annotated[
        tuple[str, str] | None,
        typer.Option("--diff", metavar="A B", help="Show what changed from revision A to "
                     "revision B, field by field."),
    ] = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Every revision of a document (number, status, author, date, summary, sign-offs) and
    where it stands now; with --diff A B, the fields that changed between two revisions."""
    before = after = None
    if diff is not None:
        before, after = (parse_count(text, "--diff revision") for text in diff)
    with service(workspace) as (wb, ws):
        chosen = resolve_kind(wb.documents.kinds(), kind)
        view, entries, uid = _load(wb, ws.id, chosen, name)
        changes = None
        if before is not None and after is not None:
            numbers = [e.revision.number for e in entries]
            for number in (before, after):
                if number not in numbers:
                    known = f"1 to {max(numbers)}" if numbers else "none yet"
                    raise NotFoundError(f"{view.label} has no revision {number} (revisions: "
                                        f"{known}); list them with: workbench history {kind} "
                                        f"{name}")
            changes = wb.documents.diff(ws.id, chosen, name, before, after)
    if changes is not None:
        _print_diff(view_json(view, uid), view.label, before, after, changes,
                    as_json)
        return
    if as_json:
        print_json({**view_json(view, uid), "revisions": [
            {"number": e.revision.number, "status": e.shown_status.value,
             "stored_status": e.revision.status.value, "author": e.revision.author,
             "saved_at": e.revision.created_at.isoformat(), "summary": e.revision.summary,
             "version": e.revision.record_version,
             "signoffs": [signoff_json(s) for s in e.signoffs]}
            for e in entries]})
        return
    typer.echo(f"{_sentence(view.label)}: {view.state.describe()} (version "
               f"{view.state.version})")
    signed = view.state.signoffs
    if signed:
        typer.echo("signed: " + ", ".join(
            f"{s.label} on {s.on.isoformat()}" + (f" ({s.comment})" if s.comment else "")
            for s in signed))
    typer.echo("")
    print_table(
        ["rev", "status", "author", "saved (utc)", "summary", "sign-offs"],
        [[e.revision.number, e.shown_status.value, e.revision.author, _saved(e),
          " ".join(e.revision.summary.split()), ", ".join(s.label for s in e.signoffs) or "-"]
         for e in entries],
        empty="No revisions saved yet.",
    )


def _sentence(label: str) -> str:
    """A label at the start of a line: "the stakeholder chart" -> "The stakeholder chart"."""
    return label[:1].upper() + label[1:]


def _print_diff(document: dict[str, Any], label: str, before: int, after: int,
                changes: Sequence[FieldChange], as_json: bool) -> None:
    if as_json:
        print_json({**document, "from": before, "to": after, "changes": [
            {"field": c.path, "change": c.kind, "before": c.before, "after": c.after}
            for c in changes]})
        return
    typer.echo(f"{_sentence(label)}: revision {before} -> {after}")
    typer.echo("")
    print_table(["field", "change", "before", "after"],
                [[c.path, c.kind, _value(c.before), _value(c.after)] for c in changes],
                empty=f"No field changed between revision {before} and {after}.")
