"""Error budget policy: the typed document (``model``), its checks (``check``), the evaluator
(``evaluate``), figures from stored counts (``figures``) and the CI gate's decision
(``gate``). Pure: no I/O."""

from workbench.domain.policy.check import check_policy
from workbench.domain.policy.evaluate import (
    CLOSE_SHARE,
    AppliedConsequence,
    ConditionResult,
    Evaluation,
    Outcome,
    SloFigures,
    WindowFigures,
    check_condition,
    evaluate,
    in_scope,
)
from workbench.domain.policy.figures import earlier_days, figures_from_counts, policy_windows
from workbench.domain.policy.gate import (
    DEFAULT_MAX_AGE,
    DEFAULT_THRESHOLD,
    GateCode,
    GateDecision,
    decide,
    invalid,
)
from workbench.domain.policy.model import (
    COMMON_ACTIVITIES,
    COMMON_ALLOWED,
    COMMON_STOPPED,
    DEFAULT_POLICY_PARTIES,
    ENDS_TITLES,
    TRIGGER_TITLES,
    Action,
    Code,
    Condition,
    Consequence,
    Contact,
    Ends,
    MissingPart,
    Policy,
    PolicyError,
    PolicyProblems,
    Trigger,
    duration_text,
    make_policy,
    missing_parts,
    parse_window,
    policy_values,
    read_policy,
)
from workbench.domain.policy.starter import starter_policy

__all__ = [
    "CLOSE_SHARE", "COMMON_ACTIVITIES", "COMMON_ALLOWED", "COMMON_STOPPED", "DEFAULT_MAX_AGE",
    "DEFAULT_POLICY_PARTIES", "DEFAULT_THRESHOLD", "ENDS_TITLES", "TRIGGER_TITLES", "Action",
    "AppliedConsequence", "Code", "Condition", "ConditionResult", "Consequence", "Contact",
    "Ends", "Evaluation", "GateCode", "GateDecision", "MissingPart", "Outcome", "Policy",
    "PolicyError", "PolicyProblems", "SloFigures", "Trigger", "WindowFigures",
    "check_condition", "check_policy", "decide", "duration_text", "earlier_days", "evaluate",
    "figures_from_counts", "in_scope", "invalid", "make_policy", "missing_parts",
    "parse_window", "policy_values", "policy_windows", "read_policy", "starter_policy",
]
