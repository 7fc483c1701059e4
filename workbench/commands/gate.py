"""``workbench gate``: the reliability gate for a deploy pipeline. It answers "may this
deploy go out?" from an error budget policy and the budget status of the SLOs it covers,
with an exit code a pipeline can branch on and one line saying why.

Two ways to run it:

- ``--policy POLICY.yaml --status STATUS.json``: both from files (no database), e.g. a policy
  kept in the repository and a status file written by the monitoring job;
- ``--service NAME``: against the store, with the agreed policies in force that cover the
  service (a service no agreed policy covers is checked against the threshold only).

Exit codes (the domain's ``GateCode``; the first that applies wins, in the order 5, 4, 3, 1):

====  ==========================================================================================
0     pass
1     an SLO in scope has strictly less budget left than ``--threshold`` percent (default 5)
2     usage error: bad options, both or neither of ``--policy`` and ``--service``, an option
      value that cannot be read
3     a freeze of the policy is in force
4     status data missing: the status file is missing or invalid, an SLO in scope has no
      figures, or the data is older than ``--max-age`` (default 24h)
5     the policy or the configuration is invalid (the policy file, an unknown service, no
      database or workspace)
====  ==========================================================================================

Decisions:
- The rules are the domain's (``workbench.domain.policy.decide``, ``evaluate``,
  ``in_scope``): this module only reads the options and the files and prints the decision.
- stdout gets exactly one line, the decision's reason (or, with ``--json``, the whole
  decision). Problems of a file go to stderr, one line each (``FILE:LINE: path: message``),
  so a pipeline log shows every problem while scripts read stdout. A usage error (2) prints
  its ``error:`` line on stderr only, like every other command.
- Exit 1 means "budget too low" and nothing else: errors that would exit 1 elsewhere (an
  unknown service, no workspace, no database) are configuration problems here and exit 5,
  and so is an unexpected failure (its traceback goes to stderr), which Python would
  otherwise report with exit 1.
- The age of a status file is the clock (``WORKBENCH_NOW``, else the system's) minus its
  ``generated_at``; a file that does not say when it was made counts as missing data (4).
  With ``--service`` the service decides the age from the days of counts it holds.
- In JSON every figure is a decimal string (``"4.999"``), never a float; counts are integers.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from workbench.commands.common import (
    WorkspaceOpt,
    error_line,
    file_problem_lines,
    now,
    print_json,
    printable,
    service,
    today,
)
from workbench.errors import UsageError, WorkbenchError

if TYPE_CHECKING:
    from workbench.domain.policy import (
        AppliedConsequence,
        ConditionResult,
        Evaluation,
        GateDecision,
        Policy,
        SloFigures,
    )

app = typer.Typer(rich_markup_mode=None, add_completion=False)

THRESHOLD_HELP = ("Fail (exit 1) when an SLO in scope has strictly less than this percentage "
                  "of its period's budget left, e.g. 5 or 2.5 (0 to 100).")
MAX_AGE_HELP = ("Fail (exit 4) when the status data is older than this, e.g. 24h, 90m, 2d "
                "(m, h, d or w).")

EPILOG = ("Exit codes: 0 pass; 1 remaining budget below the threshold; 2 usage error; "
          "3 a freeze of the policy is in force; 4 status data missing, invalid or older "
          "than --max-age; 5 the policy or configuration is invalid.")


# --- reading the options -----------------------------------------------------------------------


def parse_threshold(text: str, option: str = "--threshold") -> Decimal:
    """A percentage from 0 to 100 (``5``, ``2.5``, ``5%``) or a one-line UsageError."""
    raw = text.strip().removesuffix("%").strip()
    number = None
    if raw and len(raw) <= 20 and raw.isascii() and not raw.startswith(("+", "-")):
        try:
            number = Decimal(raw)
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        raise UsageError(f"{option} {text!r} is not a number; give a percentage, e.g. 5")
    if not Decimal(0) <= number <= Decimal(100):
        raise UsageError(f"{option} {text} is out of range; give a percentage from 0 to 100")
    return number


def parse_age(text: str, option: str = "--max-age") -> timedelta:
    """A span such as ``24h``, ``90m``, ``2d`` or ``1w`` (more than zero)."""
    from workbench.domain.policy import parse_window

    span = parse_window(text)
    if span is None:
        raise UsageError(f"{option} {text!r} is not a span of time; write a number and m, h, "
                         "d or w, e.g. 24h")
    if span <= timedelta(0):
        raise UsageError(f"{option} {text} must be more than zero, e.g. 24h")
    return span


# --- JSON shapes (shared with ``workbench policy evaluate``) -----------------------------------


def number(value: Decimal | None) -> str | None:
    """A figure as a decimal string (at most 6 decimals, rounded half-up), or None."""
    from workbench.domain.slo import decimal_text

    return None if value is None else decimal_text(value)


def span_text(span: timedelta | None) -> str | None:
    from workbench.domain.policy import duration_text

    return None if span is None else duration_text(span)


def figures_json(fig: SloFigures) -> dict[str, Any]:
    from workbench.domain.policy.evaluate import decimal

    return {
        "slo": fig.slo, "service": fig.service, "target": number(fig.target),
        "total": fig.total, "bad": fig.bad,
        "budget_events": number(decimal(fig.budget_events)),
        "consumed": number(decimal(fig.consumed)),
        "remaining": number(decimal(fig.remaining)),
        "burn_rate": number(decimal(fig.burn_rate())),
        "period_start": fig.period_start.isoformat() if fig.period_start else None,
        "period_end": fig.period_end.isoformat() if fig.period_end else None,
        "windows": [{"window": span_text(w.window), "total": w.total, "bad": w.bad}
                    for w in fig.windows],
    }


def result_json(result: ConditionResult) -> dict[str, Any]:
    return {"condition": result.condition, "slo": result.slo, "outcome": result.outcome.value,
            "figure": number(result.figure), "threshold": number(result.threshold),
            "unit": result.unit, "explanation": result.explanation,
            "dependency": result.dependency or None}


def consequence_json(applied: AppliedConsequence) -> dict[str, Any]:
    cons = applied.consequence
    return {"condition": applied.condition, "action": cons.action.value,
            "description": cons.describe(), "activity": cons.activity or None,
            "people": cons.people, "share": number(cons.share),
            "allowed": list(cons.allowed), "code": cons.code.value if cons.code else None,
            "detail": cons.detail, "ends": cons.ends.value, "freeze": cons.freeze,
            "slos": list(applied.slos), "carried": applied.carried}


def evaluation_json(evaluation: Evaluation | None) -> dict[str, Any]:
    """What fired and what applies; the same keys (empty) when there is no evaluation."""
    if evaluation is None:
        return {"policy": None, "in_scope": [], "missing": [], "conditions": [],
                "fired": [], "close": [], "consequences": [], "freeze": False, "stopped": [],
                "allowed": [], "lowest": None}
    lowest = evaluation.lowest
    return {
        "policy": evaluation.policy.name,
        "in_scope": list(evaluation.in_scope),
        "missing": list(evaluation.missing),
        "conditions": [result_json(r) for r in evaluation.results],
        "fired": list(evaluation.fired),
        "close": list(dict.fromkeys(r.condition for r in evaluation.close)),
        "consequences": [consequence_json(a) for a in evaluation.applied],
        "freeze": evaluation.freeze,
        "stopped": list(evaluation.stopped),
        "allowed": list(evaluation.allowed),
        "lowest": None if lowest is None else {"slo": lowest[0],
                                               "remaining": number(lowest[1])},
    }


def decision_json(decision: GateDecision, **extra: Any) -> dict[str, Any]:
    """The whole decision: code, reason, threshold, the evaluation, figures and problems."""
    return {
        "code": int(decision.code),
        "result": decision.code.name.lower().replace("_", "-"),
        "passed": decision.passed,
        "reason": decision.reason,
        "threshold": number(decision.threshold),
        **extra,
        **evaluation_json(decision.evaluation),
        "slos": [figures_json(f) for f in decision.figures],
        "below": [{"slo": slo, "remaining": number(left)} for slo, left in decision.below],
        "problems": list(decision.problems),
    }


# --- the command --------------------------------------------------------------------------------


class _Stop(Exception):
    """A decision reached before the evaluation (invalid policy, missing status data), with
    the lines to print on stderr first."""

    def __init__(self, decision: GateDecision, lines: list[str]) -> None:
        super().__init__(decision.reason)
        self.decision = decision
        self.lines = lines


def _load_policy(path: Path, threshold: Decimal) -> Policy:
    """The policy file read and checked whole (its reader runs the domain's checks), or a
    stop with exit 5 and every problem."""
    from workbench.domain.policy import invalid
    from workbench.export.policy_yaml import read_policy_path

    try:
        return read_policy_path(path)
    except UsageError as exc:
        lines = file_problem_lines(exc)
        raise _Stop(invalid(lines, threshold), lines) from None


def _no_data(reason: str, lines: list[str], threshold: Decimal) -> _Stop:
    from workbench.domain.policy import GateCode, GateDecision

    return _Stop(GateDecision(GateCode.NO_DATA, reason, threshold, problems=tuple(lines)), lines)


def _age(generated_at: datetime | None, path: Path, threshold: Decimal) -> timedelta:
    from datetime import UTC

    if generated_at is None:
        line = f"{path}: generated_at: is missing; say when the status was computed"
        raise _no_data(f"no status data: {path} does not say when it was generated", [line],
                       threshold)
    if generated_at.tzinfo is None or generated_at.utcoffset() is None:
        generated_at = generated_at.replace(tzinfo=UTC)
    return now() - generated_at


def _from_files(policy_file: Path, status_file: Path, threshold: Decimal,
                max_age: timedelta) -> tuple[GateDecision, dict[str, Any]]:
    from workbench.domain.policy import decide, evaluate, in_scope
    from workbench.export.status_file import read_status_path

    policy = _load_policy(policy_file, threshold)
    try:
        status = read_status_path(status_file)
    except UsageError as exc:
        lines = file_problem_lines(exc)
        more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
        raise _no_data(f"no status data: {lines[0]}{more}", lines, threshold) from None
    age = _age(status.generated_at, status_file, threshold)
    figures = tuple(status.figures)
    evaluation = evaluate(policy, figures, fired_earlier=tuple(status.fired_earlier or ()))
    decision = decide(in_scope(policy, figures), evaluation, threshold=threshold, age=age,
                      max_age=max_age, scope=f"policy {policy.name}")
    generated = status.generated_at
    return decision, {"generated_at": generated.isoformat() if generated else None,
                      "age": span_text(age) if age >= timedelta(0) else None}


def _from_store(name: str, threshold: Decimal, max_age: timedelta,
                workspace: str | None) -> tuple[GateDecision, dict[str, Any]]:
    with service(workspace) as (wb, ws):
        decision = wb.policies.gate(ws.id, name, as_of=today(), threshold=threshold,
                                    max_age=max_age)
    return decision, {"workspace": ws.name}


@app.command("gate", epilog=EPILOG)
def gate(
    policy: Annotated[
        Path | None, typer.Option("--policy", metavar="POLICY.yaml", help="The error budget "
                                  "policy as native YAML (from: workbench policy export NAME "
                                  "--format yaml). Needs --status.", show_default=False)
    ] = None,
    status: Annotated[
        Path | None, typer.Option("--status", metavar="STATUS.json", help="The budget status "
                                  "of the SLOs, JSON or YAML (format: see the README).",
                                  show_default=False)
    ] = None,
    service_name: Annotated[
        str | None, typer.Option("--service", metavar="NAME", help="Check a service against "
                                 "the store instead: the agreed policies in force that cover "
                                 "it and its SLOs' counts (no files).", show_default=False)
    ] = None,
    threshold: Annotated[str, typer.Option("--threshold", metavar="PERCENT",
                                           help=THRESHOLD_HELP)] = "5",
    max_age: Annotated[str, typer.Option("--max-age", metavar="SPAN", help=MAX_AGE_HELP)]
    = "24h",
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole decision as JSON "
                                          "(code, reason, conditions, figures, "
                                          "consequences) instead of one line.")] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """The reliability gate for a deploy pipeline: exit 0 when the deploy may go out, else
    a code that says why (see below), with one line on stdout giving the reason."""
    from workbench.domain.policy import GateCode, invalid

    try:
        if policy is not None and service_name is not None:
            raise UsageError("--policy and --service exclude each other: check the files "
                             "(--policy with --status) or the store (--service), not both")
        if policy is None and service_name is None:
            raise UsageError("say what to check: --policy POLICY.yaml --status STATUS.json, "
                             "or --service NAME")
        if policy is not None and status is None:
            raise UsageError("--policy needs --status STATUS.json: the budget status to check "
                             "the policy against")
        if service_name is not None and status is not None:
            raise UsageError("--status goes with --policy; --service reads the status from "
                             "the store")
        if workspace is not None and policy is not None:
            raise UsageError("--workspace goes with --service; --policy and --status need no "
                             "database")
        limit = parse_threshold(threshold)
        oldest = parse_age(max_age)
        now()  # an unreadable WORKBENCH_NOW is a usage error, before any file is read
    except UsageError as exc:
        typer.echo(error_line(exc), err=True)
        raise typer.Exit(int(GateCode.USAGE)) from None
    lines: list[str] = []
    if policy is not None and status is not None:
        extra: dict[str, Any] = {"policy_file": str(policy), "status_file": str(status),
                                 "generated_at": None, "age": None}
    else:
        extra = {"service": service_name, "workspace": workspace, "as_of": today().isoformat()}
    extra["max_age"] = span_text(oldest)
    try:
        if policy is not None and status is not None:
            decision, found = _from_files(policy, status, limit, oldest)
        else:
            assert service_name is not None
            decision, found = _from_store(service_name, limit, oldest, workspace)
        extra.update(found)
    except _Stop as stop:
        decision, lines = stop.decision, stop.lines
    except WorkbenchError as exc:
        # No database, no workspace, an unknown service: the configuration is wrong. Exit 1
        # is kept for "budget too low".
        lines = [error_line(exc)]
        decision = invalid([printable(" ".join(str(exc).split()))], limit)
    except Exception as exc:  # a crash must not read as "budget too low" (exit 1)
        import traceback

        lines = [*traceback.format_exc().rstrip().splitlines(),
                 f"error: the gate failed unexpectedly: {type(exc).__name__}: {exc}"]
        decision = invalid([printable(f"the gate failed unexpectedly: {type(exc).__name__}: "
                                      f"{' '.join(str(exc).split())}")], limit)
    for line in lines:
        typer.echo(line, err=True)
    if as_json:
        print_json(decision_json(decision, **extra))
    else:
        typer.echo(printable(" ".join(decision.reason.split())))
    raise typer.Exit(int(decision.code))
