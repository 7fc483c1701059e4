"""``workbench org``: the organisation's "who builds it, who runs it?" decision (per
organisation or per product) with the SRE sizing it implies, and the SRE role description
(``show``, ``decide``, ``role``, ``role-show``, ``agree``, ``reopen``, ``history``,
``export``, ``import``).

Everything goes through ``wb.organisation`` (the service) and ``wb.documents`` (the
lifecycle); the models, criteria, the book's ratings and the sizing rule are the domain's.

Decisions:
- A decision is the organisation's unless ``--product P`` names a product; the lifecycle
  commands take ``--role`` for the SRE role description instead.
- Models and criteria are typed by their value (``you-and-sre-run``, ``knowledge-sync``),
  their title, or a prefix of the value that only one has (``you-and``); anything else is
  refused with the valid values.
- ``decide`` creates the decision or changes it. ``--consider`` replaces the models
  compared (scores of a model no longer compared go with it, and the command says so);
  ``--choose`` adds the chosen model to them when it is not there. ``--score
  MODEL:CRITERION:N[:note]`` sets one cell (N from 1 to 5, or empty for a note alone;
  neither: the cell is cleared). ``--sre-team`` and ``--other-team`` replace their lists
  (an empty value clears one). With no option, an existing decision opens in ``$EDITOR``
  as YAML and a missing one starts from the four models of the spectrum.
- ``role`` creates the role description from the book's generic one when there is none,
  with any changes given as options, as one revision; with no option an existing one opens
  in ``$EDITOR``. Edits that do not read or that the service refuses are kept under the
  data folder (``commands/yaml_editing.py``).
- ``show`` prints the comparison with one column per model compared, headed by the
  models' short titles so that it stays within 80 columns, and the sizing of the chosen
  model as one line: "3 development teams -> 3 SREs in 1 SRE team (you have 1)".
- ``export`` prints one document (the organisation's decision unless ``--product`` or
  ``--role`` says otherwise), or writes into ``--out`` the files ``workbench export`` names
  (``decision.md``, ``decision-<product>.md``, ``sre-role.md``): the one chosen, or every
  organisation document when none is chosen.
- ``import`` reads a decision or a role by the file's ``kind``; ``--dry-run`` runs the same
  code and keeps nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.commands import documents
from workbench.commands.common import (
    JsonOpt,
    WorkbenchGroup,
    WorkspaceOpt,
    optional_date,
    parse_count,
    print_json,
    printable,
    service,
)
from workbench.commands.doc_cli import (
    WIDTH,
    DryRunOpt,
    agreement_lines,
    check_out_folder,
    choice,
    echo_lines,
    edited_list,
    export_format,
    import_line,
    list_option,
    missing_line,
    named_by_option,
    open_lines,
    paragraphs,
    plural,
    status_lines,
    text_option,
    wrapped,
    write_document,
)
from workbench.commands.yaml_editing import (
    by_option,
    each_problem,
    edit_in_editor,
    load_file,
    quoted,
)
from workbench.domain.org.models import (
    CRITERION_SHORT,
    CRITERION_TITLES,
    MODEL_SHORT,
    MODEL_TITLES,
    Criterion,
    OrgModel,
)
from workbench.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from workbench.domain.org import OrgDecision, Sizing, SreRole
    from workbench.service.organisation import DecisionView, RoleView

DECISION_KIND = "org"
ROLE_KIND = "sre_role"
ROLE_REF = "role"
ORGANISATION = "organisation"

app = typer.Typer(
    cls=WorkbenchGroup,
    name="org",
    rich_markup_mode=None,
    help="The organisation model decision (who builds it, who runs it?) with the criteria "
         "compared side by side and the SRE sizing it implies, and the SRE role "
         "description; sign-off, history and export for the wiki.",
    no_args_is_help=True,
    add_completion=False,
)

MODELS = ", ".join(m.value for m in OrgModel)
CRITERIA = ", ".join(c.value for c in Criterion)

ProductOpt = Annotated[
    str | None, typer.Option("--product", "-p", metavar="PRODUCT", show_default=False,
                             help="The product the decision is for (default: the whole "
                                  "organisation).")
]
RoleFlag = Annotated[bool, typer.Option("--role", help="The SRE role description instead "
                                        "of a decision.")]


ChooseOpt = text_option("--choose", "The model chosen (added to those considered). Models: "
                        f"{MODELS}.", "MODEL")
ConsiderOpt = list_option("--consider", "A model compared; repeat for each. Replaces the "
                          "models compared (scores of a model left out are dropped).",
                          "MODEL")
ScoresOpt = list_option("--score", "A score from 1 (poor fit) to 5 (best fit) and an "
                        "optional note for one model and criterion; N may be empty for a "
                        "note alone, and N and the note both empty clear the cell; repeat "
                        f"for more. Criteria: {CRITERIA}.",
                        "MODEL:CRITERION:N[:NOTE]")
ReasonOpt = text_option("--reason", "Why the model was chosen.")
DecidedOnOpt = text_option("--decided-on", "The day it was decided, YYYY-MM-DD ('' "
                           "clears it).", "YYYY-MM-DD")
SreTeamsOpt = list_option("--sre-team", "A team that is an SRE team; repeat for each. "
                          "Replaces the list ('' clears it).", "TEAM")
OtherTeamsOpt = list_option("--other-team", "A team that is neither a development nor an "
                            "SRE team (platform, IT); repeat for each. Replaces the list "
                            "('' clears it).", "TEAM")
SreTeamSizeOpt = text_option("--sre-team-size", "How many SREs an SRE team holds (the "
                             "book's example: 8).", "N")
SresPerTeamOpt = text_option("--sres-per-team", "How many SREs each development team "
                             "needs on its rotation (default 1).", "N")
TitleOpt = text_option("--title", "What the role is called (default: Site Reliability "
                       "Engineer).")
PurposeOpt = text_option("--purpose", "What the role is for in this organisation.")
AddResponsibilityOpt = list_option("--add-responsibility", "Add a responsibility; repeat "
                                   "for more.")
RemoveResponsibilityOpt = list_option("--remove-responsibility", "Take a responsibility "
                                      "out (its text, as listed).")
AddSkillOpt = list_option("--add-skill", "Add a skill; repeat for more.")
RemoveSkillOpt = list_option("--remove-skill", "Take a skill out.")
AddStackOpt = list_option("--add-stack", "Add a technology of the stack the role works "
                          "with; repeat for more.")
RemoveStackOpt = list_option("--remove-stack", "Take a technology out of the stack.")
FileOpt = Annotated[
    Path | None,
    typer.Option("--file", metavar="YAML", show_default=False,
                 help="Replace the whole document with the one in this native YAML file "
                      "(from: workbench org export --format yaml)."),
]

# Where a problem of the service is about (its part), as the option that was typed.
DECISION_OPTION_OF = {
    "chosen": "--choose", "considered": "--consider", "scores": "--score",
    "reason": "--reason", "decided_on": "--decided-on", "teams.sre": "--sre-team",
    "teams.other": "--other-team", "sizing.sre_team_size": "--sre-team-size",
    "sizing.sres_per_team": "--sres-per-team",
}
ROLE_OPTION_OF = {
    "title": "--title", "purpose": "--purpose", "responsibilities": "--add-responsibility",
    "skills": "--add-skill", "stack": "--add-stack",
}


def _ref(product: str | None) -> str:
    text = " ".join((product or "").split())
    return text or ORGANISATION


def _product(product: str | None) -> str | None:
    """The product as the decision stores it (None: the organisation's)."""
    text = " ".join((product or "").split())
    return None if not text or text.casefold() == ORGANISATION else text


def model_of(typed: str, option: str) -> OrgModel:
    return choice(OrgModel, typed, option, titles=MODEL_TITLES)


def criterion_of(typed: str, option: str) -> Criterion:
    return choice(Criterion, typed, option, titles=CRITERION_TITLES)


def compared(decision: OrgDecision) -> list[OrgModel]:
    """The models the comparison shows: those considered, then the chosen one if it is not
    among them."""
    models = list(decision.considered)
    if decision.chosen is not None and decision.chosen not in models:
        models.append(decision.chosen)
    return models


def _decision_label(decision: OrgDecision) -> str:
    return ("the organisation model decision" if not decision.product
            else f"the organisation model decision for {decision.product}")


# --- JSON shapes -------------------------------------------------------------------------------


def sizing_json(found: Sizing) -> dict[str, Any]:
    return {"development_teams": found.development_teams, "sre_people": found.sre_people,
            "sre_teams": found.sre_teams, "current_sre_teams": found.current_sre_teams,
            "missing_sre_teams": found.missing_sre_teams, "needs_sre": found.needs_sre}


def decision_json(view: DecisionView) -> dict[str, Any]:
    """Everything ``show --json`` prints about one decision."""
    from workbench.domain.org import book_rating, decision_values, development_teams

    decision = view.decision
    models = compared(decision)
    comparison = []
    for criterion in Criterion:
        cells = {}
        for model in models:
            score = decision.score(model, criterion)
            cells[model.value] = {"score": score.score if score is not None else None,
                                  "note": score.note if score is not None else "",
                                  "book": book_rating(model, criterion)}
        comparison.append({"criterion": criterion.value, "title": criterion.title,
                           "models": cells})
    chosen = view.chosen_sizing
    return {
        "ref": view.ref, "product": decision.product, "uid": decision.uid or None,
        **documents.revisions_json(view),
        "decision": decision_values(decision),
        "in_force": decision_values(view.in_force) if view.in_force is not None else None,
        "chosen": decision.chosen.value if decision.chosen else None,
        "models": [{"model": m.value, "title": m.title, "short": m.short,
                    "total": decision.total(m)} for m in models],
        "comparison": comparison,
        "teams": {"all": list(view.teams),
                  "development": development_teams(decision, view.teams),
                  "sre": list(decision.sre_teams), "other": list(decision.other_teams)},
        "sizing": {m.value: sizing_json(s) for m, s in view.sizing.items()},
        "chosen_sizing": sizing_json(chosen) if chosen is not None else None,
        "sizing_line": sizing_line(view),
        "parties": [documents.party_json(p) for p in decision.required_parties()],
        "missing": [{"part": m.part, "message": m.message} for m in view.missing],
        "problems": [" ".join(str(p).split()) for p in view.problems],
    }


def role_json(view: RoleView) -> dict[str, Any]:
    from workbench.domain.org import role_values

    return {
        "ref": view.ref, "uid": view.role.uid or None,
        **documents.revisions_json(view),
        "role": role_values(view.role),
        "in_force": role_values(view.in_force) if view.in_force is not None else None,
        "parties": [documents.party_json(p) for p in view.role.required_parties()],
        "missing": [{"part": m.part, "message": m.message} for m in view.missing],
    }


# --- show --------------------------------------------------------------------------------------


def sizing_line(view: DecisionView) -> str:
    """"3 development teams -> 3 SREs in 1 SRE team (you have 1)", or what stands in for
    it when no model is chosen or the chosen one needs no SREs."""
    chosen = view.decision.chosen
    found = view.chosen_sizing
    if chosen is None or found is None:
        return "choose a model to see the SREs it needs"
    dev = plural(found.development_teams, "development team")
    have = f"you have {found.current_sre_teams}"
    if not found.needs_sre:
        return (f"{dev} -> no SREs on their rotations with {chosen.short} "
                f"({have} SRE team{'' if found.current_sre_teams == 1 else 's'})")
    more = f"; {found.missing_sre_teams} more needed" if found.missing_sre_teams else ""
    return (f"{dev} -> {plural(found.sre_people, 'SRE')} in "
            f"{plural(found.sre_teams, 'SRE team')} ({have}{more})")


def _cell(decision: OrgDecision, model: OrgModel, criterion: Criterion) -> str:
    score = decision.score(model, criterion)
    if score is None:
        return "-"
    text = str(score.score) if score.score is not None else "-"
    return text + ("*" if score.note else "")


def comparison_lines(view: DecisionView) -> list[str]:
    """The criteria (rows) against the models compared (columns), with totals and the SREs
    each model needs; headings shortened when the table would not fit 80 columns."""
    from rich.cells import cell_len

    decision = view.decision
    models = compared(decision)
    if not models:
        return ["No model considered yet; add some with: workbench org decide --consider "
                "MODEL"]
    rows: list[list[str]] = []
    for criterion in Criterion:
        rows.append([CRITERION_SHORT[criterion],
                     *(_cell(decision, m, criterion) for m in models)])
    rows.append(["Total", *(str(decision.total(m)) if any(
        s.model is m and s.score for s in decision.scores) else "-" for m in models)])
    rows.append(["SREs needed", *(str(view.sizing[m].sre_people) if m in view.sizing else "-"
                                  for m in models)])
    rows.append(["SRE teams needed", *(str(view.sizing[m].sre_teams) if m in view.sizing
                                       else "-" for m in models)])
    headings = ["CRITERION", *(MODEL_SHORT[m].upper() for m in models)]
    # The longest headings lose a letter at a time until the table fits (cells are short).
    limits = [len(h) for h in headings]
    cells = [max((cell_len(r[i]) for r in rows), default=0) for i in range(len(headings))]

    def total() -> int:
        return sum(max(limit, cell) for limit, cell in zip(limits, cells, strict=True)) \
            + 2 * (len(headings) - 1)

    while total() > WIDTH:
        index = max(range(1, len(headings)), key=lambda i: limits[i])
        if limits[index] <= 4:
            break
        limits[index] -= 1
    headings = [h if len(h) <= limit else h[:limit - 1].rstrip() + "…"
                for h, limit in zip(headings, limits, strict=True)]
    widths = [max(cell_len(r[i]) for r in [headings, *rows]) for i in range(len(headings))]
    lines = []
    for row in [headings, *rows]:
        lines.append("  ".join(v + " " * (w - cell_len(v))
                               for v, w in zip(row, widths, strict=True)).rstrip())
    return lines


def describe_decision(view: DecisionView, others: Sequence[DecisionView] = (),
                      role: RoleView | None = None) -> list[str]:
    """The lines of ``show`` (at most 80 columns)."""
    from workbench.domain.org import decision_values, development_teams

    decision = view.decision
    head = "Organisation model decision" + (f" for {decision.product}" if decision.product
                                            else " (the whole organisation)")
    differs = view.in_force is not None and \
        decision_values(view.in_force) != decision_values(decision)
    lines = wrapped(head) + status_lines(view, differs)
    chosen = decision.chosen
    lines += wrapped("chosen: " + (f"{chosen.title} ({chosen.value})" if chosen else "-"))
    if decision.decided_on:
        lines.append(f"decided on: {decision.decided_on.isoformat()}")
    lines += wrapped("considered: " + (", ".join(m.value for m in decision.considered)
                                       or "-"))
    lines.append("reason:" + ("" if decision.reason.strip() else " -"))
    if decision.reason.strip():
        lines += paragraphs(decision.reason)
    lines.append("")
    lines.append("Comparison (scores from 1 to 5, 5 fits best; * has a note):")
    lines += comparison_lines(view)
    notes = [s for m in compared(decision) for c in Criterion
             if (s := decision.score(m, c)) is not None and s.note]
    if notes:
        lines.append("")
        lines.append("Notes:")
        for score in notes:
            lines += wrapped(f"{MODEL_SHORT[score.model]}, {CRITERION_SHORT[score.criterion]}:"
                             f" {score.note}", "  ")
    lines.append("")
    lines += wrapped(f"sizing: {sizing_line(view)}")
    dev = development_teams(decision, view.teams)
    lines += wrapped(f"development teams: {', '.join(dev) or '-'}", "  ")
    lines += wrapped(f"SRE teams: {', '.join(decision.sre_teams) or '-'}; other teams: "
                     f"{', '.join(decision.other_teams) or '-'}", "  ")
    lines += wrapped(f"{plural(decision.sres_per_team, 'SRE')} per development team; an "
                     f"SRE team holds {decision.sre_team_size}", "  ")
    lines += agreement_lines(decision.required_parties(), view.state.signoffs)
    lines += open_lines(view.missing, view.problems)
    if others or role is not None:
        lines.append("")
    if others:
        lines += wrapped("other decisions: " + ", ".join(
            f"{o.ref} ({o.state.status.value})" for o in others) + " (see: workbench org "
            "show --product P)")
    if role is not None:
        lines += wrapped(f"SRE role description: {role.state.describe()} (see: workbench org "
                         "role-show)")
    return [printable(line) for line in lines]


@app.command("show")
def show_cmd(
    product: ProductOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """The organisation model decision: the chosen model and why, the models compared
    criterion by criterion (one column each), and the SRE people and teams the choice implies
    for the workspace's teams."""
    with service(workspace) as (wb, ws):
        view = wb.organisation.decision(ws.id, _product(product))
        overview = wb.organisation.overview(ws.id)
    if as_json:
        print_json(decision_json(view))
        return
    others = [d for d in overview.decisions if d.ref.casefold() != view.ref.casefold()]
    echo_lines(describe_decision(view, others, overview.role))


def describe_role(view: RoleView) -> list[str]:
    role = view.role
    lines = wrapped(f"SRE role description: {role.title}") + status_lines(view)
    lines.append("purpose:" + ("" if role.purpose.strip() else " -"))
    if role.purpose.strip():
        lines += paragraphs(role.purpose)
    for title, items in (("responsibilities", role.responsibilities),
                         ("skills", role.skills), ("technical stack", role.stack)):
        if not items:
            lines.append(f"{title}: -")
            continue
        lines.append(f"{title} ({len(items)}):")
        for item in items:
            lines += wrapped(f"- {item}", "  ", "  ")
    lines += agreement_lines(role.required_parties(), view.state.signoffs)
    lines += open_lines(view.missing)
    return [printable(line) for line in lines]


def _role_view(wb, workspace_id: int) -> RoleView:
    view = wb.organisation.role(workspace_id)
    if view is None:
        raise NotFoundError("no SRE role description yet; start one with: workbench org role",
                            topic=ROLE_KIND)
    return view


@app.command("role-show")
def role_show_cmd(
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """The SRE role description: its title, purpose, responsibilities, skills and technical
    stack, and where it stands."""
    with service(workspace) as (wb, ws):
        view = _role_view(wb, ws.id)
    if as_json:
        print_json(role_json(view))
        return
    echo_lines(describe_role(view))


# --- the decision ------------------------------------------------------------------------------


def _score(spec: str) -> tuple[OrgModel, Criterion, int | None, str]:
    """``MODEL:CRITERION:N[:note]`` (N may be empty for a note alone)."""
    parts = spec.split(":", 3)
    if len(parts) < 3:
        raise UsageError(f"--score {spec!r} is not MODEL:CRITERION:N[:note], e.g. "
                         "--score you-and-sre-run:knowledge-sync:4:'SREs sit with the teams'")
    model = model_of(parts[0], "--score model")
    criterion = criterion_of(parts[1], "--score criterion")
    raw = parts[2].strip()
    score = None
    if raw:
        if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= 5):
            raise UsageError(f"--score {spec!r}: {raw!r} is not a score; use a whole number "
                             "from 1 to 5 (or leave it empty for a note alone)")
        score = int(raw)
    note = " ".join(parts[3].split()) if len(parts) == 4 else ""
    return model, criterion, score, note


def _team_list(typed: Sequence[str]) -> list[str]:
    """A list option that replaces a list: one empty value clears it."""
    return [" ".join(t.split()) for t in typed if t.strip()]


def decision_changes(decision: OrgDecision, *, choose: str | None,
                     consider: Sequence[str], scores: Sequence[str], reason: str | None,
                     decided_on: str | None, sre_teams: Sequence[str] | None,
                     other_teams: Sequence[str] | None, sre_team_size: str | None,
                     sres_per_team: str | None) -> tuple[dict[str, Any], list[str]]:
    """The top-level plain values the options replace, and notes on what else changed (the
    scores dropped with a model no longer compared)."""
    from workbench.domain.org import decision_values

    current = decision_values(decision)
    values: dict[str, Any] = {}
    notes: list[str] = []
    considered = list(decision.considered)
    if consider:
        considered = list(dict.fromkeys(model_of(m, "--consider") for m in consider))
        values["considered"] = [m.value for m in considered]
    chosen = decision.chosen
    if choose is not None:
        if not choose.strip():
            chosen = None
            values["chosen"] = None
        else:
            chosen = model_of(choose, "--choose")
            values["chosen"] = chosen.value
            if chosen not in considered:
                considered.append(chosen)
                values["considered"] = [m.value for m in considered]
    cells = [dict(s) for s in current["scores"]]
    if scores or "considered" in values:
        for spec in scores:
            model, criterion, score, note = _score(spec)
            if model not in considered:
                raise UsageError(f"--score {spec!r}: {model.value} is not among the models "
                                 f"considered ({', '.join(m.value for m in considered)}); "
                                 "add it with --consider")
            cells = [c for c in cells if not (c["model"] == model.value
                                              and c["criterion"] == criterion.value)]
            if score is not None or note:
                cell: dict[str, Any] = {"model": model.value, "criterion": criterion.value}
                if score is not None:
                    cell["score"] = score
                if note:
                    cell["note"] = note
                cells.append(cell)
        kept = [c for c in cells if OrgModel(c["model"]) in considered]
        dropped = sorted({c["model"] for c in cells} - {c["model"] for c in kept})
        for model_value in dropped:
            count = sum(1 for c in cells if c["model"] == model_value)
            notes.append(f"note: dropped {plural(count, 'score')} of {model_value}, no longer "
                         "considered")
        order = {(m, c): i for i, (m, c) in enumerate(
            (m.value, c.value) for m in OrgModel for c in Criterion)}
        values["scores"] = sorted(kept, key=lambda c: order[(c["model"], c["criterion"])])
    if reason is not None:
        values["reason"] = reason
    if decided_on is not None:
        day = optional_date(decided_on, "--decided-on")
        values["decided_on"] = day.isoformat() if day else None
    if sre_teams is not None or other_teams is not None:
        teams = dict(current["teams"])
        if sre_teams is not None:
            teams["sre"] = _team_list(sre_teams)
        if other_teams is not None:
            teams["other"] = _team_list(other_teams)
        values["teams"] = teams
    if sre_team_size is not None or sres_per_team is not None:
        size = dict(current["sizing"])
        if sre_team_size is not None:
            size["sre_team_size"] = parse_count(sre_team_size, "--sre-team-size")
        if sres_per_team is not None:
            size["sres_per_team"] = parse_count(sres_per_team, "--sres-per-team")
        values["sizing"] = size
    return values, notes


def _decision_or_none(wb, workspace_id: int, product: str | None) -> DecisionView | None:
    try:
        return wb.organisation.decision(workspace_id, product)
    except NotFoundError as exc:
        if exc.topic == DECISION_KIND:
            return None
        raise


@app.command("decide")
def decide_cmd(
    product: ProductOpt = None,
    choose: ChooseOpt = None,
    consider: ConsiderOpt = None,
    scores: ScoresOpt = None,
    reason: ReasonOpt = None,
    decided_on: DecidedOnOpt = None,
    sre_teams: SreTeamsOpt = None,
    other_teams: OtherTeamsOpt = None,
    sre_team_size: SreTeamSizeOpt = None,
    sres_per_team: SresPerTeamOpt = None,
    file: FileOpt = None,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Record or change the organisation model decision (or a product's, with --product):
    the models compared, a score or note per criterion, the one chosen and why, and what the
    sizing counts. Options change those parts and leave the rest; --file replaces the whole
    decision from YAML; with no option a new decision starts from the four models of the
    spectrum, and an existing one opens in $EDITOR as YAML. Changing an agreed decision
    starts a new draft; the agreed revision stays in force until it is agreed."""
    options = by_option([choose, consider, scores, reason, decided_on, sre_teams, other_teams,
                         sre_team_size, sres_per_team], file, "decision")
    expected = documents.expected_version(version)
    wanted = _product(product)
    with service(workspace) as (wb, ws):
        if file is not None:
            from workbench.export.org_yaml import read_decision_path

            decision = load_file(file, read_decision_path, nothing="nothing was saved")
            if product is not None and (decision.product or "").casefold() != \
                    (wanted or "").casefold():
                raise UsageError(f"{file} is {_decision_label(decision)}, not for "
                                 f"{wanted or ORGANISATION}; leave out --product, or change "
                                 "the file's product")
            wanted = decision.product
        view = _decision_or_none(wb, ws.id, wanted)
        documents.check_version(
            expected, view.version if view is not None else None,
            label=_decision_label(view.decision) if view is not None else "",
            gone=f"there is no decision for {_ref(wanted)} (any more); nothing was saved",
            topic=DECISION_KIND)
        if file is not None:
            with each_problem(str(file), "nothing was saved"):
                after = wb.organisation.decide(
                    ws.id, decision, expected_version=view.version if view else None,
                    summary="edited" if view else "added")
            _report_decision(view, after, as_json)
            return
        if options:
            from workbench.domain.org import SPECTRUM, OrgDecision

            base = view.decision if view is not None else \
                OrgDecision(product=wanted, considered=SPECTRUM)
            values, notes = decision_changes(
                base, choose=choose, consider=consider or (), scores=scores or (),
                reason=reason, decided_on=decided_on, sre_teams=sre_teams,
                other_teams=other_teams, sre_team_size=sre_team_size,
                sres_per_team=sres_per_team)
            with each_problem(None, "nothing was saved"), \
                    named_by_option(DECISION_OPTION_OF):
                if view is None:
                    after = _create_decision(wb, ws.id, base, values)
                else:
                    after = wb.organisation.change_decision(
                        ws.id, wanted, values, expected_version=view.version)
            for note in notes:
                typer.echo(note, err=True)
            _report_decision(view, after, as_json)
            return
        if view is None:
            after = wb.organisation.new_decision(ws.id, wanted)
            _report_decision(None, after, as_json)
            return
    _edit_decision(view, ws.name, as_json)


def _create_decision(wb, workspace_id: int, base: OrgDecision,
                     values: dict[str, Any]) -> DecisionView:
    from workbench.domain.org import decision_values
    from workbench.service.organisation import read_decision_values

    merged = {**decision_values(base), **values}
    if base.product:
        merged["product"] = base.product
    return wb.organisation.decide(workspace_id, read_decision_values(merged), summary="added")


def _report_decision(before: DecisionView | None, after: DecisionView, as_json: bool) -> None:
    changed = before is None or after.version != before.version
    if as_json:
        print_json({**decision_json(after), "created": before is None, "changed": changed})
        return
    label = _decision_label(after.decision)
    if before is None:
        lines = wrapped(f"Started {label} as a draft (version {after.version})")
    elif not changed:
        typer.echo(f"Nothing changed in {label}; nothing saved")
        return
    else:
        lines = wrapped(f"Saved {label}: {after.state.describe()} (version {after.version})")
    chosen = after.decision.chosen
    lines += wrapped(f"chosen: {chosen.title}; sizing: {sizing_line(after)}" if chosen
                     else "chosen: none yet (choose with: workbench org decide --choose "
                          "MODEL)")
    echo_lines(lines + missing_line(after.missing))


def _edit_decision(view: DecisionView, workspace: str | None, as_json: bool) -> None:
    from workbench.commands.yaml_editing import label_of
    from workbench.export.org_yaml import decision_document, read_decision_file

    def save(decision: OrgDecision) -> DecisionView:
        if (decision.product or "").casefold() != (view.decision.product or "").casefold():
            raise UsageError(f"the edited file is {_decision_label(decision)}; keep its "
                             f"product as {view.decision.product or 'none'}")
        with service(workspace) as (wb, ws):
            return wb.organisation.decide(ws.id, decision, expected_version=view.version)

    product = view.decision.product
    retry = "workbench org decide" + (f" --product {quoted(product)}" if product else "")
    after = edit_in_editor(decision_document(view.decision),
                           label=label_of("org-decision", product or ORGANISATION),
                           what="the decision", load_with=retry, read=read_decision_file,
                           save=save)
    if after is None:
        if as_json:
            print_json({**decision_json(view), "created": False, "changed": False})
            return
        typer.echo(f"No change made in the editor; {_decision_label(view.decision)} stays as "
                   "it was")
        return
    _report_decision(view, after, as_json)


# --- the SRE role ------------------------------------------------------------------------------


def role_changes(role: SreRole, *, title: str | None, purpose: str | None,
                 add_responsibility: Sequence[str], remove_responsibility: Sequence[str],
                 add_skill: Sequence[str], remove_skill: Sequence[str],
                 add_stack: Sequence[str], remove_stack: Sequence[str]) -> dict[str, Any]:
    from workbench.domain.org import role_values

    current = role_values(role)
    values: dict[str, Any] = {}
    if title is not None:
        values["title"] = title
    if purpose is not None:
        values["purpose"] = purpose
    for key, add, remove, option, what in (
            ("responsibilities", add_responsibility, remove_responsibility,
             "--remove-responsibility", "responsibilities"),
            ("skills", add_skill, remove_skill, "--remove-skill", "skills"),
            ("stack", add_stack, remove_stack, "--remove-stack", "parts of the stack")):
        if add or remove:
            values[key] = edited_list(current[key], add, remove, remove_option=option,
                                      what=what)
    return values


@app.command("role")
def role_cmd(
    title: TitleOpt = None,
    purpose: PurposeOpt = None,
    add_responsibility: AddResponsibilityOpt = None,
    remove_responsibility: RemoveResponsibilityOpt = None,
    add_skill: AddSkillOpt = None,
    remove_skill: RemoveSkillOpt = None,
    add_stack: AddStackOpt = None,
    remove_stack: RemoveStackOpt = None,
    file: FileOpt = None,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Write the SRE role description. Without one yet, it starts from the book's generic
    role (its responsibilities and skills, to keep, drop or extend) with any changes given.
    Options change those parts; --file replaces the whole role from YAML; with no option an
    existing role opens in $EDITOR as YAML."""
    options = by_option([title, purpose, add_responsibility, remove_responsibility, add_skill,
                         remove_skill, add_stack, remove_stack], file, "role")
    expected = documents.expected_version(version)
    with service(workspace) as (wb, ws):
        view = wb.organisation.role(ws.id)
        current = view.version if view is not None else None
        documents.check_version(
            expected, current, label="the SRE role description",
            gone="there is no SRE role description (any more); nothing was saved",
            topic=ROLE_KIND)
        if file is not None:
            from workbench.export.org_yaml import read_role_path

            role = load_file(file, read_role_path, nothing="nothing was saved")
            with each_problem(str(file), "nothing was saved"):
                after = wb.organisation.save_role(ws.id, role, expected_version=current,
                                                  summary="edited" if view else "added")
            _report_role(view, after, as_json)
            return
        if options:
            from workbench.domain.org import starter_role

            values = role_changes(
                view.role if view is not None else starter_role(), title=title,
                purpose=purpose, add_responsibility=add_responsibility or (),
                remove_responsibility=remove_responsibility or (),
                add_skill=add_skill or (), remove_skill=remove_skill or (),
                add_stack=add_stack or (), remove_stack=remove_stack or ())
            with each_problem(None, "nothing was saved"), named_by_option(ROLE_OPTION_OF):
                after = wb.organisation.change_role(ws.id, values, expected_version=current)
            _report_role(view, after, as_json)
            return
        if view is None:
            after = wb.organisation.new_role(ws.id)
            _report_role(None, after, as_json)
            return
    _edit_role(view, ws.name, as_json)


def _report_role(before: RoleView | None, after: RoleView, as_json: bool) -> None:
    changed = before is None or after.version != before.version
    if as_json:
        print_json({**role_json(after), "created": before is None, "changed": changed})
        return
    if before is None:
        lines = wrapped(f"Started the SRE role description from the book's role: "
                        f"{len(after.role.responsibilities)} responsibilities, "
                        f"{len(after.role.skills)} skills (version {after.version})")
    elif not changed:
        typer.echo("Nothing changed in the SRE role description; nothing saved")
        return
    else:
        lines = wrapped(f"Saved the SRE role description: {after.state.describe()} (version "
                        f"{after.version})")
    echo_lines(lines + missing_line(after.missing))


def _edit_role(view: RoleView, workspace: str | None, as_json: bool) -> None:
    from workbench.export.org_yaml import read_role_file, role_document

    def save(role: SreRole) -> RoleView:
        with service(workspace) as (wb, ws):
            return wb.organisation.save_role(ws.id, role, expected_version=view.version)

    after = edit_in_editor(role_document(view.role), label="sre-role", what="the role",
                           load_with="workbench org role", read=read_role_file, save=save)
    if after is None:
        if as_json:
            print_json({**role_json(view), "created": False, "changed": False})
            return
        typer.echo("No change made in the editor; the SRE role description stays as it was")
        return
    _report_role(view, after, as_json)


# --- the lifecycle -----------------------------------------------------------------------------


def _which(product: str | None, role: bool) -> tuple[str, str]:
    """(kind, reference) of the document a lifecycle command is about."""
    if role and product is not None:
        raise UsageError("--role and --product name different documents; give one of them")
    if role:
        return ROLE_KIND, ROLE_REF
    return DECISION_KIND, _ref(product)


@app.command("agree")
def agree_cmd(
    product: ProductOpt = None,
    role: RoleFlag = False,
    by: documents.ByOpt = None,
    require: documents.RequireOpt = None,
    on: documents.SignDateOpt = None,
    comment: documents.CommentOpt = "",
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Sign the decision (or, with --role, the SRE role description) off: record who agrees
    (--by NAME:ROLE). It is agreed once every required party has signed: the executive,
    development and operations for a decision, the executive and human resources for the
    role, unless it names others. A document with missing parts cannot be agreed."""
    kind, ref = _which(product, role)
    documents.agree(kind, ref, by=by, require=require, on=on, comment=comment,
                    version=version, as_json=as_json, workspace=workspace)


@app.command("reopen")
def reopen_cmd(
    product: ProductOpt = None,
    role: RoleFlag = False,
    reason: documents.ReasonOpt = None,
    version: documents.VersionOpt = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Make the agreed decision (or, with --role, the SRE role description) a draft again,
    with the reason in its history; the agreed revision stays in force until it is agreed
    again."""
    kind, ref = _which(product, role)
    documents.reopen(kind, ref, reason=reason, version=version, as_json=as_json,
                     workspace=workspace)


@app.command("history")
def history_cmd(
    product: ProductOpt = None,
    role: RoleFlag = False,
    diff: Annotated[
        tuple[str, str] | None,
        typer.Option("--diff", metavar="A B", help="Show what changed from revision A to "
                     "revision B, part by part."),
    ] = None,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Every revision of the decision (or, with --role, of the SRE role description) and
    where it stands now; with --diff A B, what changed between two revisions."""
    kind, ref = _which(product, role)
    documents.history(kind, ref, diff=diff, as_json=as_json, workspace=workspace)


# --- files -------------------------------------------------------------------------------------


@app.command("export")
def export_cmd(
    product: ProductOpt = None,
    role: RoleFlag = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="md|yaml", help="md (the wiki page: the "
                          "choice and why, the comparison, the sizing; or the role) or yaml "
                          "(native, re-importable with workbench org import).")
    ] = "md",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="DIR", show_default=False,
                                  help="Write into this folder (created) instead of "
                                       "printing: the document chosen, or every decision "
                                       "and the role when none is chosen.")
    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Print the organisation's decision (or a product's, or with --role the SRE role
    description) as Markdown for the wiki or as native YAML, or write it into --out as
    decision.md, decision-<product>.md or sre-role.md. Documents hold their current text (a
    draft while one is edited)."""
    chosen = export_format(fmt)
    folder = check_out_folder(out)
    _which(product, role)
    every = folder is not None and product is None and not role
    with service(workspace) as (wb, ws):
        files: list[tuple[str, str]] = []
        if every:
            overview = wb.organisation.overview(ws.id)
            if not overview.decisions and overview.role is None:
                raise NotFoundError(f"{ws.name} has no organisation decision or SRE role "
                                    "yet; record one with: workbench org decide",
                                    topic=DECISION_KIND)
            names = _decision_names([d.decision.product for d in overview.decisions])
            files += [(f"{n}.{chosen}", _decision_text(d, chosen, ws.name))
                      for d, n in zip(overview.decisions, names, strict=True)]
            if overview.role is not None:
                files.append((f"sre-role.{chosen}", _role_text(overview.role, chosen,
                                                               ws.name)))
        elif role:
            files.append((f"sre-role.{chosen}", _role_text(_role_view(wb, ws.id), chosen,
                                                           ws.name)))
        else:
            view = wb.organisation.decision(ws.id, _product(product))
            [name] = _decision_names([view.decision.product])
            files.append((f"{name}.{chosen}", _decision_text(view, chosen, ws.name)))
    if folder is None:
        text = files[0][1]
        typer.echo(text, nl=not text.endswith("\n"))
        return
    written = [write_document(folder, name, text) for name, text in files]
    for path in written:
        typer.echo(str(path))
    typer.echo(f"Wrote {plural(len(written), 'file')} to {folder}", err=True)


def _decision_names(products: list[str | None]) -> list[str]:
    """The file names ``workbench export`` gives the decisions (without the extension)."""
    from workbench.export.exporters.organisation import decision_names

    return decision_names(products)


def _decision_text(view: DecisionView, fmt: str, workspace: str) -> str:
    if fmt == "yaml":
        from workbench.export.org_yaml import decision_document

        return decision_document(view.decision)
    from workbench.export.org_markdown import render_decision

    return render_decision(view, workspace_name=workspace)


def _role_text(view: RoleView, fmt: str, workspace: str) -> str:
    if fmt == "yaml":
        from workbench.export.org_yaml import role_document

        return role_document(view.role)
    from workbench.export.org_markdown import render_role

    return render_role(view, workspace_name=workspace)


def _read_org_file(path: Path) -> OrgDecision | SreRole:
    """The decision or the role in ``path``, by the file's ``kind`` (anything else is read as
    a decision, whose reader says what the kind should be)."""
    from workbench.export import org_yaml
    from workbench.export.file_problems import parse_document
    from workbench.files import read_text_file

    source = str(path).strip()
    text = read_text_file(path, max_bytes=org_yaml.MAX_BYTES,
                          what="an organisation decision or SRE role YAML file")
    data, tree = parse_document(text, source, max_bytes=org_yaml.MAX_BYTES,
                                max_depth=org_yaml.MAX_DEPTH, max_nodes=org_yaml.MAX_NODES,
                                error=org_yaml.DecisionFileError,
                                advice="check that this is an organisation decision or role")
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind == org_yaml.ROLE_KIND:
        return org_yaml.read_role_file(text, source)
    if kind is not None and kind != org_yaml.DECISION_KIND:
        from workbench.domain.yaml_doc import DocProblem

        raise org_yaml.DecisionFileError([DocProblem(
            "kind", f"is {kind!r}; an organisation decision has kind: "
            f"{org_yaml.DECISION_KIND}, the SRE role kind: {org_yaml.ROLE_KIND}",
            tree.lines.get("kind"))], source)
    return org_yaml.read_decision_file(text, source)


@app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="An organisation decision or "
                                         "the SRE role in native YAML (from: workbench org "
                                         "export --format yaml).")],
    dry_run: DryRunOpt = False,
    as_json: JsonOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Create the decision (or the SRE role description) in FILE, or make it a new revision
    of the stored one; which it is comes from the file's kind. The whole file is checked
    first; any problem stops the import with nothing saved. Importing into an agreed
    document starts a new draft; the agreed revision stays in force until it is agreed."""
    from workbench.domain.org import SreRole

    document = load_file(file, _read_org_file, nothing="nothing was imported")
    is_role = isinstance(document, SreRole)
    with service(workspace) as (wb, ws), each_problem(str(file), "nothing was imported"):
        if is_role:
            result = wb.organisation.import_role(ws.id, document, dry_run=dry_run)
        else:
            result = wb.organisation.import_decision(ws.id, document, dry_run=dry_run)
    view = result.view
    if as_json:
        shown = role_json(view) if is_role else decision_json(view)
        print_json({"file": str(file), "dry_run": dry_run, "kind": view.kind,
                    "created": result.created, "changed": result.changed,
                    "written": result.changed and not dry_run,
                    "role" if is_role else "decision": shown})
        return
    label = "the SRE role description" if is_role else _decision_label(view.decision)
    if not result.changed:
        typer.echo(printable(f"{file} matches {label} of {ws.name}; nothing to import"))
        return
    typer.echo(import_line(file, ws.name, label, created=result.created,
                           in_force=view.in_force_number, version=view.version,
                           dry_run=dry_run))
    echo_lines(missing_line(view.missing, "Missing before it can be agreed"))
    if dry_run:
        typer.echo("Nothing was written (dry run).")
