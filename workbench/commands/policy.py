"""``workbench policy``: the workspace's error budget policies (``list``, ``show``, ``new``,
``edit``, ``agree``, ``reopen``, ``history``, ``diff``, ``export``, ``import``, ``evaluate``).

Everything goes through ``wb.policies`` (the service) and ``wb.documents`` (the lifecycle);
the rules (what is missing, what contradicts, which conditions fire) are the domain's, so the
CLI, the TUI and the gate agree.

Decisions:
- A policy is named by its name (or its uid) as everywhere else; ``--version N`` is the
  version from any ``--json`` output, and a change based on an older one writes nothing.
  Without it, ``edit`` still refuses a change made by someone else between reading the
  policy and saving it.
- ``edit`` changes the simple parts by option; conditions, consequences and contacts are
  edited as the policy's YAML, in ``$EDITOR`` (no option) or from a file (``--file``). An
  edit that does not read, or that the service refuses, is kept in a file under the data
  folder (``drafts/``) whose path is printed, so nothing typed is lost; load it again with
  ``--file`` once fixed (the editing shared with the charter and organisation commands,
  ``commands/yaml_editing.py``).
- ``import`` and ``edit --file`` check the whole file first and print every problem on its
  own line (``FILE:LINE: path: message``); nothing is written unless all of it is valid.
  ``--dry-run`` runs the same code and says what would be written.
- ``list`` says whether a freeze is in force *now*: that is a freeze of the agreed revision
  in force (a draft is not in force, whatever its conditions say). ``show`` and ``--json``
  also say whether the current content would freeze (``freeze_if_agreed``).
- ``evaluate`` evaluates the agreed revision in force, or the draft when there is none or
  ``--draft`` is given, and says which it evaluated.
- Figures in JSON are decimal strings (the gate's shapes, ``commands/gate.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.commands import documents
from workbench.commands.common import (
    JsonOpt,
    WorkbenchGroup,
    WorkspaceOpt,
    date_or_today,
    optional_date,
    print_json,
    print_table,
    printable,
    read_text_file,
    service,
    today,
)
from workbench.commands.doc_cli import (
    agreement_lines,
    list_option,
    open_lines,
    shortened,
    text_option,
    wrapped,
)
from workbench.commands.gate import evaluation_json
from workbench.commands.yaml_editing import (  # noqa: F401  (problem_lines: tests use it here)
    by_option,
    each_problem,
    edit_in_editor,
    label_of,
    load_file,
    problem_lines,
    quoted,
)
from workbench.errors import UsageError

if TYPE_CHECKING:
    from workbench.domain.policy import Evaluation, Policy
    from workbench.service.policies import PolicyEvaluation, PolicyView

KIND = "policy"
Freezes = Mapping[str, Sequence[str]]
EXPORT_FORMATS = ("md", "yaml", "slo-generator")

app = typer.Typer(
    cls=WorkbenchGroup,
    name="policy",
    rich_markup_mode=None,
    help="Error budget policies: which services and SLOs they cover, the conditions that "
         "trigger consequences (reliability work, postmortems, freezes, code red), who must "
         "agree, and what today's figures make of them.",
    no_args_is_help=True,
    add_completion=False,
)

NameArg = Annotated[str, typer.Argument(metavar="NAME", help="The policy's name (or uid).",
                                        show_default=False)]


def _names_option(flag: str, text: str) -> Any:
    return list_option(flag, text, "NAME")


CLEARS = " An empty value ('') clears it."
TeamOpt = text_option("--team", "The team the policy belongs to.", "TEAM")
ServiceOpt = _names_option("--service", "A service the policy covers (every SLO of it); "
                           "repeat for more.")
SloOpt = _names_option("--slo", "An SLO the policy covers; repeat for more.")
TitleOpt = text_option("--title", "The policy's title." + CLEARS)
PurposeOpt = text_option("--purpose", "What the policy is for, in the team's words." + CLEARS)
TiebreakerOpt = text_option("--tiebreaker", "The role that decides when the parties "
                            "disagree, e.g. 'head of engineering'." + CLEARS, "ROLE")
NextReviewOpt = text_option("--next-review", "When the policy is reviewed next, "
                            "YYYY-MM-DD." + CLEARS, "YYYY-MM-DD")
AfterOutageOpt = Annotated[
    bool | None,
    typer.Option("--review-after-outage/--no-review-after-outage", help="Review the policy "
                 "after every major outage (or not).", show_default=False),
]
AddServiceOpt = _names_option("--add-service", "Add a service to the scope; repeat for more.")
RemoveServiceOpt = _names_option("--remove-service", "Take a service out of the scope.")
AddSloOpt = _names_option("--add-slo", "Add an SLO to the scope; repeat for more.")
RemoveSloOpt = _names_option("--remove-slo", "Take an SLO out of the scope.")
FileOpt = Annotated[
    Path | None,
    typer.Option("--file", metavar="YAML", help="Replace the whole policy with the one in "
                 "this native YAML file (from: workbench policy export NAME --format yaml).",
                 show_default=False),
]

# Where a problem of the service is about (its part), as the option that was typed.
OPTION_OF = {
    "name": "NAME", "title": "--title", "team": "--team", "purpose": "--purpose",
    "escalation.tiebreaker": "--tiebreaker", "review.next": "--next-review",
    "review": "--next-review", "scope.services": "--service", "scope.slos": "--slo",
}


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


@contextmanager
def _named_by_option(edit: bool = False) -> Iterator[None]:
    """A problem of the service about one part ("review.next: ...") as the option typed
    ("--next-review: ...")."""
    try:
        yield
    except UsageError as exc:
        part, sep, rest = str(exc).partition(": ")
        base = part.split("[", 1)[0]
        option = OPTION_OF.get(base) if sep and ";" not in rest else None
        if option is not None and edit and base.startswith("scope."):
            option = option.replace("--", "--add-")
        if option is None:
            raise
        raise UsageError(f"{option}: {rest}", topic=exc.topic) from None


def _problem_text(problem: Any) -> str:
    return " ".join(str(problem).split())


def summary_json(view: PolicyView, freezes: Freezes) -> dict[str, Any]:
    """One policy as ``list --json`` shows it: name, scope, where it stands, freezes."""
    policy = view.policy
    data: dict[str, Any] = {
        "name": policy.name, "title": policy.title, "team": policy.team,
        "uid": policy.uid or None,
        "services": list(policy.services), "slos": list(policy.slos),
        "conditions": len(policy.conditions),
        "version": view.version,
    }
    if view.state is not None:
        data.update(documents.state_json(view.state))
        data["version"] = view.version
    else:
        data.update({"status": None, "state": "not saved yet"})
    data.update({
        "revisions": view.revisions,
        "in_force_revision": view.in_force_number,
        "last_saved": view.last_saved.isoformat() if view.last_saved else None,
        "missing": [{"part": m.part, "message": m.message} for m in view.missing],
        "problems": [_problem_text(p) for p in view.problems],
        "freeze_in_force": _in_force_freeze(view, freezes),
        "freeze_if_agreed": view.freeze,
    })
    return data


def _in_force_freeze(view: PolicyView, freezes: Freezes) -> bool:
    """A freeze of this policy's agreed revision in force, now (``freezes``: the service's
    freezes of the revisions in force, SLO -> policy names)."""
    name = view.policy.name.casefold()
    return any(name in {n.casefold() for n in names} for names in freezes.values())


def view_json(view: PolicyView, freezes: Freezes) -> dict[str, Any]:
    """Everything ``show --json`` prints: the summary, every part, the agreed revision in
    force and today's evaluation of the current content."""
    from workbench.domain.policy import policy_values

    data = summary_json(view, freezes)
    data["policy"] = policy_values(view.policy)
    data["in_force"] = policy_values(view.in_force) if view.in_force is not None else None
    data["parties"] = [documents.party_json(p) for p in view.policy.required_parties()]
    data["as_of"] = view.as_of.isoformat() if view.as_of else None
    data["evaluation"] = evaluation_json(view.evaluation)
    return data


# --- reading -----------------------------------------------------------------------------------


@app.command("list")
def list_cmd(
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Every policy of the workspace: team, status, how many conditions, and whether a freeze
    of its agreed revision is in force today."""
    with service(workspace) as (wb, ws):
        overview = wb.policies.overview(ws.id, as_of=today())
    freezes = {slo: tuple(names) for slo, names in overview.freezes.items()}
    if as_json:
        print_json({"as_of": overview.as_of.isoformat() if overview.as_of else None,
                    "policies": [summary_json(v, freezes) for v in overview.policies],
                    "freezes": {slo: list(names) for slo, names in freezes.items()}})
        return
    if not overview.policies:
        typer.echo(f"No error budget policies in {ws.name} yet; start one with: workbench "
                   "policy new NAME --service SERVICE")
        return
    count = len(overview.policies)
    typer.echo(f"Error budget policies of {ws.name} as of {today().isoformat()}: {count}")
    typer.echo("")
    print_table(
        ["name", "team", "status", "conditions", "freeze"],
        [[shortened(v.policy.name, 22), shortened(v.policy.team, 14) or "-", _status(v),
          len(v.policy.conditions), _yes(_in_force_freeze(v, freezes))]
         for v in overview.policies],
    )
    if freezes:
        typer.echo("")
        typer.echo("SLOs under a freeze now (by policy):")
        for slo, names in sorted(freezes.items()):
            typer.echo(f"  {slo} ({', '.join(names)})")


def _status(view: PolicyView) -> str:
    """``agreed``, ``draft``, or ``draft (2 in force)`` while an agreed revision is in force."""
    state = view.state
    if state is None:
        return "not saved"
    text = state.status.value
    if state.editable and view.in_force_number is not None:
        text += f" ({view.in_force_number} in force)"
    return text


@app.command("show")
def show_cmd(
    name: NameArg,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Every part of one policy, what is missing before it can be agreed, its problems, where
    it stands (sign-offs, the agreed revision in force) and what today's figures make of it."""
    with service(workspace) as (wb, ws):
        view = wb.policies.view(ws.id, name, as_of=today())
        freezes = wb.policies.freezes(ws.id, as_of=today())
    if as_json:
        print_json(view_json(view, freezes))
        return
    for line in describe(view, freezes):
        typer.echo(line)


def describe(view: PolicyView, freezes: Freezes) -> list[str]:
    """The lines of ``show`` (prose wrapped at 80 columns)."""
    from workbench.domain.policy import ENDS_TITLES, policy_values

    policy = view.policy
    lines = wrapped(f"Error budget policy {policy.name}"
                    + (f": {policy.title}" if policy.title else ""))
    state = view.state.describe() if view.state is not None else "not saved yet"
    lines += wrapped(f"status: {state} (version {view.version}; {view.revisions} "
                     f"revision{'' if view.revisions == 1 else 's'})")
    if view.in_force_number is not None and view.state is not None and view.state.editable:
        differs = view.in_force is not None and policy_values(view.in_force) != \
            policy_values(policy)
        lines += wrapped(f"agreed revision {view.in_force_number} is in force"
                         + ("; the draft changes it" if differs else ""))
    lines.append(f"team: {policy.team or '-'}")
    lines += wrapped(f"scope: services {', '.join(policy.services) or '-'}; SLOs "
                     f"{', '.join(policy.slos) or '-'}")
    lines.append("purpose:" + ("" if policy.purpose else " -"))
    for paragraph in policy.purpose.splitlines():
        lines += wrapped(paragraph, "  ", "")
    lines.append(f"conditions ({len(policy.conditions)}):" if policy.conditions
                 else "conditions: -")
    outcome = view.evaluation.condition_outcome if view.evaluation is not None else None
    for cond in policy.conditions:
        today_says = f" [today: {outcome(cond.key).value}]" if outcome else ""
        lines += wrapped(f"{cond.key}: {cond.describe()}{today_says}", "  ")
        if cond.description:
            lines += wrapped(cond.description, "    ", "")
        for cons in cond.consequences:
            detail = f": {cons.detail}" if cons.detail else ""
            lines += wrapped(f"- {cons.describe()}{detail} (ends {ENDS_TITLES[cons.ends]})",
                             "    ", "  ")
        if not cond.consequences:
            lines.append("    - (no consequence yet)")
    lines.append(f"tiebreaker: {policy.tiebreaker or '-'}")
    if policy.escalation:
        lines.append("escalation:")
        for paragraph in policy.escalation.splitlines():
            lines += wrapped(paragraph, "  ", "")
    if policy.contacts:
        lines.append("escalation contacts:")
        for contact in policy.contacts:
            extra = ", ".join(x for x in (contact.role, contact.how) if x)
            lines += wrapped(f"{contact.name}" + (f" ({extra})" if extra else ""), "  ")
    lines += agreement_lines(policy.required_parties(),
                             view.state.signoffs if view.state is not None else ())
    review = policy.next_review.isoformat() if policy.next_review else "-"
    lines.append(f"next review: {review}; after a major outage: "
                 f"{_yes(policy.review_after_major_outage)}")
    if view.evaluation is not None:
        lines += wrapped(f"freeze in force now: {_yes(_in_force_freeze(view, freezes))}; "
                         f"the text above would freeze today: {_yes(view.freeze)}")
    lines += open_lines(view.missing, view.problems)
    return [printable(line) for line in lines]


# --- creating and changing ---------------------------------------------------------------------


@app.command("new")
def new_cmd(
    name: NameArg,
    team: TeamOpt = None,
    services: ServiceOpt = None,
    slos: SloOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Start a policy as a draft from the starter conditions (70% of the budget consumed;
    30% within 24h; 50% within 7d; budget exhausted: a release freeze that still allows
    security and reliability fixes). Change it with: workbench policy edit NAME."""
    with service(workspace) as (wb, ws):
        with each_problem(None, "nothing was saved"), _named_by_option():
            view = wb.policies.new(ws.id, name, team=team, services=tuple(services or ()),
                                   slos=tuple(slos or ()))
        freezes = wb.policies.freezes(ws.id, as_of=today())
    if as_json:
        print_json(view_json(view, freezes))
        return
    policy = view.policy
    typer.echo(f"Created the draft error budget policy {policy.name} with "
               f"{len(policy.conditions)} starter conditions (version {view.version})")
    if view.missing:
        typer.echo("Still missing: " + "; ".join(f"{m.part} ({m.message})"
                                                 for m in view.missing))
    typer.echo(f"Edit it with: workbench policy edit {quoted(policy.name)}")


def _scope_list(current: Sequence[str], add: Sequence[str], remove: Sequence[str],
                option: str) -> list[str]:
    items = list(current)
    for name in remove:
        key = " ".join(name.split()).casefold()
        kept = [i for i in items if i.casefold() != key]
        if len(kept) == len(items):
            shown = ", ".join(items) or "none"
            raise UsageError(f"{option} {name!r} is not in the scope (in the scope: {shown})")
        items = kept
    for name in add:
        if " ".join(name.split()).casefold() not in {i.casefold() for i in items}:
            items.append(name)
    return items


def _changes(policy: Policy, *, title: str | None, purpose: str | None,
             tiebreaker: str | None, next_review: str | None, after_outage: bool | None,
             add_service: Sequence[str], remove_service: Sequence[str],
             add_slo: Sequence[str], remove_slo: Sequence[str]) -> dict[str, Any]:
    """The top-level plain values the options replace (the service merges them)."""
    from workbench.domain.policy import policy_values

    current = policy_values(policy)
    values: dict[str, Any] = {}
    if title is not None:
        values["title"] = title
    if purpose is not None:
        values["purpose"] = purpose
    if tiebreaker is not None:
        values["escalation"] = {**current["escalation"], "tiebreaker": tiebreaker}
    if next_review is not None or after_outage is not None:
        review = dict(current["review"])
        if next_review is not None:
            day = optional_date(next_review, "--next-review")
            review["next"] = day.isoformat() if day else None
        if after_outage is not None:
            review["after_major_outage"] = after_outage
        values["review"] = review
    if add_service or remove_service or add_slo or remove_slo:
        scope = current["scope"]
        values["scope"] = {
            "services": _scope_list(scope["services"], add_service, remove_service,
                                    "--remove-service"),
            "slos": _scope_list(scope["slos"], add_slo, remove_slo, "--remove-slo"),
        }
    return values


@app.command("edit")
def edit_cmd(
    name: NameArg,
    title: TitleOpt = None,
    purpose: PurposeOpt = None,
    tiebreaker: TiebreakerOpt = None,
    next_review: NextReviewOpt = None,
    after_outage: AfterOutageOpt = None,
    add_service: AddServiceOpt = None,
    remove_service: RemoveServiceOpt = None,
    add_slo: AddSloOpt = None,
    remove_slo: RemoveSloOpt = None,
    file: FileOpt = None,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Change a policy. Options change the simple parts and leave the rest as it is;
    --file replaces the whole policy from YAML; with no option, the policy opens in $EDITOR
    as YAML and is saved when you close it (if it reads; otherwise your text is kept in a
    file whose path is printed). Editing an agreed policy starts a new draft; the agreed
    revision stays in force until the draft is agreed."""
    options = by_option([title, purpose, tiebreaker, next_review, after_outage, add_service,
                         remove_service, add_slo, remove_slo], file, "policy")
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = wb.policies.view(ws.id, name, as_of=today())
        # Refused before anything is read or edited, even a change that changes nothing.
        documents.check_version(expected, view.version,
                                label=f"error budget policy {view.policy.name}", topic=KIND)
        if options:
            values = _changes(view.policy, title=title, purpose=purpose,
                              tiebreaker=tiebreaker, next_review=next_review,
                              after_outage=after_outage, add_service=add_service or (),
                              remove_service=remove_service or (), add_slo=add_slo or (),
                              remove_slo=remove_slo or ())
            # A change that changes nothing saves nothing (the service decides).
            with each_problem(None, "nothing was saved"), _named_by_option(edit=True):
                after = wb.policies.change(
                    ws.id, view.policy.name, values,
                    expected_version=view.version if expected is None else expected)
            _report_saved(view, after, as_json, wb.policies.freezes(ws.id, as_of=today()))
            return
        if file is not None:
            policy = _read_file(file, "nothing was saved")
            with each_problem(str(file), "nothing was saved"):
                after = _save_whole(wb, ws.id, view, policy, expected)
            _report_saved(view, after, as_json, wb.policies.freezes(ws.id, as_of=today()))
            return
    _edit_in_editor(view, expected, ws.name, as_json)


def _save_whole(wb, workspace_id: int, view: PolicyView, policy: Policy,
                expected: int | None) -> PolicyView:
    """Save the whole policy; one that says what the stored one says saves nothing (the
    service decides)."""
    return wb.policies.save(workspace_id, view.policy.name, policy,
                            expected_version=view.version if expected is None else expected)


def _report_saved(before: PolicyView, after: PolicyView, as_json: bool,
                  freezes: Freezes) -> None:
    changed = after.version != before.version
    if as_json:
        print_json({**view_json(after, freezes), "changed": changed})
        return
    if not changed:
        typer.echo(f"Nothing changed in the error budget policy {before.policy.name}; "
                   "nothing saved")
        return
    head = (f"Renamed the error budget policy {before.policy.name} to {after.policy.name}"
            if after.policy.name != before.policy.name
            else f"Saved the error budget policy {after.policy.name}")
    state = after.state.describe() if after.state is not None else "saved"
    typer.echo(f"{head}: {state} (version {after.version})")
    if after.missing:
        typer.echo("Still missing: " + "; ".join(f"{m.part} ({m.message})"
                                                 for m in after.missing))


def _label(name: str) -> str:
    """What an edit of the policy ``name`` is called in the drafts folder."""
    return label_of(KIND, name)


def _edit_in_editor(view: PolicyView, expected: int | None, workspace: str,
                    as_json: bool) -> None:
    from workbench.export.policy_yaml import policy_document, read_policy_file

    def save(policy: Policy) -> tuple[PolicyView, Freezes]:
        with service(workspace) as (wb, ws):
            after = _save_whole(wb, ws.id, view, policy, expected)
            return after, wb.policies.freezes(ws.id, as_of=today())

    saved = edit_in_editor(policy_document(view.policy), label=_label(view.policy.name),
                           what="the policy",
                           load_with=f"workbench policy edit {quoted(view.policy.name)}",
                           read=read_policy_file, save=save)
    if saved is None:
        if as_json:
            with service(workspace) as (wb, ws):
                freezes = wb.policies.freezes(ws.id, as_of=today())
            print_json({**view_json(view, freezes), "changed": False})
            return
        typer.echo(f"No change made in the editor; the error budget policy "
                   f"{view.policy.name} stays as it was")
        return
    after, freezes = saved
    _report_saved(view, after, as_json, freezes)


def _read_file(file: Path, nothing: str) -> Policy:
    """The policy in a native YAML file; every problem on its own line, then exit 2."""
    from workbench.export.policy_yaml import read_policy_file

    def read(path: Path) -> Policy:
        text = read_text_file(path, what="an error budget policy YAML file")
        return read_policy_file(text, str(path).strip())

    return load_file(file, read, nothing=nothing)


# --- the lifecycle -----------------------------------------------------------------------------


documents.add_lifecycle_commands(
    app, KIND, metavar="NAME", ref_help="The policy's name (or uid).",
    agree_help="Sign a policy off: record who agrees (--by NAME:ROLE). It is agreed, and in "
               "force, once every required party has signed: operations, development and the "
               "product owner, then the escalation contacts (see: workbench policy show). A "
               "policy with missing parts cannot be agreed.",
    reopen_help="Make an agreed policy a draft again, with the reason in its history; the "
                "agreed revision stays in force until the policy is agreed again.")


@app.command("history")
def history_cmd(
    name: NameArg,
    diff: Annotated[
        tuple[str, str] | None,
        typer.Option("--diff", metavar="A B", help="Show what changed from revision A to "
                     "revision B, part by part (see also: workbench policy diff)."),
    ] = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Every revision of a policy (number, status, author, date, summary, sign-offs) and
    where it stands now; the same as: workbench history policy NAME."""
    documents.history(KIND, name, diff=diff, as_json=as_json, workspace=workspace)


@app.command("diff")
def diff_cmd(
    name: NameArg,
    before: documents.FromRevisionOpt = None,
    after: documents.ToRevisionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """What changed in a policy between two revisions, part by part: by default, what the
    draft changes in the agreed revision in force."""
    start, end = documents.revision_options(before, after)
    with service(workspace) as (wb, ws):
        view = wb.policies.view(ws.id, name, as_of=today())
    pair = documents.compared_revisions(f"the error budget policy {view.policy.name}",
                                        view.revisions, view.in_force_number, start, end)
    documents.history(KIND, view.policy.name, diff=pair, as_json=as_json, workspace=ws.name)


# --- files -------------------------------------------------------------------------------------


def markdown_text(policy: Policy, result: PolicyEvaluation, workspace: str) -> str:
    """The wiki page: ``policy``'s text, where the document stands, and the service's
    evaluation of the revision that governs (``result``)."""
    from workbench.export.policy_markdown import PolicyReport, render_markdown

    view = result.view
    return render_markdown(PolicyReport(
        workspace=workspace, policy=policy, as_of=view.as_of, state=view.state,
        revisions=view.revisions, last_saved=view.last_saved,
        in_force_number=view.in_force_number, evaluation=result.evaluation,
        evaluated=result.label), workspace_name=workspace)


def slo_generator_text(wb, workspace_id: int, policy: Policy, revision: str) -> str:
    """The burn-rate conditions as slo-generator steps, with the period the SLOs in scope
    share (the same helpers as ``workbench export``)."""
    from workbench.export.exporters.policies import shared_period, slos_in_scope
    from workbench.export.slo_generator import slo_generator_document
    from workbench.store import slo_repo

    scoped = slos_in_scope(policy, wb.read(slo_repo.list_slos, workspace_id))
    return slo_generator_document(policy, period=shared_period(scoped),
                                  slos=[s.name for s in scoped], revision=revision)


@app.command("export")
def export_cmd(
    name: NameArg,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="md|yaml|slo-generator", help="md (for "
                          "the wiki: scope, conditions and consequences, who agreed, today's "
                          "evaluation), yaml (native, re-importable with workbench policy "
                          "import; the gate reads it) or slo-generator (the burn-rate "
                          "conditions as error_budget_policies steps, from the agreed "
                          "revision in force, else the draft).")
    ] = "md",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write to this file "
                                  "(replaced whole) instead of printing.", show_default=False)
    ] = None,
    agreed: Annotated[
        bool, typer.Option("--agreed", help="Export the agreed revision in force rather "
                           "than the current text (e.g. for the gate in a pipeline).")
    ] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Print a policy as Markdown, native YAML or an slo-generator document (or write it to
    --out). Markdown and YAML hold the current text (a draft while one is edited) unless
    --agreed is given."""
    chosen = " ".join(fmt.split()).lower().lstrip(".")
    chosen = {"markdown": "md", "yml": "yaml", "slo_generator": "slo-generator"}.get(chosen,
                                                                                     chosen)
    if chosen not in EXPORT_FORMATS:
        raise UsageError(f"--format {fmt!r} is not a format; choose one of: "
                         + ", ".join(EXPORT_FORMATS))
    path = None
    if out is not None:
        if not str(out).strip():
            raise UsageError("--out is empty; give the path of the file to write")
        path = Path(str(out).strip()).expanduser()
        if path.is_dir():
            raise UsageError(f"--out {path} is a folder; give the path of the file to write")
    with service(workspace) as (wb, ws):
        result = wb.policies.evaluate(ws.id, name, as_of=today())
        view = result.view
        if agreed and view.in_force is None:
            raise UsageError(f"the error budget policy {view.policy.name} has no agreed "
                             "revision yet; export the draft without --agreed, or agree it "
                             "first")
        in_force = view.in_force
        if chosen == "slo-generator":
            governing = in_force if in_force is not None else view.policy
            text = slo_generator_text(wb, ws.id, governing, result.label)
        else:
            policy = in_force if agreed and in_force is not None else view.policy
            if chosen == "yaml":
                from workbench.export.policy_yaml import policy_document

                text = policy_document(policy)
            else:
                text = markdown_text(policy, result, ws.name)
    if path is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from workbench.export.files import write_atomic

    write_atomic(path, text)
    typer.echo(str(path))
    typer.echo(f"Wrote the error budget policy {view.policy.name} as {chosen} to {path}",
               err=True)


@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="An error budget policy in "
                                         "native YAML (from: workbench policy export NAME "
                                         "--format yaml).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and say what would be written; "
                           "save nothing.")
    ] = False,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Create a policy from FILE, or make it a new revision of the policy of that name. The
    whole file is checked first; any problem stops the import with nothing saved. Importing
    into an agreed policy starts a new draft; the agreed revision stays in force."""
    policy = _read_file(file, "nothing was imported")
    with service(workspace) as (wb, ws):
        with each_problem(str(file), "nothing was imported"):
            result = wb.policies.replace(ws.id, policy, dry_run=dry_run)
        freezes = wb.policies.freezes(ws.id, as_of=today())
    view = result.view
    if as_json:
        print_json({"file": str(file), "dry_run": dry_run, "created": result.created,
                    "changed": result.changed,
                    "written": (result.created or result.changed) and not dry_run,
                    "policy": view_json(view, freezes)})
        return
    name = view.policy.name
    if not result.created and not result.changed:
        typer.echo(f"{file} matches the error budget policy {name} of {ws.name}; nothing "
                   "to import")
        return
    verb, did = ("create", "created") if result.created else ("save", "saved")
    rest = (f"the error budget policy {name} as a draft" if result.created
            else f"a new revision of the error budget policy {name}")
    if not result.created and view.in_force_number is not None:
        rest += (f" (a draft; agreed revision {view.in_force_number} stays in force until it "
                 "is agreed)")
    if dry_run:
        typer.echo(f"Dry run: importing {file} into {ws.name} would {verb} {rest}")
        _print_missing(view)
        typer.echo("Nothing was written (dry run).")
        return
    typer.echo(f"Imported {file} into {ws.name}: {did} {rest} (version {view.version})")
    _print_missing(view)


def _print_missing(view: PolicyView) -> None:
    if view.missing:
        typer.echo("Missing before it can be agreed: " + "; ".join(
            f"{m.part} ({m.message})" for m in view.missing))


# --- evaluation --------------------------------------------------------------------------------


@app.command("evaluate")
def evaluate_cmd(
    name: NameArg,
    draft: Annotated[
        bool, typer.Option("--draft", help="Evaluate the current draft even when an agreed "
                           "revision is in force.")
    ] = False,
    day: Annotated[
        str | None, typer.Option("--date", "-d", metavar="YYYY-MM-DD", help="Evaluate the "
                                 "figures up to this day (default: today).")
    ] = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Which conditions of a policy fire, are close (90% of the threshold) or clear against
    the stored figures, with each figure and threshold; the consequences in force; and
    whether a freeze is in force and what it still allows."""
    as_of = date_or_today(day)
    with service(workspace) as (wb, ws):
        result = wb.policies.evaluate(ws.id, name, as_of=as_of, draft=draft)
    evaluation = result.evaluation
    if as_json:
        print_json({"name": result.view.policy.name, "evaluated": result.label,
                    "as_of": as_of.isoformat(), **evaluation_json(evaluation)})
        return
    for line in evaluation_lines(result.view.policy.name, result.label, as_of.isoformat(),
                                 evaluation):
        typer.echo(line)


def evaluation_lines(name: str, label: str, as_of: str, evaluation: Evaluation) -> list[str]:
    from workbench.domain.policy import CLOSE_SHARE, ENDS_TITLES, Outcome
    from workbench.domain.policy.evaluate import decimal
    from workbench.domain.slo import decimal_text as plain

    lines = wrapped(f"Error budget policy {name}: {label}, as of {as_of}")
    if evaluation.freeze:
        conditions = ", ".join(dict.fromkeys(a.condition for a in evaluation.freezes))
        allowed = ", ".join(evaluation.allowed) or "nothing"
        lines += wrapped(f"Freeze in force: stop {', '.join(evaluation.stopped)} (condition "
                         f"{conditions}); still allowed: {allowed}")
    else:
        lines.append("No freeze in force.")
    lines.append("")
    table: list[list[Any]] = [
        [shortened(r.condition, 18), shortened(r.slo, 24), r.outcome.value, r.figure_text(),
         r.threshold_text()] for r in evaluation.results]
    header = ["condition", "slo", "outcome", "figure", "threshold"]
    if not table:
        lines.append("No condition to evaluate." if not evaluation.policy.conditions
                     else "No SLO in scope has figures.")
    else:
        from rich.cells import cell_len

        cells = [[str(c) for c in row] for row in table]
        titles = [h.upper() for h in header]
        widths = [max(cell_len(t), *(cell_len(r[i]) for r in cells))
                  for i, t in enumerate(titles)]
        for row in [titles, *cells]:
            lines.append("  ".join(v + " " * (w - cell_len(v))
                                   for v, w in zip(row, widths, strict=True)).rstrip())
    if evaluation.applied:
        lines.append("")
        lines.append("Consequences in force:")
        for applied in evaluation.applied:
            cons = applied.consequence
            why = (f" ({', '.join(applied.slos)})" if applied.slos
                   else " (fired earlier this period)" if applied.carried else "")
            detail = f": {cons.detail}" if cons.detail else ""
            lines += wrapped(f"{applied.condition}{why}: {cons.describe()}{detail}; ends "
                             f"{ENDS_TITLES[cons.ends]}", "  ")
    if evaluation.close:
        lines.append("")
        share = plain(decimal(CLOSE_SHARE * 100))
        lines.append(f"Close to firing ({share}% of the threshold or more):")
        for r in evaluation.close:
            lines += wrapped(f"{r.condition} ({r.slo}): {r.figure_text()} of "
                             f"{r.threshold_text()}", "  ")
    unknown: dict[tuple[str, str], list[str]] = {}
    for r in evaluation.of(Outcome.UNKNOWN):
        unknown.setdefault((r.condition, r.explanation), []).append(r.slo)
    if unknown:
        lines.append("")
        lines.append("Unknown (the figures cannot tell):")
        for (condition, why), slos in unknown.items():
            lines += wrapped(f"{condition} ({', '.join(slos)}): {why}", "  ")
    if evaluation.missing:
        lines.append("")
        lines += wrapped("In scope without figures: " + ", ".join(evaluation.missing))
    if evaluation.lowest is not None:
        slo, left = evaluation.lowest
        lines.append("")
        lines += wrapped(f"Least budget left: {slo}, {plain(left, 2)}% of its budget")
    return [printable(line) for line in lines]
